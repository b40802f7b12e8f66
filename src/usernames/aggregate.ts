/**
 * Cross-record logic shared by whole-file scans and the incremental document
 * scan: duplicate detection, the LDIF mixed-records check, severity settings
 * and the findings cap. Duplicate detection keeps one small entry per
 * distinct username, so memory is bounded by distinct usernames.
 */
import { CsvDuplicates } from './csvDuplicates';
import { dnHash, dnHashOf, normalizeDn } from './dn';
import { FNV_PRIME, FNV_SEED, hashOf } from './fnv';
import { ARENA_BITS, ARENA_MASK, ByteArena, FindingStore, duplicateFinding, isLatin1 } from './findingStore';
import { type Seen, SpellingTable } from './spellingTable';

export { compareFindings } from './findingStore';
import type { LdifStreamSink, PlainRowSink, RawOccurrence, RawRecord, RecordSink } from './records';
import type { EntryRecord, Finding, FindingCode, Range, ScanOptions, SeveritySetting } from './types';

/**
 * A copy that does not pin the chunk it was sliced from (V8 keeps the parent
 * of a sliced string alive, which would make memory grow with the file).
 */
export function flat(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** A group's one other spelling than its first value's, `value`. */
interface OtherSpelling extends Seen {
  value: string;
}

/** Owner column values besides a DN hash: no DN known (CSV, a DN that is not valid base64) and released by a change record. */
const NO_DN = NaN,
  RELEASED = -1;
/**
 * The int32 numbers per group: its key's hash; where its key sits in the arena (-1: in `strKeys`);
 * the key's length (UTF-16 units, from LEN_SHIFT up) and flags; its first occurrence's record, line,
 * column and end column (a range on one line); and the last record that offered its first value's
 * spelling (see heldBy).
 */
const F_HASH = 0,
  F_KEY_AT = 1,
  F_FLAGS = 2,
  F_RECORD = 3,
  F_LINE = 4,
  F_COL = 5,
  F_END_COL = 6,
  F_LAST = 7,
  STRIDE = 8;
/**
 * Flags: the first value's bytes follow the key's (it differs in ASCII case only); the first value
 * is in `firstVals`; the record and range are in `wide`; the group's one other spelling is in the
 * spelling columns (see `spells`); the group has other spellings in `spellings`.
 */
const CASED = 1,
  FIRST_IN_MAP = 2,
  WIDE = 4,
  OTHER = 8,
  SPELLED = 16,
  LEN_SHIFT = 5;
/**
 * The int32 numbers of a group's one other spelling in the spelling columns: where its bytes sit in
 * the arena (as many as the key's), and the record, line, column and end column that offered it.
 */
const S_AT = 0,
  S_RECORD = 1,
  S_LINE = 2,
  S_COL = 3,
  S_END_COL = 4,
  S_STRIDE = 5;
/** Groups per column block. */
const BLOCK_BITS = 13,
  BLOCK = 1 << BLOCK_BITS,
  BLOCK_MASK = BLOCK - 1;
/** The most arena chunks an int32 address can reach. */
const MAX_ARENAS = 2047;
/** Groups of the first column block at first; it doubles up to BLOCK. */
const FIRST_BLOCK = 64;
/** Keys longer than this stay strings. */
const MAX_ARENA_KEY = 4096;
const INT_MAX = 0x7fffffff;
/** Results of `offerInRecord`. */
export const OFFERED = 0,
  REPEAT = 1,
  SLOW = 2;
/** Results of `groupOfBytes` besides a group index. */
const INSERTED = -1,
  TOO_LONG = -2;

/** Smallest slot table; it doubles whenever it is half full. */
const MIN_SLOTS = 1 << 10;
/** The largest `expected` a tracker sizes its first slot table for. */
const MAX_EXPECTED = 1 << 21;
/** A probe run this long means colliding keys (crafted input): switch to V8's seeded Map. */
const MAX_PROBE = 64;

/** Buffer's own latin1 slicer: `toString('latin1', s, e)` without its argument handling. */
type LatinSlice = Buffer & { latin1Slice(start: number, end: number): string };

export { FNV_PRIME, FNV_SEED } from './fnv';

/** `s` is the latin1 reading of `buf[from, to)`. */
function sameLatin1(s: string, buf: Buffer, from: number, to: number): boolean {
  if (s.length !== to - from) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[from + i]) return false;
  return true;
}

function lowerByte(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}

/**
 * Decides duplicate findings for occurrences offered in document order:
 * the same value in another entry → `username-duplicate` (error) pointing at
 * the first; a value equal only after case folding / NFC → `username-duplicate-case`
 * (warning) pointing at the first of its fold group. Repeats inside one entry
 * are `username-multiple-values`, reported by the scanners.
 *
 * LDIF change files are histories (RFC 2849 change records): a username
 * belongs to an entry (its DN, see `setEntry`) from the record that gives it
 * until a delete, a `replace`/`delete` of the attribute, or a rename moves or
 * frees it. A modify that re-sets the entry's own username is no clash, a
 * re-add after a delete takes the username anew, and a content or add record
 * repeating a DN is reported as the entry appearing twice. Only change
 * records register their DN for releases, so in a file that mixes content and
 * change records (itself reported) a content record's username is never freed.
 *
 * Every username of a file goes through here, and almost all are new: the
 * index is a hand-rolled open-addressing table over typed arrays rather than
 * a Map of objects. Per fold group it keeps the key, the first value and five
 * numbers in columns (no per-group objects for the GC to copy and promote);
 * a V8 Map insert costs about three times as much at 300k keys.
 */
