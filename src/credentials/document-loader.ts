/**
 * A closed JSON-LD document loader: bundled contexts, `did:key` (Ed25519) and `did:web`
 * through an injected resolver. It never touches the network.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { resolveDidKey } from './did-key.js';

/** What a jsonld document loader returns. */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: Record<string, unknown>;
}

/** A jsonld / jsonld-signatures document loader. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Resolves a DID (without fragment) to its DID document, or `null` when unknown. */
export type DidResolver = (did: string) => Promise<object | null> | object | null;

/** Options of {@link createDocumentLoader}. */
export interface DocumentLoaderOptions {
  /** Resolves `did:web` DIDs (e.g. from the database of tenants' keys). */
  resolveDid?: DidResolver;
}

/** Context URLs Credence bundles, with the file under `src/credentials/contexts/`. */
export const CONTEXT_URLS = {
  credentialsV2: 'https://www.w3.org/ns/credentials/v2',
  openBadgesV3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  dataIntegrityV2: 'https://w3id.org/security/data-integrity/v2',
  multikeyV1: 'https://w3id.org/security/multikey/v1',
  jwkV1: 'https://w3id.org/security/jwk/v1',
  didV1: 'https://www.w3.org/ns/did/v1',
  /** VC Data Model 1.1 base context (VC-API accepts 1.1 credentials). */
  credentialsV1: 'https://www.w3.org/2018/credentials/v1',
  /** Terms of the older Ed25519Signature2020 proofs (verified, never issued). */
  ed25519Signature2020: 'https://w3id.org/security/suites/ed25519-2020/v1',
  /** BitstringStatusListEntry for 1.1 credentials (VC 2.0 defines it in its base context). */
  bitstringStatusListV1: 'https://www.w3.org/ns/credentials/status/v1',
  /** The VC 2.0 specification's examples vocabulary, used by interoperability test suites. */
  credentialsExamplesV2: 'https://www.w3.org/ns/credentials/examples/v2',
} as const;

const CONTEXT_FILES: Record<string, string> = {
  [CONTEXT_URLS.credentialsV2]: 'credentials-v2.json',
  [CONTEXT_URLS.openBadgesV3]: 'ob-v3p0-3.0.3.json',
  [CONTEXT_URLS.dataIntegrityV2]: 'data-integrity-v2.json',
  [CONTEXT_URLS.multikeyV1]: 'multikey-v1.json',
  [CONTEXT_URLS.jwkV1]: 'jwk-v1.json',
  [CONTEXT_URLS.didV1]: 'did-v1.json',
  [CONTEXT_URLS.credentialsV1]: 'credentials-v1.json',
  [CONTEXT_URLS.ed25519Signature2020]: 'ed25519-2020-v1.json',
  [CONTEXT_URLS.bitstringStatusListV1]: 'bitstring-status-list-v1.json',
  [CONTEXT_URLS.credentialsExamplesV2]: 'credentials-examples-v2.json',
};

/** Parsed, frozen context documents, shared by every loader of the process. */
const contexts = new Map<string, RemoteDocument>();
/** URLs added at run time through {@link registerContext} (workers need them too). */
const registered: string[] = [];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function storeContext(url: string, document: object): void {
  contexts.set(url, Object.freeze({ contextUrl: null, documentUrl: url, document: deepFreeze(document) as Record<string, unknown> }));
}

for (const [url, file] of Object.entries(CONTEXT_FILES)) {
  storeContext(url, JSON.parse(readFileSync(projectPath('src', 'credentials', 'contexts', file), 'utf8')) as object);
}

/**
 * Adds a context to the bundled set, for every loader of the process (e.g. the
 * usage-attestation context). Registering the same URL again with identical content is a no-op.
 * @throws TypeError for a non-URL, a document without `@context`, or a different document
 *   under an already registered URL (contexts are immutable once published).
 */
