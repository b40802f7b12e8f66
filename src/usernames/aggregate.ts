/**
 * Cross-record logic shared by whole-file scans and the incremental document
 * scan: duplicate detection, the LDIF mixed-records check, severity settings
 * and the findings cap. Duplicate detection keeps one small entry per
 * distinct username, so memory is bounded by distinct usernames.
 */
import { dnHash, dnHashOf, normalizeDn } from './dn';
import { FindingStore, duplicateFinding } from './findingStore';

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

interface Seen {
  range: Range;
  record: number;
  owner: number;
}

/** Owner column values besides a DN hash: no DN known (CSV, a DN that is not valid base64) and released by a change record. */
const NO_DN = NaN,
  RELEASED = -1;
/** Numbers per group in `data`: first occurrence's record, its range (4), owner. */
const STRIDE = 6;

/** Smallest slot table; it doubles whenever it is half full. */
const MIN_SLOTS = 1 << 10;
/** A probe run this long means colliding keys (crafted input): switch to V8's seeded Map. */
const MAX_PROBE = 64;

/** Buffer's own latin1 slicer: `toString('latin1', s, e)` without its argument handling. */
type LatinSlice = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * The seed of `hashOf` (`| 0`: the offset basis is above 2^31, and the empty key must hash to what
 * Int32Array stores), and its step: `h = Math.imul(h ^ unit, FNV_PRIME)` per UTF-16 unit (or ASCII byte). */
export const FNV_SEED = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** `s` is the latin1 reading of `buf[from, to)`. */
function sameLatin1(s: string, buf: Buffer, from: number, to: number): boolean {
  if (s.length !== to - from) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[from + i]) return false;
  return true;
}

function lowerByte(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}

