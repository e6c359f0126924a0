/**
 * Sign throughput of realistic (~1.6 KB) OB 3.0 credentials: stock pipeline, optimised
 * single thread, and through the worker pool. Run: `npx tsx bench/sign-throughput.ts [N]`.
 */
import { availableParallelism } from 'node:os';
import { buildAchievementCredential } from '../src/credentials/build-achievement-credential.js';
import { createDocumentLoader } from '../src/credentials/document-loader.js';
import { buildIssuerDidDocument, didWebForIssuer, generateSigningKey } from '../src/credentials/issuer-keys.js';
import { signCredential } from '../src/credentials/sign-data-integrity.js';
import { signVcJwt } from '../src/credentials/sign-jwt.js';
import { createSignerPool } from '../src/credentials/signer-pool.js';
import { verifyCredential } from '../src/credentials/verify-credential.js';

const N = Number(process.argv[2] ?? 4000);
const keyPair = await generateSigningKey();
const did = didWebForIssuer('https://credence.example', 'acme');
const didDocument = buildIssuerDidDocument({ did, keys: [{ keyId: 'key-1', ...keyPair }] });
const documentLoader = createDocumentLoader({ resolveDid: (d) => (d === did ? didDocument : null) });
const key = { verificationMethod: `${did}#key-1`, ...keyPair };
const created = new Date('2026-11-02T10:00:00Z');

const credential = (i: number) => buildAchievementCredential({
  id: `urn:uuid:7d1c1f1e-0000-4000-8000-${String(i).padStart(12, '0')}`,
  issuer: { id: did, name: 'Acme Learning Academy', url: 'https://acme.example', image: 'https://credence.example/issuers/acme/logo.png' },
  validFrom: created,
  validUntil: new Date('2028-11-02T10:00:00Z'),
  subject: { name: `Learner ${i}`, email: `learner${i}@example.com` },
  achievement: {
    id: 'https://credence.example/issuers/acme/courses/safe-ai',
    name: 'Safe use of AI assistants',
    description: 'Demonstrates the safe and effective use of AI coding assistants in everyday engineering work, including review of generated code.',
    criteriaNarrative: 'Completed all six modules of the course and passed the final assessment with a score of at least 80%.',
    image: 'https://credence.example/issuers/acme/courses/safe-ai/badge.png',
  },
  credentialStatus: { statusListIndex: 1000 + i, statusListCredential: 'https://credence.example/issuers/acme/status/1' },
});

async function measure(label: string, count: number, run: (i: number) => Promise<unknown>, concurrency = 1): Promise<void> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await run(next++);
  }));
  const ms = performance.now() - started;
  console.log(`${label.padEnd(44)} ${String(Math.round((count / ms) * 1000)).padStart(6)} /s  (${(ms / count).toFixed(3)} ms each, n=${count})`);
}

console.log(`credential size ${JSON.stringify(credential(0)).length} bytes, ${availableParallelism()} cores, node ${process.version}`);
const sample = await signCredential({ credential: credential(0), key, documentLoader, created });
const check = await verifyCredential({ credential: sample, documentLoader, now: new Date('2026-11-15T00:00:00Z'), checkStatus: async () => ({ revoked: false }) });
console.log('sample verifies:', check.verified);

await measure('stock eddsa-rdfc-2022 (1 thread)', Math.min(300, N), (i) => signCredential({ credential: credential(i), key, documentLoader, created, expansionCache: false }));
await measure('optimised eddsa-rdfc-2022 (1 thread)', N, (i) => signCredential({ credential: credential(i), key, documentLoader, created }));
await measure('VC-JWT EdDSA (1 thread)', N, (i) => signVcJwt({ credential: credential(i), kid: key.verificationMethod, ...keyPair }));

const pool = createSignerPool();
// Warm up every worker (JIT, contexts, expansion templates).
await Promise.all(Array.from({ length: pool.size * 50 }, (_, i) => pool.signCredential({ credential: credential(i), key, created })));
await measure(`pool x${pool.size}: eddsa-rdfc-2022 (64 in flight)`, N, (i) => pool.signCredential({ credential: credential(i), key, created }), 64);
await measure(`pool x${pool.size}: VC-JWT (64 in flight)`, N, (i) => pool.signVcJwt({ credential: credential(i), kid: key.verificationMethod, ...keyPair }), 64);
await pool.close();
