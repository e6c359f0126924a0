import { createDocumentLoader } from '../src/credentials/document-loader.js';
import { generateSigningKey, didWebForIssuer, buildIssuerDidDocument } from '../src/credentials/issuer-keys.js';
import { buildAchievementCredential } from '../src/credentials/build-achievement-credential.js';
import { signCredential } from '../src/credentials/sign-data-integrity.js';
import * as vc from '@digitalcredentials/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
const key = await generateSigningKey();
const did = didWebForIssuer('https://credence.example', 'acme');
const doc = buildIssuerDidDocument({ did, keys: [{ keyId: 'key-1', ...key }] });
const loader = createDocumentLoader({ resolveDid: (d) => (d === did ? doc : null) });
const mk = (i: number) => buildAchievementCredential({
  id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  issuer: { id: did, name: 'Acme Learning Academy', url: 'https://acme.example', image: 'https://credence.example/issuers/acme/logo.png' },
  validFrom: new Date('2026-11-02T10:00:00Z'), validUntil: new Date('2028-11-02T10:00:00Z'),
  subject: { name: 'Ada Lovelace ' + i, email: `ada${i}@example.com` },
  achievement: { id: 'https://credence.example/issuers/acme/courses/safe-ai', name: 'Safe use of AI assistants', description: 'Demonstrates the safe and effective use of AI coding assistants in everyday engineering work, including review of generated code.', criteriaNarrative: 'Completed all six modules of the course and passed the final assessment with a score of at least 80%.', image: 'https://credence.example/issuers/acme/courses/safe-ai/badge.png' },
  credentialStatus: { statusListIndex: 12345 + i, statusListCredential: 'https://credence.example/issuers/acme/status/1' },
});
const k = { verificationMethod: `${did}#key-1`, ...key };
const created = new Date('2026-11-02T10:00:00Z');
const fast = process.argv[2] !== 'stock';
for (let i = 0; i < 5; i++) {
  const c = mk(i);
  const signed = await signCredential({ credential: c, key: k, documentLoader: loader, created, expansionCache: fast });
  const ref = await signCredential({ credential: c, key: k, documentLoader: loader, created, expansionCache: false });
  const r = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite }), documentLoader: loader as any, checkStatus: async () => ({ verified: true }), now: new Date('2026-11-10T00:00:00Z') });
  console.log('verify', r.verified, signed.proof[0]!.proofValue === ref.proof[0]!.proofValue);
}
const N = Number(process.argv[3] ?? 2000); const t = performance.now();
for (let i = 0; i < N; i++) await signCredential({ credential: mk(i), key: k, documentLoader: loader, created, expansionCache: fast });
const dt = performance.now() - t; console.log(fast ? 'fast' : 'stock', (N / dt * 1000).toFixed(0), 'signs/s', (dt / N).toFixed(3), 'ms');
