/**
 * The document loader of the public VC-API verifier: bundled contexts only (never fetched),
 * `did:key` offline, this instance's `did:web` issuers from the database (never over the
 * network), and other hosts' `did:web` through the guarded remote resolver.
 */
import { createDocumentLoader, type DidResolver, type DocumentLoader } from '../credentials/document-loader.js';
import { didWebForIssuer } from '../credentials/issuer-keys.js';
import type { Db } from '../db/client.js';
import { createLocalDidResolver } from '../verification/local-did-resolver.js';
import { createRemoteDidWebResolver, type RemoteDidResolver } from '../verification/remote-did-web-resolver.js';

/** Options of {@link createVerifierDocumentLoader}. */
export interface VerifierDocumentLoaderOptions {
  db: Db;
  publicUrl: string;
  /** Resolves other hosts' did:web (default: the guarded HTTPS resolver). */
  resolveRemoteDid?: RemoteDidResolver;
}

/**
 * Routes each did:web to the right resolver: any DID on this instance's host (its issuers'
 * prefix or anything else there) is answered from the database or not at all, so the verifier
 * never calls itself; every other did:web goes to `resolveRemoteDid`.
 */
export function createVerifierDidResolver(options: VerifierDocumentLoaderOptions): DidResolver {
  const local = createLocalDidResolver(options.db, options.publicUrl);
  const remote = options.resolveRemoteDid ?? createRemoteDidWebResolver();
  const ownHost = didWebForIssuer(options.publicUrl, 'x').split(':')[2]!.toLowerCase();
  return (did) => {
    const host = did.split(':')[2]?.toLowerCase();
    return host === ownHost ? local(did) : remote(did);
  };
}

/**
 * Returns a factory of the verifier's closed document loader: call it once per verification
 * request. The resolvers (and the remote cache) are shared; each loader remembers the DID
 * documents it resolved, since one verification asks for the same DID several times (key,
 * controller, issuer) and a local resolution costs database queries.
 */
export function createVerifierDocumentLoader(options: VerifierDocumentLoaderOptions): () => DocumentLoader {
  const resolveDid = createVerifierDidResolver(options);
  return () => {
    const resolved = new Map<string, ReturnType<DidResolver>>();
    return createDocumentLoader({
      resolveDid: (did) => {
        if (!resolved.has(did)) resolved.set(did, resolveDid(did));
        return resolved.get(did)!;
      },
    });
  };
}
