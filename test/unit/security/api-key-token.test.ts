import { mintApiKey, parseApiKey, secretMatchesHash } from '../../../src/security/api-key-token.js';

describe('API key tokens', () => {
  it('mints a key whose secret is only stored hashed, behind a visible prefix', () => {
    const key = mintApiKey('live');
    expect(key.token.startsWith(`${key.prefix}_`)).toBe(true);
    expect(key.prefix).toMatch(/^crd_live_[a-z0-9]{10}$/);
    expect(key.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.token).not.toContain(key.secretHash);
    const parsed = parseApiKey(key.token)!;
    expect(parsed.prefix).toBe(key.prefix);
    expect(secretMatchesHash(parsed.secret, key.secretHash)).toBe(true);
    expect(secretMatchesHash(parsed.secret + 'x', key.secretHash)).toBe(false);
  });

  it('mints unique keys', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => mintApiKey('usage').token));
    expect(tokens.size).toBe(100);
  });

  it.each(['', 'Bearer', 'crd_live_short_x', 'sk_live_0123456789_' + 'a'.repeat(43)])('rejects malformed token %p', (token) => {
    expect(parseApiKey(token)).toBeUndefined();
  });
});
