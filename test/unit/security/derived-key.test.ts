import { deriveKey } from '../../../src/security/derived-key.js';

const masterKey = Buffer.alloc(32, 7);

describe('deriveKey', () => {
  it('gives the same 32-byte key for the same master key and purpose, and independent keys otherwise', () => {
    const key = deriveKey(masterKey, 'credence/issuance-log-subject/tenant-a');
    expect(key).toHaveLength(32);
    expect(deriveKey(masterKey, 'credence/issuance-log-subject/tenant-a').equals(key)).toBe(true);
    expect(deriveKey(masterKey, 'credence/issuance-log-subject/tenant-b').equals(key)).toBe(false);
    expect(deriveKey(Buffer.alloc(32, 8), 'credence/issuance-log-subject/tenant-a').equals(key)).toBe(false);
    expect(key.equals(masterKey)).toBe(false);
  });
});
