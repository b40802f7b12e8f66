/**
 * The other spellings of usernames that `DuplicateTracker` remembers (a key's values besides its
 * group's first, such as `Alice` after `alice`), each with where it was first offered, found by
 * group and spelling.
 *
 * A file can spell one username a new way in every entry (an export that mixes capitals per row).
 * Kept as a string and a `Map` entry per spelling in a `Map` per group, those spellings were most of
 * such a scan's time: a string made and kept for each, a `Map` of hundreds of thousands of string
 * keys, and a column doubled (and so its memory touched twice) as it grew. Here one open-addressing
 * table over typed arrays holds every group's spellings: a Latin-1 spelling's bytes sit in the
 * tracker's arena, its numbers in column blocks that are never copied, and a plain ASCII spelling
 * is found and added from the bytes it was read from (no string at all). An object is made only
 * when a finding needs one.
 *
 * The table is keyed by FNV-1a of the spelling (fnv.ts, over UTF-16 units or the same bytes) mixed
 * with the group. FNV-1a is not keyed, so a hostile file can make many spellings share a hash: a
 * probe run longer than MAX_PROBE moves the lookups to V8's `Map`, whose hash is seeded per process
 * (what the tracker's own index does).
 */
import { ARENA_BITS, ARENA_MASK, type ByteArena, isLatin1 } from './findingStore';
import { GOLDEN, fibonacciSlot, hashOf } from './fnv';
import type { Range } from './types';

/** Where a spelling was first offered: its range, its record and the owner (DN hash) of that record. */
export interface Seen {
  range: Range;
  record: number;
  owner: number;
}

// The int32 numbers per spelling: its group, where its bytes sit in the arena (-1: in `strs`), its
// length (UTF-16 units), its table hash, and its group's generation when it was added (see `forget`).
const E_GROUP = 0,
  E_AT = 1,
  E_LEN = 2,
  E_HASH = 3,
  E_EPOCH = 4,
  E_STRIDE = 5;
// The numbers per spelling in a Float64Array: records, lines and columns can pass int32, an owner is a float hash.
const N_RECORD = 0,
  N_START_LINE = 1,
  N_START_COL = 2,
  N_END_LINE = 3,
  N_END_COL = 4,
  N_OWNER = 5,
  N_STRIDE = 6;
/** Spellings per column block: a new block when the last is full, never a copy. */
const BLOCK_BITS = 10,
  BLOCK = 1 << BLOCK_BITS,
  BLOCK_MASK = BLOCK - 1;
/** Smallest slot table; it doubles whenever it is half full. */
const MIN_SLOTS = 64;
/** A probe run this long means colliding spellings (crafted input): switch to V8's seeded Map. */
export const MAX_PROBE = 64;
/** Spellings longer than this (UTF-16 units) stay strings. */
const MAX_ARENA_VALUE = 4096;

/** Buffer's own latin1 slicer: `toString('latin1', s, e)` without its argument handling. */
type LatinSlice = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * The table hash of group `g`'s spelling whose FNV-1a (`hashOf`) is `h`. For one spelling (one `h`)
 * it differs from group to group (GOLDEN is odd: the product is a bijection of int32), so two
 * entries with the same table hash and the same spelling are of the same group.
 */
function mix(g: number, h: number): number {
  return h ^ Math.imul(g + 1, GOLDEN);
}

/** The fallback Map's key of group `g`'s spelling `value`. */
function fallbackKey(g: number, value: string): string {
  return `${g}:${value}`;
}

export class SpellingTable {
  private count = 0;
  private readonly ints: Int32Array[] = [];
  private readonly nums: Float64Array[] = [];
  /** Spelling index + 1 per slot, 0 when empty. */
  private slots = new Int32Array(MIN_SLOTS);
  /** Spellings that are not in the arena (not Latin-1, long, or the arena full), by index. */
  private strs: Map<number, string> | undefined;
  /** A group's generation once `forget` was called for it (0 before). */
  private epochs: Map<number, number> | undefined;
  /** Set after a pathological probe run: `fallbackKey` → spelling index, from then on. */
  private fallback: Map<string, number> | undefined;
  private readonly arenas: Buffer[];

  /** `arena`: where Latin-1 spellings' bytes go (the tracker's, shared with its keys). */
  constructor(private readonly arena: ByteArena) {
    this.arenas = arena.chunks;
  }

  /** Spellings added (including forgotten ones). */
  get size(): number {
    return this.count;
  }

  /** True once colliding spellings moved the lookups to a Map. */
  get degraded(): boolean {
    return this.fallback !== undefined;
  }

