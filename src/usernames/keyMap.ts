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
 * pointers), and the keys and values sit in two plain lists in insertion order.
 *
 * The table is open addressing with linear probing, by `hashOf` (FNV-1a over UTF-16 units); a hash
 * collision only costs a string compare. A deleted key leaves a hole in the lists, and the lists are
 * packed again (in order) when holes are half of them.
 */
import { FNV_PRIME, FNV_SEED } from './fnv';

const MIN_SLOTS = 16;

export class StringKeyMap<V> {
  /** `hash` is FNV-1a of fnv.ts; tests give one that collides to reach every probing path. */
  constructor(private readonly hash: (key: string) => number = hashOf) {}

  /** Per slot: 1 + the entry's number, 0 when empty. Its length is a power of two, at least twice the live entries. */
  private slots = new Int32Array(MIN_SLOTS);
  /** Per entry number, in insertion order: its key (undefined once deleted), value and hash. */
  private keyList: Array<string | undefined> = [];
  private valueList: Array<V | undefined> = [];
  private hashList = new Int32Array(MIN_SLOTS);
  /** Entries made (live or deleted), live entries, and iterations running (packing waits for them). */
  private used = 0;
  private live = 0;
  private walking = 0;

  get size(): number {
    return this.live;
  }

  get(key: string): V | undefined {
    const at = this.find(key, this.hash(key));
    return at < 0 ? undefined : this.valueList[this.slots[at] - 1];
  }

  has(key: string): boolean {
    return this.find(key, this.hash(key)) >= 0;
  }

  set(key: string, value: V): this {
    const h = this.hash(key);
    const at = this.find(key, h);
    if (at >= 0) {
      this.valueList[this.slots[at] - 1] = value;
      return this;
    }
    if (this.used === this.hashList.length) this.makeRoom();
    if (2 * (this.live + 1) > this.slots.length) this.rehash(2 * this.slots.length);
    const e = this.used++;
    this.keyList[e] = key;
    this.valueList[e] = value;
    this.hashList[e] = h;
    this.live++;
    const mask = this.slots.length - 1;
    let i = h & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = e + 1;
    return this;
  }

  delete(key: string): boolean {
    let at = this.find(key, this.hash(key));
    if (at < 0) return false;
    const e = this.slots[at] - 1;
    this.keyList[e] = undefined;
    this.valueList[e] = undefined;
    this.live--;
    // Backward-shift deletion: the entries after the emptied slot that probed past it move back, so
    // every entry stays reachable from its home slot without tombstones.
    const slots = this.slots,
      mask = slots.length - 1;
    slots[at] = 0;
    for (let i = (at + 1) & mask; slots[i] !== 0; i = (i + 1) & mask) {
      const home = this.hashList[slots[i] - 1] & mask;
      // The entry at i may move to `at` when its home is not in the cyclic interval (at, i].
      if (at <= i ? home <= at || home > i : home <= at && home > i) {
        slots[at] = slots[i];
        slots[i] = 0;
        at = i;
      }
    }
    return true;
  }

  clear(): void {
    this.slots = new Int32Array(MIN_SLOTS);
    this.keyList = [];
    this.valueList = [];
    this.hashList = new Int32Array(MIN_SLOTS);
    this.used = 0;
    this.live = 0;
  }

  /** The live keys in insertion order. Keys set while it runs are visited too, as `Map` does. */
  *keys(): Generator<string, void, void> {
    this.walking++;
    try {
      for (let e = 0; e < this.used; e++) {
        const k = this.keyList[e];
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
      for (let e = 0; e < this.used; e++) if (this.keyList[e] !== undefined) yield this.valueList[e] as V;
    } finally {
      this.walking--;
    }
  }

  /** The slot holding `key` (hash `h`), or -1. */
  private find(key: string, h: number): number {
    const slots = this.slots,
      mask = slots.length - 1;
    for (let i = h & mask; slots[i] !== 0; i = (i + 1) & mask) {
      const e = slots[i] - 1;
      if (this.hashList[e] === h && this.keyList[e] === key) return i;
    }
    return -1;
  }

  /** The entry lists are full: pack out the holes when they are half of them (and no iteration runs), else grow. */
  private makeRoom(): void {
    if (this.walking === 0 && 2 * this.live <= this.used) {
      let n = 0;
      for (let e = 0; e < this.used; e++) {
        const k = this.keyList[e];
        if (k === undefined) continue;
        this.keyList[n] = k;
        this.valueList[n] = this.valueList[e];
        this.hashList[n] = this.hashList[e];
        n++;
      }
      this.keyList.length = n;
      this.valueList.length = n;
      this.used = n;
      this.rehash(this.slots.length);
      return;
    }
    const hashes = new Int32Array(2 * this.hashList.length);
    hashes.set(this.hashList);
    this.hashList = hashes;
  }

  /** Rebuilds the slots, `size` of them, from the live entries. */
  private rehash(size: number): void {
    const slots = new Int32Array(size),
      mask = size - 1;
    for (let e = 0; e < this.used; e++) {
      if (this.keyList[e] === undefined) continue;
      let i = this.hashList[e] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.slots = slots;
  }
}

/** `hashOf` of fnv.ts, repeated here so the default is a module local (imported bindings can compile to getters). */
function hashOf(s: string): number {
  let h = FNV_SEED;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
