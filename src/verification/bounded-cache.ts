/**
 * A bounded in-memory cache (least recently inserted evicted first). Used for signature
 * results of stored credentials: a stored credential never changes, so neither does its proof.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {
    if (capacity < 1) throw new TypeError('capacity must be at least 1');
  }

  /** The cached value, if present. */
  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Stores a value, evicting the oldest entry when full. */
  set(key: string, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
  }
}