export class DuplicateTracker {
  private count = 0;
  /**
   * Per group, STRIDE int32 numbers (see the F_* offsets) in blocks of BLOCK groups: a new block
   * when the last is full, never a copy (fresh memory costs page faults, and a doubling column
   * touched its memory twice).
   */
  private readonly blocks: Int32Array[] = [];
  /** The owner (DN hash, NO_DN or RELEASED) per group, in blocks made on the first owner that is not NO_DN. */
  private readonly owners: Array<Float64Array | undefined> = [];
  /**
   * Keys, and first values that differ from their key in case only, as Latin-1 bytes in arena
   * chunks (a key never straddles two): no string per username for the GC to copy and promote.
   * The global offset of a key is chunk × ARENA_SIZE + offset in the chunk.
   */
  private readonly arena = new ByteArena(MAX_ARENAS);
  private readonly arenas = this.arena.chunks;
  /** Keys that are not Latin-1 or are long (rare), by group. */
  private strKeys: Map<number, string> | undefined;
  /** First values that differ from their key other than in ASCII case, by group. */
  private firstVals: Map<number, string> | undefined;
  /** Record and range of groups whose numbers do not fit the columns (a multi-line range, numbers past int32). */
  private wide: Map<number, { record: number; range: Range }> | undefined;
  /** Group index + 1 per slot, 0 when empty. */
  private slots: Int32Array;
  /** Set after a pathological probe run; from then on lookups use this Map. */
  private fallback: Map<string, number> | undefined;
  /**
   * Groups' other spellings (flag SPELLED). A group whose one other spelling came from bytes of a
   * record offered as it was read (an ASCII case-only variant, see `otherSpellingInRecord`) keeps it
   * in `spells` and `spellOwners` instead (flag OTHER), never in both.
   */
  private readonly spellings = new SpellingTable(this.arena);
  /** Per column block (made on its first such spelling): S_STRIDE numbers per group (see S_AT). */
  private readonly spells: Array<Int32Array | undefined> = [];
  /** Per column block, with `spells`: the owner of each group's other spelling. */
  private readonly spellOwners: Array<Float64Array | undefined> = [];
  /** Groups each change record's entry took, by normalized DN (only change files fill it). */
  private byDn: Map<string, number[]> | undefined;
  // The entry whose occurrences are being offered (see setEntry).
  private dn: string | undefined;
  /** The DN made on demand (see setEntryOwner); only a duplicate's message needs it. */
  private dnOf: (() => string) | undefined;
  private dnKey: string | undefined;
  private owner = NO_DN;
  private ownEntryIsFine = false;
  /** Record number of the first occurrence behind the last duplicate finding. */
  lastFirstRecord = -1;
  /**
   * Set by a whole-file scan: a duplicate in another entry goes straight into it (see
   * findingStore.ts) and is not returned. Other findings are returned as objects.
   */
  store: FindingStore | undefined;

  /**
   * `expected`: an estimate of the usernames to come (a whole file's scan makes one from its
   * size), for the slot table's first size: each doubling re-places every group.
   */
  constructor(expected = 0) {
    let n = MIN_SLOTS;
    while (n < 2 * Math.min(expected, MAX_EXPECTED)) n *= 2;
    this.slots = new Int32Array(n);
  }

  get distinct(): number {
    return this.count;
  }

  /**
   * The entry the next offers belong to: its DN as written (undefined: none
   * known), whether to remember it for later releases (change records), and
   * whether the entry taking a username it already holds is fine (a modify).
   */
  setEntry(dn: string | undefined, remember: boolean, ownEntryIsFine: boolean): void {
    this.dn = dn;
    this.dnOf = undefined;
    this.dnKey = remember && dn !== undefined ? normalizeDn(dn) : undefined;
    this.owner = dn === undefined ? NO_DN : this.dnKey !== undefined ? dnHash(this.dnKey) : dnHashOf(dn);
    this.ownEntryIsFine = ownEntryIsFine;
  }

  /**
   * `setEntry(dn, false, false)` for a content record whose DN hash (`dnHashOf`) is
   * already known: the DN string is made by `dnOf` only if a message needs it.
   */
  setEntryOwner(owner: number, dnOf: () => string): void {
    this.dn = undefined;
    this.dnOf = dnOf;
    this.dnKey = undefined;
    this.owner = owner;
    this.ownEntryIsFine = false;
  }

  /** The entry of `setEntry` gives up the listed usernames (fold keys), or all it holds. */
  release(foldKeys: string[] | undefined): void {
    const held = this.dnKey === undefined ? undefined : this.byDn?.get(this.dnKey);
    if (!held) return;
    const owner = this.owner;
    for (const g of foldKeys ? foldKeys.map((k) => this.find(k, hashOf(k))) : held) {
      if (g >= 0 && this.ownerOf(g) === owner) this.setOwner(g, RELEASED);
    }
    if (!foldKeys) this.byDn!.delete(this.dnKey!);
  }

  /** The entry of `setEntry` is renamed: what it holds moves to `newDn`. */
  rename(newDn: string): void {
    const held = this.dnKey === undefined ? undefined : this.byDn?.get(this.dnKey);
    if (!held) return;
    const key = normalizeDn(newDn),
      to = dnHash(key);
    for (const g of held) if (this.ownerOf(g) === this.owner) this.setOwner(g, to);
    this.byDn!.delete(this.dnKey!);
    const there = this.byDn!.get(key);
    this.byDn!.set(key, there ? [...there, ...held] : held);
  }

  offer(occ: RawOccurrence, record: number): Finding | undefined {
    // Empty values are `username-missing` already; two of them are not a duplicate.
    if (!occ.value || occ.foldKey === undefined || occ.repeatInRecord) return undefined;
    return this.offerValue(occ.value, occ.foldKey, occ.valueRange, record, false);
  }

  /**
   * `offer` of a value with its fold key and range. `fresh`: the strings are new
   * flat strings (not slices of a bigger one), so they are kept as they are.
   */
  offerValue(value: string, key: string, valueRange: Range, record: number, fresh: boolean): Finding | undefined {
    const h = hashOf(key);
    const g = this.find(key, h);
    if (g < 0) {
      this.insert(fresh ? key : flat(key), h, fresh ? value : flat(value), valueRange, record);
      return undefined;
    }
    return this.hit(g, value, valueRange.startLine, valueRange.startColumn, valueRange.endLine, valueRange.endColumn, valueRange, record);
  }

