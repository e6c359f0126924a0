/**
 * Short-lived caches of rows that nearly every request reads and that rarely change: tenants,
 * API keys, courses, signing keys. Each point lookup outside a transaction is a read transaction
 * of its own (10–20 µs on the request thread under load); an issuance made six of them.
 *
 * Staleness is bounded: an entry lives `ttlMs` (one second by default). A change this process
 * writes is seen at once, because the repository that writes the rows calls
 * {@link RecentRows.invalidate}; a change another process writes (the admin CLI revoking a key)
 * is seen within `ttlMs`. Lookups inside a transaction bypass the cache, so a row that is
 * written and then rolled back is never remembered.
 */
import { BoundedCache } from '../verification/bounded-cache.js';
import type { Db } from './client.js';
import { sqliteConnectionOf } from './prepared.js';

interface Entry<V> {
  value: V;
  expires: number;
  generation: number;
}

/** Rows by key, read at most `ttlMs` ago, per database connection. */
export class RecentRows<V> {
  private generation = 0;
  private readonly caches = new WeakMap<object, BoundedCache<Entry<V>>>();
  private readonly ttlMs: number;
  private readonly capacity: number;

  /** @param options.ttlMs how long a row is trusted (default 1,000 ms); `capacity` rows per connection (default 1,000). */
  constructor(options: { ttlMs?: number; capacity?: number } = {}) {
    this.ttlMs = options.ttlMs ?? 1000;
    this.capacity = options.capacity ?? 1000;
  }

  /** The row under `key`: remembered, or read by `load` (a missing row is not remembered). */
  get(db: Db, key: string, load: () => V | undefined): V | undefined {
    const connection = sqliteConnectionOf(db);
    if (!connection || connection.inTransaction) return load();
    let cache = this.caches.get(connection);
    if (!cache) this.caches.set(connection, (cache = new BoundedCache(this.capacity)));
    // A monotonic clock: a wall clock stepped back (NTP) would keep rows past their time.
    const now = performance.now();
    const cached = cache.get(key);
    if (cached && cached.expires > now && cached.generation === this.generation) return cached.value;
    const value = load();
    if (value !== undefined) cache.set(key, { value, expires: now + this.ttlMs, generation: this.generation });
    return value;
  }

  /** Forgets every remembered row (call on every write to the rows, before or after it). */
  invalidate(): void {
    this.generation++;
  }
}
