/** Shared fixtures for the credential-layer unit tests: two tenants, a loader, a builder. */
import { readFileSync } from 'node:fs';
import Ajv2019Module from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { buildAchievementCredential, type AchievementCredentialInput } from '../../../src/credentials/build-achievement-credential.js';
import { createDocumentLoader } from '../../../src/credentials/document-loader.js';
import { buildIssuerDidDocument, didWebForIssuer, generateSigningKey, type SigningKeyPair } from '../../../src/credentials/issuer-keys.js';
import type { SigningKey } from '../../../src/credentials/sign-data-integrity.js';
import { projectPath } from '../../../src/paths.js';

export const PUBLIC_URL = 'https://credence.test';
export const ISSUED_AT = new Date('2026-11-02T10:00:00Z');
export const NOW = new Date('2026-11-15T12:00:00Z');

/** A tenant: did:web, key pair, and the signing key as the signer wants it. */
export interface TestIssuer {
  slug: string;
  did: string;
  keyPair: SigningKeyPair;
  key: SigningKey;
}

async function makeIssuer(slug: string): Promise<TestIssuer> {
  const did = didWebForIssuer(PUBLIC_URL, slug);
  const keyPair = await generateSigningKey();
  return { slug, did, keyPair, key: { verificationMethod: `${did}#key-1`, ...keyPair } };
}

export const acme = await makeIssuer('acme');
export const globex = await makeIssuer('globex');

const didDocuments = new Map(
  [acme, globex].map((t) => [t.did, buildIssuerDidDocument({ did: t.did, keys: [{ keyId: 'key-1', ...t.keyPair }] })]),
);

/** Resolves the two test tenants' did:web; anything else is unknown. */
export const resolveDid = (did: string): object | null => didDocuments.get(did) ?? null;
export const documentLoader = createDocumentLoader({ resolveDid });

/** A realistic OB 3.0 credential for `issuer`, overridable. */
export function credentialInput(issuer: TestIssuer = acme, overrides: Partial<AchievementCredentialInput> = {}): AchievementCredentialInput {
  return {
    id: 'urn:uuid:3f1c9a52-7a51-4d0b-9d55-0d5b6a0c1e01',
    issuer: { id: issuer.did, name: 'Acme Learning', url: 'https://acme.example', image: `${PUBLIC_URL}/issuers/${issuer.slug}/logo.png` },
    validFrom: ISSUED_AT,
    validUntil: new Date('2028-11-02T10:00:00Z'),
    subject: { name: 'Åse Nordmann', email: 'ase@example.com', salt: 'c0ffee' },
    achievement: {
      id: `${PUBLIC_URL}/issuers/${issuer.slug}/courses/safe-ai`,
      name: 'Safe use of AI assistants',
      description: 'Uses AI coding assistants safely, including review of generated code.',
      criteriaNarrative: 'Completed all modules and passed the final assessment (≥ 80%).',
      image: `${PUBLIC_URL}/issuers/${issuer.slug}/courses/safe-ai/badge.png`,
    },
    credentialStatus: { statusListIndex: 4242, statusListCredential: `${PUBLIC_URL}/status/${issuer.slug}/1` },
    ...overrides,
  };
}

export const buildCredential = (issuer: TestIssuer = acme, overrides: Partial<AchievementCredentialInput> = {}) =>
  buildAchievementCredential(credentialInput(issuer, overrides));

type Ajv2019Class = typeof Ajv2019Module.default;
type AddFormats = typeof addFormatsModule.default;
const unwrap = <T>(mod: unknown): T => ((mod as { default?: T }).default ?? mod) as T;

/** The official OB 3.0 AchievementCredential schema from test fixtures, compiled independently. */
export const validateWithOfficialSchema = (() => {
  const Ajv = unwrap<Ajv2019Class>(Ajv2019Module);
  const ajv = new Ajv({ allErrors: true, strict: false });
  unwrap<AddFormats>(addFormatsModule)(ajv);
  return ajv.compile(JSON.parse(readFileSync(projectPath('test', 'fixtures', 'ob3', 'achievementcredential.json'), 'utf8')) as object);
})();

/** A status checker over an in-memory set of revoked indexes. */
export function statusChecker(revoked: Set<number> = new Set()) {
  return async (entry: Record<string, unknown>) => ({ revoked: revoked.has(Number(entry.statusListIndex)) });
}