  /**
   * The rest of `offerValue` once the value's group `g` is found: the value at line `l`, columns
   * `[c, ec)` to line `el` (`range`, when the caller has one as an object).
   */
  private hit(
    g: number,
    value: string,
    l: number,
    c: number,
    el: number,
    ec: number,
    range: Range | undefined,
    record: number
  ): Finding | undefined {
    const own = this.ownerOf(g);
    if (own === RELEASED) {
      // Freed by a delete, replace or rename earlier in the file: this entry takes it anew.
      this.retake(g, value, range ?? { startLine: l, startColumn: c, endLine: el, endColumn: ec }, record);
      return undefined;
    }
    let first: Seen | undefined;
    if (this.isFirstSpelling(g, value)) {
      this.setLast(g, record);
      const fr = this.recordOf(g);
      if (fr === record) return undefined;
      const sameEntry = own === this.owner;
      if (sameEntry && this.ownEntryIsFine) return undefined;
      if (!sameEntry && this.store) {
        // The commonest duplicate, straight into the scan's columns: no object.
        this.lastFirstRecord = fr;
        const f = this.rangeOf(g);
        this.store.duplicate(value, l, c, el, ec, f.startLine, f.startColumn, f.endLine, f.endColumn);
        return undefined;
      }
      first = { range: this.rangeOf(g), record: fr, owner: own };
    } else first = this.otherSpelling(g, value);
    const valueRange = range ?? { startLine: l, startColumn: c, endLine: el, endColumn: ec };
    if (first) return this.seenBefore(first, value, valueRange, record);
    this.addSpelling(g, flat(value), valueRange, record);
    const fr = this.recordOf(g);
    if (fr === record || (this.ownEntryIsFine && own === this.owner)) return undefined;
    this.lastFirstRecord = fr;
    const f = this.rangeOf(g);
    if (!this.store) return duplicateFinding('username-duplicate-case', value, valueRange, f);
    // Straight into the scan's columns, as the same spelling's duplicate above: no finding object per spelling.
    this.store.duplicate(value, l, c, el, ec, f.startLine, f.startColumn, f.endLine, f.endColumn, true);
    return undefined;
  }

  /**
   * True when record `record` offered `value` (fold key `key`) and the index keeps that occurrence:
   * as its group's first value, or as the latest of another spelling, or (for the first value's
   * spelling) as a duplicate of another record's. Only a duplicate in another spelling is not
   * known here: the LDIF scanner keeps those itself.
   */
  heldBy(value: string, key: string, record: number): boolean {
    const g = this.find(key, hashOf(key));
    if (g < 0) return false;
    if (this.isFirstSpelling(g, value))
      return (this.recordOf(g) === record && this.ownerOf(g) !== RELEASED) || (record <= INT_MAX && this.lastOf(g) === record);
    return this.otherSpelling(g, value)?.record === record;
  }

  /**
   * What an LDIF content record's scanner does with one more plain ASCII value `buf[s, e)` (see
   * `offerBytes` for the other arguments) when records are offered as they are read: REPEAT when
   * record `record` already offered this spelling (nothing is done), OFFERED when it is offered
   * now (a duplicate of another entry goes into the store), SLOW when only the string path can
   * tell (another spelling of a known key, a freed username, the same entry twice), with nothing done.
   */
  offerInRecord(buf: Buffer, s: number, e: number, h: number, cased: boolean, line: number, col: number, record: number): number {
    if (this.fallback || record > INT_MAX || line > INT_MAX) return SLOW;
    const g = this.groupOfBytes(buf, s, e, h, cased, line, col, record);
    if (g === INSERTED) return OFFERED;
    if (g < 0) return SLOW;
    const own = this.ownerOf(g);
    if (own === RELEASED) return SLOW;
    if (!this.sameFirstBytes(g, buf, s, e)) return this.otherSpellingInRecord(g, own, buf, s, e, line, col, record);
    if (this.lastOf(g) === record) return REPEAT;
    const fr = this.recordOf(g);
    if (fr === record) return REPEAT;
    if (own === this.owner || !this.store) return SLOW;
    this.setLast(g, record);
    this.lastFirstRecord = fr;
    this.duplicateBytes(g, buf, s, e, line, col);
    return OFFERED;
  }

