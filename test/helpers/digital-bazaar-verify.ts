/**
 * Independent verification with the Digital Bazaar stack (@digitalbazaar/vc with its own
 * jsonld-signatures, @digitalbazaar/data-integrity, @digitalbazaar/eddsa-rdfc-2022-cryptosuite),
 * outside Credence's verifier. The document loader serves the contexts Credence bundles, builds
 * `did:key` documents itself from the multibase key, and asks the caller for `did:web` ones
 * (e.g. fetched from the app's `/issuers/:slug/did.json`).
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { bundledContextUrls, getBundledContext } from '../../src/credentials/document-loader.js';

declare module '@digitalbazaar/vc' {
  export function verifyCredential(options: {
    credential: object;
    suite: object;
    documentLoader: (url: string) => Promise<unknown>;
    checkStatus?: (options: { credential: Record<string, unknown> }) => Promise<{ verified: boolean }>;
    now?: Date;
  }): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
}

const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

/** The DID document of an Ed25519 `did:key`, built here from the key (not by Credence). */
function didKeyDocument(did: string): Record<string, unknown> {
  const multibase = did.slice('did:key:'.length);
  if (!multibase.startsWith('z6Mk')) throw new Error(`NotFoundError: ${did}`);
  const id = `${did}#${multibase}`;
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: multibase }],
    assertionMethod: [id],
  };
}

/** Options of {@link digitalBazaarVerifier}. */
export interface DigitalBazaarVerifierOptions {
  /** Returns the DID document of a `did:web` (rejects when unknown). */
  resolveDidWeb?: (did: string) => Promise<Record<string, unknown>>;
  /** Returns other documents by URL (e.g. status lists fetched from the app), or undefined. */
  loadDocument?: (url: string) => Promise<Record<string, unknown> | undefined>;
}

/**
 * A document loader independent of Credence's: the bundled contexts (copied), did:key documents
 * built here, did:web documents and other URLs from the caller.
 */
export function digitalBazaarDocumentLoader(options: DigitalBazaarVerifierOptions = {}) {
  const contexts = new Map(bundledContextUrls().map((url) => [url, structuredClone(getBundledContext(url))]));
  const resolveDid = async (did: string): Promise<Record<string, unknown>> => {
    if (did.startsWith('did:key:')) return didKeyDocument(did);
    if (did.startsWith('did:web:') && options.resolveDidWeb) return options.resolveDidWeb(did);
    throw new Error(`NotFoundError: ${did}`);
  };
  return async (url: string) => {
    const context = contexts.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    if (!url.startsWith('did:')) {
      const document = await options.loadDocument?.(url);
      if (!document) throw new Error(`NotFoundError: ${url}`);
      return { contextUrl: null, documentUrl: url, document };
    }
    const [did = '', fragment] = url.split('#');
    const document = await resolveDid(did);
    if (!fragment) return { contextUrl: null, documentUrl: url, document };
    const methods = (document.verificationMethod ?? []) as Array<Record<string, unknown>>;
    const method = methods.find((m) => m.id === url || m.id === `#${fragment}`);
    if (!method) throw new Error(`NotFoundError: ${url}`);
    return { contextUrl: null, documentUrl: url, document: { '@context': MULTIKEY_V1, ...method, id: url, controller: did } };
  };
}

/**
 * Returns a function verifying a credential object with @digitalbazaar/vc at `now`;
 * `checkStatus` is required by the library for credentials with a status entry.
 */
export function digitalBazaarVerifier(options: DigitalBazaarVerifierOptions = {}) {
  const documentLoader = digitalBazaarDocumentLoader(options);
  return (
    credential: object,
    verifyOptions: { now: Date; checkStatus?: (options: { credential: Record<string, unknown> }) => Promise<{ verified: boolean }> },
  ) => vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, ...verifyOptions });
}