  /** Index of group `g`'s spelling `value`, or -1. */
  find(g: number, value: string): number {
    const epoch = this.epochOf(g);
    if (this.fallback) return this.current(this.fallback.get(fallbackKey(g, value)), epoch);
    const h = mix(g, hashOf(value)),
      slots = this.slots,
      mask = slots.length - 1;
    for (let j = fibonacciSlot(h, slots.length), n = 0; n <= MAX_PROBE; j = (j + 1) & mask, n++) {
      const i = slots[j] - 1;
      if (i < 0) return -1;
      const e = this.ints[i >>> BLOCK_BITS],
        o = E_STRIDE * (i & BLOCK_MASK);
      if (e[o + E_HASH] === h && e[o + E_EPOCH] === epoch && this.isValue(i, value)) return i;
    }
    this.degrade();
    return this.find(g, value);
  }

  /**
   * Index of group `g`'s spelling that is the Latin-1 reading of `buf[s, e)`, or -1; `h` is the
   * FNV-1a of those bytes (`hashOf` of that reading).
   */
  findBytes(g: number, buf: Buffer, s: number, e: number, h: number): number {
    if (this.fallback) return this.find(g, (buf as LatinSlice).latin1Slice(s, e));
    const epoch = this.epochOf(g),
      t = mix(g, h),
      slots = this.slots,
      mask = slots.length - 1;
    for (let j = fibonacciSlot(t, slots.length), n = 0; n <= MAX_PROBE; j = (j + 1) & mask, n++) {
      const i = slots[j] - 1;
      if (i < 0) return -1;
      const c = this.ints[i >>> BLOCK_BITS],
        o = E_STRIDE * (i & BLOCK_MASK);
      if (c[o + E_HASH] === t && c[o + E_EPOCH] === epoch && this.isBytes(i, buf, s, e)) return i;
    }
    this.degrade();
    return this.findBytes(g, buf, s, e, h);
  }

  /** Adds `value`, a spelling of group `g` first offered by `record` (owned by `owner`) at `range`; returns its index. */
  add(g: number, value: string, range: Range, record: number, owner: number): number {
    const len = value.length;
    const at = len <= MAX_ARENA_VALUE && isLatin1(value) ? this.arena.reserve(len) : -1;
    const i = this.newSpelling(g, at, len, hashOf(value));
    if (at >= 0) {
      const a = this.arenas[at >>> ARENA_BITS],
        x = at & ARENA_MASK;
      for (let k = 0; k < len; k++) a[x + k] = value.charCodeAt(k);
    } else (this.strs ??= new Map()).set(i, value);
    this.setNumbers(i, record, range.startLine, range.startColumn, range.endLine, range.endColumn, owner);
    this.place(i, g, value);
    return i;
  }