  /**
   * `offerInRecord` for a value whose key is group `g`'s (owned by `own`) in another spelling than
   * the first: when that spelling is new to the group and the first value is another entry's, it is
   * remembered and its `username-duplicate-case` finding goes into the store as bytes (what `hit`
   * does, with no finding object); SLOW otherwise, with nothing done.
   */
  private otherSpellingInRecord(
    g: number,
    own: number,
    buf: Buffer,
    s: number,
    e: number,
    line: number,
    col: number,
    record: number
  ): number {
    const fr = this.recordOf(g);
    if (!this.store || own === this.owner || fr === record) return SLOW;
    // A group with another spelling already (rare): the string path decides.
    if (this.blocks[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + F_FLAGS] & (OTHER | SPELLED)) return SLOW;
    // Its one other spelling goes into the columns: no string and no object per case-only duplicate.
    const len = e - s,
      at = this.arena.reserve(len);
    if (at < 0) return SLOW;
    const a = this.arenas[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    for (let k = 0; k < len; k++) a[x + k] = buf[s + k];
    const bi = g >>> BLOCK_BITS,
      i = g & BLOCK_MASK;
    let sp = this.spells[bi];
    if (sp === undefined || S_STRIDE * i >= sp.length) sp = this.growSpells(bi);
    const o = S_STRIDE * i;
    sp[o + S_AT] = at;
    sp[o + S_RECORD] = record;
    sp[o + S_LINE] = line;
    sp[o + S_COL] = col;
    sp[o + S_END_COL] = col + len;
    this.spellOwners[bi]![i] = this.owner;
    this.blocks[bi][STRIDE * i + F_FLAGS] |= OTHER;
    this.lastFirstRecord = fr;
    this.duplicateBytes(g, buf, s, e, line, col, true);
    return OFFERED;
  }

  /** The spelling columns of block `bi`, made or grown to its column block's size. */
  private growSpells(bi: number): Int32Array {
    while (this.spells.length <= bi) {
      this.spells.push(undefined);
      this.spellOwners.push(undefined);
    }
    const groups = this.blocks[bi].length / STRIDE,
      sp = new Int32Array(S_STRIDE * groups),
      so = new Float64Array(groups);
    const old = this.spells[bi];
    if (old) {
      sp.set(old);
      so.set(this.spellOwners[bi]!);
    }
    this.spellOwners[bi] = so;
    return (this.spells[bi] = sp);
  }

  /** Group `g`'s other spelling from the spelling columns (flag OTHER), as an object. */
  private columnSpelling(g: number): OtherSpelling {
    const bi = g >>> BLOCK_BITS,
      i = g & BLOCK_MASK,
      sp = this.spells[bi]!,
      o = S_STRIDE * i;
    const at = sp[o + S_AT],
      x = at & ARENA_MASK,
      line = sp[o + S_LINE];
    return {
      value: (this.arenas[at >>> ARENA_BITS] as LatinSlice).latin1Slice(x, x + (sp[o + S_END_COL] - sp[o + S_COL])),
      range: { startLine: line, startColumn: sp[o + S_COL], endLine: line, endColumn: sp[o + S_END_COL] },
      record: sp[o + S_RECORD],
      owner: this.spellOwners[bi]![i],
    };
  }

  /** Group `g`'s other spelling `value`, if offered. */
  private otherSpelling(g: number, value: string): Seen | undefined {
    const flags = this.blocks[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + F_FLAGS];
    if (flags & OTHER) {
      const sp = this.spells[g >>> BLOCK_BITS]!,
        o = S_STRIDE * (g & BLOCK_MASK),
        at = sp[o + S_AT];
      if (value.length !== sp[o + S_END_COL] - sp[o + S_COL]) return undefined;
      const a = this.arenas[at >>> ARENA_BITS],
        x = at & ARENA_MASK;
      for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== a[x + i]) return undefined;
      return this.columnSpelling(g);
    }
    if (!(flags & SPELLED)) return undefined;
    const i = this.spellings.find(g, value);
    return i < 0 ? undefined : this.spellings.seen(i);
  }

  /** Records `value`, a spelling of group `g`'s key new to it, offered by the current entry's `record` at `range`. */
  private addSpelling(g: number, value: string, range: Range, record: number): void {
    this.spellingToTable(g);
    this.spellings.add(g, value, range, record, this.owner);
    this.blocks[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + F_FLAGS] |= SPELLED;
  }

  /** Moves group `g`'s other spelling from the spelling columns (if there) to `spellings`. */
  private spellingToTable(g: number): void {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    if (!(b[o + F_FLAGS] & OTHER)) return;
    const x = this.columnSpelling(g);
    this.spellings.add(g, x.value, x.range, x.record, x.owner);
    b[o + F_FLAGS] = (b[o + F_FLAGS] & ~OTHER) | SPELLED;
  }

  /**
   * The group whose key is the lower-case form of ASCII `buf[s, e)` (hash `h`); INSERTED when there
   * was none and one is made (its first occurrence at `line`, `col` of `record`); TOO_LONG after a
   * probe run that means colliding keys (nothing done). The tracker must not be in fallback mode.
   */
  private groupOfBytes(buf: Buffer, s: number, e: number, h: number, cased: boolean, line: number, col: number, record: number): number {
    const slots = this.slots,
      mask = slots.length - 1;
    for (let j = h & mask, n = 0; n <= MAX_PROBE; j = (j + 1) & mask, n++) {
      const g = slots[j] - 1;
      if (g < 0) {
        this.insertBytes(buf, s, e, h, cased, line, col, record);
        return INSERTED;
      }
      if (this.blocks[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + F_HASH] === h && this.sameKeyBytes(g, buf, s, e)) return g;
    }
    return TOO_LONG;
  }

  /**
   * Group `g`'s first occurrence as the store's duplicate finding for the same spelling at `buf[s, e)`
   * (with `cased`, its `username-duplicate-case` finding for another spelling).
   */
  private duplicateBytes(g: number, buf: Buffer, s: number, e: number, line: number, col: number, cased = false): void {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    if (b[o + F_FLAGS] & WIDE) {
      const f = this.wide!.get(g)!.range;
      this.store!.duplicateBytes(buf, s, e, line, col, f.startLine, f.startColumn, f.endLine, f.endColumn, cased);
    } else this.store!.duplicateBytes(buf, s, e, line, col, b[o + F_LINE], b[o + F_COL], b[o + F_LINE], b[o + F_END_COL], cased);
  }

  /** Group `g` starts over with `occ` as its first occurrence, held by the current entry. */
  private retake(g: number, raw: string, range: Range, record: number): void {
    const value = flat(raw);
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    // The new first value: in the map unless it is the key itself.
    this.firstVals?.delete(g);
    if (b[o + F_FLAGS] & SPELLED) this.spellings.forget(g);
    b[o + F_FLAGS] &= ~(CASED | FIRST_IN_MAP | OTHER | SPELLED);
    if (value !== this.keyOf(g)) {
      (this.firstVals ??= new Map()).set(g, value);
      b[o + F_FLAGS] |= FIRST_IN_MAP;
    }
    this.setFirst(g, record, range);
    this.setOwner(g, this.owner);
    this.remember(g);
  }

  private remember(g: number): void {
    if (this.dnKey === undefined) return;
    this.byDn ??= new Map();
    const held = this.byDn.get(this.dnKey);
    if (held) held.push(g);
    else this.byDn.set(this.dnKey, [g]);
  }

