/**
 * Resolves `did:web` DIDs of other hosts over HTTPS, defensively: only public addresses (see
 * ssrf-guard.ts), the connection pinned to the checked address, one total deadline (also cut
 * by the caller's), a cap on resolutions in flight, a size cap read from the stream, no
 * redirects, and a short cache so a busy verifier does not refetch.
 */
import { request } from 'node:https';
import { didWebToUrl } from '../credentials/issuer-keys.js';
import { BoundedCache } from './bounded-cache.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { beforeDeadline } from './deadline.js';
import { pinnedLookup, resolvePublicAddress, type AddressResolver } from './ssrf-guard.js';

/** Options of {@link createRemoteDidWebResolver}. */
export interface RemoteDidWebResolverOptions {
  /** Total time for a free slot, address lookup, connection and body (default 3 s). */
  timeoutMs?: number;
  /** Largest DID document accepted, in bytes (default 64 KB). */
  maxBytes?: number;
  /** How long a resolved document is reused (default 5 min); failures are kept 10 s. */
  cacheTtlMs?: number;
  /** Resolves and vets the host's address (default: public addresses only). */
  resolveAddress?: AddressResolver;
  /** Extra trusted CA certificates in PEM (e.g. a test server's); the system CAs otherwise. */
  ca?: string;
  /** Milliseconds clock for cache expiry (default Date.now). */
  clock?: () => number;
  /**
   * Most resolutions in flight at once for this resolver (default 16; the app creates one
   * resolver, so this bounds the process). Excess resolutions wait for a slot until their
   * caller's deadline.
   */
  maxConcurrent?: number;
}

/** Per-call options of a {@link RemoteDidResolver}. */
export interface RemoteResolveOptions {
  /** The caller's deadline (e.g. the verification request's): when it aborts, the resolution gives up. */
  signal?: AbortSignal;
}

/**
 * Resolves a DID to its DID document, or `null` when it cannot be resolved (never throws),
 * giving up when `options.signal` aborts.
 */
export type RemoteDidResolver = (did: string, options?: RemoteResolveOptions) => Promise<Record<string, unknown> | null>;

const FAILURE_TTL_MS = 10_000;
const RELATIONSHIPS = ['verificationMethod', 'assertionMethod', 'authentication', 'capabilityInvocation', 'capabilityDelegation', 'keyAgreement'];

/** Makes `#fragment` references absolute, so proof purposes can match full method ids. */
function absoluteIds(did: string, document: Record<string, unknown>): Record<string, unknown> {
  const absolute = (id: unknown) => (typeof id === 'string' && id.startsWith('#') ? did + id : id);
  const result = { ...document };
  for (const key of RELATIONSHIPS) {
    const entries = result[key];
    if (!Array.isArray(entries)) continue;
    result[key] = entries.map((entry: unknown) =>
      entry && typeof entry === 'object' ? { ...(entry as object), id: absolute((entry as { id?: unknown }).id) } : absolute(entry),
    );
  }
  return result;
}

function fetchJson(url: URL, options: Required<Pick<RemoteDidWebResolverOptions, 'maxBytes'>> & { ca?: string; signal: AbortSignal; lookup: ReturnType<typeof pinnedLookup> }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const req = request(
      {
        protocol: 'https:', hostname, port: url.port || 443, path: url.pathname, method: 'GET',
        headers: { Accept: 'application/did+json, application/did+ld+json;q=0.9, application/json;q=0.8' },
        lookup: options.lookup, signal: options.signal, agent: false, ...(options.ca ? { ca: options.ca } : {}),
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`DID document request answered ${String(res.statusCode)}`));
        }
        if (Number(res.headers['content-length'] ?? 0) > options.maxBytes) return req.destroy(new Error('DID document too large'));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) req.destroy(new Error('DID document too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new Error('DID document is not JSON'));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Creates a resolver for `did:web` DIDs served by other hosts (`https://HOST/PATH/did.json`).
 * A DID whose host resolves to a loopback, private, link-local or otherwise special address
 * is never requested; like any failure (timeout, non-200, redirect, oversized or non-JSON
 * body, a document whose `id` is not the DID, no free slot before the caller's deadline) it
 * resolves to `null`. Failures are cached briefly, except those cut short by the caller.
 */
export function createRemoteDidWebResolver(options: RemoteDidWebResolverOptions = {}): RemoteDidResolver {
  const { timeoutMs = 3000, maxBytes = 64 * 1024, cacheTtlMs = 300_000, resolveAddress = resolvePublicAddress, ca, clock = Date.now, maxConcurrent = 16 } = options;
  const cache = new BoundedCache<{ expires: number; document: Record<string, unknown> | null }>(1000);
  const slots = new ConcurrencyLimit(maxConcurrent);

  async function resolve(did: string, signal: AbortSignal): Promise<Record<string, unknown> | null> {
    const url = new URL(didWebToUrl(did));
    const pinned = await beforeDeadline(resolveAddress(url.hostname), signal);
    const document = await fetchJson(url, { maxBytes, ca, signal, lookup: pinnedLookup(pinned) });
    if (!document || typeof document !== 'object' || Array.isArray(document)) return null;
    if ((document as { id?: unknown }).id !== did) return null;
    return absoluteIds(did, document as Record<string, unknown>);
  }

  return async (did, { signal: callerSignal } = {}) => {
    const cached = cache.get(did);
    if (cached && cached.expires > clock()) return cached.document;
    const own = AbortSignal.timeout(timeoutMs);
    const signal = callerSignal ? AbortSignal.any([own, callerSignal]) : own;
    let release: (() => void) | undefined;
    try {
      release = await slots.acquire(signal);
      const document = await resolve(did, signal);
      cache.set(did, { expires: clock() + (document ? cacheTtlMs : FAILURE_TTL_MS), document });
      return document;
    } catch {
      // A resolution that never got a slot, or that its caller cut short, says nothing about the host.
      if (release && !callerSignal?.aborted) cache.set(did, { expires: clock() + FAILURE_TTL_MS, document: null });
      return null;
    } finally {
      release?.();
    }
  };
}
