/**
 * The duplicate index of a whole-file CSV scan that keeps no records (the CLI's, through the CSV
 * fast path). It reports what `DuplicateTracker` reports for a CSV file, where every row is an
 * entry of its own with at most one username and no DN (test/unit/usernames/fastPath.test.ts
 * compares the two): the same value in another row is `username-duplicate` pointing at its first
 * row; a value equal to an earlier one only after case folding / NFC is `username-duplicate-case`
 * pointing at the first of the group, and a repeat of such a spelling is `username-duplicate`
 * pointing at that spelling's first row.
 *
 * Why not `DuplicateTracker` itself: it also keeps what LDIF needs (an owner, a record and a last
 * record per group, a second copy of a cased key), 32 bytes of columns per username besides its
 * key, and fresh memory is most of a CSV scan's cost (every page is a fault: about 6 ms of CPU per
 * MB on our 2-core benchmark VM, where the CLI's scan of the 21 MB benchmark file touched ~40 MB).
 * Here a username costs its first spelling's bytes (the key is their ASCII lower case), its line
 * and column (12 bytes), and one slot of an open-addressing table that carries 10 bits of the
 * key's hash, so a probe reads another key only when those match. Other spellings than a group's
 * first go to the tracker's spelling table (spellingTable.ts), from their bytes when plain.
 */
import type { FindingStore } from './findingStore';
import { ARENA_BITS, ARENA_MASK, ARENA_SIZE, ByteArena, duplicateFinding } from './findingStore';
import { FNV_PRIME, FNV_SEED, GOLDEN, hashOf } from './fnv';
import { SpellingTable } from './spellingTable';
import type { Finding, Range } from './types';

/** Columns per group: where its first value sits in the arena (-1: in `strs`), its line (-1: in `wide`) and column. */
const C_AT = 0,
  C_LINE = 1,
  C_COL = 2,
  STRIDE = 3;
/**
 * Groups per column block (a new block when the last is full: never a copy). Small, so that the
 * code making one runs within the first rows, before the optimizing compiler sees it.
 */
const BLOCK_BITS = 8,
  BLOCK_MASK = (1 << BLOCK_BITS) - 1;
/** A slot holds the group index + 1 in its low GROUP_BITS bits and the key hash's top bits above them. */
const GROUP_BITS = 22,
  TAG_MASK = ~((1 << GROUP_BITS) - 1),
  GROUP_MASK = (1 << GROUP_BITS) - 1;
/** Smallest slot table; it doubles when over 7/10 full. */
const MIN_SLOTS = 1 << 10;
/** The most usernames a slot table is first sized for. */
const MAX_EXPECTED = 1 << 24;
/**
 * A probe run this long means colliding keys (crafted input): switch to V8's seeded Map. Linear
 * probing at 7/10 full has runs of a few hundred slots at most in a table of millions (the longest
 * run grows as log n / (α − 1 − ln α), Knuth, TAOCP vol. 3, 6.4).
 */
const MAX_PROBE = 1024;
/** First values longer than this (UTF-16 units) stay strings. */
const MAX_ARENA_VALUE = 4096;
/** Bytes of the arena's first chunk; the others are ARENA_SIZE. */
const FIRST_CHUNK = 1 << 10;
/** The most arena chunks an int32 address can reach. */
const MAX_CHUNKS = 2047;
const INT_MAX = 0x7fffffff;

/** ASCII lower case of every byte (other bytes as they are). */
const LOWER = new Uint8Array(256);
for (let b = 0; b < 256; b++) LOWER[b] = b >= 65 && b <= 90 ? b + 32 : b;

/** Buffer's own latin1 slicer: `toString('latin1', s, e)` without its argument handling. */
type LatinSlice = Buffer & { latin1Slice(start: number, end: number): string };

/** `key` is the ASCII lower case of the Latin-1 string `value`. */
function isLowerOf(key: string, value: string): boolean {
  if (key.length !== value.length) return false;
  for (let i = 0; i < key.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 255 || key.charCodeAt(i) !== LOWER[c]) return false;
  }
  return true;
}

