import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, type JWK } from 'jose';
import { ed25519PrivateKeyObject } from '../../../src/credentials/ed25519-signer.js';
import { publicKeyJwk } from '../../../src/credentials/issuer-keys.js';
import { signVcJwt, verifyVcJwt } from '../../../src/credentials/sign-jwt.js';
import { acme, buildCredential, globex, NOW, statusChecker, validateWithOfficialSchema } from './fixtures.js';

const kid = `${acme.did}#key-1`;
const jwks = { keys: [{ ...publicKeyJwk(acme.keyPair.publicKeyMultibase), kid, alg: 'EdDSA', use: 'sig' }] };
const resolveJwk = (k: string): JWK | null => jwks.keys.find((key) => key.kid === k) ?? null;
const jwt = await signVcJwt({ credential: buildCredential(), kid, ...acme.keyPair });
const verify = (token: string, now = NOW) => verifyVcJwt({ jwt: token, resolveJwk, now, checkStatus: statusChecker() });

describe('VC-JWT', () => {
  it('signs a compact JWS with EdDSA, typ vc+jwt and the kid; the payload is the credential plus registered claims', () => {
    expect(jwt.split('.')).toHaveLength(3);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', kid });
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const credential = buildCredential();
    expect(payload).toEqual({ ...credential, iss: acme.did, jti: credential.id, nbf: Date.parse('2026-11-02T10:00:00Z') / 1000, exp: Date.parse('2028-11-02T10:00:00Z') / 1000 });
    expect(validateWithOfficialSchema(payload)).toBe(true);
  });

  it('makes exactly the token jose makes for the same header and claims (Ed25519 is deterministic)', async () => {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const byJose = await new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid }).sign(ed25519PrivateKeyObject(acme.keyPair));
    expect(jwt).toBe(byJose);
  });

  it('verifies with jose against a JWKS built from publicKeyJwk', async () => {
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), { currentDate: NOW, typ: 'vc+jwt', algorithms: ['EdDSA'], issuer: acme.did });
    expect(protectedHeader.kid).toBe(kid);
    expect(payload.credentialSubject).toEqual(buildCredential().credentialSubject);
  });

  it('verifyVcJwt passes every check for a good token and returns the credential', async () => {
    const result = await verify(jwt);
    expect(result.verified).toBe(true);
    expect(result.checks.map((c) => c.check)).toEqual(['signature', 'issuer', 'validity', 'status', 'schema']);
    expect(result.credential?.id).toBe(buildCredential().id);
  });

  it('fails the signature on a tampered payload or signature, or the wrong key', async () => {
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as { credentialSubject: { name: string } };
    payload.credentialSubject.name = 'Mallory';
    const tampered = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
    for (const token of [tampered, [h, p, (s[0] === 'A' ? 'B' : 'A') + s.slice(1)].join('.'), 'not.a.jwt', '']) {
      const result = await verify(token);
      expect(result.verified).toBe(false);
      expect(result.checks[0]).toMatchObject({ check: 'signature', ok: false });
    }
    const wrongKey = await signVcJwt({ credential: buildCredential(), kid, ...globex.keyPair });
    expect((await verify(wrongKey)).checks[0]).toMatchObject({ check: 'signature', ok: false });
  });

  it('still runs the other checks on a credential whose signature fails, as for Data Integrity proofs', async () => {
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const expired = [h, Buffer.from(JSON.stringify({ ...payload, validUntil: '2026-11-01T00:00:00Z' })).toString('base64url'), s].join('.');
    const result = await verify(expired);
    expect(result.verified).toBe(false);
    expect(result.checks.map((c) => [c.check, c.ok])).toEqual([['signature', false], ['issuer', true], ['validity', false], ['status', true], ['schema', true]]);
    expect(result.credential?.validUntil).toBe('2026-11-01T00:00:00Z');
    // A payload that is not JSON leaves nothing else to check.
    expect((await verify([h, Buffer.from('not json').toString('base64url'), s].join('.'))).checks).toEqual([expect.objectContaining({ check: 'signature', ok: false })]);
  });

  it('fails issuer when the kid is unknown or belongs to another tenant', async () => {
    const unknown = await verifyVcJwt({ jwt, resolveJwk: () => null, now: NOW });
    expect(unknown.checks).toContainEqual({ check: 'issuer', ok: false, detail: 'issuer not resolvable' });
    const crossTenant = await signVcJwt({ credential: buildCredential(globex), kid, ...acme.keyPair });
    const result = await verify(crossTenant);
    expect(result.verified).toBe(false);
    expect(result.checks.find((c) => c.check === 'issuer')?.ok).toBe(false);
    expect(result.checks.find((c) => c.check === 'signature')?.ok).toBe(true);
  });

  it('fails validity when expired or not yet valid', async () => {
    expect((await verify(jwt, new Date('2028-11-02T10:00:00Z'))).checks.find((c) => c.check === 'validity')?.ok).toBe(false);
    expect((await verify(jwt, new Date('2026-11-01T00:00:00Z'))).checks.find((c) => c.check === 'validity')?.ok).toBe(false);
  });

  it('refuses to sign credentials that already carry a proof or lack an issuer', async () => {
    await expect(signVcJwt({ credential: { ...buildCredential(), proof: [] }, kid, ...acme.keyPair })).rejects.toThrow(TypeError);
    await expect(signVcJwt({ credential: { id: 'urn:x:1' }, kid, ...acme.keyPair })).rejects.toThrow(TypeError);
  });
});
