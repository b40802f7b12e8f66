/**
 * The values an open LDIF record has offered so far, to tell a repeat (`username-multiple-values`)
 * from a new value: an open-addressing table of positions in the record's value list, by the fold
 * key's hash the byte scanner has already computed (plainBytes.ts; `hashOf` gives the same number
 * for the key of a value read as a string). A `Set` of the values would hash every string again and
 * keep a table of objects as large as the entry (an entry may hold hundreds of thousands of values);
 * this keeps two typed columns. Values are compared, so a hash collision is only slower.
 */
const MIN = 16;
/** A table grown past this is dropped, not cleared, when the record ends (a small one is reused). */
const KEEP = 1 << 12;

export class HeldValues {
  /** Per slot: 1 + the value's position in the caller's list, 0 when empty. */
  private at = new Int32Array(MIN);
  private hashes = new Int32Array(MIN);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The table's length in slots: what it costs in memory (8 bytes a slot), read by its tests of growth and of `clear`. */
  get slots(): number {
    return this.at.length;
  }

  /** Whether a value equal to `value` (fold key hash `hash`) is held, `valueAt(p)` reading the value at position `p`. */
  has(hash: number, value: string, valueAt: (p: number) => string): boolean {
    const mask = this.at.length - 1;
    for (let i = hash & mask; this.at[i] !== 0; i = (i + 1) & mask)
      if (this.hashes[i] === hash && valueAt(this.at[i] - 1) === value) return true;
    return false;
  }

  /** Holds the value at position `p` (not held yet: see `has`). */
  add(hash: number, p: number): void {
    if (2 * (this.count + 1) > this.at.length) this.rehash(2 * this.at.length);
    const mask = this.at.length - 1;
    let i = hash & mask;
    while (this.at[i] !== 0) i = (i + 1) & mask;
    this.at[i] = p + 1;
    this.hashes[i] = hash;
    this.count++;
  }

  /** Forgets every value (the next record starts). */
  clear(): void {
    if (this.count === 0) return;
    if (this.at.length > KEEP) {
      this.at = new Int32Array(MIN);
      this.hashes = new Int32Array(MIN);
    } else {
      this.at.fill(0);
    }
    this.count = 0;
  }

  private rehash(size: number): void {
    const at = this.at,
      hashes = this.hashes;
    this.at = new Int32Array(size);
    this.hashes = new Int32Array(size);
    const mask = size - 1;
    for (let k = 0; k < at.length; k++) {
      if (at[k] === 0) continue;
      let i = hashes[k] & mask;
      while (this.at[i] !== 0) i = (i + 1) & mask;
      this.at[i] = at[k];
      this.hashes[i] = hashes[k];
    }
  }
}
