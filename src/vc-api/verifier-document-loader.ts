/**
 * The document loader of the public VC-API verifier: bundled contexts only (never fetched),
 * `did:key` offline, this instance's `did:web` issuers from the database (never over the
 * network), and other hosts' `did:web` through the guarded remote resolver, within a budget
 * per verification request.
 */
import { createDocumentLoader, type DidResolver, type DocumentLoader } from '../credentials/document-loader.js';
import { didWebForIssuer } from '../credentials/issuer-keys.js';
import type { Db } from '../db/client.js';
import { beforeDeadline } from '../verification/deadline.js';
import { createLocalDidResolver } from '../verification/local-did-resolver.js';
import { createRemoteDidWebResolver, type RemoteDidResolver } from '../verification/remote-did-web-resolver.js';

/** What one verification request may spend on other hosts' DIDs. */
export interface RemoteResolutionBudget {
  /** Time for all of the request's remote resolutions together, from the first (default 3 s). */
  totalMs: number;
  /** Distinct remote DIDs one request may resolve (default 5); the others are not resolvable. */
  maxDids: number;
}

/** Options of {@link createVerifierDocumentLoader}. */
export interface VerifierDocumentLoaderOptions {
  db: Db;
  publicUrl: string;
  /** Resolves other hosts' did:web (default: the guarded HTTPS resolver). */
  resolveRemoteDid?: RemoteDidResolver;
  /** Per-request limits on remote resolution (defaults above). */
  budget?: Partial<RemoteResolutionBudget>;
}

const DEFAULT_BUDGET: RemoteResolutionBudget = { totalMs: 3000, maxDids: 5 };

/**
 * The host name of a did:web DID (or of a URL host), compared loosely: percent-decoded, lower
 * case, IDNA, without a trailing dot and without a port. `undefined` when it is not a host.
 */
function hostNameOf(host: string): string | undefined {
  try {
    return new URL(`https://${decodeURIComponent(host)}/`).hostname.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Resolves other hosts' DIDs for one request: one deadline shared by every resolution
 * (started by the first), and at most `maxDids` distinct DIDs; past either, a DID is not
 * resolvable. The deadline holds even for a resolver that ignores its signal.
 */
function remoteWithinBudget(resolve: RemoteDidResolver, budget: RemoteResolutionBudget): (did: string) => Promise<Record<string, unknown> | null> {
  let deadline: AbortSignal | undefined;
  const dids = new Set<string>();
  return async (did) => {
    if (!dids.has(did) && dids.size >= budget.maxDids) return null;
    dids.add(did);
    deadline ??= AbortSignal.timeout(budget.totalMs);
    return beforeDeadline(resolve(did, { signal: deadline }), deadline).catch(() => null);
  };
}

/**
 * Returns a factory of the verifier's closed document loader: call it once per verification
 * request. The resolvers (and the remote cache and concurrency cap) are shared; each loader
 * has its own remote budget and remembers the DID documents it resolved, since one
 * verification asks for the same DID several times (key, controller, issuer) and a local
 * resolution costs database queries. Any DID on this instance's host name (however spelled,
 * any port) is answered from the database or not at all, so the verifier never calls itself.
 */
export function createVerifierDocumentLoader(options: VerifierDocumentLoaderOptions): () => DocumentLoader {
  const local = createLocalDidResolver(options.db, options.publicUrl);
  const remote = options.resolveRemoteDid ?? createRemoteDidWebResolver();
  const budget = { ...DEFAULT_BUDGET, ...options.budget };
  const ownHost = hostNameOf(didWebForIssuer(options.publicUrl, 'x').split(':')[2]!);
  return () => {
    const resolved = new Map<string, ReturnType<DidResolver>>();
    const remoteForRequest = remoteWithinBudget(remote, budget);
    const resolveDid: DidResolver = (did) => (hostNameOf(did.split(':')[2] ?? '') === ownHost ? local(did) : remoteForRequest(did));
    return createDocumentLoader({
      resolveDid: (did) => {
        if (!resolved.has(did)) resolved.set(did, resolveDid(did));
        return resolved.get(did)!;
      },
    });
  };
}