  /** Sets group `g`'s first occurrence (and its last offering record). */
  private setFirst(g: number, record: number, range: Range): void {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    if (record > INT_MAX || range.startLine !== range.endLine || range.startLine > INT_MAX || range.endColumn > INT_MAX) {
      (this.wide ??= new Map()).set(g, { record, range });
      b[o + F_FLAGS] |= WIDE;
      b[o + F_RECORD] = b[o + F_LAST] = -2;
      if (record <= INT_MAX) b[o + F_LAST] = record;
      return;
    }
    if (b[o + F_FLAGS] & WIDE) {
      this.wide!.delete(g);
      b[o + F_FLAGS] &= ~WIDE;
    }
    b[o + F_RECORD] = b[o + F_LAST] = record;
    b[o + F_LINE] = range.startLine;
    b[o + F_COL] = range.startColumn;
    b[o + F_END_COL] = range.endColumn;
  }

  private recordOf(g: number): number {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    return b[o + F_FLAGS] & WIDE ? this.wide!.get(g)!.record : b[o + F_RECORD];
  }

  private lastOf(g: number): number {
    return this.blocks[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + F_LAST];
  }

  private setLast(g: number, record: number): void {
    if (record <= INT_MAX) this.blocks[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + F_LAST] = record;
  }

  private rangeOf(g: number): Range {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    if (b[o + F_FLAGS] & WIDE) return { ...this.wide!.get(g)!.range };
    return { startLine: b[o + F_LINE], startColumn: b[o + F_COL], endLine: b[o + F_LINE], endColumn: b[o + F_END_COL] };
  }

  private ownerOf(g: number): number {
    const ob = this.owners[g >>> BLOCK_BITS],
      i = g & BLOCK_MASK;
    return ob === undefined || i >= ob.length ? NO_DN : ob[i];
  }

  private setOwner(g: number, owner: number): void {
    const bi = g >>> BLOCK_BITS,
      i = g & BLOCK_MASK;
    let ob = this.owners[bi];
    if (ob === undefined || i >= ob.length) {
      if (Number.isNaN(owner)) return;
      while (this.owners.length <= bi) this.owners.push(undefined);
      // Sized as the group's column block (the first one grows).
      const grown = new Float64Array(this.blocks[bi].length / STRIDE).fill(NO_DN);
      if (ob) grown.set(ob);
      ob = this.owners[bi] = grown;
    }
    ob[i] = owner;
  }

  /**
   * `offerValue` for a plain ASCII username given as bytes `buf[s, e)` on line `line` from column
   * `col`, with `h` the hash of its lower-case form (`hashOf`) and `cased` true when it has capitals.
   * A new username (nearly always) and a repeat of another entry's in the same spelling cost no
   * string and no object.
   */
  offerBytes(buf: Buffer, s: number, e: number, h: number, cased: boolean, line: number, col: number, record: number): Finding | undefined {
    if (!this.fallback) {
      const g = this.groupOfBytes(buf, s, e, h, cased, line, col, record);
      if (g === INSERTED) return undefined;
      if (g >= 0 && this.sameFirstBytes(g, buf, s, e)) {
        const own = this.ownerOf(g);
        if (own !== RELEASED && own !== this.owner && this.store && record <= INT_MAX && line <= INT_MAX) {
          // A duplicate of another entry's username in the same spelling: straight into the store.
          const fr = this.recordOf(g);
          this.setLast(g, record);
          if (fr === record) return undefined;
          this.lastFirstRecord = fr;
          this.duplicateBytes(g, buf, s, e, line, col);
          return undefined;
        }
        return this.hit(g, this.firstOf(g), line, col, line, col + (e - s), undefined, record);
      }
      if (g >= 0 && this.store && record <= INT_MAX && line <= INT_MAX && this.ownerOf(g) !== RELEASED)
        return this.otherSpellingBytes(g, buf, s, e, line, col, record);
    }
    // A freed username, a scan without a store, numbers past int32, or a crafted probe run: the string path decides.
    const value = (buf as LatinSlice).latin1Slice(s, e);
    const range: Range = { startLine: line, startColumn: col, endLine: line, endColumn: col + (e - s) };
    return this.offerValue(value, cased ? value.toLowerCase() : value, range, record, true);
  }

  /**
   * `hit` for a plain ASCII value `buf[s, e)` (see `offerBytes`) of group `g`, not freed, in another
   * spelling than its first, in a scan with a store: a spelling new to the group is remembered from
   * its bytes and its `username-duplicate-case` finding goes into the store (no string, no object);
   * a repeat of a known spelling is decided as `hit` does.
   */
  private otherSpellingBytes(g: number, buf: Buffer, s: number, e: number, line: number, col: number, record: number): Finding | undefined {
    this.spellingToTable(g);
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    // FNV-1a of the spelling as it is (the key's hash is of its lower case).
    let h = FNV_SEED;
    for (let k = s; k < e; k++) h = Math.imul(h ^ buf[k], FNV_PRIME);
    const i = b[o + F_FLAGS] & SPELLED ? this.spellings.findBytes(g, buf, s, e, h) : -1;
    if (i >= 0) {
      const range: Range = { startLine: line, startColumn: col, endLine: line, endColumn: col + (e - s) };
      return this.seenBefore(this.spellings.seen(i), (buf as LatinSlice).latin1Slice(s, e), range, record);
    }
    this.spellings.addBytes(g, buf, s, e, h, line, col, record, this.owner);
    b[o + F_FLAGS] |= SPELLED;
    const fr = this.recordOf(g);
    if (fr === record || (this.ownEntryIsFine && this.ownerOf(g) === this.owner)) return undefined;
    this.lastFirstRecord = fr;
    this.duplicateBytes(g, buf, s, e, line, col, true);
    return undefined;
  }

