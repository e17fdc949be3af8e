// A map that keeps a bounded number of entries, forgetting those not used for longest: the
// answer engine remembers work on texts that recur across questions (popular sections, their
// words) without growing with every question it is asked.
//
// Two generations instead of an exact LRU list: a hit in the young generation is one Map
// lookup (these caches are read thousands of times per question), a hit in the old one moves
// the entry to the young one, and when the young generation is full the old one is dropped
// whole. Entries used since the last turnover survive it; the rest go.

export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generationSize: number;

  /** Holds at most `maxEntries` entries (at least 2). */
  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 2)
      throw new RangeError(`maxEntries must be an integer of at least 2, not ${maxEntries}`);
    this.generationSize = Math.floor(maxEntries / 2);
  }

  /** Entries held (an entry moved to the young generation may still count in the old one). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined) return value;
    const kept = this.old.get(key);
    if (kept !== undefined) this.remember(key, kept);
    return kept;
  }

  set(key: K, value: V): void {
    this.remember(key, value);
  }

  /** The value for `key`, made by `make` and remembered when missing. */
  getOrMake(key: K, make: (key: K) => V): V {
    let value = this.get(key);
    if (value === undefined) this.remember(key, (value = make(key)));
    return value;
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  private remember(key: K, value: V): void {
    if (this.young.size >= this.generationSize && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
