import { createHash } from 'node:crypto';
import { base58btcEncode } from '../../../src/credentials/multibase.js';
import { isMultibaseDigest, isSriDigest } from '../../../src/vc-api/resource-digests.js';

const digest = (algorithm: string) => createHash(algorithm).update('a related resource').digest();
const sri = (algorithm: string) => `${algorithm}-${digest(algorithm).toString('base64')}`;
const multihash = (code: number, algorithm: string) => Buffer.concat([Buffer.from([code, digest(algorithm).length]), digest(algorithm)]);

describe('isSriDigest', () => {
  it.each(['sha256', 'sha384', 'sha512'])('accepts a %s hash expression', (algorithm) => {
    expect(isSriDigest(sri(algorithm))).toBe(true);
  });

  it('accepts several space-separated expressions and an option suffix', () => {
    expect(isSriDigest(`${sri('sha256')} ${sri('sha512')}?ct=application/json`)).toBe(true);
  });

  it.each([
    ['a truncated digest', `sha384-${digest('sha384').subarray(0, 40).toString('base64')}`],
    ['a digest of another length than its algorithm', `sha256-${digest('sha384').toString('base64')}`],
    ['an algorithm SRI does not allow', `md5-${createHash('md5').update('x').digest('base64')}`],
    ['base64url instead of base64', sri('sha384').replace(/\+/g, '-').replace(/\//g, '_') + '-_'],
    ['no algorithm', digest('sha256').toString('base64')],
    ['an empty string', ''],
    ['a number', 42],
  ])('refuses %s', (_, value) => {
    expect(isSriDigest(value)).toBe(false);
  });
});

describe('isMultibaseDigest', () => {
  it('accepts base64url (u) and base58btc (z) multihashes of SHA-2 and SHA-3 digests', () => {
    expect(isMultibaseDigest(`u${multihash(0x12, 'sha256').toString('base64url')}`)).toBe(true);
    expect(isMultibaseDigest(`z${base58btcEncode(multihash(0x20, 'sha384'))}`)).toBe(true);
    expect(isMultibaseDigest(`u${multihash(0x16, 'sha3-256').toString('base64url')}`)).toBe(true);
  });

  it.each([
    ['a digest shorter than its header says', `u${multihash(0x12, 'sha256').subarray(0, 20).toString('base64url')}`],
    ['an unknown hash code', `u${Buffer.concat([Buffer.from([0x55, 32]), digest('sha256')]).toString('base64url')}`],
    ['a bare digest without multihash header', `u${digest('sha256').toString('base64url')}`],
    ['an unsupported multibase prefix', `m${multihash(0x12, 'sha256').toString('base64')}`],
    ['base58 text with a character outside the alphabet', 'z0OIl'],
    ['only a prefix', 'u'],
    ['not a string', null],
  ])('refuses %s', (_, value) => {
    expect(isMultibaseDigest(value)).toBe(false);
  });
});