  /** `hit`'s decision for `value` at `valueRange`, whose spelling its group already knows: first offered as `first`. */
  private seenBefore(first: Seen, value: string, valueRange: Range, record: number): Finding | undefined {
    if (first.record === record) return undefined;
    const sameEntry = first.owner === this.owner;
    if (sameEntry && this.ownEntryIsFine) return undefined;
    this.lastFirstRecord = first.record;
    if (!sameEntry) return duplicateFinding('username-duplicate', value, valueRange, first.range);
    return duplicateFinding('entry-twice', value, valueRange, first.range, this.dnOf ? this.dnOf() : this.dn);
  }

  /** Group index of `key` (hash `h`), or -1. */
  private find(key: string, h: number): number {
    if (this.fallback) return this.fallback.get(key) ?? -1;
    const slots = this.slots,
      mask = slots.length - 1;
    for (let j = h & mask, n = 0; ; j = (j + 1) & mask, n++) {
      const s = slots[j];
      if (s === 0) return -1;
      const g = s - 1;
      if (this.blocks[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + F_HASH] === h && this.sameKey(g, key)) return g;
      if (n > MAX_PROBE) return this.degrade(key);
    }
  }

  private sameKey(g: number, key: string): boolean {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK),
      at = b[o + F_KEY_AT];
    if (at < 0) return this.strKeys!.get(g) === key;
    const len = b[o + F_FLAGS] >>> LEN_SHIFT;
    if (key.length !== len) return false;
    const a = this.arenas[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    for (let i = 0; i < len; i++) if (key.charCodeAt(i) !== a[x + i]) return false;
    return true;
  }

  /** Group `g`'s key equals the lower-case form of ASCII `buf[s, e)`. */
  private sameKeyBytes(g: number, buf: Buffer, s: number, e: number): boolean {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK),
      at = b[o + F_KEY_AT];
    if (at < 0) return false; // not Latin-1, or long: never the key of an ASCII username of 128 bytes at most
    const len = b[o + F_FLAGS] >>> LEN_SHIFT;
    if (len !== e - s) return false;
    const a = this.arenas[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    for (let i = 0; i < len; i++) if (a[x + i] !== lowerByte(buf[s + i])) return false;
    return true;
  }

  /** Group `g`'s first value is `buf[s, e)` byte for byte (its key is known to match). */
  private sameFirstBytes(g: number, buf: Buffer, s: number, e: number): boolean {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK),
      flags = b[o + F_FLAGS];
    if (flags & FIRST_IN_MAP) return sameLatin1(this.firstVals!.get(g)!, buf, s, e);
    const len = e - s;
    if (!(flags & CASED)) {
      // The first value is the key (lower case): so must the value be.
      for (let i = s; i < e; i++) if (buf[i] >= 65 && buf[i] <= 90) return false;
      return true;
    }
    const at = b[o + F_KEY_AT] + len,
      a = this.arenas[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    for (let i = 0; i < len; i++) if (a[x + i] !== buf[s + i]) return false;
    return true;
  }

