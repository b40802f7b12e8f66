/**
 * A map from strings (the document model's fold keys) to values, with the part of `Map`'s API the
 * model uses, and the same iteration order (insertion order, a deleted key's place gone).
 *
 * Why not `Map`: the model of a document holding hundreds of thousands of distinct usernames puts
 * each in its username index, and on V8 a `Map` of that many string keys costs several times what
 * the strings themselves do (on the 2-core development machine, 400,000 fresh keys: ~300 ms for the
 * `Map` against ~100 ms to make the strings, and ~80 ms for this table). Its backing store is one
 * large array of tagged slots, reallocated at each growth, that the young-generation collector
 * visits while the keys are young. Here the table is typed columns (entry numbers and hashes, no
 * pointers), and the keys and values sit in two lists in insertion order, in chunks (ChunkedList)
 * so that they grow without being copied.
 *
 * An entry may also hold a tag (`tagAt`, `setTagAt`), a second value that few entries have (the
 * model's duplicate findings of a key): a list of them in chunks made only where a tag is set, so
 * that it costs a slot, not an object or a property of the value, per tagged entry.
 *
 * The table is open addressing with linear probing, by `hashOf` (FNV-1a over UTF-16 units); a hash
 * collision only costs a string compare. FNV-1a is not keyed, so a hostile file can hold many keys
 * that share a hash: a probe run longer than MAX_PROBE moves the lookups to V8's `Map`, whose hash
 * is seeded per process (what the CLI's duplicate indexes do, aggregate.ts and csvDuplicates.ts).
 * A deleted key leaves a hole in the lists, and the lists are packed again (in order) when holes
 * are half of them.
 */
import { fibonacciSlot, hashOf } from './fnv';

const MIN_SLOTS = 16;
/**
 * A probe run this long means keys crafted to collide: linear probing at most half full has runs of
 * a few dozen slots in a table of millions (Knuth, TAOCP vol. 3, 6.4).
 */
export const MAX_PROBE = 256;

export class StringKeyMap<V, T = never> {
  /** Per slot: 1 + the entry's number, 0 when empty. Its length is a power of two, at least twice the live entries. */
  private slots = new Int32Array(MIN_SLOTS);
  /** Per entry number, in insertion order: its key (undefined once deleted), value and hash. */
  private keyList = new ChunkedList<string>();
  private valueList = new ChunkedList<V>();
  /** Per entry number, its tag (see `tagAt`), in chunks made at their first tag. */
  private tagList = new SparseList<T>();
  private hashList = new Int32Array(MIN_SLOTS);
  /** Entries made (live or deleted), live entries, and iterations running (packing waits for them). */
  private used = 0;
  private live = 0;
  private walking = 0;
  /** Keys added or deleted so far (see `changes`). */
  private changed = 0;
  /** Key → entry number, once a long probe run (colliding keys) retired the slots. */
  private fallback: Map<string, number> | undefined;

  /** `hash` is FNV-1a of fnv.ts; tests give one that collides to reach every probing path. */
  constructor(private readonly hash: (key: string) => number = hashOf) {}

  get size(): number {
    return this.live;
  }

  /** True once colliding keys moved the lookups to a `Map`. */
  get degraded(): boolean {
    return this.fallback !== undefined;
  }

  get(key: string): V | undefined {
    const e = this.entryOf(key, this.hash(key));
    return e < 0 ? undefined : this.valueList.get(e);
  }

  has(key: string): boolean {
    return this.entryOf(key, this.hash(key)) >= 0;
  }

  set(key: string, value: V): this {
    const h = this.hash(key);
    const found = this.entryOf(key, h);
    if (found >= 0) {
      this.valueList.set(found, value);
      return this;
    }
    this.insert(key, value, h);
    return this;
  }

  /** Counts the keys added and deleted: an entry number from `find` holds while it stays the same. */
  get changes(): number {
    return this.changed;
  }

  /**
   * The entry number of `key`, or -1. With `valueAt`, `setAt` and `add`, a read and a write of one key
   * cost one look-up. The number holds while `changes` stays the same.
   */
  find(key: string): number {
    return this.entryOf(key, this.hash(key));
  }

  /** Replaces the value of live entry number `e` (from `find`). */
  setAt(e: number, value: V): void {
    this.valueList.set(e, value);
  }

  /** Adds `key`, which `find` has just not found, with `value`: `set` without the search. */
  add(key: string, value: V): void {
    this.insert(key, value, this.hash(key));
  }