/** FNV-1a over UTF-16 units; collisions are only slow, never wrong (keys are compared). */
function hashOf(s: string): number {
  let h = FNV_SEED;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
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
   * Fold keys and first values by group index. A first value equal to its key (nearly always) is
   * stored as `undefined`: no second old-to-new pointer per username for the GC to track.
   */
  private keys: Array<string | undefined> = [];
  private values: Array<string | undefined> = [];
  /**
   * Groups made by `offerBytes` keep their key as lower-case ASCII bytes in `arena` (no string for
   * the GC to copy and promote), at `keyAt` for `keyLen` bytes, followed by the first value's bytes
   * when it differs in case (`firstCased`); their `keys` entry is undefined until a hit makes strings.
   */
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaLen = 0;
  private keyAt: Int32Array;
  private keyLen: Int32Array;
  private firstCased: Uint8Array;
  private hashes: Int32Array;
  /** First occurrence per group: record number, value range and owner (DN hash), STRIDE numbers per group. */
  private data: Float64Array;
  /** Group index + 1 per slot, 0 when empty. */
  private slots = new Int32Array(MIN_SLOTS);
  /** Set after a pathological probe run; from then on lookups use this Map. */
  private fallback: Map<string, number> | undefined;
  /** Other spellings of a fold group (rare), by group index. */
  private others: Map<number, Map<string, Seen>> | undefined;
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
   * `capacity`: the groups to make room for at once (a whole file's scan passes an estimate from
   * its size). Growing copies every column, and fresh memory costs page faults; room that is
   * never used is never touched, so an estimate on the high side costs little.
   */
  constructor(capacity = MIN_SLOTS >> 1) {
    const n = Math.max(capacity, MIN_SLOTS >> 1);
    this.keyAt = new Int32Array(n);
    this.keyLen = new Int32Array(n);
    this.firstCased = new Uint8Array(n);
    this.hashes = new Int32Array(n);
    this.data = new Float64Array(STRIDE * n);
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
    const d = this.data,
      owner = this.owner;
    for (const g of foldKeys ? foldKeys.map((k) => this.find(k, hashOf(k))) : held) {
      if (g >= 0 && d[STRIDE * g + 5] === owner) d[STRIDE * g + 5] = RELEASED;
    }
    if (!foldKeys) this.byDn!.delete(this.dnKey!);
  }

  /** The entry of `setEntry` is renamed: what it holds moves to `newDn`. */
  rename(newDn: string): void {
    const held = this.dnKey === undefined ? undefined : this.byDn?.get(this.dnKey);
    if (!held) return;
    const key = normalizeDn(newDn),
      to = dnHash(key),
      d = this.data;
    for (const g of held) if (d[STRIDE * g + 5] === this.owner) d[STRIDE * g + 5] = to;
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
      const v = fresh ? value : flat(value);
      this.insert(key === value ? v : fresh ? key : flat(key), h, v, valueRange, record);
      this.remember(this.count - 1);
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
    if (this.keys[g] === undefined) this.materialize(g);
    const d = this.data,
      o = STRIDE * g;
    if (d[o + 5] === RELEASED) {
      // Freed by a delete, replace or rename earlier in the file: this entry takes it anew.
      this.retake(g, value, range ?? { startLine: l, startColumn: c, endLine: el, endColumn: ec }, record);
      return undefined;
    }
    let first: Seen | undefined;
    if ((this.values[g] ?? this.keys[g]) === value) {
      if (d[o] === record) return undefined;
      const sameEntry = d[o + 5] === this.owner;
      if (sameEntry && this.ownEntryIsFine) return undefined;
      if (!sameEntry && this.store) {
        // The commonest duplicate, straight into the scan's columns: no object.
        this.lastFirstRecord = d[o];
        this.store.duplicate(value, l, c, el, ec, d[o + 1], d[o + 2], d[o + 3], d[o + 4]);
        return undefined;
      }
      first = { range: this.rangeOf(g), record: d[o], owner: d[o + 5] };
    } else first = this.others?.get(g)?.get(value);
    const valueRange = range ?? { startLine: l, startColumn: c, endLine: el, endColumn: ec };
    if (first) {
      if (first.record === record) return undefined;
      const sameEntry = first.owner === this.owner;
      if (sameEntry && this.ownEntryIsFine) return undefined;
      this.lastFirstRecord = first.record;
      if (!sameEntry) return duplicateFinding('username-duplicate', value, valueRange, first.range);
      return duplicateFinding('entry-twice', value, valueRange, first.range, this.dnOf ? this.dnOf() : this.dn);
    }
    this.others ??= new Map();
    let spellings = this.others.get(g);
    if (!spellings) this.others.set(g, (spellings = new Map()));
    spellings.set(flat(value), { range: valueRange, record, owner: this.owner });
    if (this.data[o] === record || (this.ownEntryIsFine && this.data[o + 5] === this.owner)) return undefined;
    this.lastFirstRecord = this.data[o];
    return duplicateFinding('username-duplicate-case', value, valueRange, this.rangeOf(g));
  }

  /**
   * True when record `record` offered `value` (fold key `key`) and the index keeps that occurrence:
   * as its group's first value, or as the latest of another spelling. A value that was only a
   * duplicate of another record's is not kept, so this is false for it.
   */
  heldBy(value: string, key: string, record: number): boolean {
    const g = this.find(key, hashOf(key));
    if (g < 0) return false;
    if (this.keys[g] === undefined) this.materialize(g);
    const d = this.data,
      o = STRIDE * g;
    if ((this.values[g] ?? this.keys[g]) === value) return d[o] === record && d[o + 5] !== RELEASED;
    return this.others?.get(g)?.get(value)?.record === record;
  }

  /** Group `g` starts over with `occ` as its first occurrence, held by the current entry. */
  private retake(g: number, raw: string, range: Range, record: number): void {
    const value = flat(raw);
    this.values[g] = value === this.keys[g] ? undefined : value;
    this.others?.delete(g);
    this.setFirst(g, record, range);
    this.remember(g);
  }

  private remember(g: number): void {
    if (this.dnKey === undefined) return;
    this.byDn ??= new Map();
    const held = this.byDn.get(this.dnKey);
    if (held) held.push(g);
    else this.byDn.set(this.dnKey, [g]);
  }

  private setFirst(g: number, record: number, range: Range): void {
    const d = this.data,
      o = STRIDE * g;
    d[o] = record;
    d[o + 1] = range.startLine;
    d[o + 2] = range.startColumn;
    d[o + 3] = range.endLine;
    d[o + 4] = range.endColumn;
    d[o + 5] = this.owner;
  }

  private rangeOf(g: number): Range {
    const d = this.data,
      o = STRIDE * g;
    return { startLine: d[o + 1], startColumn: d[o + 2], endLine: d[o + 3], endColumn: d[o + 4] };
  }

  /**
   * `offerValue` for a plain ASCII username given as bytes `buf[s, e)` on line `line` from column
   * `col`, with `h` the hash of its lower-case form (`hashOf`) and `cased` true when it has capitals.
   * A new username (nearly always) costs no string and no object.
   */
  offerBytes(buf: Buffer, s: number, e: number, h: number, cased: boolean, line: number, col: number, record: number): Finding | undefined {
    if (!this.fallback) {
      const slots = this.slots,
        mask = slots.length - 1;
      for (let j = h & mask, n = 0; n <= MAX_PROBE; j = (j + 1) & mask, n++) {
        const g = slots[j] - 1;
        if (g < 0) {
          this.insertBytes(buf, s, e, h, cased, line, col, record);
          return undefined;
        }
        if (this.hashes[g] === h && this.sameKeyBytes(g, buf, s, e)) {
          if (this.keys[g] === undefined) this.materialize(g);
          const first = this.values[g] ?? this.keys[g]!;
          // The same spelling as the first (a repeated username): its string serves, none is made.
          if (sameLatin1(first, buf, s, e)) return this.hit(g, first, line, col, line, col + (e - s), undefined, record);
          break;
        }
      }
    }
    // Seen before in another spelling (or a crafted probe run): the string path decides.
    const value = (buf as LatinSlice).latin1Slice(s, e);
    const range: Range = { startLine: line, startColumn: col, endLine: line, endColumn: col + (e - s) };
    return this.offerValue(value, cased ? value.toLowerCase() : value, range, record, true);
  }

  /** Group index of `key` (hash `h`), or -1. */
  private find(key: string, h: number): number {
    if (this.fallback) return this.fallback.get(key) ?? -1;
    const slots = this.slots,
      mask = slots.length - 1;
    for (let j = h & mask, n = 0; ; j = (j + 1) & mask, n++) {
      const s = slots[j];
      if (s === 0) return -1;
      if (this.hashes[s - 1] === h && this.sameKey(s - 1, key)) return s - 1;
      if (n > MAX_PROBE) return this.degrade(key);
    }
  }

  private sameKey(g: number, key: string): boolean {
    const k = this.keys[g];
    if (k !== undefined) return k === key;
    const at = this.keyAt[g],
      len = this.keyLen[g],
      a = this.arena;
    if (key.length !== len) return false;
    for (let i = 0; i < len; i++) if (key.charCodeAt(i) !== a[at + i]) return false;
    return true;
  }

  /** Group `g`'s key equals the lower-case form of ASCII `buf[s, e)`. */
  private sameKeyBytes(g: number, buf: Buffer, s: number, e: number): boolean {
    const k = this.keys[g];
    const len = k !== undefined ? k.length : this.keyLen[g];
    if (len !== e - s) return false;
    if (k !== undefined) {
      for (let i = 0; i < len; i++) if (k.charCodeAt(i) !== lowerByte(buf[s + i])) return false;
      return true;
    }
    const a = this.arena,
      at = this.keyAt[g];
    for (let i = 0; i < len; i++) if (a[at + i] !== lowerByte(buf[s + i])) return false;
    return true;
  }

  /** Gives a bytes group its key and first value as strings (on its first hit). */
  private materialize(g: number): void {
    const at = this.keyAt[g],
      len = this.keyLen[g],
      a = this.arena as LatinSlice;
    this.keys[g] = a.latin1Slice(at, at + len);
    this.values[g] = this.firstCased[g] ? a.latin1Slice(at + len, at + 2 * len) : undefined;
  }

  private degrade(key: string): number {
    this.fallback = new Map();
    for (let g = 0; g < this.count; g++) {
      if (this.keys[g] === undefined) this.materialize(g);
      this.fallback.set(this.keys[g]!, g);
    }
    return this.fallback.get(key) ?? -1;
  }

  /** Room for group `g`'s columns (called when `g` reaches their length). */
  private grow(g: number): void {
    const n = g * 2;
    const hashes = new Int32Array(n);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const data = new Float64Array(n * STRIDE);
    data.set(this.data);
    this.data = data;
    const keyAt = new Int32Array(n);
    keyAt.set(this.keyAt);
    this.keyAt = keyAt;
    const keyLen = new Int32Array(n);
    keyLen.set(this.keyLen);
    this.keyLen = keyLen;
    const cased = new Uint8Array(n);
    cased.set(this.firstCased);
    this.firstCased = cased;
  }

  private insert(key: string, h: number, value: string, range: Range, record: number): void {
    const g = this.count++;
    if (g === this.hashes.length) this.grow(g);
    this.keys.push(key);
    this.values.push(value === key ? undefined : value);
    this.hashes[g] = h;
    this.setFirst(g, record, range);
    if (this.fallback) {
      this.fallback.set(key, g);
      return;
    }
    this.placeNew();
  }

  private insertBytes(buf: Buffer, s: number, e: number, h: number, cased: boolean, line: number, col: number, record: number): void {
    const g = this.count++;
    if (g === this.hashes.length) this.grow(g);
    const len = e - s,
      need = cased ? 2 * len : len;
    if (this.arenaLen + need > this.arena.length) {
      const a = Buffer.allocUnsafe(Math.max(2 * this.arena.length, this.arenaLen + need));
      this.arena.copy(a, 0, 0, this.arenaLen);
      this.arena = a;
    }
    const a = this.arena,
      at = this.arenaLen;
    for (let i = 0; i < len; i++) a[at + i] = lowerByte(buf[s + i]);
    if (cased) buf.copy(a, at + len, s, e);
    this.arenaLen += need;
    this.keyAt[g] = at;
    this.keyLen[g] = len;
    this.firstCased[g] = cased ? 1 : 0;
    this.keys.push(undefined);
    this.values.push(undefined);
    this.hashes[g] = h;
    const d = this.data,
      o = STRIDE * g;
    d[o] = record;
    d[o + 1] = line;
    d[o + 2] = col;
    d[o + 3] = line;
    d[o + 4] = col + len;
    d[o + 5] = this.owner;
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
    let j = this.hashes[g] & mask;
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

/** Record sink for one pass over a whole file (text or stream). */
export class StreamAggregator implements RecordSink, PlainRowSink, LdifStreamSink {
  entries = 0;
  readonly collector: FindingStore;
  readonly records: EntryRecord[] | undefined;
  private readonly dups: DuplicateTracker;
  private readonly mixed = new MixedRecordsCheck();
  private recordNo = 0;
  /** Made once: a closure per record would be an allocation per entry. */
  private readonly emit = (f: Finding): void => this.collector.add(f);

  /** `expectedUsernames`: an estimate for the duplicate index's first size (see DuplicateTracker). */
  constructor(options: ScanOptions, collectEntries: boolean, expectedUsernames?: number) {
    this.dups = new DuplicateTracker(expectedUsernames);
    this.collector = new FindingStore(options.severities, options.maxFindings ?? Infinity);
    this.dups.store = this.collector;
    this.records = collectEntries ? [] : undefined;
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

  /** What `record()` does with such a row (see PlainRowSink); only for scans that keep no records. */
  plainRow(buf: Buffer, s: number, e: number, hash: number, cased: boolean, line: number, col: number): void {
    const recNo = this.recordNo++;
    this.entries++;
    this.dups.setEntry(undefined, false, false);
    const d = this.dups.offerBytes(buf, s, e, hash, cased, line, col, recNo);
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

  record(r: RawRecord): void {
    const recNo = this.recordNo++;
    const index = r.isEntry ? this.entries++ : -1;
    for (const f of r.findings) this.collector.add(f);
    const m = this.mixed.offer(r);
    if (m) this.collector.add(m);
    if (!r.offered) offerRecord(this.dups, r, recNo, this.emit);
    if (this.records && (r.isEntry || r.occurrences.length > 0)) this.records.push(toEntryRecord(r, index));
  }
}