  /** Group `g`'s first value is `value`. */
  private isFirstSpelling(g: number, value: string): boolean {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK),
      flags = b[o + F_FLAGS];
    if (flags & FIRST_IN_MAP) return this.firstVals!.get(g) === value;
    const at = b[o + F_KEY_AT];
    if (at < 0) return this.strKeys!.get(g) === value;
    const len = flags >>> LEN_SHIFT;
    if (value.length !== len) return false;
    const from = flags & CASED ? at + len : at,
      a = this.arenas[from >>> ARENA_BITS],
      x = from & ARENA_MASK;
    for (let i = 0; i < len; i++) if (value.charCodeAt(i) !== a[x + i]) return false;
    return true;
  }

  /** Group `g`'s key as a string. */
  private keyOf(g: number): string {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK),
      at = b[o + F_KEY_AT];
    if (at < 0) return this.strKeys!.get(g)!;
    const x = at & ARENA_MASK;
    return (this.arenas[at >>> ARENA_BITS] as LatinSlice).latin1Slice(x, x + (b[o + F_FLAGS] >>> LEN_SHIFT));
  }

  /** Group `g`'s first value as a string. */
  private firstOf(g: number): string {
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK),
      flags = b[o + F_FLAGS];
    if (flags & FIRST_IN_MAP) return this.firstVals!.get(g)!;
    if (!(flags & CASED)) return this.keyOf(g);
    const len = flags >>> LEN_SHIFT,
      x = (b[o + F_KEY_AT] & ARENA_MASK) + len;
    return (this.arenas[b[o + F_KEY_AT] >>> ARENA_BITS] as LatinSlice).latin1Slice(x, x + len);
  }

  private degrade(key: string): number {
    this.fallback = new Map();
    for (let g = 0; g < this.count; g++) this.fallback.set(this.keyOf(g), g);
    return this.fallback.get(key) ?? -1;
  }

  /** A new group with hash `h` (its columns zeroed); returns its index. */
  private newGroup(h: number): number {
    const g = this.count++,
      bi = g >>> BLOCK_BITS,
      at = STRIDE * (g & BLOCK_MASK);
    if (bi === this.blocks.length) this.blocks.push(new Int32Array(STRIDE * (bi === 0 ? FIRST_BLOCK : BLOCK)));
    else if (at === this.blocks[bi].length) {
      // Only the first block grows (a small file's scan stays small).
      const grown = new Int32Array(2 * at);
      grown.set(this.blocks[bi]);
      this.blocks[bi] = grown;
    }
    this.blocks[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + F_HASH] = h;
    return g;
  }

  private insert(key: string, h: number, value: string, range: Range, record: number): void {
    const g = this.newGroup(h);
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    const len = key.length;
    let flags = 0;
    const cased = value !== key && value.length === len && isLatin1(value);
    const at = len <= MAX_ARENA_KEY && isLatin1(key) ? this.arena.reserve(cased ? 2 * len : len) : -1;
    if (at >= 0) {
      const a = this.arenas[at >>> ARENA_BITS],
        x = at & ARENA_MASK;
      for (let i = 0; i < len; i++) a[x + i] = key.charCodeAt(i);
      if (cased) {
        for (let i = 0; i < len; i++) a[x + len + i] = value.charCodeAt(i);
        flags |= CASED;
      }
      b[o + F_KEY_AT] = at;
      flags |= len << LEN_SHIFT;
    } else {
      b[o + F_KEY_AT] = -1;
      (this.strKeys ??= new Map()).set(g, key);
    }
    if (value !== key && !(flags & CASED)) {
      (this.firstVals ??= new Map()).set(g, value);
      flags |= FIRST_IN_MAP;
    }
    b[o + F_FLAGS] = flags;
    this.setFirst(g, record, range);
    this.setOwner(g, this.owner);
    this.remember(g);
    if (this.fallback) {
      this.fallback.set(key, g);
      return;
    }
    this.placeNew();
  }

  private insertBytes(buf: Buffer, s: number, e: number, h: number, cased: boolean, line: number, col: number, record: number): void {
    const len = e - s;
    const at = this.arena.reserve(cased ? 2 * len : len);
    if (at < 0) {
      const value = (buf as LatinSlice).latin1Slice(s, e);
      this.insert(
        cased ? value.toLowerCase() : value,
        h,
        value,
        { startLine: line, startColumn: col, endLine: line, endColumn: col + len },
        record
      );
      return;
    }
    const g = this.newGroup(h);
    const b = this.blocks[g >>> BLOCK_BITS],
      o = STRIDE * (g & BLOCK_MASK);
    const a = this.arenas[at >>> ARENA_BITS],
      x = at & ARENA_MASK;
    for (let i = 0; i < len; i++) a[x + i] = lowerByte(buf[s + i]);
    // Loops: `Buffer.copy` costs more than the copy itself at these lengths.
    if (cased) for (let i = 0; i < len; i++) a[x + len + i] = buf[s + i];
    b[o + F_KEY_AT] = at;
    b[o + F_FLAGS] = (len << LEN_SHIFT) | (cased ? CASED : 0);
    if (record > INT_MAX || line > INT_MAX)
      this.setFirst(g, record, { startLine: line, startColumn: col, endLine: line, endColumn: col + len });
    else {
      b[o + F_RECORD] = b[o + F_LAST] = record;
      b[o + F_LINE] = line;
      b[o + F_COL] = col;
      b[o + F_END_COL] = col + len;
    }
    this.setOwner(g, this.owner);
    this.remember(g);
    this.placeNew();
  }

  /** Places the newest group in the slot table, doubling it when half full. */
  private placeNew(): void {
    if (2 * this.count > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.count - 1);
  }

  private place(g: number): void {
    const slots = this.slots,
      mask = slots.length - 1;
    let j = this.blocks[g >>> BLOCK_BITS][STRIDE * (g & BLOCK_MASK) + F_HASH] & mask;
    while (slots[j] !== 0) j = (j + 1) & mask;
    slots[j] = g + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    // Stored hashes: growing never re-reads a key.
    for (let g = 0; g < this.count; g++) this.place(g);
  }
}

/** Online check that an LDIF file does not mix content and change records. */
export class MixedRecordsCheck {
  private first: 'content' | 'change' | undefined;
  private done = false;

  offer(r: RawRecord): Finding | undefined {
    return r.category ? this.offerAt(r.category, r.startLine) : undefined;
  }

  /** A record of `category` starting at `startLine`. */
  offerAt(category: 'content' | 'change', startLine: number): Finding | undefined {
    if (this.done) return undefined;
    if (!this.first) {
      this.first = category;
      return undefined;
    }
    if (category === this.first) return undefined;
    this.done = true;
    return {
      code: 'ldif-syntax',
      severity: 'warning',
      range: { startLine, startColumn: 0, endLine: startLine, endColumn: 0 },
      message: `File mixes content records and change records (this is a ${category} record after ${this.first} records); RFC 2849 allows one kind per file.`,
    };
  }
}

/** Applies severity settings and the findings cap, and counts by severity. */
export class FindingCollector {
  readonly findings: Finding[] = [];
  truncated = false;
  errors = 0;
  warnings = 0;
  infos = 0;

  constructor(
    private readonly severities: Partial<Record<FindingCode, SeveritySetting>> = {},
    private readonly max = Infinity
  ) {}

  add(f: Finding): void {
    const s = this.severities[f.code] ?? f.severity;
    if (s === 'off') return;
    if (s !== f.severity) f = { ...f, severity: s };
    if (this.findings.length >= this.max) {
      this.truncated = true;
      return;
    }
    if (s === 'error') this.errors++;
    else if (s === 'warning') this.warnings++;
    else this.infos++;
    this.findings.push(f);
  }
}

export function toEntryRecord(r: RawRecord, index: number): EntryRecord {
  return {
    index,
    startLine: r.startLine,
    endLine: r.endLine,
    kind: r.kind,
    occurrences: r.occurrences.map((o) => ({
      entryIndex: index,
      valueRange: o.valueRange,
      specRange: o.specRange,
      encoding: o.encoding,
      value: o.value,
    })),
  };
}

/**
 * Offers one record's usernames to the tracker, in file order, applying what
 * a change record does to its entry first (see `DuplicateTracker`). `emit`
 * gets each duplicate finding and the index of the occurrence it is about.
 */
export function offerRecord(dups: DuplicateTracker, r: RawRecord, recNo: number, emit: (f: Finding, occ: number) => void): void {
  const occs = r.occurrences,
    ops = r.usernameOps;
  if (occs.length === 0 && !ops) return;
  dups.setEntry(r.dn, r.category === 'change', r.kind === 'modify');
  if (!ops) {
    for (let i = 0; i < occs.length; i++) {
      const d = dups.offer(occs[i], recNo);
      if (d) emit(d, i);
    }
    return;
  }
  let next = 0;
  for (const op of ops) {
    if (op.op === 'rename') dups.rename(op.newDn);
    else if (op.op === 'delete') dups.release(op.values);
    else {
      if (op.op === 'replace') dups.release(undefined);
      for (const end = next + op.count; next < end && next < occs.length; next++) {
        const d = dups.offer(occs[next], recNo);
        if (d) emit(d, next);
      }
    }
  }
}