  /**
   * `add` for the Latin-1 reading of `buf[s, e)` (FNV-1a `h`) on line `line` from column `col`: its
   * bytes are copied, no string is made.
   */
  addBytes(g: number, buf: Buffer, s: number, e: number, h: number, line: number, col: number, record: number, owner: number): number {
    const len = e - s;
    const at = len <= MAX_ARENA_VALUE ? this.arena.reserve(len) : -1;
    if (at < 0) {
      const range = { startLine: line, startColumn: col, endLine: line, endColumn: col + len };
      return this.add(g, (buf as LatinSlice).latin1Slice(s, e), range, record, owner);
    }
    const i = this.newSpelling(g, at, len, h);
    const a = this.arenas[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    // A loop: `Buffer.copy` costs more than the copy itself at these lengths.
    for (let k = 0; k < len; k++) a[x + k] = buf[s + k];
    this.setNumbers(i, record, line, col, line, col + len, owner);
    this.place(i, g, undefined);
    return i;
  }

  /** Forgets group `g`'s spellings (the group starts over: a username freed and taken anew). */
  forget(g: number): void {
    (this.epochs ??= new Map()).set(g, this.epochOf(g) + 1);
  }

  /** Spelling `i` as a string. */
  value(i: number): string {
    const at = this.ints[i >>> BLOCK_BITS][E_STRIDE * (i & BLOCK_MASK) + E_AT];
    if (at < 0) return this.strs!.get(i)!;
    const x = at & ARENA_MASK;
    return (this.arenas[at >>> ARENA_BITS] as LatinSlice).latin1Slice(
      x,
      x + this.ints[i >>> BLOCK_BITS][E_STRIDE * (i & BLOCK_MASK) + E_LEN]
    );
  }

  /** The record that first offered spelling `i`. */
  recordOf(i: number): number {
    return this.nums[i >>> BLOCK_BITS][N_STRIDE * (i & BLOCK_MASK) + N_RECORD];
  }

  /** The owner (DN hash) of that record. */
  ownerOf(i: number): number {
    return this.nums[i >>> BLOCK_BITS][N_STRIDE * (i & BLOCK_MASK) + N_OWNER];
  }

  /** Spelling `i` as an object (made afresh). */
  seen(i: number): Seen {
    const n = this.nums[i >>> BLOCK_BITS],
      o = N_STRIDE * (i & BLOCK_MASK);
    return {
      range: { startLine: n[o + N_START_LINE], startColumn: n[o + N_START_COL], endLine: n[o + N_END_LINE], endColumn: n[o + N_END_COL] },
      record: n[o + N_RECORD],
      owner: n[o + N_OWNER],
    };
  }

  private epochOf(g: number): number {
    return this.epochs?.get(g) ?? 0;
  }

  /** `i` when it is a spelling of the group's current generation `epoch`, -1 otherwise. */
  private current(i: number | undefined, epoch: number): number {
    return i !== undefined && this.ints[i >>> BLOCK_BITS][E_STRIDE * (i & BLOCK_MASK) + E_EPOCH] === epoch ? i : -1;
  }

  private newSpelling(g: number, at: number, len: number, h: number): number {
    const i = this.count++,
      bi = i >>> BLOCK_BITS;
    if (bi === this.ints.length) {
      this.ints.push(new Int32Array(E_STRIDE * BLOCK));
      this.nums.push(new Float64Array(N_STRIDE * BLOCK));
    }
    const e = this.ints[bi],
      o = E_STRIDE * (i & BLOCK_MASK);
    e[o + E_GROUP] = g;
    e[o + E_AT] = at;
    e[o + E_LEN] = len;
    e[o + E_HASH] = mix(g, h);
    e[o + E_EPOCH] = this.epochOf(g);
    return i;
  }

  private setNumbers(i: number, record: number, sl: number, sc: number, el: number, ec: number, owner: number): void {
    const n = this.nums[i >>> BLOCK_BITS],
      o = N_STRIDE * (i & BLOCK_MASK);
    n[o + N_RECORD] = record;
    n[o + N_START_LINE] = sl;
    n[o + N_START_COL] = sc;
    n[o + N_END_LINE] = el;
    n[o + N_END_COL] = ec;
    n[o + N_OWNER] = owner;
  }

  /** Puts spelling `i` of group `g` (its string `value` when the caller has one) into the slots or the fallback Map. */
  private place(i: number, g: number, value: string | undefined): void {
    if (this.fallback) {
      this.fallback.set(fallbackKey(g, value ?? this.value(i)), i);
      return;
    }
    // A rehash places every spelling, this one included (or moves them all to the fallback Map).
    if (2 * this.count > this.slots.length) this.rehash(2 * this.slots.length);
    else if (!this.slot(i)) this.degrade();
  }

  /** Puts spelling `i` into the first free slot of its probe run; false when that run is too long. */
  private slot(i: number): boolean {
    const slots = this.slots,
      mask = slots.length - 1,
      h = this.ints[i >>> BLOCK_BITS][E_STRIDE * (i & BLOCK_MASK) + E_HASH];
    for (let j = fibonacciSlot(h, slots.length), n = 0; n <= MAX_PROBE; j = (j + 1) & mask, n++) {
      if (slots[j] === 0) {
        slots[j] = i + 1;
        return true;
      }
    }
    return false;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let i = 0; i < this.count; i++) {
      if (!this.slot(i)) {
        this.degrade();
        return;
      }
    }
  }

  /**
   * Moves every spelling to the fallback Map (a later one of a group and spelling replaces a
   * forgotten one; `current` rejects a forgotten one left alone); the slots are dropped.
   */
  private degrade(): void {
    const fallback = new Map<string, number>();
    for (let i = 0; i < this.count; i++)
      fallback.set(fallbackKey(this.ints[i >>> BLOCK_BITS][E_STRIDE * (i & BLOCK_MASK) + E_GROUP], this.value(i)), i);
    this.fallback = fallback;
    this.slots = new Int32Array(0);
  }

  private isValue(i: number, value: string): boolean {
    const e = this.ints[i >>> BLOCK_BITS],
      o = E_STRIDE * (i & BLOCK_MASK),
      at = e[o + E_AT];
    if (at < 0) return this.strs!.get(i) === value;
    const len = e[o + E_LEN];
    if (value.length !== len) return false;
    const a = this.arenas[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    for (let k = 0; k < len; k++) if (value.charCodeAt(k) !== a[x + k]) return false;
    return true;
  }

  private isBytes(i: number, buf: Buffer, s: number, end: number): boolean {
    const e = this.ints[i >>> BLOCK_BITS],
      o = E_STRIDE * (i & BLOCK_MASK),
      at = e[o + E_AT],
      len = end - s;
    if (at < 0) {
      const v = this.strs!.get(i)!;
      if (v.length !== len) return false;
      for (let k = 0; k < len; k++) if (v.charCodeAt(k) !== buf[s + k]) return false;
      return true;
    }
    if (e[o + E_LEN] !== len) return false;
    const a = this.arenas[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    for (let k = 0; k < len; k++) if (a[x + k] !== buf[s + k]) return false;
    return true;
  }
}
