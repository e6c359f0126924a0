import { afterAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeProtectedHeader } from 'jose';
import { registerContext } from '../../../src/credentials/document-loader.js';
import { signCredential } from '../../../src/credentials/sign-data-integrity.js';
import { verifyVcJwt } from '../../../src/credentials/sign-jwt.js';
import { createSignerPool } from '../../../src/credentials/signer-pool.js';
import { verifyCredential } from '../../../src/credentials/verify-credential.js';
import { publicKeyJwk } from '../../../src/credentials/issuer-keys.js';
import { acme, buildCredential, documentLoader, ISSUED_AT, NOW, statusChecker } from './fixtures.js';

const pool = createSignerPool({ size: 2 });
afterAll(() => pool.close());

describe('signer pool (worker threads, from TypeScript sources)', () => {
  it('signs Data Integrity credentials identical to in-thread signing, which verify', async () => {
    const credentials = Array.from({ length: 20 }, (_, i) => buildCredential(acme, { id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
    const signed = await Promise.all(credentials.map((credential) => pool.signCredential({ credential, key: acme.key, created: ISSUED_AT })));
    expect(pool.size).toBe(2);
    expect(signed[0]).toEqual(await signCredential({ credential: credentials[0]!, key: acme.key, documentLoader, created: ISSUED_AT }));
    for (const credential of signed) {
      expect(credential.proof).toHaveLength(1);
      expect((await verifyCredential({ credential, documentLoader, now: NOW, checkStatus: statusChecker() })).verified).toBe(true);
    }
  });

  it('signs VC-JWTs', async () => {
    const kid = `${acme.key.verificationMethod}`;
    const jwt = await pool.signVcJwt({ credential: buildCredential(), kid, ...acme.keyPair });
    expect(decodeProtectedHeader(jwt).kid).toBe(kid);
    const result = await verifyVcJwt({ jwt, resolveJwk: () => publicKeyJwk(acme.keyPair.publicKeyMultibase), now: NOW, checkStatus: statusChecker() });
    expect(result.verified).toBe(true);
  });

  it('signs both forms of one credential in one job, serialised exactly as stored', async () => {
    const credential = buildCredential();
    const { credentialJson, jwt } = await pool.signForIssuance({ credential, key: acme.key, created: ISSUED_AT });
    expect(credentialJson).toBe(JSON.stringify(await signCredential({ credential, key: acme.key, documentLoader, created: ISSUED_AT })));
    expect(decodeProtectedHeader(jwt).kid).toBe(acme.key.verificationMethod);
    const result = await verifyVcJwt({ jwt, resolveJwk: () => publicKeyJwk(acme.keyPair.publicKeyMultibase), now: NOW, checkStatus: statusChecker() });
    expect(result.verified).toBe(true);
  });

  it('propagates errors with their type, and contexts registered after start', async () => {
    await expect(pool.signCredential({ credential: buildCredential(), key: { ...acme.key, secretKeyMultibase: 'zbad' } })).rejects.toThrow(TypeError);
    const url = 'https://credence.test/contexts/pool-test-v1.jsonld';
    const credential = { ...buildCredential(), '@context': [...buildCredential()['@context'], url], poolNote: 'hello' };
    await expect(pool.signCredential({ credential, key: acme.key, created: ISSUED_AT })).rejects.toThrow();
    registerContext(url, { '@context': { '@protected': true, poolNote: 'https://credence.test/vocab#poolNote' } });
    const signed = await pool.signCredential({ credential, key: acme.key, created: ISSUED_AT });
    expect(signed).toEqual(await signCredential({ credential, key: acme.key, documentLoader, created: ISSUED_AT }));
  });

  it('runs its threads at the requested nice value, leaving the calling thread as it was (Linux)', async () => {
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value.
    const niceOf = (task: string) => Number(readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const before = readdirSync('/proc/self/task').filter((task) => niceOf(task) === 7).length;
    const niced = createSignerPool({ size: 2, niceness: 7 });
    try {
      // Two jobs at once: one per thread, so both threads have started and lowered themselves.
      await Promise.all([1, 2].map(() => niced.signVcJwt({ credential: buildCredential(), kid: acme.key.verificationMethod, ...acme.keyPair })));
      expect(readdirSync('/proc/self/task').filter((task) => niceOf(task) === 7).length - before).toBe(2);
      expect(niceOf(String(process.pid))).toBe(0);
    } finally {
      await niced.close();
    }
  });

  it('rejects jobs after close', async () => {
    const other = createSignerPool({ size: 1 });
    await other.close();
    await expect(other.signVcJwt({ credential: buildCredential(), kid: acme.key.verificationMethod, ...acme.keyPair })).rejects.toThrow('signer pool closed');
    expect(() => createSignerPool({ size: 0 })).toThrow(TypeError);
  });
});
