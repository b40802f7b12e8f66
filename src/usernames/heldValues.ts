/**
 * The values an open LDIF record has offered so far, to tell a repeat (`username-multiple-values`)
 * from a new value: an open-addressing table of positions in the record's value list, by the fold
 * key's hash the byte scanner has already computed (plainBytes.ts; `hashOf` gives the same number
 * for the key of a value read as a string). A `Set` of the values would hash every string again and
 * keep a table of objects as large as the entry (an entry may hold hundreds of thousands of values);
 * this keeps two typed columns. Values are compared, so a hash collision is only slower; and since
 * FNV-1a is not keyed, a record of values crafted to share a hash would make every probe walk all of
 * them: a probe run past MAX_PROBE moves the record's values to V8's `Map` (seeded per process).
 */
import { fibonacciSlot } from './fnv';
import { MAX_PROBE } from './keyMap';
const MIN = 16;
/** A table grown past this is dropped, not cleared, when the record ends (a small one is reused). */
const KEEP = 1 << 12;

export class HeldValues {
  /** Per slot: 1 + the value's position in the caller's list, 0 when empty. */
  private at = new Int32Array(MIN);
  private hashes = new Int32Array(MIN);
  private count = 0;
  /** Value → position, once a long probe run (colliding values) retired the slots, until `clear`. */
  private fallback: Map<string, number> | undefined;

  get size(): number {
    return this.count;
  }

  /** The table's length in slots: what it costs in memory (8 bytes a slot), read by its tests of growth and of `clear`. */
  get slots(): number {
    return this.at.length;
  }

  /** True while colliding values keep this record's values in a `Map`. */
  get degraded(): boolean {
    return this.fallback !== undefined;
  }

  /** Whether a value equal to `value` (fold key hash `hash`) is held, `valueAt(p)` reading the value at position `p`. */
  has(hash: number, value: string, valueAt: (p: number) => string): boolean {
    if (this.fallback) return this.fallback.has(value);
    const mask = this.at.length - 1;
    for (let i = fibonacciSlot(hash, this.at.length), n = 0; this.at[i] !== 0; i = (i + 1) & mask, n++) {
      if (n === MAX_PROBE) return this.degrade(valueAt).has(value);
      if (this.hashes[i] === hash && valueAt(this.at[i] - 1) === value) return true;
    }
    return false;
  }

  /** Holds the value at position `p` (not held yet: see `has`); `valueAt` as for `has`. */
  add(hash: number, p: number, valueAt: (p: number) => string): void {
    this.count++;
    if (this.fallback) {
      this.fallback.set(valueAt(p), p);
      return;
    }
    // The growth itself may find a run too long.
    const slotted = 2 * this.count <= this.at.length || this.rehash(2 * this.at.length, valueAt);
    if (!slotted || !this.place(hash, p)) this.degrade(valueAt).set(valueAt(p), p);
  }

  /** Forgets every value (the next record starts). */
  clear(): void {
    if (this.count === 0) return;
    if (this.at.length > KEEP || this.fallback) {
      this.at = new Int32Array(MIN);
      this.hashes = new Int32Array(MIN);
      this.fallback = undefined;
    } else {
      this.at.fill(0);
    }
    this.count = 0;
  }

  /** Puts position `p` (hash `hash`) in the first free slot of its run; false when the run is past MAX_PROBE. */
  private place(hash: number, p: number): boolean {
    const mask = this.at.length - 1;
    let i = fibonacciSlot(hash, this.at.length);
    for (let n = 0; this.at[i] !== 0; i = (i + 1) & mask, n++) if (n === MAX_PROBE) return false;
    this.at[i] = p + 1;
    this.hashes[i] = hash;
    return true;
  }

  /** Moves every held value to a `Map` for the rest of the record (once); returns it. */
  private degrade(valueAt: (p: number) => string): Map<string, number> {
    if (this.fallback) return this.fallback;
    const fallback = new Map<string, number>();
    for (let i = 0; i < this.at.length; i++) if (this.at[i] !== 0) fallback.set(valueAt(this.at[i] - 1), this.at[i] - 1);
    this.fallback = fallback;
    return fallback;
  }

  /** Moves the values to `size` slots; false when a run got too long and they went to a `Map` instead. */
  private rehash(size: number, valueAt: (p: number) => string): boolean {
    const at = this.at,
      hashes = this.hashes;
    this.at = new Int32Array(size);
    this.hashes = new Int32Array(size);
    for (let k = 0; k < at.length; k++) {
      if (at[k] === 0) continue;
      if (!this.place(hashes[k], at[k] - 1)) {
        // The old table still holds every value: the Map is made from it.
        this.at = at;
        this.degrade(valueAt);
        return false;
      }
    }
    return true;
  }
}