  private insert(key: string, value: V, h: number): void {
    this.changed++;
    if (this.used === this.hashList.length) this.makeRoom();
    const e = this.used++;
    this.keyList.set(e, key);
    this.valueList.set(e, value);
    this.hashList[e] = h;
    this.live++;
    if (this.fallback) this.fallback.set(key, e);
    else {
      if (2 * this.live > this.slots.length) this.rehash(2 * this.slots.length);
      else if (!this.place(e)) this.degrade();
    }
  }

  delete(key: string): boolean {
    // The slot search may itself retire the slots (a long run): then the key is looked up in the Map.
    let at = this.fallback ? -1 : this.slotOf(key, this.hash(key));
    let e: number;
    if (this.fallback) {
      e = this.fallback.get(key) ?? -1;
      if (e >= 0) this.fallback.delete(key);
      at = -1;
    } else e = at < 0 ? -1 : this.slots[at] - 1;
    if (e < 0) return false;
    this.changed++;
    this.keyList.set(e, undefined);
    this.valueList.set(e, undefined);
    this.tagList.set(e, undefined);
    this.live--;
    if (at < 0) return true;
    // Backward-shift deletion: the entries after the emptied slot that probed past it move back, so
    // every entry stays reachable from its first slot without tombstones.
    const slots = this.slots,
      mask = slots.length - 1;
    slots[at] = 0;
    for (let i = (at + 1) & mask; slots[i] !== 0; i = (i + 1) & mask) {
      const home = this.firstSlot(this.hashList[slots[i] - 1]);
      // The entry at i may move to `at` when its first slot is not in the cyclic interval (at, i].
      if (at <= i ? home <= at || home > i : home <= at && home > i) {
        slots[at] = slots[i];
        slots[i] = 0;
        at = i;
      }
    }
    return true;
  }

  clear(): void {
    this.changed++;
    this.slots = new Int32Array(MIN_SLOTS);
    this.keyList = new ChunkedList<string>();
    this.valueList = new ChunkedList<V>();
    this.tagList = new SparseList<T>();
    this.hashList = new Int32Array(MIN_SLOTS);
    this.used = 0;
    this.live = 0;
    this.fallback = undefined;
  }

  /**
   * One past the last entry number (live or deleted). With `keyAt` and `valueAt`, a walk of every entry
   * in insertion order that neither looks each key up again nor makes an object per key, as the
   * generators below do. No `set` may run during such a walk: it may pack the entries (renumber them).
   */
  get entryEnd(): number {
    return this.used;
  }

  /** The key of entry number `e` (below `entryEnd`), undefined once deleted. */
  keyAt(e: number): string | undefined {
    return this.keyList.get(e);
  }

  /** The value of entry number `e` (below `entryEnd`), undefined once deleted. */
  valueAt(e: number): V | undefined {
    return this.valueList.get(e);
  }

  /** The tag of live entry number `e`: undefined until `setTagAt` gives it one, and once its key is deleted. */
  tagAt(e: number): T | undefined {
    return this.tagList.get(e);
  }

  /** Tags live entry number `e` (from `find`, or a walk below `entryEnd`). */
  setTagAt(e: number, tag: T | undefined): void {
    this.tagList.set(e, tag);
  }

  /** Takes every entry's tag away (the entries stay). */
  clearTags(): void {
    this.tagList = new SparseList<T>();
  }

  /** The live keys in insertion order. Keys set while it runs are visited too, as `Map` does. */
  *keys(): Generator<string, void, void> {
    this.walking++;
    try {
      for (let e = 0; e < this.used; e++) {
        const k = this.keyList.get(e);
        if (k !== undefined) yield k;
      }
    } finally {
      this.walking--;
    }
  }

  /** The live values in insertion order. */
  *values(): Generator<V, void, void> {
    this.walking++;
    try {
      for (let e = 0; e < this.used; e++) if (this.keyList.get(e) !== undefined) yield this.valueList.get(e) as V;
    } finally {
      this.walking--;
    }
  }

  private firstSlot(h: number): number {
    return fibonacciSlot(h, this.slots.length);
  }

  /** The entry number of `key` (hash `h`), or -1. */
  private entryOf(key: string, h: number): number {
    if (!this.fallback) {
      const at = this.slotOf(key, h);
      if (at >= 0) return this.slots[at] - 1;
    }
    // Not found, or the search retired the slots (`degrade`).
    return this.fallback?.get(key) ?? -1;
  }

  /** The slot holding `key` (hash `h`), or -1; a probe run past MAX_PROBE retires the slots (see `degrade`). */
  private slotOf(key: string, h: number): number {
    const slots = this.slots,
      mask = slots.length - 1;
    for (let i = this.firstSlot(h), n = 0; slots[i] !== 0; i = (i + 1) & mask, n++) {
      if (n === MAX_PROBE) {
        this.degrade();
        return -1;
      }
      const e = slots[i] - 1;
      if (this.hashList[e] === h && this.keyList.get(e) === key) return i;
    }
    return -1;
  }

