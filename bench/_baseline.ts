import * as vc from '@digitalcredentials/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createDocumentLoader } from '/work/main/src/credentials/document-loader.ts';
import { generateSigningKey, didWebForIssuer, buildIssuerDidDocument } from '/work/main/src/credentials/issuer-keys.ts';
import { buildAchievementCredential } from '/work/main/src/credentials/build-achievement-credential.ts';
import { createNodeEd25519Signer } from '/work/main/src/credentials/ed25519-signer.ts';
import * as Ed from '@digitalbazaar/ed25519-multikey';

const key = await generateSigningKey();
const did = didWebForIssuer('https://credence.example', 'acme');
const doc = buildIssuerDidDocument({ did, keys: [{ keyId: 'key-1', ...key }] });
const loader = createDocumentLoader({ resolveDid: (d) => (d === did ? doc : null) });
const mk = (i: number) => buildAchievementCredential({
  id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  issuer: { id: did, name: 'Acme Learning Academy', url: 'https://acme.example', image: 'https://credence.example/issuers/acme/logo.png' },
  validFrom: new Date('2026-11-02T10:00:00Z'), validUntil: new Date('2028-11-02T10:00:00Z'),
  subject: { name: 'Ada Lovelace', email: `ada${i}@example.com` },
  achievement: { id: 'https://credence.example/issuers/acme/courses/safe-ai', name: 'Safe use of AI assistants', description: 'Demonstrates the safe and effective use of AI coding assistants in everyday engineering work, including review of generated code.', criteriaNarrative: 'Completed all six modules of the course and passed the final assessment with a score of at least 80%.', image: 'https://credence.example/issuers/acme/courses/safe-ai/badge.png' },
  credentialStatus: { statusListIndex: 12345 + i, statusListCredential: 'https://credence.example/issuers/acme/status/1' },
});
console.log('size', JSON.stringify(mk(1)).length);
const mode = process.argv[2] ?? 'node';
const kp = await Ed.from({ id: `${did}#key-1`, controller: did, ...key, type: 'Multikey', '@context': 'https://w3id.org/security/multikey/v1' });
const signer = mode === 'js' ? kp.signer() : createNodeEd25519Signer({ id: `${did}#key-1`, ...key });
async function one(i: number) {
  const suite = new DataIntegrityProof({ signer, cryptosuite, date: new Date('2026-11-02T10:00:00Z') });
  return vc.issue({ credential: mk(i), suite, documentLoader: loader as any });
}
const signed = await one(0);
const r = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite }), documentLoader: loader as any, checkStatus: async () => ({ verified: true }), now: new Date('2026-11-10T00:00:00Z') });
console.log('verify', r.verified, r.error?.message ?? '', JSON.stringify((r as any).results?.[0]?.error?.message ?? ''));
for (let i = 0; i < 200; i++) await one(i);
const N = Number(process.argv[3] ?? 1000); const t = performance.now();
for (let i = 0; i < N; i++) await one(i);
const dt = performance.now() - t; console.log(mode, (N / dt * 1000).toFixed(0), 'signs/s', (dt / N).toFixed(2), 'ms');