export class CsvDuplicates {
  private count = 0;
  private slots: Int32Array;
  /** The slot count / 2^32: a key's first slot is its hash times GOLDEN (as uint32) times this (see `firstSlot`). */
  private scale: number;
  private tagMask = TAG_MASK;
  private groupMask = GROUP_MASK;
  private readonly cols: Int32Array[] = [];
  /** First values as a 2-byte length then their Latin-1 bytes, in chunks of ARENA_SIZE (an entry never straddles two). */
  private readonly chunks: Buffer[] = [];
  private chunkLen = 0;
  private chunkCap = 0;
  /** Groups whose first value is not in the arena (not Latin-1, long, or its key is not its ASCII lower case). */
  private strs: Map<number, { key: string; value: string }> | undefined;
  /** First ranges that are not `line`, `col` to `col` + the value's length (a quoted line break, a `""`, numbers past int32). */
  private wide: Map<number, Range> | undefined;
  /** Other spellings than the first of a group, each with its first range (made at the first). */
  private spellings: SpellingTable | undefined;
  /** Set after a pathological probe run; from then on lookups use this Map. */
  private fallback: Map<string, number> | undefined;
  /** What `touch` read, kept only so that its reads are made. */
  private touched = 0;

  /** `expected`: an estimate of the usernames to come, for the slot table's first size. */
  constructor(
    private readonly store: FindingStore,
    expected = 0
  ) {
    this.slots = new Int32Array(slotsFor(expected));
    this.scale = this.slots.length / 2 ** 32;
  }

  get distinct(): number {
    return this.count;
  }

  /** True once a pathological probe run made the index fall back to a Map. */
  get degraded(): boolean {
    return this.fallback !== undefined;
  }

  /** A better estimate of the usernames to come: the slot table grows to it now rather than by doublings. */
  expect(expected: number): void {
    const n = slotsFor(expected);
    if (n > this.slots.length && !this.fallback) this.rehash(n);
  }

  /**
   * Reads the first slot of each hash of `hashes[0, n)` (usernames about to be offered), so that
   * their cache misses overlap instead of coming one per offer (see `PendingRows` in fastCsv.ts).
   */
  touch(hashes: Int32Array, n: number): void {
    const slots = this.slots,
      scale = this.scale;
    if (slots.length === 0) return;
    let t = 0;
    for (let i = 0; i < n; i++) t ^= slots[firstSlot(hashes[i], scale)];
    // Kept, so that the reads are not optimized away.
    this.touched ^= t;
  }

  /**
   * A row's plain ASCII username `buf[s, e)` (see plainBytes.ts) at line `line` from column `col`,
   * with `h` the hash of its lower-case form and `cased` true when it has capitals. A new username
   * (nearly always) and a repeat in the same spelling cost no string and no object; the findings
   * that are objects (another spelling) are returned.
   */
  offerBytes(buf: Buffer, s: number, e: number, h: number, cased: boolean, line: number, col: number): Finding | undefined {
    if (!this.fallback) {
      const slots = this.slots,
        size = slots.length,
        tagMask = this.tagMask,
        tag = h & tagMask;
      for (let j = firstSlot(h, this.scale), n = 0; n <= MAX_PROBE; j = j + 1 === size ? 0 : j + 1, n++) {
        const slot = slots[j];
        if (slot === 0) {
          if (line <= INT_MAX && col + (e - s) <= INT_MAX) {
            slots[j] = tag | this.insertBytes(buf, s, e, line, col);
            this.grown();
            return undefined;
          }
          break;
        }
        if ((slot & tagMask) !== tag) continue;
        const g = (slot & this.groupMask) - 1;
        if (!this.sameKeyBytes(g, buf, s, e)) continue;
        const b = this.cols[g >>> BLOCK_BITS],
          o = STRIDE * (g & BLOCK_MASK),
          fl = b[o + C_LINE];
        if (fl >= 0 && b[o + C_AT] >= 0 && line <= INT_MAX) {
          // The first value is in the arena (its key is its ASCII lower case: as long as this value).
          const fc = b[o + C_COL];
          // A repeat of the first spelling: straight into the store's columns.
          if (this.sameFirstBytes(g, buf, s, e)) this.store.duplicateBytes(buf, s, e, line, col, fl, fc, fl, fc + (e - s));
          else this.otherSpellingBytes(g, buf, s, e, line, col, fl, fc);
          return undefined;
        }
        break;
      }
    }
    // Another spelling of a known key, numbers past int32, or a crafted probe run: the string path decides.
    const value = (buf as LatinSlice).latin1Slice(s, e);
    const range: Range = { startLine: line, startColumn: col, endLine: line, endColumn: col + (e - s) };
    return this.offer(value, cased ? value.toLowerCase() : value, range);
  }

