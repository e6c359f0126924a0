import { buildAchievementCredential } from '../src/credentials/build-achievement-credential.js';
import { generateSigningKey, didWebForIssuer } from '../src/credentials/issuer-keys.js';
import { createSignerPool } from '../src/credentials/signer-pool.js';
const keyPair = await generateSigningKey();
const did = didWebForIssuer('https://credence.example', 'acme');
const key = { verificationMethod: `${did}#key-1`, ...keyPair };
const created = new Date('2026-11-02T10:00:00Z');
const credential = (i: number) => buildAchievementCredential({
  id: `urn:uuid:7d1c1f1e-0000-4000-8000-${String(i).padStart(12, '0')}`,
  issuer: { id: did, name: 'Acme Learning Academy', url: 'https://acme.example', image: 'https://credence.example/issuers/acme/logo.png' },
  validFrom: created, validUntil: new Date('2028-11-02T10:00:00Z'),
  subject: { name: `Learner ${i}`, email: `learner${i}@example.com` },
  achievement: { id: 'https://credence.example/issuers/acme/courses/safe-ai', name: 'Safe use of AI assistants', description: 'Demonstrates the safe and effective use of AI coding assistants in everyday engineering work, including review of generated code.', criteriaNarrative: 'Completed all six modules of the course and passed the final assessment with a score of at least 80%.', image: 'https://credence.example/issuers/acme/courses/safe-ai/badge.png' },
  credentialStatus: { statusListIndex: 1000 + i, statusListCredential: 'https://credence.example/issuers/acme/status/1' },
});
const size = Number(process.argv[2] ?? 2); const N = 6000; const inflight = Number(process.argv[3] ?? 64);
const pool = createSignerPool({ size });
const creds = Array.from({ length: N }, (_, i) => credential(i));
await Promise.all(creds.slice(0, 400).map((c) => pool.signCredential({ credential: c, key, created })));
let next = 0; const t = performance.now();
await Promise.all(Array.from({ length: inflight }, async () => { while (next < N) await pool.signCredential({ credential: creds[next++]!, key, created }); }));
const ms = performance.now() - t;
console.log(`size ${size} inflight ${inflight}: ${Math.round(N / ms * 1000)}/s`);
await pool.close();