/** The most usernames the CSV index is first sized for (see `StreamAggregator.expectUsernames`). */
const FIRST_CSV_USERNAMES = 1 << 15;

/** Record sink for one pass over a whole file (text or stream). */
export class StreamAggregator implements RecordSink, PlainRowSink, LdifStreamSink {
  entries = 0;
  readonly collector: FindingStore;
  readonly records: EntryRecord[] | undefined;
  private readonly dups: DuplicateTracker;
  private readonly csv: CsvDuplicates | undefined;
  private readonly mixed = new MixedRecordsCheck();
  private recordNo = 0;
  /** Made once: a closure per record would be an allocation per entry. */
  private readonly emit = (f: Finding): void => this.collector.add(f);

  /**
   * `expectedUsernames`: an estimate for the duplicate index's first size (see DuplicateTracker).
   * `csvIndex`: the scan is of a CSV file and keeps no records: duplicates go through the CSV index
   * (see csvDuplicates.ts), not the tracker.
   */
  constructor(options: ScanOptions, collectEntries: boolean, expectedUsernames?: number, csvIndex = false) {
    this.collector = new FindingStore(options.severities, options.maxFindings ?? Infinity);
    this.dups = new DuplicateTracker(csvIndex ? 0 : expectedUsernames);
    this.dups.store = this.collector;
    // Sized for the first rows, then by `expectUsernames` once the fast path has read a part of the file (the size alone is a poor guide).
    this.csv =
      csvIndex && !collectEntries ? new CsvDuplicates(this.collector, Math.min(expectedUsernames ?? 0, FIRST_CSV_USERNAMES)) : undefined;
    this.records = collectEntries ? [] : undefined;
  }

  /** A better estimate of the usernames to come (see `CsvDuplicates.expect`). */
  expectUsernames(n: number): void {
    this.csv?.expect(n);
  }

  /**
   * What `record()` does with a content record (RFC 2849) starting at `startLine` that has no
   * findings of its own and one plain ASCII username (bytes `buf[s, e)` at `line`/`col`, see
   * `DuplicateTracker.offerBytes`), and whose DN hashes to `owner` (`dnHashOf`); `dnOf` makes the
   * DN if a message needs it.
   * The LDIF fast path (fastLdif.ts) reads such records without building one.
   */
  plainContentEntry(
    startLine: number,
    buf: Buffer,
    s: number,
    e: number,
    h: number,
    cased: boolean,
    line: number,
    col: number,
    owner: number,
    dnOf: () => string
  ): void {
    const recNo = this.recordNo++;
    this.entries++;
    const m = this.mixed.offerAt('content', startLine);
    if (m) this.collector.add(m);
    this.dups.setEntryOwner(owner, dnOf);
    const d = this.dups.offerBytes(buf, s, e, h, cased, line, col, recNo);
    if (d) this.collector.add(d);
  }

  /** The hashes of the next `n` plain rows' usernames, read ahead by the CSV index (see `CsvDuplicates.touch`). */
  touchUsernames(hashes: Int32Array, n: number): void {
    this.csv?.touch(hashes, n);
  }

  /** What `record()` does with such a row (see PlainRowSink); only for scans that keep no records. */
  plainRow(buf: Buffer, s: number, e: number, hash: number, cased: boolean, line: number, col: number): void {
    const recNo = this.recordNo++;
    this.entries++;
    let d: Finding | undefined;
    if (this.csv) d = this.csv.offerBytes(buf, s, e, hash, cased, line, col);
    else {
      this.dups.setEntry(undefined, false, false);
      d = this.dups.offerBytes(buf, s, e, hash, cased, line, col, recNo);
    }
    if (d) this.collector.add(d);
  }

  /** See LdifStreamSink: offered as `record()` would offer it, with the record number the record will get. */
  contentValue(dn: string | undefined, occ: RawOccurrence, first: boolean): void {
    if (first) this.dups.setEntry(dn, false, false);
    const d = this.dups.offer(occ, this.recordNo);
    if (d) this.collector.add(d);
  }

  multipleValues(username: string | undefined, count: number, name: string, range: Range, first: Range): void {
    this.collector.multiple(username, count, name, range, first);
  }

  heldByRecord(value: string, key: string): boolean {
    return this.dups.heldBy(value, key, this.recordNo);
  }

  contentValueBytes(buf: Buffer, s: number, e: number, hash: number, cased: boolean, line: number, col: number): number {
    return this.dups.offerInRecord(buf, s, e, hash, cased, line, col, this.recordNo);
  }

  multipleBytes(buf: Buffer, s: number, e: number, count: number, name: string, line: number, col: number, first: Range): void {
    this.collector.multipleBytes(buf, s, e, count, name, line, col, first);
  }

  record(r: RawRecord): void {
    const recNo = this.recordNo++;
    const index = r.isEntry ? this.entries++ : -1;
    for (const f of r.findings) this.collector.add(f);
    const m = this.mixed.offer(r);
    if (m) this.collector.add(m);
    if (this.csv) {
      // A CSV row: one username at most, no DN.
      for (const occ of r.occurrences) {
        if (!occ.value || occ.foldKey === undefined || occ.repeatInRecord) continue;
        const d = this.csv.offer(occ.value, occ.foldKey, occ.valueRange);
        if (d) this.collector.add(d);
      }
    } else if (!r.offered) offerRecord(this.dups, r, recNo, this.emit);
    if (this.records && (r.isEntry || r.occurrences.length > 0)) this.records.push(toEntryRecord(r, index));
  }
}