  /** A row's username `value` (not empty) with its fold key `key` at `range`. */
  offer(value: string, key: string, range: Range): Finding | undefined {
    const h = hashOf(key);
    const g = this.find(key, h);
    if (g < 0) {
      this.insert(key, h, value, range);
      return undefined;
    }
    const first = this.firstRange(g);
    if (this.isFirstValue(g, value)) {
      this.store.duplicate(
        value,
        range.startLine,
        range.startColumn,
        range.endLine,
        range.endColumn,
        first.startLine,
        first.startColumn,
        first.endLine,
        first.endColumn
      );
      return undefined;
    }
    const spellings = this.spellingTable();
    const i = spellings.find(g, value);
    if (i >= 0) return duplicateFinding('username-duplicate', value, range, spellings.seen(i).range);
    // A copy (when kept as a string): a slice would pin the decoded line it came from.
    spellings.add(g, flatCopy(value), range, 0, 0);
    return duplicateFinding('username-duplicate-case', value, range, first);
  }

  /**
   * `offer` for a row's plain ASCII username `buf[s, e)` (see `offerBytes`) of group `g` in another
   * spelling than its first, which is in the arena and starts at line `fl`, column `fc`: the finding
   * goes into the store, and a spelling new to the group is remembered from its bytes (no string).
   */
  private otherSpellingBytes(g: number, buf: Buffer, s: number, e: number, line: number, col: number, fl: number, fc: number): void {
    const spellings = this.spellingTable();
    // FNV-1a of the spelling as it is (the key's hash is of its lower case).
    let h = FNV_SEED;
    for (let k = s; k < e; k++) h = Math.imul(h ^ buf[k], FNV_PRIME);
    const i = spellings.findBytes(g, buf, s, e, h);
    if (i >= 0) {
      const r = spellings.seen(i).range;
      this.store.duplicateBytes(buf, s, e, line, col, r.startLine, r.startColumn, r.endLine, r.endColumn);
      return;
    }
    spellings.addBytes(g, buf, s, e, h, line, col, 0, 0);
    this.store.duplicateBytes(buf, s, e, line, col, fl, fc, fl, fc + (e - s), true);
  }

  /** The other spellings' table, made at the first (CSV has no records or owners: both are 0 in it). */
  private spellingTable(): SpellingTable {
    return (this.spellings ??= new SpellingTable(new ByteArena(MAX_CHUNKS)));
  }

  /** Group index of `key` (hash `h`), or -1. */
  private find(key: string, h: number): number {
    if (this.fallback) return this.fallback.get(key) ?? -1;
    const slots = this.slots,
      size = slots.length,
      tagMask = this.tagMask,
      tag = h & tagMask;
    for (let j = firstSlot(h, this.scale), n = 0; ; j = j + 1 === size ? 0 : j + 1, n++) {
      const slot = slots[j];
      if (slot === 0) return -1;
      if ((slot & tagMask) === tag && this.sameKey((slot & this.groupMask) - 1, key)) return (slot & this.groupMask) - 1;
      if (n > MAX_PROBE) return this.degrade(key);
    }
  }

  private sameKey(g: number, key: string): boolean {
    const at = this.cols[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + C_AT];
    if (at < 0) return this.strs!.get(g)!.key === key;
    const a = this.chunks[at >>> ARENA_BITS],
      x = at & ARENA_MASK,
      len = a[x] | (a[x + 1] << 8);
    if (key.length !== len) return false;
    for (let i = 0; i < len; i++) if (key.charCodeAt(i) !== LOWER[a[x + 2 + i]]) return false;
    return true;
  }