export function registerContext(url: string, document: object): void {
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) throw new TypeError(`context URL must be an http(s) URL, got ${String(url)}`);
  if (!document || typeof document !== 'object' || !('@context' in document)) {
    throw new TypeError(`context document for ${url} must be an object with "@context"`);
  }
  const existing = contexts.get(url);
  if (existing) {
    if (JSON.stringify(existing.document) === JSON.stringify(document)) return;
    throw new TypeError(`a different context is already registered for ${url}`);
  }
  storeContext(url, structuredClone(document));
  registered.push(url);
}

/** Contexts added with {@link registerContext}, in order (e.g. to replay them in a worker). */
export function registeredContexts(): Array<{ url: string; document: object }> {
  return registered.map((url) => ({ url, document: (contexts.get(url) as RemoteDocument).document }));
}

/** The bundled context document for `url`, or `undefined` (e.g. to serve it over HTTP). */
export function getBundledContext(url: string): Readonly<Record<string, unknown>> | undefined {
  return contexts.get(url)?.document;
}

/** URLs of every bundled context. */
export function bundledContextUrls(): string[] {
  return [...contexts.keys()];
}

function remote(url: string, document: object): RemoteDocument {
  return { contextUrl: null, documentUrl: url, document: document as Record<string, unknown> };
}

/** Finds the verification method `url` (`did#fragment`) inside a DID document. */
function findVerificationMethod(didDocument: Record<string, unknown>, did: string, url: string): object | null {
  const fragment = url.slice(did.length);
  const candidates: unknown[] = [];
  for (const key of ['verificationMethod', 'assertionMethod', 'authentication']) {
    const value = didDocument[key];
    if (Array.isArray(value)) candidates.push(...value);
  }
  for (const candidate of candidates) {
    if (!candidate || typeof candidate !== 'object') continue;
    const id = (candidate as { id?: unknown }).id;
    if (id === url || id === fragment) {
      const vm: Record<string, unknown> = { ...(candidate as Record<string, unknown>), id: url };
      if (vm.controller === undefined) vm.controller = did;
      // Multikey consumers (ed25519-multikey) require the Multikey context on a standalone VM.
      if (vm.type === 'Multikey' && vm['@context'] === undefined) vm['@context'] = CONTEXT_URLS.multikeyV1;
      if (vm.type === 'JsonWebKey' && vm['@context'] === undefined) vm['@context'] = CONTEXT_URLS.jwkV1;
      return vm;
    }
  }
  return null;
}

async function resolveDidDocument(did: string, resolveDid: DidResolver | undefined): Promise<Record<string, unknown> | null> {
  if (did.startsWith('did:key:')) return resolveDidKey(did);
  if (did.startsWith('did:web:') && resolveDid) {
    const document = await resolveDid(did);
    if (document === null || document === undefined) return null;
    if (typeof document !== 'object') throw new TypeError(`resolveDid returned a non-object for ${did}`);
    return document as Record<string, unknown>;
  }
  return null;
}

/**
 * Creates a document loader that serves bundled contexts, resolves `did:key` itself and
 * `did:web` DIDs (and `did:web:...#key` verification method URLs) through `resolveDid`.
 * Anything else rejects with "document not bundled: URL"; an unknown DID rejects with
 * "DID not resolvable: DID".
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const { resolveDid } = options;
  if (resolveDid !== undefined && typeof resolveDid !== 'function') throw new TypeError('resolveDid must be a function');
  return async function documentLoader(url: string): Promise<RemoteDocument> {
    const bundled = contexts.get(url);
    if (bundled) return bundled;
    if (typeof url === 'string' && url.startsWith('did:')) {
      const hash = url.indexOf('#');
      const did = hash === -1 ? url : url.slice(0, hash);
      const didDocument = await resolveDidDocument(did, resolveDid);
      if (!didDocument) throw new Error(`DID not resolvable: ${did}`);
      if (hash === -1) return remote(url, didDocument);
      const vm = findVerificationMethod(didDocument, did, url);
      if (!vm) throw new Error(`verification method not found: ${url}`);
      return remote(url, vm);
    }
    throw new Error(`document not bundled: ${String(url)}`);
  };
}
