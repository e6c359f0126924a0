/**
 * A bounded in-memory cache that evicts roughly the least recently used entries first. Used for
 * results that never change for their key (signature checks of a stored credential version,
 * rendered images and PDFs).
 */

/** A size limit on top of the entry limit, for caches whose entries vary in size. */
export interface ByteBudget<V> {
  /** Most bytes the entries may weigh together. */
  maxBytes: number;
  /** An entry's weight in bytes (an estimate is enough: see `approximateJsonBytes`). */
  sizeOf(value: V, key: string): number;
}

interface Entry<V> {
  value: V;
  weight: number;
  /** Read since it was stored or last passed over by eviction. */
  used: boolean;
}

/**
 * Approximate least-recently-used eviction by "second chance" (CLOCK): a read only marks its entry, and
 * eviction moves marked entries to the back instead of dropping them. Reads leave the map's
 * structure alone, which matters to V8: a delete and re-insert per hit made the map rehash its
 * table every few hits (every hit at one entry), each time allocating a new table straight in the
 * old generation (about 1 MB/s of old-generation garbage while serving cached verifications).
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private bytes = 0;

  /**
   * Keeps at most `capacity` entries and, with a `budget`, at most `budget.maxBytes` bytes of
   * them; a value heavier than the whole budget is not kept.
   * @throws TypeError for a capacity below 1 or a budget that is not a positive number.
   */
  constructor(
    private readonly capacity: number,
    private readonly budget?: ByteBudget<V>,
  ) {
    if (capacity < 1) throw new TypeError('capacity must be at least 1');
    if (budget && !(budget.maxBytes > 0)) throw new TypeError('maxBytes must be positive');
  }

  /** The cached value, if present (and marks it recently used). */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  /** Stores a value, evicting entries (roughly least recently used first) while over a limit. */
  set(key: string, value: V): void {
    const replaced = this.entries.get(key);
    if (replaced) {
      this.entries.delete(key);
      this.bytes -= replaced.weight;
    }
    const weight = this.budget ? this.budget.sizeOf(value, key) : 0;
    if (this.budget && weight > this.budget.maxBytes) return;
    while (this.entries.size >= this.capacity || (this.budget && this.bytes + weight > this.budget.maxBytes)) this.evictOne();
    this.entries.set(key, { value, weight, used: false });
    this.bytes += weight;
  }

  private evictOne(): void {
    // Map iteration follows insertion order, and reaches entries re-inserted during it: after
    // one pass every entry is unmarked, so this ends.
    for (const [key, entry] of this.entries) {
      this.entries.delete(key);
      if (!entry.used) {
        this.bytes -= entry.weight;
        return;
      }
      entry.used = false;
      this.entries.set(key, entry);
    }
  }
}

/**
 * Roughly what a JSON-like value (plain objects, arrays, strings, numbers) occupies on the V8
 * heap: about two bytes per character of its JSON form, which measured slightly above the real
 * footprint of parsed credentials and their fields.
 */
export function approximateJsonBytes(value: unknown): number {
  return 2 * (JSON.stringify(value)?.length ?? 0);
}