  /** Group `g`'s key is the lower case of ASCII `buf[s, e)`. */
  private sameKeyBytes(g: number, buf: Buffer, s: number, e: number): boolean {
    const at = this.cols[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + C_AT],
      len = e - s;
    if (at < 0) {
      // The first value is not in the arena, but its key may still be ASCII (KELVIN SIGN folds to k).
      const key = this.strs!.get(g)!.key;
      if (key.length !== len) return false;
      for (let i = 0; i < len; i++) if (key.charCodeAt(i) !== LOWER[buf[s + i]]) return false;
      return true;
    }
    const a = this.chunks[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    if ((a[x] | (a[x + 1] << 8)) !== len) return false;
    for (let i = 0; i < len; i++) if (LOWER[a[x + 2 + i]] !== LOWER[buf[s + i]]) return false;
    return true;
  }

  /** Group `g`'s first value, in the arena, is `buf[s, e)` byte for byte (its key is known to match). */
  private sameFirstBytes(g: number, buf: Buffer, s: number, e: number): boolean {
    const at = this.cols[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + C_AT],
      a = this.chunks[at >>> ARENA_BITS],
      x = (at & ARENA_MASK) + 2;
    for (let i = 0; i < e - s; i++) if (a[x + i] !== buf[s + i]) return false;
    return true;
  }

  private isFirstValue(g: number, value: string): boolean {
    const at = this.cols[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + C_AT];
    if (at < 0) return this.strs!.get(g)!.value === value;
    const a = this.chunks[at >>> ARENA_BITS],
      x = at & ARENA_MASK,
      len = a[x] | (a[x + 1] << 8);
    if (value.length !== len) return false;
    for (let i = 0; i < len; i++) if (value.charCodeAt(i) !== a[x + 2 + i]) return false;
    return true;
  }

  /** Group `g`'s first value's length (UTF-16 units). */
  private lengthOf(g: number): number {
    const at = this.cols[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + C_AT];
    if (at < 0) return this.strs!.get(g)!.value.length;
    const a = this.chunks[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    return a[x] | (a[x + 1] << 8);
  }

  /** Group `g`'s key as a string. */
  private keyOf(g: number): string {
    const at = this.cols[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + C_AT];
    if (at < 0) return this.strs!.get(g)!.key;
    const a = this.chunks[at >>> ARENA_BITS],
      x = at & ARENA_MASK,
      len = a[x] | (a[x + 1] << 8);
    let key = '';
    for (let i = 0; i < len; i++) key += String.fromCharCode(LOWER[a[x + 2 + i]]);
    return key;
  }

  /** Group `g`'s key's hash (`hashOf`). */
  private hashOfGroup(g: number): number {
    const at = this.cols[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + C_AT];
    if (at < 0) return hashOf(this.strs!.get(g)!.key);
    const a = this.chunks[at >>> ARENA_BITS],
      x = at & ARENA_MASK,
      end = x + 2 + (a[x] | (a[x + 1] << 8));
    let h = FNV_SEED;
    for (let i = x + 2; i < end; i++) h = Math.imul(h ^ LOWER[a[i]], FNV_PRIME);
    return h;
  }

  private firstRange(g: number): Range {
    const b = this.cols[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK),
      line = b[o + C_LINE];
    if (line < 0) return { ...this.wide!.get(g)! };
    const col = b[o + C_COL];
    return { startLine: line, startColumn: col, endLine: line, endColumn: col + this.lengthOf(g) };
  }

  /** A new group (its columns zeroed); returns its index + 1. */
  private newGroup(): number {
    const g = this.count++;
    if ((g & BLOCK_MASK) === 0) this.cols.push(new Int32Array(STRIDE << BLOCK_BITS));
    return g + 1;
  }

  /** Room for `n` bytes (at most ARENA_SIZE) in the arena: their address, or -1 when it is full. */
  private reserve(n: number): number {
    if (this.chunkLen + n > this.chunkCap) {
      if (this.chunks.length >= MAX_CHUNKS) return -1;
      // The first chunk is small: a small file's scan stays small, and the code making the next runs early (see BLOCK_BITS).
      this.chunkCap = this.chunks.length === 0 && n <= FIRST_CHUNK ? FIRST_CHUNK : ARENA_SIZE;
      this.chunks.push(Buffer.allocUnsafeSlow(this.chunkCap));
      this.chunkLen = 0;
    }
    const at = ((this.chunks.length - 1) << ARENA_BITS) + this.chunkLen;
    this.chunkLen += n;
    return at;
  }

  /** A new group for plain ASCII `buf[s, e)` at `line`, `col` (numbers within int32); returns its index + 1. */
  private insertBytes(buf: Buffer, s: number, e: number, line: number, col: number): number {
    const len = e - s,
      at = this.reserve(len + 2);
    if (at < 0) {
      const value = (buf as LatinSlice).latin1Slice(s, e);
      return this.add(value.toLowerCase(), value, { startLine: line, startColumn: col, endLine: line, endColumn: col + len });
    }
    const a = this.chunks[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    a[x] = len;
    a[x + 1] = len >>> 8;
    // A loop: `Buffer.copy` costs more than the copy itself at these lengths.
    for (let i = 0; i < len; i++) a[x + 2 + i] = buf[s + i];
    const g1 = this.newGroup(),
      b = this.cols[(g1 - 1) >>> BLOCK_BITS],
      o = STRIDE * ((g1 - 1) & BLOCK_MASK);
    b[o + C_AT] = at;
    b[o + C_LINE] = line;
    b[o + C_COL] = col;
    return g1;
  }

  private insert(key: string, h: number, value: string, range: Range): void {
    const g1 = this.add(key, value, range);
    if (this.fallback) {
      this.fallback.set(key, g1 - 1);
      return;
    }
    const slots = this.slots,
      size = slots.length;
    let j = firstSlot(h, this.scale);
    while (slots[j] !== 0) j = j + 1 === size ? 0 : j + 1;
    slots[j] = (h & this.tagMask) | g1;
    this.grown();
  }

  /** A new group for `value` (fold key `key`) first at `range`, placed in no slot; returns its index + 1. */
  private add(key: string, value: string, range: Range): number {
    const len = value.length;
    const at = len <= MAX_ARENA_VALUE && isLowerOf(key, value) ? this.reserve(len + 2) : -1;
    const g1 = this.newGroup(),
      g = g1 - 1,
      b = this.cols[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    if (at >= 0) {
      const a = this.chunks[at >>> ARENA_BITS],
        x = at & ARENA_MASK;
      a[x] = len;
      a[x + 1] = len >>> 8;
      for (let i = 0; i < len; i++) a[x + 2 + i] = value.charCodeAt(i);
    } else (this.strs ??= new Map()).set(g, { key: flatCopy(key), value: flatCopy(value) });
    b[o + C_AT] = at;
    if (
      range.startLine === range.endLine &&
      range.startLine <= INT_MAX &&
      range.endColumn === range.startColumn + len &&
      range.endColumn <= INT_MAX
    ) {
      b[o + C_LINE] = range.startLine;
      b[o + C_COL] = range.startColumn;
    } else {
      b[o + C_LINE] = -1;
      (this.wide ??= new Map()).set(g, { ...range });
    }
    return g1;
  }

  /** After a slot was taken: the table doubles when over 7/10 full; at 2^GROUP_BITS groups the slots drop the hash bits. */
  private grown(): void {
    if (this.count === GROUP_MASK) {
      this.tagMask = 0;
      this.groupMask = INT_MAX;
      this.rehash(this.slots.length);
    } else if (10 * this.count > 7 * this.slots.length) this.rehash(2 * this.slots.length);
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size),
      tagMask = this.tagMask,
      scale = size / 2 ** 32;
    for (let g = 0; g < this.count; g++) {
      const h = this.hashOfGroup(g);
      let j = firstSlot(h, scale);
      while (slots[j] !== 0) j = j + 1 === size ? 0 : j + 1;
      slots[j] = (h & tagMask) | (g + 1);
    }
    this.slots = slots;
    this.scale = scale;
  }

  private degrade(key: string): number {
    this.fallback = new Map();
    for (let g = 0; g < this.count; g++) this.fallback.set(this.keyOf(g), g);
    this.slots = new Int32Array(0);
    return this.fallback.get(key) ?? -1;
  }
}

/** The slot table size for `expected` keys: at least MIN_SLOTS, at most 7/10 full. */
function slotsFor(expected: number): number {
  return Math.max(MIN_SLOTS, Math.ceil((10 * Math.min(expected, MAX_EXPECTED)) / 7));
}

/**
 * A key's first slot in a table of `scale` × 2^32 slots: its hash times GOLDEN as a fraction of 2^32,
 * scaled (Lemire's "fast alternative to the modulo reduction"; the table need not be a power of
 * two, so one sized from an estimate is not up to twice too big). The product is exact to 2^-52 of
 * the table size, so the floor is below it.
 */
function firstSlot(h: number, scale: number): number {
  return Math.floor((Math.imul(h, GOLDEN) >>> 0) * scale);
}

/** A copy that does not pin the string it was sliced from. */
function flatCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
