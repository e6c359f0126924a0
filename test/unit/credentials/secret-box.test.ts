import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { decryptSecret, decryptSecretRemembered, encryptSecret, parseMasterKey } from '../../../src/credentials/secret-box.js';

const masterKey = randomBytes(32);

describe('secret box', () => {
  it('round-trips with a random IV in a versioned compact form', () => {
    const secret = 'z3u2en7t5LR2WtQH5PfsqMhtFmEwFbLVpBMWpxuHmWmJsStL';
    const a = encryptSecret(masterKey, secret);
    const b = encryptSecret(masterKey, secret);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(decryptSecret(masterKey, a)).toBe(secret);
    expect(decryptSecret(masterKey, encryptSecret(masterKey, 'ünïcødé ✓'))).toBe('ünïcødé ✓');
  });

  it('throws on tampering, a wrong key or a malformed box', () => {
    const boxed = encryptSecret(masterKey, 'secret');
    const [v, iv, tag, ct] = boxed.split('.') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(() => decryptSecret(masterKey, [v, iv, tag, flip(ct)].join('.'))).toThrow('authentication failed');
    expect(() => decryptSecret(masterKey, [v, flip(iv), tag, ct].join('.'))).toThrow('authentication failed');
    expect(() => decryptSecret(masterKey, [v, iv, flip(tag), ct].join('.'))).toThrow('authentication failed');
    expect(() => decryptSecret(randomBytes(32), boxed)).toThrow('authentication failed');
    expect(() => decryptSecret(masterKey, ['v2', iv, tag, ct].join('.'))).toThrow('unsupported');
    expect(() => decryptSecret(masterKey, 'garbage')).toThrow('malformed');
    expect(() => encryptSecret(Buffer.alloc(16), 'x')).toThrow(TypeError);
  });

  it('parses master keys as 64 hex characters or base64 of 32 bytes', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString('hex'))).toEqual(key);
    expect(parseMasterKey(key.toString('hex').toUpperCase())).toEqual(key);
    expect(parseMasterKey(key.toString('base64'))).toEqual(key);
    expect(parseMasterKey(key.toString('base64url'))).toEqual(key);
    expect(parseMasterKey(` ${key.toString('hex')}\n`)).toEqual(key);
    expect(() => parseMasterKey('abc')).toThrow(TypeError);
    expect(() => parseMasterKey(randomBytes(16).toString('base64'))).toThrow(TypeError);
    expect(() => parseMasterKey(randomBytes(33).toString('hex'))).toThrow(TypeError);
  });

  it('remembers opened secrets per master key, and never opens a box under another key', () => {
    const masterKey = randomBytes(32);
    const boxed = encryptSecret(masterKey, 'webhook secret');
    expect(decryptSecretRemembered(masterKey, boxed)).toBe('webhook secret');
    expect(decryptSecretRemembered(masterKey, boxed)).toBe('webhook secret');
    expect(() => decryptSecretRemembered(randomBytes(32), boxed)).toThrow('authentication failed');
    expect(() => decryptSecretRemembered(masterKey, `${boxed.slice(0, -2)}AA`)).toThrow();
  });
});
