import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { mintAccessToken, verifyAccessToken, type MintAccessTokenOptions } from '../../../src/oauth/access-tokens.js';
import type { TokenVerificationKey } from '../../../src/oauth/token-signing-key.js';

const ISSUER = 'https://credence.test';
const NOW = new Date('2026-11-02T10:00:00Z');
const { privateKey } = generateKeyPairSync('ed25519');
const verificationKey: TokenVerificationKey = { kid: 'k1', publicKey: createPublicKey(privateKey), retiredAt: null };
const mintOptions: MintAccessTokenOptions = {
  key: { kid: 'k1', privateKey },
  issuer: ISSUER,
  audience: ISSUER,
  clientId: 'crd_client_1',
  tenantId: 'tenant-1',
  scopes: ['courses:read', 'credentials:issue'],
  now: NOW,
  lifetimeSeconds: 3600,
};
const verify = (token: string, overrides: { now?: Date; key?: TokenVerificationKey; issuer?: string } = {}) =>
  verifyAccessToken(token, {
    findKey: (kid) => (kid === 'k1' ? (overrides.key ?? verificationKey) : undefined),
    issuer: overrides.issuer ?? ISSUER,
    now: overrides.now ?? NOW,
  });
const at = (secondsAfterNow: number) => new Date(NOW.getTime() + secondsAfterNow * 1000);

describe('access tokens', () => {
  it('verify to the client, tenant and scopes they were minted for', async () => {
    const token = await mintAccessToken(mintOptions);
    await expect(verify(token)).resolves.toEqual({ clientId: 'crd_client_1', tenantId: 'tenant-1', scopes: ['courses:read', 'credentials:issue'] });
  });

  it('expire after their lifetime, to the second', async () => {
    const token = await mintAccessToken(mintOptions);
    await expect(verify(token, { now: at(3599) })).resolves.toBeDefined();
    await expect(verify(token, { now: at(3600) })).rejects.toMatchObject({ code: 'invalid_token', status: 401, message: expect.stringMatching(/expired/) });
  });

  it('are refused by a server with another issuer, or for another audience', async () => {
    await expect(verify(await mintAccessToken(mintOptions), { issuer: 'https://other.test' })).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(verify(await mintAccessToken({ ...mintOptions, audience: 'https://api.other.test' }))).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it('from a retired key verify only if issued before it retired', async () => {
    const token = await mintAccessToken(mintOptions);
    await expect(verify(token, { key: { ...verificationKey, retiredAt: at(10).toISOString() } })).resolves.toBeDefined();
    await expect(verify(token, { key: { ...verificationKey, retiredAt: NOW.toISOString() } })).rejects.toMatchObject({ code: 'invalid_token' });
  });

  it.each([
    ['another typ', { alg: 'EdDSA', typ: 'JWT', kid: 'k1' }, {}],
    ['an unknown kid', { alg: 'EdDSA', typ: 'at+jwt', kid: 'k2' }, {}],
    ['a sub that is not the client', { alg: 'EdDSA', typ: 'at+jwt', kid: 'k1' }, { sub: 'someone-else' }],
    ['no tenant', { alg: 'EdDSA', typ: 'at+jwt', kid: 'k1' }, { tenant_id: undefined }],
  ])('with %s are refused', async (_case, header, changes) => {
    const claims = { iss: ISSUER, aud: ISSUER, sub: 'crd_client_1', client_id: 'crd_client_1', tenant_id: 'tenant-1', scope: 'courses:read', iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 60, jti: 'j', ...changes };
    const token = await new SignJWT(claims).setProtectedHeader(header).sign(privateKey);
    await expect(verify(token)).rejects.toMatchObject({ code: 'invalid_token', headers: { 'WWW-Authenticate': expect.stringContaining('error="invalid_token"') } });
  });

  it('ignore scope names outside the vocabulary', async () => {
    const token = await new SignJWT({ client_id: 'crd_client_1', tenant_id: 'tenant-1', scope: 'courses:read root' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'k1' })
      .setIssuer(ISSUER).setAudience(ISSUER).setSubject('crd_client_1').setIssuedAt(NOW).setExpirationTime(at(60)).setJti('j')
      .sign(privateKey);
    await expect(verify(token)).resolves.toMatchObject({ scopes: ['courses:read'] });
  });
});