  /** Puts entry `e` in the first free slot of its run; false when the run is past MAX_PROBE. */
  private place(e: number): boolean {
    const slots = this.slots,
      mask = slots.length - 1;
    let i = this.firstSlot(this.hashList[e]);
    for (let n = 0; slots[i] !== 0; i = (i + 1) & mask, n++) if (n === MAX_PROBE) return false;
    slots[i] = e + 1;
    return true;
  }

  /** Moves the lookups of every live entry to a `Map` for good (until `clear`). */
  private degrade(): void {
    const fallback = new Map<string, number>();
    for (let e = 0; e < this.used; e++) {
      const k = this.keyList.get(e);
      if (k !== undefined) fallback.set(k, e);
    }
    this.fallback = fallback;
    this.slots = new Int32Array(0);
  }

  /** The entry lists are full: pack out the holes when they are half of them (and no iteration runs), else grow. */
  private makeRoom(): void {
    if (this.walking === 0 && 2 * this.live <= this.used) {
      let n = 0;
      for (let e = 0; e < this.used; e++) {
        const k = this.keyList.get(e);
        if (k === undefined) continue;
        this.keyList.set(n, k);
        this.valueList.set(n, this.valueList.get(e));
        this.tagList.set(n, this.tagList.get(e));
        this.hashList[n] = this.hashList[e];
        if (this.fallback) this.fallback.set(k, n);
        n++;
      }
      this.keyList.truncate(n, this.used);
      this.valueList.truncate(n, this.used);
      this.tagList.truncate(n, this.used);
      this.used = n;
      if (!this.fallback) this.rehash(this.slots.length);
      return;
    }
    const hashes = new Int32Array(2 * this.hashList.length);
    hashes.set(this.hashList);
    this.hashList = hashes;
  }

  /** Rebuilds the slots, `size` of them, from the live entries (or retires them when a run gets too long). */
  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let e = 0; e < this.used; e++) {
      if (this.keyList.get(e) !== undefined && !this.place(e)) {
        this.degrade();
        return;
      }
    }
  }
}

const CHUNK_BITS = 14,
  CHUNK = 1 << CHUNK_BITS,
  CHUNK_MASK = CHUNK - 1;

/**
 * A list of entries that grows without copying: its first CHUNK items in an array that grows as
 * usual (a small map stays small), the rest in arrays of CHUNK made whole. A list grown one item
 * at a time as a plain array is copied into a fresh, larger one at every growth: for a map of
 * hundreds of thousands of keys about twice the list's own size in fresh memory, which V8 puts in
 * pages of their own that the system maps in one by one.
 */
class ChunkedList<T> {
  private readonly chunks: Array<Array<T | undefined>> = [[]];

  get(i: number): T | undefined {
    return this.chunks[i >>> CHUNK_BITS][i & CHUNK_MASK];
  }

  /** Sets item `i`, which is below the list's end or at it (an append). */
  set(i: number, value: T | undefined): void {
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Array<T | undefined>(CHUNK));
    this.chunks[c][i & CHUNK_MASK] = value;
  }

  /** Keeps the first `n` of its `end` items (the rest let go). */
  truncate(n: number, end: number): void {
    for (let i = n; i < end; i++) this.set(i, undefined);
    const keep = Math.max(1, Math.ceil(n / CHUNK));
    this.chunks.length = keep;
    if (n < CHUNK) this.chunks[0].length = n;
  }
}

/**
 * A list of entries, most of them undefined, in chunks of CHUNK items made at their first defined
 * item: a map of hundreds of thousands of keys that tags a few pays for the chunks that hold them.
 */
class SparseList<T> {
  private readonly chunks: Array<Array<T | undefined> | undefined> = [];

  get(i: number): T | undefined {
    return this.chunks[i >>> CHUNK_BITS]?.[i & CHUNK_MASK];
  }

  set(i: number, value: T | undefined): void {
    const c = i >>> CHUNK_BITS;
    let chunk = this.chunks[c];
    if (chunk === undefined) {
      if (value === undefined) return;
      while (this.chunks.length < c) this.chunks.push(undefined);
      chunk = this.chunks[c] = new Array<T | undefined>(CHUNK);
    }
    chunk[i & CHUNK_MASK] = value;
  }

  /** Keeps the first `n` of its `end` items (the rest let go). */
  truncate(n: number, end: number): void {
    for (let i = n; i < end; i++) this.set(i, undefined);
    this.chunks.length = Math.min(this.chunks.length, Math.ceil(n / CHUNK));
  }
}
