/**
 * Signs credentials with a W3C Data Integrity proof (`DataIntegrityProof`, cryptosuite
 * `eddsa-rdfc-2022`) through @digitalcredentials/vc, with node:crypto Ed25519 and memoised
 * JSON-LD expansion (see expansion-templates.ts). The proof is a standard one: stock
 * verifiers accept it.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalcredentials/vc';
import type { DocumentLoader } from './document-loader.js';
import { createNodeEd25519Signer } from './ed25519-signer.js';
import { expandWithTemplate } from './expansion-templates.js';

/** The signing key of a tenant: its verification method URL and Multikey pair. */
export interface SigningKey {
  /** Verification method URL, e.g. `did:web:host:issuers:acme#key-1`. */
  verificationMethod: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** A Data Integrity proof as Credence emits it. */
export interface DataIntegrityProofObject {
  type: 'DataIntegrityProof';
  created?: string;
  verificationMethod: string;
  cryptosuite: 'eddsa-rdfc-2022';
  proofPurpose: 'assertionMethod';
  proofValue: string;
}

/** A credential with its proof set (always an array, as the OB 3.0 schema requires). */
export type SignedCredential<T extends object> = T & { proof: DataIntegrityProofObject[] };

/** Options of {@link signCredential}. */
export interface SignCredentialOptions<T extends object> {
  /** The unsigned credential (not modified). */
  credential: T;
  key: SigningKey;
  documentLoader: DocumentLoader;
  /** The proof's `created` time (whole seconds); defaults to now. */
  created?: Date;
  /** Use memoised expansion (default true); `false` runs the stock pipeline end to end. */
  expansionCache?: boolean;
}

type CanonizeOptions = Record<string, unknown>;

/** eddsa-rdfc-2022 whose canonize expands through per-shape templates (identical output). */
export const templatedCryptosuite = {
  ...cryptosuite,
  async canonize(input: object, options: CanonizeOptions): Promise<string> {
    if (options.skipExpansion !== true) {
      const expanded = await expandWithTemplate(input);
      if (expanded) return cryptosuite.canonize(expanded, { ...options, skipExpansion: true });
    }
    return cryptosuite.canonize(input, options);
  },
};

/**
 * Signs `credential` with an Ed25519 `DataIntegrityProof` (`eddsa-rdfc-2022`,
 * `proofPurpose: assertionMethod`) and returns a copy whose `proof` is an array.
 * @throws TypeError for bad key material or options; Error when JSON-LD processing fails
 *   (e.g. a term missing from the contexts: safe mode refuses to sign what it cannot see).
 */
export async function signCredential<T extends object>(options: SignCredentialOptions<T>): Promise<SignedCredential<T>> {
  const { credential, key, documentLoader, created, expansionCache = true } = options;
  if (!credential || typeof credential !== 'object') throw new TypeError('credential must be an object');
  if (typeof documentLoader !== 'function') throw new TypeError('documentLoader must be a function');
  if (typeof key?.verificationMethod !== 'string' || !/^[a-z][a-z0-9+.-]*:\S+#\S+$/i.test(key.verificationMethod)) {
    throw new TypeError('key.verificationMethod must be a URL with a fragment (e.g. did:web:...#key-1)');
  }
  if (created !== undefined && (!(created instanceof Date) || Number.isNaN(created.getTime()))) throw new TypeError('created must be a valid Date');
  const signer = createNodeEd25519Signer({ id: key.verificationMethod, publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: key.secretKeyMultibase });
  const suite = new DataIntegrityProof({
    signer,
    cryptosuite: expansionCache ? templatedCryptosuite : cryptosuite,
    ...(created ? { date: created } : {}),
  });
  // vc.issue adds the proof to the object it is given: sign a copy.
  const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader, ...(created ? { now: created } : {}) });
  const proof = signed.proof;
  signed.proof = Array.isArray(proof) ? proof : [proof];
  return signed as SignedCredential<T>;
}
