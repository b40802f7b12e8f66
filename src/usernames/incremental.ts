/**
 * Incremental scan of an editor document. Keeps the document as lines and
 * the scan as records (one per LDIF record / CSV row) whose ranges stay as
 * the parse made them (absolute for the line the record started on then), so
 * an edit only:
 *   1. re-parses the records the edit touches, continuing just until the
 *      parse re-joins the old one (the next record boundary after the edit);
 *   2. shifts the start line of the records after it (no re-parse);
 *   3. recomputes duplicates only for the usernames whose occurrences changed
 *      (a username index: fold key → occurrences).
 * `result()` then equals a full `scanText` of the current text (proved by a
 * property test).
 *
 * Building the result is cheap too: each record caches its findings in
 * absolute positions (severities applied, duplicate findings aimed at it
 * included, sorted) and its `EntryRecord`, and rebuilds them only when its
 * first line, entry index or duplicates changed; a record that never moved
 * hands out the scanner's own findings and ranges (no copies, so opening a
 * document allocates about what a full scan does). Records never overlap, so
 * concatenating the caches in document order is already the sorted list; a
 * result costs one pass over the records plus copying references. Cached
 * objects are never mutated, so a result stays valid after later edits.
 */
import { DuplicateTracker, FindingCollector, MixedRecordsCheck, OFFERED, REPEAT, compareFindings, offerRecord } from './aggregate';
import { duplicateFinding, firstValueRelated, multipleFinding } from './findingStore';
import { CsvScanner, type CsvHeaderState } from './csvScanner';
import { LdifScanner } from './ldifScanner';
import { PLAIN_ENTRY, readPlainEntry } from './plainEntry';
import { dnHashOf } from './dn';
import { EOL_CRLF, EOL_LF, EOL_NONE } from './lineSplitter';
import { LineRun, LineStore, splitRun, splitTextInSteps } from './lineStore';
import type { LdifStreamSink, PlainRowSink, RawOccurrence, RawRecord, RecordSink, ScannerConfig } from './records';
import { RecentStrings } from './recentStrings';
import { HeldValues } from './heldValues';
import { NOT_PACKED, PACKED_BITS, packColumns, specColumnOf, valueEndOf, valueStartOf } from './packedColumns';
import { hashOf } from './fnv';
import { StringKeyMap } from './keyMap';
import { resolveConfig } from './scan';
import type { EntryRecord, Finding, Range, RelatedInformation, ScanOptions, ScanResult } from './types';

type RecordKind = RawRecord['kind'];
type RecordCategory = RawRecord['category'];
type Encoding = RawOccurrence['encoding'];
const KINDS: readonly RecordKind[] = ['content', 'add', 'modify', 'delete', 'rename', 'row', 'header', 'other'];
const CATEGORIES: readonly RecordCategory[] = [undefined, 'content', 'change'];
const ENCODINGS: readonly Encoding[] = ['plain', 'base64', 'url', 'quoted'];
// Bits of `RecordCore.bits`: kind (3), category (2) and encoding (2) as indices into the lists above, then the flags.
const KIND_SHIFT = 0,
  CATEGORY_SHIFT = 3,
  ENC_SHIFT = 5,
  IS_ENTRY = 1 << 7,
  HAS_CONTENT = 1 << 8,
  HAS_OCC = 1 << 9,
  FRESH = 1 << 10,
  DROPPED = 1 << 11,
  // A CSV row's value column (LeanRow) above the flags: 18 bits keep `bits` a small integer (31 bits with pointer compression).
  COL_SHIFT = 12,
  // A LeanRecord (no column there) whose DN is not kept: it is its first line's plain `dn:` value (see IncrementalDocumentScan.dnOf).
  DN_IN_LINE = 1 << COL_SHIFT;
/** Columns a LeanRow holds in its bits; a row whose username starts further right keeps a LeanRecord. */
const MAX_ROW_COL = (1 << 18) - 1;

/** A record's first `bits`: its kind and two flags. */
function recordBits(kind: RecordKind, isEntry: boolean, hasOcc: boolean): number {
  return (KINDS.indexOf(kind) << KIND_SHIFT) | (isEntry ? IS_ENTRY : 0) | (hasOcc ? HAS_OCC : 0);
}

/**
 * What every record of the document has. A document may have a record per line, so a record holds
 * only what its kind needs (see the three kinds below); its kind, category, encoding and flags share
 * one small integer (`bits`), each field being 8 bytes of every record.
 */
abstract class RecordCore {
  /** Kind, category, encoding and flags (see the bit constants), read and written through the accessors below. */
  protected bits: number;
  /** Current first line. */
  base: number;
  /**
   * Duplicate findings aimed at an occurrence of this record (see DupEntry): the one itself when there is one (no
   * array). Replaced, never edited in place.
   */
  dups: DupEntry | DupEntry[] | undefined = undefined;

  constructor(start: number, kind: RecordKind, isEntry: boolean, hasOcc: boolean) {
    this.bits = recordBits(kind, isEntry, hasOcc);
    this.base = start;
  }

  private flag(bit: number, on: boolean): void {
    this.bits = on ? this.bits | bit : this.bits & ~bit;
  }

  get kind(): RecordKind {
    return KINDS[(this.bits >> KIND_SHIFT) & 7];
  }
  get isEntry(): boolean {
    return (this.bits & IS_ENTRY) !== 0;
  }
  get hasContent(): boolean {
    return (this.bits & HAS_CONTENT) !== 0;
  }
  set hasContent(on: boolean) {
    this.flag(HAS_CONTENT, on);
  }
  get category(): RecordCategory {
    return CATEGORIES[(this.bits >> CATEGORY_SHIFT) & 3];
  }
  set category(c: RecordCategory) {
    this.bits = (this.bits & ~(3 << CATEGORY_SHIFT)) | (CATEGORIES.indexOf(c) << CATEGORY_SHIFT);
  }
  /** Lean record: its occurrence's encoding. */
  get enc(): Encoding {
    return ENCODINGS[(this.bits >> ENC_SHIFT) & 3];
  }
  set enc(e: Encoding) {
    this.bits = (this.bits & ~(3 << ENC_SHIFT)) | (ENCODINGS.indexOf(e) << ENC_SHIFT);
  }
  /** Whether it has a username occurrence (public records list such a record even when it is no entry). */
  get hasOcc(): boolean {
    return (this.bits & HAS_OCC) !== 0;
  }
  /** Parsed by the sweep in progress. */
  get fresh(): boolean {
    return (this.bits & FRESH) !== 0;
  }
  set fresh(on: boolean) {
    this.flag(FRESH, on);
  }
  /** A later group of the sweep re-parsed the record again. */
  get dropped(): boolean {
    return (this.bits & DROPPED) !== 0;
  }
  set dropped(on: boolean) {
    this.flag(DROPPED, on);
  }
}

/** A record that keeps the scanner's record (`raw`): one with findings, several usernames or change operations. */
class FullRecord extends RecordCore {
  /** Its entries in the username index (so removing it does not search their groups): the one itself when it has one (no array). */
  refs: Occ | Occ[] | undefined = undefined;
  /** Findings in absolute positions, valid while `base` and `dups` stay as they were when built. */
  out: RecordOutput | undefined = undefined;
  /** The public record, valid for this base and entry index. */
  entry: EntryRecord | undefined = undefined;
  constructor(
    /** Never changed: its ranges are for the line it started on when parsed (its `startLine`). */
    readonly raw: RawRecord,
    readonly span: number,
    readonly dn: string | undefined
  ) {
    super(raw.startLine, raw.kind, raw.isEntry, raw.occurrences.length > 0);
  }
}

/**
 * What the two lean kinds below share: their one finding at most (a duplicate) and their public
 * record are rebuilt when read, not cached. The editor shows only the first findings, and reads the
 * public records only through a full result, which keeps them itself (and takes a lean record's one
 * finding as it is); a document may have a lean record per line or two, each field 8 bytes of it.
 */
abstract class LeanCore extends RecordCore {
  get out(): undefined {
    return undefined;
  }
  set out(_: RecordOutput | undefined) {}
  get entry(): undefined {
    return undefined;
  }
  set entry(_: EntryRecord | undefined) {}
}

/**
 * The commonest record (no findings of its own, at most one username on one line, no change
 * operations) keeps no scanner objects: its fields and its one occurrence are all it holds, and
 * `rawOf` rebuilds its `RawRecord` when one is asked for (the per-entry records, change-file
 * history). With a username it is its own index entry (an `Occ`): its value, fold key, line
 * (relative) and columns, and its position in its index group.
 */
class LeanRecord extends LeanCore {
  value = '';
  key = '';
  slot = 0;
  /** Its occurrence's line (relative) and columns in one small integer (see setCols): a record is kept lean only when they fit. */
  private cols = 0;
  constructor(
    start: number,
    readonly span: number,
    kind: RecordKind,
    isEntry: boolean,
    hasOcc: boolean,
    readonly dn: string | undefined
  ) {
    super(start, kind, isEntry, hasOcc);
  }
  get raw(): undefined {
    return undefined;
  }
  get refs(): Occ | undefined {
    return this.value === '' ? undefined : this;
  }
  get rec(): LeanRecord {
    return this;
  }
  get dl(): number {
    return this.cols >>> PACKED_BITS;
  }
  /** The column its value-spec starts at (its encoding is `enc`). */
  get specCol(): number {
    return specColumnOf(this.cols);
  }
  get sc(): number {
    return valueStartOf(this.cols);
  }
  get ec(): number {
    return valueEndOf(this.cols);
  }
  /** A lean record's value is on one line. */
  get el(): number {
    return this.dl;
  }
  get repeat(): boolean {
    return false;
  }
  /** Its DN is not kept: it is the plain value of its first line, a `dn:` line (see IncrementalDocumentScan.dnOf). */
  get dnInLine(): boolean {
    return (this.bits & DN_IN_LINE) !== 0;
  }
  set dnInLine(on: boolean) {
    this.bits = on ? this.bits | DN_IN_LINE : this.bits & ~DN_IN_LINE;
  }
  /** Sets its occurrence's line (relative to its first) and columns, which `leanColsFit` accepted. */
  setCols(dl: number, specCol: number, sc: number, ec: number): void {
    this.cols = packColumns(specCol, sc, ec) | (dl << PACKED_BITS);
  }
}
/** A LeanRecord's value line in the record: above its packed columns, 6 bits. */
const LC_LINE = 63;

/** Whether an occurrence's line and columns fit a LeanRecord (see LeanRecord.setCols). */
function leanColsFit(dl: number, specCol: number, sc: number, ec: number): boolean {
  return dl >= 0 && dl <= LC_LINE && packColumns(specCol, sc, ec) !== NOT_PACKED;
}

/**
 * The lean record of a CSV data row whose username is plain and unquoted (what the first parse makes
 * of the commonest row): one line, no DN, its value-spec its value. A file may be a row per line, so
 * it holds only its value, fold key, columns and index position.
 *
 * It is made by an object literal with the class's prototype (`of`), not by `new`: V8 tracks objects
 * made by a literal per allocation site and, once most of a site's objects survive a young-generation
 * collection, allocates that site's next ones straight in the old generation ("allocation-site
 * pretenuring": Clifford et al., "Memento Mori: Dynamic Allocation-Site-Based Optimizations", ISMM
 * 2015), while objects made by `new` are copied out of the young generation one collection at a time.
 * A file may be a row per line and every row lives as long as the document: a CSV of one username in
 * every row was read ~1.5× as fast this way (bench/engine/adversarial.ts). LDIF records and values
 * (LeanRecord, ValueOcc) measured no gain, so they stay classes.
 */
class LeanRow extends LeanCore {
  declare slot: number;
  declare value: string;
  declare key: string;
  /** Never called: rows are made by `of`. */
  private constructor() {
    super(0, 'row', true, true);
  }
  /** The row at `line` whose plain username `value` (fold key `key`) starts at column `sc`, at most MAX_ROW_COL. */
  static of(line: number, value: string, key: string, sc: number): LeanRow {
    // The fields RecordCore and LeanRow declare, in one literal (see above).
    return {
      __proto__: LeanRow.prototype,
      dups: undefined,
      bits: ROW_BITS | (sc << COL_SHIFT),
      base: line,
      slot: 0,
      value,
      key,
    } as unknown as LeanRow;
  }
  get sc(): number {
    return this.bits >>> COL_SHIFT;
  }
  get ec(): number {
    return this.sc + this.value.length;
  }
  get specCol(): number {
    return this.sc;
  }
  get span(): number {
    return 0;
  }
  get dl(): number {
    return 0;
  }
  get el(): number {
    return 0;
  }
  get dn(): undefined {
    return undefined;
  }
  get raw(): undefined {
    return undefined;
  }
  get refs(): Occ {
    return this;
  }
  get rec(): LeanRow {
    return this;
  }
  get repeat(): boolean {
    return false;
  }
}

/** `bits` of every LeanRow but its column. */
const ROW_BITS = recordBits('row', true, true);

/** A record of the document (see RecordCore). */
type IncRecord = FullRecord | LeanRecord | LeanRow;

interface RecordOutput {
  base: number;
  dups: IncRecord['dups'];
  findings: Finding[];
  errors: number;
  warnings: number;
  infos: number;
}
/**
 * A username occurrence as the duplicate check needs it: its value and fold key, and its value's
 * range as lines relative to its record's first line (`dl`, `el`) and columns. Entries of the
 * username index, and the ends of duplicate findings.
 */
interface Occ {
  readonly rec: IncRecord;
  value: string;
  key: string;
  dl: number;
  sc: number;
  readonly el: number;
  ec: number;
  /** Repeats an earlier value of the same record (reported as multiple values, not duplicate). */
  readonly repeat: boolean;
  /** Position in its index group (O(1) removal). */
  slot: number;
}
interface DupFinding {
  code: 'username-duplicate' | 'username-duplicate-case';
  /**
   * The occurrence it is about; undefined in a verdict the lean records of a group share (the same
   * kind and first occurrence: a group as large as the file makes one object, not one per record),
   * whose target is its record's one occurrence. Such a record gets one of its own when its finding
   * is made (see dupFinding).
   */
  target: Occ | undefined;
  first: Occ;
  /** Materialized finding; its range and its related range tell where target and first were when it was made. */
  made?: Finding;
  /** Replaced by a recompute of its username group. */
  dead?: boolean;
}

/** An edit clamped to the document: start and end line and column, in the text before the event. */
interface LineEdit {
  sL: number;
  sC: number;
  eL: number;
  eC: number;
  text: string;
}
/** Old lines [r0, r1] became new lines [newFrom, newTo]. */
interface LineGroup {
  r0: number;
  r1: number;
  newFrom: number;
  newTo: number;
}

/** The first findings by position and how many more there are (`IncrementalDocumentScan.firstFindings`). */
export interface FirstFindings {
  findings: Finding[];
  hidden: number;
}

export interface RescanStats {
  /** First and last physical line re-parsed (0-based, inclusive). */
  fromLine: number;
  toLine: number;
  linesParsed: number;
  recordsParsed: number;
  /** Of those records, the plain LDIF entries the first parse read from their bytes without the scanner (see plainEntry.ts). */
  plainEntries: number;
}

const EOL_TEXT = ['', '\n', '\r\n', '\r'];

/** `x` moved down `delta` lines (itself when `delta` is 0: ranges are never mutated). */
function moved(x: Range, delta: number): Range {
  if (delta === 0) return x;
  return { startLine: x.startLine + delta, startColumn: x.startColumn, endLine: x.endLine + delta, endColumn: x.endColumn };
}

function movedFinding(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  const out: Finding = { ...f, range: moved(f.range, delta) };
  if (f.related) out.related = f.related.map((r) => ({ message: r.message, range: moved(r.range, delta) }));
  if (f.fix) out.fix = { ...f.fix, range: moved(f.fix.range, delta) };
  return out;
}

/** Lines record `r` moved since it was parsed (0 for a lean record: it keeps no ranges of the parse). */
function shiftOf(r: IncRecord): number {
  return r.raw ? r.base - r.raw.startLine : 0;
}

/** The occurrence's value range where it is now. */
function occRange(o: Occ): Range {
  const b = o.rec.base;
  return { startLine: b + o.dl, startColumn: o.sc, endLine: b + o.el, endColumn: o.ec };
}

const NO_FINDINGS: Finding[] = [];

/**
 * A scanner record whose `username-multiple-values` findings were handed over apart (the LDIF
 * scanner's stream callbacks, see PendingValues), to be made only when read: the attribute name of
 * each (one name when all share it). The finding of occurrence `i` > 0 is then known from the
 * occurrences alone (see multipleOf).
 */
interface ModelRaw extends RawRecord {
  multiNames?: string | string[];
  /**
   * A content record whose values were offered as they were read (`offered`, see LdifStreamSink):
   * all of its occurrences, in order, each an index entry itself (`occurrences` keeps the first only).
   */
  values?: ValueOcc[];
  /** Its values are in the username index already (the first parse indexes a record's values as they come, see PendingValues). */
  indexed?: boolean;
}

/**
 * An occurrence of a content record's username offered as it was read: its value and fold key, its
 * value range (lines relative to the record's first line when parsed) and value-spec start (the
 * colon; the spec ends where the value does), its encoding. With a value (not empty) it is an entry
 * of the username index too (an `Occ`); until its record arrives, lines are absolute.
 * An entry may have a value per line, so its flags, encoding, and its value's last line and its
 * spec's first line (as line counts from the value's first line, almost always 0) share one small
 * integer (`bits`), and its three columns another (`cols`); what does not fit is kept apart
 * (WIDE_LINES, WIDE_COLUMNS).
 */
class ValueOcc {
  rec: IncRecord = undefined as unknown as IncRecord;
  slot = 0;
  private readonly bits: number;
  /** Its columns (see packedColumns.ts), or NOT_PACKED when they are kept apart (WIDE_COLUMNS). */
  private readonly cols: number;
  constructor(
    /** '' when the value is undefined (`none`) or empty. */
    public value: string,
    public key: string,
    public dl: number,
    sc: number,
    el: number,
    ec: number,
    repeat: boolean,
    sdl: number,
    spc: number,
    enc: Encoding,
    none: boolean
  ) {
    // Columns on other lines (a folded value) are packed alike while they fit: they are only numbers.
    this.cols = packColumns(spc, sc, ec);
    if (this.cols === NOT_PACKED) WIDE_COLUMNS.set(this, [spc, sc, ec]);
    let bits = (repeat ? VO_REPEAT : 0) | (none ? VO_NONE : 0) | (ENCODINGS.indexOf(enc) << VO_ENC_SHIFT);
    const down = el - dl,
      up = dl - sdl;
    if (down >= 0 && down < VO_WIDE && up >= 0 && up < VO_WIDE) bits |= (down << VO_DOWN_SHIFT) | (up << VO_UP_SHIFT);
    else {
      bits |= VO_WIDE << VO_DOWN_SHIFT;
      WIDE_LINES.set(this, [down, up]);
    }
    this.bits = bits;
  }
  /** Repeats an earlier value of the same record. */
  get repeat(): boolean {
    return (this.bits & VO_REPEAT) !== 0;
  }
  /** The value is undefined (no value, or one that does not decode). */
  get none(): boolean {
    return (this.bits & VO_NONE) !== 0;
  }
  get enc(): Encoding {
    return ENCODINGS[(this.bits >> VO_ENC_SHIFT) & 3];
  }
  get sc(): number {
    return this.cols === NOT_PACKED ? WIDE_COLUMNS.get(this)![1] : valueStartOf(this.cols);
  }
  get ec(): number {
    return this.cols === NOT_PACKED ? WIDE_COLUMNS.get(this)![2] : valueEndOf(this.cols);
  }
  /** The value-spec's first column. */
  get spc(): number {
    return this.cols === NOT_PACKED ? WIDE_COLUMNS.get(this)![0] : specColumnOf(this.cols);
  }
  /** The value's last line. */
  get el(): number {
    const down = (this.bits >> VO_DOWN_SHIFT) & VO_WIDE;
    return this.dl + (down === VO_WIDE ? WIDE_LINES.get(this)![0] : down);
  }
  /** The value-spec's first line. */
  get sdl(): number {
    const down = (this.bits >> VO_DOWN_SHIFT) & VO_WIDE;
    return this.dl - (down === VO_WIDE ? WIDE_LINES.get(this)![1] : (this.bits >> VO_UP_SHIFT) & VO_WIDE);
  }
}
// Bits of `ValueOcc.bits`: two flags, the encoding (2), then two line counts of 13 bits each (all ones: kept in WIDE_LINES).
const VO_REPEAT = 1,
  VO_NONE = 2,
  VO_ENC_SHIFT = 2,
  VO_DOWN_SHIFT = 4,
  VO_UP_SHIFT = 17,
  VO_WIDE = (1 << 13) - 1;
/** The line counts of a `ValueOcc` that spans more lines than its bits hold: [value's last line, spec's first line] from its first line. */
const WIDE_LINES = new WeakMap<ValueOcc, [number, number]>();
/** The columns of a `ValueOcc` that packedColumns.ts does not hold (a long value, one folded over lines): [spec, value start, value end]. */
const WIDE_COLUMNS = new WeakMap<ValueOcc, [number, number, number]>();

/** Buffer's own latin1 slicer (see LatinSlice). */
function latin1(buf: Buffer, s: number, e: number): string {
  return (buf as LatinSlice).latin1Slice(s, e);
}

/**
 * The first parse's username index, which an open record's values join as they are offered (see
 * PendingValues): `groupOf` reads a key's group, `add` puts an occurrence in it.
 */
interface EarlyIndex {
  groupOf(key: string): Occ | Occ[] | undefined;
  add(o: Occ): void;
}

/**
 * How many of the open record's values sharing one fold key a repeat check walks back over in the
 * index before it holds the record's values in a table instead (an entry may spell one username
 * in thousands of ways: walking them all for each would be quadratic).
 */
const TAIL_WALK = 8;

/**
 * Takes an LDIF record's multiple-values findings apart until the record arrives (see ModelRaw) and,
 * with `offered` (LdifStreamSink), its content values as they are read, kept as `ValueOcc`s only.
 *
 * A value that repeats an earlier one of the same record is a `username-multiple-values` repeat, not
 * a duplicate, so each value is checked against the record's earlier ones. In an edit's re-parse
 * the values wait for their record and a table of them (HeldValues) answers. In the first parse
 * (`early`) a record with two values or more puts them in the username index as they come: the
 * index is probed for each value anyway, the record's earlier values of the same key are the last
 * ones of its group (a value whose record has not arrived has no `rec` yet), and a value repeating
 * another entry's dies young (the index's own strings are kept) instead of waiting, promoted, for
 * the end of an entry that may hold hundreds of thousands. The table is made only when a key has
 * more than TAIL_WALK of the record's values.
 */
class PendingValues implements LdifStreamSink {
  /** The attribute name of the multiple-values findings so far while all share it (an entry with many values: no list), and their count. */
  private name = '';
  private named = 0;
  /** Their names once they differ. */
  private names: string[] | undefined = undefined;
  private values: ValueOcc[] = [];
  /**
   * The open record's values offered so far but the first (see LdifStreamSink.heldByRecord), as positions in
   * `values`; made at the first value to hold (the model makes one of these for every region an edit re-reads).
   */
  private held: HeldValues | undefined;
  /** Whether `held` answers for the open record (always without `early`; with it, once a key's walk ran long). */
  private holding: boolean;
  private readonly valueAt = (p: number): string => this.values[p].value;

  constructor(private readonly early?: EarlyIndex) {
    this.holding = early === undefined;
  }

  multipleValues(_username: string | undefined, _count: number, name: string): void {
    this.addName(name);
  }
  multipleBytes(_buf: Buffer, _s: number, _e: number, _count: number, name: string): void {
    this.addName(name);
  }
  private addName(name: string): void {
    if (this.names) this.names.push(name);
    else if (this.named === 0 || name === this.name) {
      this.name = name;
      this.named++;
    } else {
      this.names = new Array<string>(this.named).fill(this.name);
      this.names.push(name);
    }
  }
  contentValue(_dn: string | undefined, occ: RawOccurrence): void {
    const v = occ.valueRange,
      sp = occ.specRange;
    const value = occ.value;
    this.push(
      new ValueOcc(
        value ?? '',
        occ.foldKey ?? '',
        v.startLine,
        v.startColumn,
        v.endLine,
        v.endColumn,
        occ.repeatInRecord === true,
        sp.startLine,
        sp.startColumn,
        occ.encoding,
        value === undefined
      )
    );
  }
  heldByRecord(value: string, key: string): boolean {
    return this.repeats(value, key, hashOf(key));
  }
  contentValueBytes(buf: Buffer, s: number, e: number, hash: number, cased: boolean, line: number, col: number): number {
    const value = latin1(buf, s, e);
    const key = cased ? value.toLowerCase() : value;
    // `hash` is its fold key's, as hashOf makes it.
    const repeat = this.repeats(value, key, hash);
    // The value-spec starts at the colon before the value's spaces (the line is ASCII: columns are bytes).
    let c = s - 1;
    while (buf[c] === 32) c--;
    const ec = col + (e - s);
    this.push(new ValueOcc(value, key, line, col, line, ec, repeat, line, col - (s - c), 'plain', false), hash);
    return repeat ? REPEAT : OFFERED;
  }

  /** Whether the open record has offered `value` (fold key `key`, whose hash is `hash`). */
  private repeats(value: string, key: string, hash: number): boolean {
    const first = this.values[0];
    if (first !== undefined && !first.none && first.value === value) return true;
    if (this.holding) return this.held?.has(hash, value, this.valueAt) ?? false;
    // The record's values are the last of their group while it is open (see the class comment).
    const group = this.early!.groupOf(key);
    if (group === undefined) return false;
    if (!Array.isArray(group)) return group.rec === undefined && group.value === value;
    for (let i = group.length - 1, n = 0; i >= 0 && group[i].rec === undefined; i--, n++) {
      if (n === TAIL_WALK) return this.holdValues().has(hash, value, this.valueAt);
      if (group[i].value === value) return true;
    }
    return false;
  }

  /** Keeps `o`, offered now (`hash`: its fold key's, as hashOf makes it; the string path's is made here). */
  private push(o: ValueOcc, hash?: number): void {
    const values = this.values;
    values.push(o);
    const p = values.length - 1;
    // The first value is not put in the table (most records have one value), nor in the index yet (it may be a lean record).
    if (p === 0 || o.none) return;
    if (this.early) {
      if (p === 1 && values[0].value !== '') this.early.add(values[0]);
      if (o.value !== '') this.early.add(o);
      if (!this.holding) return;
    }
    // Held once in the list: a table that finds colliding values reads them all back through `valueAt`.
    if (o.repeat) return;
    const h = hash ?? hashOf(o.key);
    const held = (this.held ??= new HeldValues());
    if (!held.has(h, o.value, this.valueAt)) held.add(h, p, this.valueAt);
  }

  /** Starts holding the open record's values in the table (the first excepted), for the rest of it. */
  private holdValues(): HeldValues {
    const held = (this.held ??= new HeldValues());
    const values = this.values;
    for (let p = 1; p < values.length; p++) {
      const o = values[p];
      if (o.none || o.repeat) continue;
      const h = hashOf(o.key);
      if (!held.has(h, o.value, this.valueAt)) held.add(h, p, this.valueAt);
    }
    this.holding = true;
    return held;
  }

  /** Gives `raw` what was collected since the last record. */
  attach(raw: RawRecord): void {
    if (this.names) (raw as ModelRaw).multiNames = this.names;
    else if (this.named > 0) (raw as ModelRaw).multiNames = this.name;
    this.names = undefined;
    this.named = 0;
    if (raw.offered) {
      const values = this.values;
      this.values = [];
      this.held?.clear();
      this.holding = this.early === undefined;
      // Its other lines are counts from this one (see ValueOcc).
      for (let i = 0; i < values.length; i++) values[i].dl -= raw.startLine;
      (raw as ModelRaw).values = values;
      if (this.early && values.length > 1) (raw as ModelRaw).indexed = true;
    }
  }
}

/** The occurrences of a scanner record (positions for its first line when parsed), offered ones included. */
function occurrencesOf(raw: RawRecord): RawOccurrence[] {
  const values = (raw as ModelRaw).values;
  if (!values) return raw.occurrences;
  const b = raw.startLine;
  return values.map((o) => {
    const valueRange = { startLine: b + o.dl, startColumn: o.sc, endLine: b + o.el, endColumn: o.ec };
    const occ: RawOccurrence = {
      value: o.none ? undefined : o.value,
      encoding: o.enc,
      valueRange,
      specRange: { startLine: b + o.sdl, startColumn: o.spc, endLine: valueRange.endLine, endColumn: o.ec },
    };
    if (!o.none) occ.foldKey = o.key;
    if (o.repeat) occ.repeatInRecord = true;
    return occ;
  });
}

/** How many multiple-values findings the record's scanner record left to be made. */
function multiplesOf(raw: RawRecord | undefined): number {
  const names = (raw as ModelRaw | undefined)?.multiNames;
  if (names === undefined) return 0;
  if (typeof names !== 'string') return names.length;
  const values = (raw as ModelRaw).values;
  return (values ? values.length : raw!.occurrences.length) - 1;
}

/** The multiple-values finding of occurrence `i` > 0 of `raw` (as the scanner makes it), moved down `delta` lines. */
function multipleOf(raw: RawRecord, i: number, delta: number, first: RelatedInformation[]): Finding {
  const names = (raw as ModelRaw).multiNames!;
  const name = typeof names === 'string' ? names : names[i - 1];
  const values = (raw as ModelRaw).values;
  if (values) {
    const o = values[i];
    const b = raw.startLine + delta;
    return multipleFinding(
      o.none ? undefined : o.value,
      o.repeat ? 0 : i + 1,
      name,
      { startLine: b + o.dl, startColumn: o.sc, endLine: b + o.el, endColumn: o.ec },
      first
    );
  }
  const o = raw.occurrences[i];
  return multipleFinding(o.value, o.repeatInRecord ? 0 : i + 1, name, moved(o.valueRange, delta), first);
}

/** The related list every multiple-values finding of the record shares (see multipleOf): its first value, where it is now. */
function firstValueOf(raw: RawRecord, delta: number): RelatedInformation[] {
  const values = (raw as ModelRaw).values;
  if (!values) return firstValueRelated(moved(raw.occurrences[0].valueRange, delta));
  const f = values[0],
    b = raw.startLine + delta;
  return firstValueRelated({ startLine: b + f.dl, startColumn: f.sc, endLine: b + f.el, endColumn: f.ec });
}

/** Whether the record has findings of its own (its scanner record's, multiple values included). */
function hasOwnFindings(r: IncRecord): boolean {
  return r.raw !== undefined && (r.raw.findings.length > 0 || (r.raw as ModelRaw).multiNames !== undefined);
}

/** The record's own findings as parsed (positions for its scanner record's first line), multiple values not included. */
function findingsOf(r: IncRecord): Finding[] {
  return r.raw ? r.raw.findings : NO_FINDINGS;
}

/**
 * A lean record's value-spec range: from its spec column to the end of its value (`valueRange`),
 * which is the value range itself when the spec is the bare value (a plain CSV field; ranges are
 * never edited in place, so one object serves both).
 */
function leanSpec(r: LeanRecord | LeanRow, valueRange: Range): Range {
  if (r.specCol === valueRange.startColumn) return valueRange;
  return { startLine: valueRange.startLine, startColumn: r.specCol, endLine: valueRange.endLine, endColumn: valueRange.endColumn };
}

/** The record as the scanner made it, in current positions (a lean record is rebuilt; a moved one is copied), `dn` its DN. */
function rawOf(r: IncRecord, dn: string | undefined): RawRecord {
  if (r.raw) {
    const delta = shiftOf(r);
    const all = occurrencesOf(r.raw);
    if (delta === 0) return all === r.raw.occurrences ? r.raw : { ...r.raw, occurrences: all };
    const occurrences = all.map((o) => ({
      ...o,
      valueRange: moved(o.valueRange, delta),
      specRange: moved(o.specRange, delta),
    }));
    return { ...r.raw, startLine: r.base, endLine: r.base + r.span, occurrences };
  }
  const occurrences: RawOccurrence[] = [];
  const o = Array.isArray(r.refs) ? r.refs[0] : r.refs;
  if (o) {
    const valueRange = occRange(o);
    occurrences.push({ value: o.value, encoding: r.enc, valueRange, specRange: leanSpec(r, valueRange), foldKey: o.key });
  }
  return {
    startLine: r.base,
    endLine: r.base + r.span,
    kind: r.kind,
    isEntry: r.isEntry,
    hasContent: r.hasContent,
    category: r.category,
    occurrences,
    findings: [],
    dn,
  };
}

export class IncrementalDocumentScan {
  /** The document's lines (typed columns over a few strings, see lineStore.ts). */
  private store = new LineStore();
  private records: IncRecord[] = [];
  private readonly cfg: ScannerConfig;
  /**
   * Username index: fold key → occurrences (in no particular order), or the one occurrence itself. A key's
   * duplicate findings, as its last recompute made them, are its entry's tag (see KeyDups).
   */
  private readonly index = new StringKeyMap<Occ | Occ[], KeyDups>();
  /** Keys tagged with duplicate findings. */
  private dupGroups = 0;
  /** Duplicate findings by kind and value, as wording templates (cleared per edit event; see materialize). */
  private readonly dupTemplates = new Map<string, Finding>();
  /** The template `materialize` used last (one of `dupTemplates`). */
  private lastTemplate: Finding | undefined;
  /** Lines or records a step of `load` handles between two looks at the clock. */
  private units = SLICE_UNITS;
  /** Statistics of the last parse (initial scan or edit). */
  lastRescan: RescanStats = { fromLine: 0, toLine: -1, linesParsed: 0, recordsParsed: 0, plainEntries: 0 };

  constructor(
    text: string,
    private readonly options: ScanOptions
  ) {
    this.cfg = resolveConfig(options);
    runToEnd(this.load(text));
  }

  /**
   * Builds the scan of `text` in steps, for a caller that must not block its
   * thread (the editor's extension host): each `step(budgetMs)` works until
   * about `budgetMs` passed, looking at the clock every few thousand lines or
   * records, and returns the scan once it is complete. The result equals
   * `new IncrementalDocumentScan(text, options)`.
   */
  static inSlices(text: string | LineSource, options: ScanOptions, pace: SlicePace = {}): SlicedBuild {
    const clock = pace.clock ?? (() => performance.now());
    // Built on the empty text (nothing to undo), then loaded like the constructor does.
    const scan = new IncrementalDocumentScan('', options);
    if (pace.units !== undefined) scan.units = Math.max(1, pace.units);
    const steps = scan.load(text);
    let done = false;
    let slices = 0;
    return {
      get done() {
        return done;
      },
      get slices() {
        return slices;
      },
      step(budgetMs: number): IncrementalDocumentScan | undefined {
        if (done) return scan;
        slices++;
        const until = clock() + budgetMs;
        do {
          if (steps.next().done) {
            done = true;
            return scan;
          }
        } while (clock() < until);
        return undefined;
      },
    };
  }

  /** The whole first parse, as steps of about `units` lines or records. */
  private *load(text: string | LineSource): Generator<void, void, void> {
    const store = new LineStore();
    if (typeof text !== 'string') yield* readLinesInSteps(text, store, this.units);
    else yield* splitLinesInSteps(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, store, this.units);
    this.store = store;
    yield* this.parseAll();
  }

  get text(): string {
    return this.store.join();
  }

  get lineCount(): number {
    return this.store.count;
  }

  /**
   * Replaces `range` (0-based lines, UTF-16 columns, in the current text) with
   * `newText` and rescans what it touched.
   */
  applyEdit(range: Range, newText: string): ScanResult {
    return this.applyEdits([{ range, text: newText }]);
  }

  /**
   * Applies the changes of one editor event together: every range refers to
   * the text before the event and no two overlap (as VS Code reports content
   * changes), in any order. Lines, records and duplicates are updated in one
   * pass and the result is built once, so a Replace All of many changes costs
   * about one pass over the document, not one per change.
   */
  applyEdits(edits: ReadonlyArray<{ range: Range; text: string }>): ScanResult {
    this.edit(edits);
    return this.result();
  }

  /** `applyEdits` without building the result (read it with `firstFindings` or `result`). */
  edit(edits: ReadonlyArray<{ range: Range; text: string }>): void {
    this.dupTemplates.clear();
    this.lastTemplate = undefined;
    if (edits.length > 0) this.reparse(this.spliceLines(this.normalize(edits)));
  }

  /** Edits clamped to the document, sorted, and made disjoint (a start never precedes the previous end). */
  private normalize(edits: ReadonlyArray<{ range: Range; text: string }>): LineEdit[] {
    const last = this.store.count - 1;
    const out = edits.map(({ range, text }) => {
      const sL = clamp(range.startLine, 0, last);
      const eL = clamp(range.endLine, sL, last);
      const sC = clamp(range.startColumn, 0, this.store.length(sL));
      const eC = clamp(range.endColumn, eL === sL ? sC : 0, this.store.length(eL));
      return { sL, sC, eL, eC, text };
    });
    out.sort((x, y) => x.sL - y.sL || x.sC - y.sC);
    for (let i = 1; i < out.length; i++) {
      const p = out[i - 1],
        c = out[i];
      if (c.sL < p.eL || (c.sL === p.eL && c.sC < p.eC)) {
        c.sL = p.eL;
        c.sC = p.eC;
      }
      if (c.eL < c.sL || (c.eL === c.sL && c.eC < c.sC)) {
        c.eL = c.sL;
        c.eC = c.sC;
      }
    }
    return out;
  }

  /**
   * Replaces the edited lines. Edits whose lines (plus one line of margin each
   * side, which keeps CR/LF joins such as a CR meeting a new LF inside) touch
   * form one group, re-split as a whole.
   */
  private spliceLines(edits: LineEdit[]): LineGroup[] {
    const last = this.store.count - 1;
    const groups: LineGroup[] = [];
    // The new text of every group, one after another in one string (the lines of all groups are stretches of it).
    const parts: string[] = [];
    const bounds: number[] = [];
    let at = 0;
    for (let i = 0; i < edits.length;) {
      const r0 = Math.max(0, edits[i].sL - 1);
      let r1 = Math.min(last, edits[i].eL + 1);
      let j = i + 1;
      while (j < edits.length && edits[j].sL - 1 <= r1 + 1) r1 = Math.max(r1, Math.min(last, edits[j++].eL + 1));
      const region = this.regionText(edits, i, j, r0, r1);
      parts.push(region);
      bounds.push(at);
      at += region.length;
      groups.push({ r0, r1, newFrom: 0, newTo: 0 });
      i = j;
    }
    const source = { text: parts.join('') };
    const runs = groups.map((g, k) => ({
      from: g.r0,
      to: g.r1,
      run: splitRun(new LineRun(source), bounds[k], bounds[k] + parts[k].length, g.r1 === last),
    }));
    const starts = this.store.replace(runs);
    for (let k = 0; k < groups.length; k++) {
      groups[k].newFrom = starts[k];
      groups[k].newTo = starts[k] + runs[k].run.count - 1;
    }
    return groups;
  }

  /** The new text of old lines [r0, r1] (with r1's line break) after edits [i, j). */
  private regionText(edits: LineEdit[], i: number, j: number, r0: number, r1: number): string {
    const parts: string[] = [];
    let line = r0,
      col = 0;
    for (let k = i; k < j; k++) {
      const e = edits[k];
      parts.push(this.store.slice(line, col, e.sL, e.sC), e.text);
      line = e.eL;
      col = e.eC;
    }
    parts.push(this.store.slice(line, col, r1, this.store.length(r1)), EOL_TEXT[this.store.eol(r1)]);
    return parts.join('');
  }

  /** Current findings and records, equal to a full scan of `text`. */
  result(): ScanResult {
    // A findings cap keeps the first findings in scan order, not in position order: build it the long way.
    if (this.options.maxFindings !== undefined && this.options.maxFindings !== Infinity) return this.cappedResult();
    const mixed = new MixedRecordsCheck();
    const collect = this.options.collectEntries !== false;
    const records: EntryRecord[] = [];
    const findings: Finding[] = [];
    let entries = 0,
      errors = 0,
      warnings = 0,
      infos = 0;
    let ordered = true;
    let m: Finding | undefined;
    const all = this.records;
    for (let at = 0; at < all.length; at++) {
      const r = all[at];
      const index = r.isEntry ? entries++ : -1;
      // At most one record in the file gets the mixed-records finding; the offer is a few compares otherwise.
      const withMixed = !m && r.category !== undefined && (m = mixed.offerAt(r.category, r.base)) !== undefined;
      const ds = r.dups;
      if (!withMixed && !r.raw && ds !== undefined && !Array.isArray(ds)) {
        // A lean record with one duplicate (the commonest record with a finding): its finding as it is, no list and no output object kept.
        const f = this.dupFinding(ds, r);
        const sev = this.severityOf(f);
        if (sev !== undefined) {
          if (sev === 'error') errors++;
          else if (sev === 'warning') warnings++;
          else infos++;
          const g = sev === f.severity ? f : { ...f, severity: sev };
          if (findings.length > 0 && compareFindings(findings[findings.length - 1], g) > 0) ordered = false;
          findings.push(g);
        }
        if (collect && (r.isEntry || r.hasOcc)) records.push(this.entryOf(r, index));
        continue;
      }
      const out = this.recordOutput(r);
      errors += out.errors;
      warnings += out.warnings;
      infos += out.infos;
      let list = out.findings;
      if (withMixed && m) {
        const sev = this.severityOf(m);
        if (sev !== undefined) {
          if (sev === 'error') errors++;
          else if (sev === 'warning') warnings++;
          else infos++;
          list = insertSorted(list, sev === m.severity ? m : { ...m, severity: sev });
        }
      }
      if (list.length > 0) {
        if (findings.length > 0 && compareFindings(findings[findings.length - 1], list[0]) > 0) ordered = false;
        for (let i = 0; i < list.length; i++) findings.push(list[i]);
      }
      if (collect && (r.isEntry || r.hasOcc)) records.push(this.entryOf(r, index));
    }
    // Records never overlap, so this does not happen; the sort keeps the result right if it ever did.
    if (!ordered) findings.sort(compareFindings);
    return {
      format: this.options.format,
      entries,
      findings,
      truncated: false,
      records: collect ? records : undefined,
      errors,
      warnings,
      infos,
    };
  }

  /**
   * The first `max` findings by position (`result().findings.slice(0, max)`; none for a negative `max`) and how many
   * more there are, without building the rest: records past the cap only count their findings
   * (no message, range or duplicate finding is made for them). This is what the editor publishes
   * (`pingone.usernames.maxProblemsPerFile`), so a check costs one pass of compares over the
   * records plus the findings shown, however many the document has.
   */
  firstFindings(max: number): FirstFindings {
    if (this.options.maxFindings !== undefined && this.options.maxFindings !== Infinity) {
      const all = this.result().findings;
      return { findings: all.slice(0, max), hidden: Math.max(0, all.length - max) };
    }
    const mixed = new MixedRecordsCheck();
    const findings: Finding[] = [];
    let hidden = 0;
    let m: Finding | undefined;
    const all = this.records;
    for (let at = 0; at < all.length; at++) {
      const r = all[at];
      let extra: Finding | undefined;
      if (!m && r.category && (m = mixed.offerAt(r.category, r.base))) {
        const sev = this.severityOf(m);
        if (sev !== undefined) extra = sev === m.severity ? m : { ...m, severity: sev };
      }
      if (!r.dups && !hasOwnFindings(r) && !extra) continue;
      if (findings.length >= max) {
        hidden += this.countOutput(r) + (extra ? 1 : 0);
        continue;
      }
      const total = this.countOutput(r) + (extra ? 1 : 0);
      if (total > max - findings.length && total > PREFIX_MIN) {
        // A record with more findings than are still shown (an entry with many values): only those are made.
        const need = max - findings.length;
        for (const f of this.recordPrefix(r, need, extra)) findings.push(f);
        hidden += total - need;
        continue;
      }
      let list = this.recordOutput(r).findings;
      if (extra) list = insertSorted(list, extra);
      let i = 0;
      for (; i < list.length && findings.length < max; i++) findings.push(list[i]);
      hidden += list.length - i;
    }
    return { findings, hidden };
  }

  /**
   * The first `need` findings of the record's output (severities applied, `extra` put in its place),
   * made one by one from three lists in position order: its own findings, its multiple-values
   * findings (in occurrence order, which is position order) and its duplicates (by their target's
   * position); the rest are never made.
   */
  private recordPrefix(r: IncRecord, need: number, extra: Finding | undefined): Finding[] {
    const delta = shiftOf(r);
    const own: Finding[] = [];
    for (const f of findingsOf(r)) {
      const s = this.severityOf(f);
      if (s !== undefined) own.push(movedFinding(s === f.severity ? f : { ...f, severity: s }, delta));
    }
    if (extra) own.push(extra);
    own.sort(compareFindings);
    const raw = r.raw;
    const multiples = this.severityOf(MULTIPLE_PROBE) === undefined ? 0 : multiplesOf(raw);
    // The record's list itself when every duplicate is shown (an entry may hold hundreds of thousands): copied only to
    // leave findings out or to sort.
    let dups: DupEntry[] = r.dups ? dupList(r.dups) : [];
    // A duplicate's severity depends on its code alone: two look-ups, not one per finding.
    const shown = (code: DupFinding['code']): boolean => this.severityOf(DUP_PROBES[code]) !== undefined;
    if (!shown('username-duplicate') || !shown('username-duplicate-case')) dups = dups.filter((d) => shown(this.dupCode(d)));
    if (!targetsInOrder(dups)) dups = dups.slice().sort((x, y) => compareOccs(targetOf(x), targetOf(y)));
    const out: Finding[] = [];
    let oi = 0,
      mi = 1,
      di = 0;
    let m: Finding | undefined, d: Finding | undefined;
    let first: RelatedInformation[] | undefined;
    while (out.length < need) {
      if (!m && mi <= multiples) {
        first ??= firstValueOf(raw!, delta);
        const f = multipleOf(raw!, mi, delta, first);
        const s = this.severityOf(f)!;
        m = s === f.severity ? f : { ...f, severity: s };
      }
      if (!d && di < dups.length) {
        const f = this.dupFinding(dups[di], r);
        const s = this.severityOf(f)!;
        d = s === f.severity ? f : { ...f, severity: s };
      }
      // Ties go to the record's own findings, then multiple values, as the stable sort of recordOutput orders them.
      let best = oi < own.length ? own[oi] : undefined;
      if (m && (!best || compareFindings(m, best) < 0)) best = m;
      if (d && (!best || compareFindings(d, best) < 0)) best = d;
      if (!best) break;
      out.push(best);
      if (best === d) {
        d = undefined;
        di++;
      } else if (best === m) {
        m = undefined;
        mi++;
      } else oi++;
    }
    return out;
  }

  /** How many findings the record's output has (severities applied), without building it. */
  private countOutput(r: IncRecord): number {
    const o = r.out;
    if (o && o.base === r.base && o.dups === r.dups) return o.findings.length;
    let n = 0;
    const own = findingsOf(r);
    for (let i = 0; i < own.length; i++) if (this.severityOf(own[i]) !== undefined) n++;
    if (this.options.severities?.['username-multiple-values'] !== 'off') n += multiplesOf(r.raw);
    if (r.dups) {
      const sev = this.options.severities;
      const exact = sev?.['username-duplicate'] !== 'off',
        cased = sev?.['username-duplicate-case'] !== 'off';
      const ds = r.dups;
      // Both kinds shown (the default): no code to look at.
      if (exact && cased) n += Array.isArray(ds) ? ds.length : 1;
      else if (Array.isArray(ds))
        for (let i = 0; i < ds.length; i++) n += (this.dupCode(ds[i]) === 'username-duplicate' ? exact : cased) ? 1 : 0;
      else n += (this.dupCode(ds) === 'username-duplicate' ? exact : cased) ? 1 : 0;
    }
    return n;
  }

  /** The per-entry records, as `result().records` has them, without building any finding (nor keeping them). */
  entries(): EntryRecord[] {
    const records: EntryRecord[] = [];
    let entries = 0;
    const all = this.records;
    for (let at = 0; at < all.length; at++) {
      const r = all[at];
      const index = r.isEntry ? entries++ : -1;
      if (r.isEntry || r.hasOcc)
        records.push(r.entry && r.entry.startLine === r.base && r.entry.index === index ? r.entry : this.entryRecord(r, index));
    }
    return records;
  }

  /**
   * The record of `entries()` whose lines hold `line`, if any (a hover asks for one: no list is built).
   * Its `index` is counted from the start, so this is one pass of compares up to it.
   */
  entryAt(line: number): EntryRecord | undefined {
    const at = firstEndingAtOrAfter(this.records, line, 0);
    const r = this.records[at];
    if (!r || r.base > line || !(r.isEntry || r.hasOcc)) return undefined;
    let index = -1;
    if (r.isEntry) {
      index = 0;
      for (let i = 0; i < at; i++) if (this.records[i].isEntry) index++;
    }
    return this.entryRecord(r, index);
  }

  /** The record's public entry, cached while its first line and index stay. */
  private entryOf(r: IncRecord, index: number): EntryRecord {
    let e = r.entry;
    if (!e || e.startLine !== r.base || e.index !== index) e = r.entry = this.entryRecord(r, index);
    return e;
  }

  /** The pre-cache result building, for a findings cap (same order of adds, then a sort). */
  private cappedResult(): ScanResult {
    const collector = new FindingCollector(this.options.severities, this.options.maxFindings ?? Infinity);
    const mixed = new MixedRecordsCheck();
    const records: EntryRecord[] = [];
    let entries = 0;
    const all = this.records;
    for (let at = 0; at < all.length; at++) {
      const r = all[at];
      const index = r.isEntry ? entries++ : -1;
      for (const f of findingsOf(r)) collector.add(movedFinding(f, shiftOf(r)));
      const m = r.category ? mixed.offerAt(r.category, r.base) : undefined;
      if (m) collector.add(m);
      if (r.isEntry || r.hasOcc) records.push(this.entryRecord(r, index));
    }
    const index = this.index;
    for (let e = 0; e < index.entryEnd; e++) {
      const list = index.tagAt(e);
      if (list)
        for (const d of Array.isArray(list) ? list : [list])
          // An occurrence: a lean record's, whose finding is its `dups`, or a full record's own entry (see DupEntry).
          collector.add(
            isDup(d) ? this.materialize(d.code, d.target!, d.first) : this.dupFinding(d.rec.raw ? d : (d.rec.dups as DupFinding), d.rec)
          );
    }
    collector.findings.sort(compareFindings);
    return {
      format: this.options.format,
      entries,
      findings: collector.findings,
      truncated: collector.truncated,
      records: this.options.collectEntries === false ? undefined : records,
      errors: collector.errors,
      warnings: collector.warnings,
      infos: collector.infos,
    };
  }

  private entryRecord(r: IncRecord, index: number): EntryRecord {
    // Built straight from the record (what `rawOf(r).occurrences` would hold), without the scanner-shaped copy in between.
    let occurrences: EntryRecord['occurrences'] = [];
    if (r.raw) {
      const delta = shiftOf(r);
      const values = (r.raw as ModelRaw).values;
      if (values) {
        // Offered values: straight from their numbers (no scanner-shaped occurrence in between).
        const b = r.raw.startLine + delta;
        occurrences = values.map((o) => ({
          entryIndex: index,
          valueRange: { startLine: b + o.dl, startColumn: o.sc, endLine: b + o.el, endColumn: o.ec },
          specRange: { startLine: b + o.sdl, startColumn: o.spc, endLine: b + o.el, endColumn: o.ec },
          encoding: o.enc,
          value: o.none ? undefined : o.value,
        }));
      } else
        occurrences = r.raw.occurrences.map((o) => ({
          entryIndex: index,
          valueRange: moved(o.valueRange, delta),
          specRange: moved(o.specRange, delta),
          encoding: o.encoding,
          value: o.value,
        }));
    } else {
      const o = Array.isArray(r.refs) ? r.refs[0] : r.refs;
      if (o) {
        // The record's duplicate finding, when current, already has this range (ranges are never mutated): one object for both.
        const d = r.dups;
        const valueRange =
          d !== undefined && !Array.isArray(d) && isDup(d) && d.made && d.target === o && this.dupCurrent(d) ? d.made.range : occRange(o);
        occurrences = [{ entryIndex: index, valueRange, specRange: leanSpec(r, valueRange), encoding: r.enc, value: o.value }];
      }
    }
    return { index, startLine: r.base, endLine: r.base + r.span, kind: r.kind, occurrences };
  }

  /** Severity after the settings, or undefined when the finding is turned off. */
  private severityOf(f: Finding): Finding['severity'] | undefined {
    const s = this.options.severities?.[f.code] ?? f.severity;
    return s === 'off' ? undefined : s;
  }

  /** The record's findings in absolute positions, rebuilt only when it moved or its duplicates changed. */
  private recordOutput(r: IncRecord): RecordOutput {
    // Most records have no findings: nothing to build, whatever their position.
    if (!r.dups && !hasOwnFindings(r)) return NO_OUTPUT;
    const o = r.out;
    if (o && o.base === r.base && o.dups === r.dups && (!r.dups || dupList(r.dups).every((d) => this.dupIsCurrent(d)))) return o;
    const ds = r.dups;
    if (!r.raw && ds && !Array.isArray(ds)) {
      // A lean record with one duplicate (the commonest record with a finding): a list sized for one, no sort.
      const f = this.dupFinding(ds, r);
      const s = this.severityOf(f);
      const findings = s === undefined ? [] : [s === f.severity ? f : { ...f, severity: s }];
      return (r.out = {
        base: r.base,
        dups: r.dups,
        findings,
        errors: s === 'error' ? 1 : 0,
        warnings: s === 'warning' ? 1 : 0,
        infos: s === 'info' ? 1 : 0,
      });
    }
    const findings: Finding[] = [];
    let errors = 0,
      warnings = 0,
      infos = 0;
    const add = (f: Finding): void => {
      const s = this.severityOf(f);
      if (s === undefined) return;
      if (s === 'error') errors++;
      else if (s === 'warning') warnings++;
      else infos++;
      findings.push(s === f.severity ? f : { ...f, severity: s });
    };
    const raw = findingsOf(r);
    // Reuse the absolute findings of the last build when only duplicates changed.
    if (o && o.base === r.base && !o.dups) for (const f of o.findings) add(f);
    else {
      const delta = shiftOf(r);
      for (const f of raw) add(movedFinding(f, delta));
      const n = multiplesOf(r.raw);
      const first = n > 0 ? firstValueOf(r.raw!, delta) : undefined;
      for (let i = 1; i <= n; i++) add(multipleOf(r.raw!, i, delta, first!));
    }
    if (r.dups) for (const d of dupList(r.dups)) add(this.dupFinding(d, r));
    if (r.dups || findings.length > 1) findings.sort(compareFindings);
    return (r.out = { base: r.base, dups: r.dups, findings, errors, warnings, infos });
  }

  /** The finding of a duplicate (`code`) of occurrence `f` at occurrence `t`. */
  private materialize(code: DupFinding['code'], t: Occ, f: Occ): Finding {
    const range = occRange(t),
      firstRange = occRange(f);
    // "Entry … appears twice" names the entry and both lines; any other wording depends only on the kind and
    // the value, so one finding serves as the template of every duplicate of that value. The wording is the
    // streaming tracker's own (duplicateFinding), so both scan paths say exactly the same thing.
    const fDn = this.dnOf(f.rec),
      tDn = this.dnOf(t.rec);
    const value = t.value;
    if (code === 'username-duplicate' && fDn !== undefined && tDn !== undefined && dnHashOf(fDn) === dnHashOf(tDn))
      return duplicateFinding('entry-twice', value, range, firstRange, tDn);
    // The template of the last duplicate made first (a large group's findings come one after another): no key string for each.
    let template = this.lastTemplate;
    if (!template || template.code !== code || template.username !== value) {
      const key = `${code}\0${value}`;
      template = this.dupTemplates.get(key);
      if (!template) {
        template = duplicateFinding(code, value, range, firstRange);
        this.dupTemplates.set(key, template);
        this.lastTemplate = template;
        return template;
      }
      this.lastTemplate = template;
    }
    // Every duplicate of a value points at the same first occurrence: while it has not moved, they share one related list.
    const tr = template.related![0];
    const related = sameRange(tr.range, firstRange) ? template.related : [{ message: tr.message, range: firstRange }];
    // Written out, not spread: the template's own fields in its order (duplicateFinding), at a fraction of a spread's cost.
    return { code: template.code, severity: template.severity, range, username: template.username, message: template.message, related };
  }

  /** The record's DN: kept, or read from its first line (see LeanRecord.dnInLine). */
  private dnOf(r: IncRecord): string | undefined {
    if (!(r instanceof LeanRecord) || !r.dnInLine) return r.dn;
    const line = this.store.text(r.base);
    let p = 3;
    while (line.charCodeAt(p) === 32) p++;
    return line.slice(p);
  }

  private dupCurrent(d: DupFinding): boolean {
    const m = d.made,
      t = d.target;
    return m !== undefined && t !== undefined && madeAt(m, t, d.first);
  }

  /** Whether the finding of `d` is made and still where its occurrences are (a record's output may be kept). */
  private dupIsCurrent(d: DupEntry): boolean {
    if (isDup(d)) return d.made !== undefined && this.dupCurrent(d);
    const made = this.firstDupsMade.get(d);
    return made !== undefined && made.first === this.keyFirst(d) && madeAt(made.finding, d, made.first);
  }

  /** The first occurrence of `o`'s fold key: what a full record's duplicate entry `o` duplicates (see DupEntry). */
  private keyFirst(o: Occ): Occ {
    const g = this.index.get(o.key)!;
    return Array.isArray(g) ? g[0] : g;
  }

  /** The kind of duplicate `d` is. */
  private dupCode(d: DupEntry): DupFinding['code'] {
    if (isDup(d)) return d.code;
    return d.value === this.keyFirst(d).value ? 'username-duplicate' : 'username-duplicate-case';
  }

  /**
   * The findings made of full records' duplicate entries that are occurrences (see DupEntry), with the first
   * occurrence each was made for: an entry stays the same object when its key's first changes.
   */
  private readonly firstDupsMade = new WeakMap<Occ, { first: Occ; finding: Finding }>();

  /** The finding of `d`, a duplicate of record `rec` (a shared verdict becomes the record's own first). */
  private dupFinding(d: DupEntry, rec: IncRecord): Finding {
    if (!isDup(d)) {
      const first = this.keyFirst(d);
      const made = this.firstDupsMade.get(d);
      if (made !== undefined && made.first === first && madeAt(made.finding, d, first)) return made.finding;
      const finding = this.materialize(d.value === first.value ? 'username-duplicate' : 'username-duplicate-case', d, first);
      this.firstDupsMade.set(d, { first, finding });
      return finding;
    }
    if (d.target === undefined) {
      const own = dupFinding(d.code, rec.refs as Occ, d.first);
      own.dead = d.dead;
      rec.dups = d = own;
    }
    if (!d.made || !this.dupCurrent(d)) {
      d.made = this.materialize(d.code, d.target!, d.first);
    }
    return d.made;
  }

  /**
   * The first parse of the whole document. Each record becomes a model record as the scanner hands
   * it over (no list of scanner records is held until the end). CSV lines that are ASCII go to the
   * scanner as bytes (`CsvScanner.lineBytes`, the CLI's path, which agrees with `line()`), so the
   * commonest row (a plain username and nothing to report) arrives through `plainRow` as a few
   * numbers and one short string, not as a scanner record with its occurrence and ranges.
   */
  private *parseAll(): Generator<void, void, void> {
    this.allDirty = true;
    // A CSV file is a record per line: its list is sized once, for every line. Grown by push() instead, a list as
    // large as the file is copied into fresh memory at every growth. (An LDIF entry spans several lines: its list
    // grows, smaller than one sized for every line.)
    const records: IncRecord[] = new Array<IncRecord>(this.options.format === 'csv' ? this.feedableLines() : 0);
    let n = 0;
    // An open record's values join the index as they are offered (see PendingValues); a value's look-up for its
    // repeat check serves its insertion too while no key was added since.
    const index = this.index;
    let lookedUp: string | undefined,
      lookedUpEntry = -1,
      lookedUpAt = -1;
    const early: EarlyIndex = {
      groupOf: (key) => {
        lookedUp = key;
        lookedUpEntry = index.find(key);
        lookedUpAt = index.changes;
        return lookedUpEntry < 0 ? undefined : index.valueAt(lookedUpEntry);
      },
      add: (o) => this.indexRefAt(o, lookedUpAt === index.changes && o.key === lookedUp ? lookedUpEntry : index.find(o.key)),
    };
    const pending = this.multiplesApart() ? new PendingValues(early) : undefined;
    const recent = new RecentStrings();
    const sink: RecordSink & PlainRowSink = {
      record: (raw: RawRecord) => {
        pending?.attach(raw);
        const r = incRecord(raw);
        records[n++] = r;
        this.indexRecord(r, (raw as ModelRaw).indexed === true);
      },
      plainRow: (buf, s, e, hash, cased, line, col) => {
        // A quoted field (the byte before the content is its opening quote; a quote is never the delimiter here) keeps a scanner record, so does a column too far right for a LeanRow.
        const quoted = s > 0 && buf[s - 1] === 34;
        if (quoted || col > MAX_ROW_COL) {
          sink.record(plainCsvRecord(buf, s, e, cased, line, col, quoted));
          return;
        }
        const value = recent.latin1(buf, s, e, hash, cased);
        const r = LeanRow.of(line, value, recent.key, col);
        records[n++] = r;
        this.indexRecord(r);
      },
    };
    const ldif = this.options.format === 'ldif';
    const scanner = ldif
      ? new LdifScanner(this.cfg, sink, { atFileStart: true, ...this.valueSinks(pending) })
      : new CsvScanner(this.cfg, sink, undefined, sink);
    const count = this.feedableLines();
    const store = this.store;
    let bytes = Buffer.allocUnsafe(256);
    const strict = this.cfg.profile === 'strict';
    let fastLines = 0,
      plainEntries = 0;
    for (let from = 0; from < count; from += this.units) {
      const to = Math.min(count, from + this.units);
      // A step's lines are stretches of one string, one after another: written as UTF-8 at once, and when that
      // makes as many bytes as characters (ASCII: a lone surrogate or any other non-ASCII character writes more)
      // each line goes to the scanner as bytes, the CLI's path, which agrees with `line()` (most LDIF lines
      // are then skipped from their name's bytes without becoming a string).
      const k = store.bufferIndex(from);
      const a = store.startOf(from);
      let b = a;
      if (store.bufferIndex(to - 1) === k && store.startOf(to - 1) >= a) {
        b = store.endOf(to - 1);
        if (bytes.length < 3 * (b - a)) bytes = Buffer.allocUnsafe(3 * (b - a) + 256);
      }
      if (b > a && (bytes as Utf8Write).utf8Write(store.buffer(k).slice(a, b), 0) === b - a) {
        // The step's bytes and no more: past them the buffer still holds an earlier step's, and the LDIF scanner looks
        // one byte past a line for a fold (a view that ends there sends the step's last line the string way).
        const step = bytes.subarray(0, b - a);
        if (scanner instanceof CsvScanner)
          for (let line = from; line < to; line++)
            scanner.lineBytes(step, store.startOf(line) - a, store.endOf(line) - a, line, store.eol(line), true);
        else
          for (let line = from; line < to;) {
            // Between records, a whole plain entry is read here from its bytes (no scanner record, see readPlainEntry).
            if (!scanner.inRecord && !scanner.atFileStart && store.length(line) > 0) {
              const p = PLAIN_ENTRY;
              if (
                readPlainEntry(scanner, store, step, a, line, to, count, strict, recent) &&
                leanColsFit(p.valueLine, p.specColumn, p.startColumn, p.endColumn)
              ) {
                const r = plainLeanRecord(line);
                records[n++] = r;
                this.indexRecord(r);
                line += p.lines;
                fastLines += p.lines;
                plainEntries++;
                continue;
              }
            }
            scanner.lineBytes(step, store.startOf(line) - a, store.endOf(line) - a, line, store.eol(line));
            line++;
          }
      } else for (let line = from; line < to; line++) this.feedLine(scanner, line, bytes);
      yield;
    }
    scanner.end();
    records.length = n;
    if (scanner instanceof CsvScanner && scanner.headerState) this.headerState = { ...scanner.headerState };
    this.lastRescan = {
      fromLine: 0,
      toLine: count - 1,
      linesParsed: scanner.linesFed + fastLines,
      recordsParsed: records.length,
      plainEntries,
    };
    this.records = records;
    yield* this.recomputeDirtySteps();
  }

  /** One line to the scanner of the first parse: as bytes when it is ASCII (a CSV line, see parseAll), else as text. */
  private feedLine(scanner: LdifScanner | CsvScanner, line: number, scratch: Buffer): void {
    const text = this.store.text(line);
    const eol = this.store.eol(line);
    if (scanner instanceof CsvScanner && scratch.length >= 3 * text.length) {
      const n = (scratch as Utf8Write).utf8Write(text, 0);
      if (n === text.length) {
        scanner.lineBytes(scratch, 0, n, line, eol, true);
        return;
      }
    }
    scanner.line(text, 0, text.length, line, eol);
  }

  /**
   * Whether the LDIF scanner hands multiple-values findings and content values over as it reads them
   * (LdifStreamSink, as the CLI's scan does), the findings to be made when read: not under a findings
   * cap, whose result keeps the first findings in the scanner's order (see cappedResult).
   */
  private multiplesApart(): boolean {
    return this.options.maxFindings === undefined || this.options.maxFindings === Infinity;
  }

  /** The LDIF scanner's options that hand values and multiple-values findings to `pending`. */
  private valueSinks(pending: PendingValues | undefined): { stream?: LdifStreamSink } {
    return pending ? { stream: pending } : {};
  }

  /** Like the splitter, the empty line after a final line break is not fed. */
  private feedableLines(): number {
    const n = this.store.count;
    return n - (this.store.length(n - 1) === 0 ? 1 : 0);
  }

  /**
   * Re-parses around each group of changed lines, in one sweep over the old
   * records: records before a group are kept (shifted by the line-count change
   * of the groups above them), the parse starts at the record boundary before
   * the group and runs until past the group and back in step with the old
   * parse (same state at the same shifted line), taking in any group it
   * reaches on the way. Every old record is looked at O(1) times per sweep.
   */
  private reparse(groups: LineGroup[]): void {
    const ldif = this.options.format === 'ldif';
    const old = this.records;
    const oldHeader = this.headerState;
    // The old parse had read a record with content before line x exactly when x > this (the LDIF version rule).
    let firstContent = Infinity;
    for (const r of old)
      if (r.hasContent) {
        firstContent = r.base;
        break;
      }
    const out: IncRecord[] = [];
    const removed: IncRecord[] = [];
    const added: IncRecord[] = [];
    let contentBefore = 0;
    const keep = (r: IncRecord): void => {
      out.push(r);
      if (r.hasContent) contentBefore++;
    };
    const drop = (): void => {
      const r = out.pop()!;
      if (r.hasContent) contentBefore--;
      if (r.fresh) r.dropped = true;
      else removed.push(r);
    };
    const count = this.feedableLines();
    const stats: RescanStats = { fromLine: Infinity, toLine: -1, linesParsed: 0, recordsParsed: 0, plainEntries: 0 };
    let oi = 0; // old records before oi are kept or removed; from oi on their lines are still old ones
    let shift = 0; // line-count change of the groups above old record oi
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi];
      const a = firstEndingAtOrAfter(old, g.r0, oi);
      // Inline, not through keep(): this runs over every record before the group.
      for (; oi < a; oi++) {
        const r = old[oi];
        r.base += shift;
        out.push(r);
        if (r.hasContent) contentBefore++;
      }
      let from = g.newFrom;
      if (a < old.length && old[a].base <= g.r1) from = Math.min(from, old[a].base + shift);
      // An LDIF record starts after a blank line: walk back over a comment block.
      if (ldif) while (from > 0 && this.store.length(from) > 0 && this.store.length(from - 1) > 0) from--;
      while (out.length > 0 && out[out.length - 1].base + out[out.length - 1].span >= from) drop();
      // A CSV row is read with the header's delimiter and columns: without a header before it, start over.
      if (!ldif && !(out.length > 0 && out[0].kind === 'header')) {
        from = 0;
        while (out.length > 0) drop();
      }
      const fresh: RawRecord[] = [];
      const pending = this.multiplesApart() ? new PendingValues() : undefined;
      const sink = {
        record: (r: RawRecord) => {
          pending?.attach(r);
          fresh.push(r);
        },
      };
      const atStart = out.length === 0;
      const scanner = ldif
        ? new LdifScanner(this.cfg, sink, { atFileStart: contentBefore === 0, ...this.valueSinks(pending) })
        : new CsvScanner(this.cfg, sink, atStart ? undefined : this.headerState);
      let end = g.newTo;
      let after = shift + (g.newTo - g.newFrom) - (g.r1 - g.r0);
      let syncAt = -1;
      let line = from;
      for (; line < count; line++) {
        // The parse reached the next group: it re-parses that one too.
        while (gi + 1 < groups.length && line >= groups[gi + 1].newFrom) {
          const n = groups[++gi];
          end = n.newTo;
          after += n.newTo - n.newFrom - (n.r1 - n.r0);
        }
        if (line > end && !scanner.inRecord) {
          // Back in step with the old parse: same state at the same (shifted) line.
          const oldLine = line - after;
          const sameStart =
            scanner instanceof LdifScanner ? scanner.atFileStart !== firstContent < oldLine : sameHeader(scanner.headerState, oldHeader);
          const i = firstEndingAtOrAfter(old, oldLine, oi);
          if (sameStart && !(i < old.length && old[i].base < oldLine)) {
            syncAt = oldLine;
            break;
          }
        }
        const text = this.store.text(line);
        scanner.line(text, 0, text.length, line, this.store.eol(line));
      }
      if (syncAt < 0) scanner.end();
      if (scanner instanceof CsvScanner && scanner.headerState && (atStart || from === 0)) this.headerState = { ...scanner.headerState };
      stats.fromLine = Math.min(stats.fromLine, from);
      stats.toLine = Math.max(stats.toLine, line - 1);
      stats.linesParsed += scanner.linesFed;
      stats.recordsParsed += fresh.length;
      // Old records the parse went over are replaced by the fresh ones.
      for (; oi < old.length && (syncAt < 0 || old[oi].base < syncAt); oi++) removed.push(old[oi]);
      for (const raw of fresh) {
        const r = incRecord(raw);
        r.fresh = true;
        added.push(r);
        keep(r);
      }
      shift = after;
      if (syncAt < 0) break;
    }
    // Every record after the last group: moved, no count needed any more.
    if (shift === 0) for (; oi < old.length; oi++) out.push(old[oi]);
    else
      for (; oi < old.length; oi++) {
        const r = old[oi];
        r.base += shift;
        out.push(r);
      }
    this.records = out;
    this.lastRescan = stats;
    for (const r of removed) this.unindex(r);
    for (const r of added) {
      r.fresh = false;
      if (!r.dropped) this.indexRecord(r);
    }
    this.recomputeDirty();
  }

  private headerState: CsvHeaderState | undefined;
  private dirty = new Set<string>();
  /** While the first parse runs every key is new: the recompute walks the index itself, not a set of all its keys. */
  private allDirty = false;

  /** Puts the record's occurrences in the username index (`indexed`: they are in it already, see PendingValues). */
  private indexRecord(rec: IncRecord, indexed = false): void {
    if (rec.category === 'change') this.changeRecords++;
    if (indexed) return;
    const refs = rec.refs;
    if (Array.isArray(refs)) for (let i = 0; i < refs.length; i++) this.indexRef(refs[i]);
    else if (refs) this.indexRef(refs);
  }

  private indexRef(ref: Occ): void {
    this.indexRefAt(ref, this.index.find(ref.key));
  }

  /** `indexRef` with the index's entry number of the occurrence's key (-1: a new key), from a look-up just made. */
  private indexRefAt(ref: Occ, entry: number): void {
    const group = entry < 0 ? undefined : this.index.valueAt(entry);
    if (!group) {
      // Most usernames occur once: the group is the occurrence itself until a second one comes (no array).
      ref.slot = 0;
      if (entry < 0) this.index.add(ref.key, ref);
      else this.index.setAt(entry, ref);
    } else {
      const g0 = Array.isArray(group) ? group[0] : group;
      if (g0 !== undefined) {
        // One string per fold key and per value in the group, not one per occurrence (the scanner's copies die young).
        ref.key = g0.key;
        if (ref.value === g0.value) ref.value = g0.value;
      }
      if (Array.isArray(group)) {
        ref.slot = group.length;
        group.push(ref);
      } else {
        // A second occurrence: a list sized for two (push() onto a list of one would make room for 17).
        ref.slot = 1;
        this.index.setAt(entry, [group, ref]);
      }
    }
    if (!this.allDirty) this.dirty.add(ref.key);
  }

  /** Removes the record's own index entries: O(its occurrences), however large their groups. */
  private unindex(rec: IncRecord): void {
    if (rec.category === 'change') this.changeRecords--;
    const refs = rec.refs;
    if (Array.isArray(refs)) for (let i = 0; i < refs.length; i++) this.unindexRef(refs[i]);
    else if (refs) this.unindexRef(refs);
  }

  private unindexRef(ref: Occ): void {
    const key = ref.key;
    const group = this.index.get(key)!;
    if (!Array.isArray(group)) {
      // Its only occurrence.
      this.index.delete(key);
      this.dirty.add(key);
      return;
    }
    // Swap-remove; an emptied group is deleted by recomputeDirty.
    const moved = group.pop()!;
    if (moved !== ref) {
      group[ref.slot] = moved;
      moved.slot = ref.slot;
    }
    this.dirty.add(key);
  }

  /** Change records in the document: while there are any, duplicates follow the file's history. */
  private changeRecords = 0;
  private historyMode = false;

  private recomputeDirty(): void {
    runToEnd(this.recomputeDirtySteps());
  }

  private *recomputeDirtySteps(): Generator<void, void, void> {
    if (this.changeRecords > 0 || this.historyMode) {
      // Entering or leaving history mode changes every key's decision.
      if (this.changeRecords > 0 !== this.historyMode && !this.allDirty) for (const key of this.index.keys()) this.dirty.add(key);
      this.historyMode = this.changeRecords > 0;
      if (this.historyMode) {
        yield* this.recomputeHistory();
        return;
      }
    }
    // Records whose duplicate list changes; each gets one new list at the end (not one copy per change).
    const touched = new Map<IncRecord, IncRecord['dups']>();
    const first0 = this.allDirty && this.dupGroups === 0;
    // One list reused for every key (most keys find nothing, or one duplicate): copied only when a key keeps it.
    let out: DupEntry[] = [];
    let outN = 0;
    let shared: DupFinding | undefined;
    /** `ref` duplicates `to` (`ofFirst`: its key's first occurrence). */
    const found = (code: DupFinding['code'], ref: Occ, to: Occ, ofFirst: boolean): void => {
      const rec = ref.rec;
      let d: DupEntry;
      if (rec.raw === undefined) {
        // A lean record: the verdict its neighbours share, and its occurrence in the key's list.
        if (!shared || shared.first !== to || shared.code !== code) shared = dupFinding(code, undefined, to);
        d = shared;
        out[outN++] = ref;
      } else if (ofFirst) out[outN++] = d = ref;
      else out[outN++] = d = dupFinding(code, ref, to);
      if (first0) {
        // The first parse: every record starts without duplicates and none is read before the build ends, so
        // its list grows in place (no map of touched records, which held one entry per record of the file).
        const ds = rec.dups;
        if (Array.isArray(ds)) ds.push(d);
        else rec.dups = ds ? [ds, d] : d;
        return;
      }
      // `[d]` is sized for one (most records get one duplicate); push() onto `[]` would make room for 17.
      const had = touched.get(rec);
      if (Array.isArray(had)) had.push(d);
      else touched.set(rec, had ? [had, d] : d);
    };
    const index = this.index;
    /** Recomputes the duplicates of `key`, entry number `e` of the index, whose occurrences are `group`. */
    const recomputeKey = (e: number, key: string, group: Occ | Occ[] | undefined): void => {
      if (!first0 && e >= 0) {
        const before = index.tagAt(e);
        if (before) {
          index.setTagAt(e, undefined);
          this.dupGroups--;
          for (const d of Array.isArray(before) ? before : [before]) {
            const rec = isDup(d) ? d.target!.rec : d.rec;
            // A lean record's finding (shared or its own) is its `dups`: it has no other key. A full record's entry
            // that is an occurrence has no finding to mark: the lists below drop it, its key recomputed.
            const dead = isDup(d) ? d : rec.raw === undefined ? (rec.dups as DupFinding | undefined) : undefined;
            if (dead) dead.dead = true;
            if (!touched.has(rec)) touched.set(rec, undefined);
          }
        }
      }
      if (!Array.isArray(group)) return;
      if (group.length === 0) index.delete(key);
      if (group.length < 2) return;
      // A group built by the first parse is in position order already: one pass of compares instead of a sort.
      // Every entry's slot is its position in the group (indexRef, unindexRef): only a sort moves them.
      const refs = group;
      if (!inOrder(refs)) {
        refs.sort(compareOccs);
        for (let i = 0; i < refs.length; i++) refs[i].slot = i;
      }
      // Same decision logic as the streaming tracker, kept as references so later shifts stay correct.
      let first: Occ | undefined;
      // The first occurrence of each spelling; a small group (most) looks back over its list instead of a map.
      const exact = refs.length > SMALL_GROUP ? new Map<string, Occ>() : undefined;
      // Room for every occurrence but the first, made once: a list grown by push() to a group as large as the file
      // is copied into fresh memory at every growth.
      if (out.length < refs.length) out = new Array<DupEntry>(refs.length);
      outN = 0;
      shared = undefined;
      for (let i = 0; i < refs.length; i++) {
        const ref = refs[i];
        if (ref.repeat) continue;
        if (!first) {
          first = ref;
          exact?.set(ref.value, ref);
          continue;
        }
        // The first occurrence's own spelling (every occurrence of a group as large as the file) needs no look-up.
        const e = ref.value === first.value ? first : exact ? exact.get(ref.value) : firstSpelled(refs, i, ref.value);
        if (e) {
          if (e.rec !== ref.rec) found('username-duplicate', ref, e, e === first);
          continue;
        }
        exact?.set(ref.value, ref);
        if (first.rec !== ref.rec) found('username-duplicate-case', ref, first, true);
      }
      // Sized to fit: one finding alone (most keys), a copy of a short list; a long one is kept and replaced.
      if (outN > 0) this.dupGroups++;
      if (outN === 1) index.setTagAt(e, out[0]);
      else if (outN > 1 && outN < 17) index.setTagAt(e, out.slice(0, outN));
      else if (outN > 1) {
        out.length = outN;
        index.setTagAt(e, out);
        out = [];
      }
    };
    if (this.allDirty) {
      // The first parse: every key, walked by entry number (each key's group read where it is, not looked up again;
      // the first parse never empties a group, and the walk deletes none and sets none).
      for (let e = 0; e < index.entryEnd; e++) {
        if ((e + 1) % this.units === 0) yield;
        const key = index.keyAt(e);
        if (key !== undefined) recomputeKey(e, key, index.valueAt(e));
      }
    } else {
      let keys = 0;
      for (const key of this.dirty) {
        if (++keys % this.units === 0) yield;
        const e = index.find(key);
        recomputeKey(e, key, e < 0 ? undefined : index.valueAt(e));
      }
    }
    // An occurrence entry of a key recomputed here is replaced by what `found` has of it (see DupEntry).
    const recomputed = (o: Occ): boolean => this.allDirty || this.dirty.has(o.key);
    for (const [rec, found] of touched) {
      // A new array, not an edit in place: the record's cached output compares it by identity.
      if (!rec.dups) rec.dups = found;
      else {
        const list: DupEntry[] = [];
        for (const d of dupList(rec.dups)) if (isDup(d) ? !d.dead : !recomputed(d)) list.push(d);
        if (found) for (const d of dupList(found)) list.push(d);
        rec.dups = list.length > 1 ? list : list[0];
      }
    }
    this.dirty.clear();
    this.allDirty = false;
  }

  /**
   * The index's entry number of `key`, to tag it with duplicate findings. A duplicate's target is in the index
   * under its fold key, so the key is there already; it is added all the same if not (an empty list, which the
   * key's next recompute deletes).
   */
  private entryKeeping(key: string): number {
    const e = this.index.find(key);
    if (e >= 0) return e;
    this.index.add(key, []);
    return this.index.find(key);
  }

  private *recomputeHistory(): Generator<void, void, void> {
    for (let i = 0; i < this.records.length; i++) this.records[i].dups = undefined;
    const index = this.index;
    index.clearTags();
    this.dupGroups = 0;
    const found: DupFinding[] = [];
    yield* historyDuplicates(this.records, found, this.units, (r) => this.dnOf(r));
    for (const d of found) {
      const e = this.entryKeeping(d.target!.key);
      const list = index.tagAt(e);
      if (Array.isArray(list)) list.push(d);
      else index.setTagAt(e, list ? [list, d] : d);
      if (!list) this.dupGroups++;
      const rec = d.target!.rec;
      // Every list was emptied above and none is read until this loop ends: growing one in place is safe.
      const ds = rec.dups;
      if (Array.isArray(ds)) ds.push(d);
      else rec.dups = ds ? [ds, d] : d;
    }
    this.dirty.clear();
    this.allDirty = false;
  }
}

/**
 * In a change file a delete, replace or rename anywhere before a username
 * decides whether it clashes, so duplicates are recomputed over the whole
 * document in file order, with the streaming scan's own `offerRecord`.
 */
function* historyDuplicates(
  records: IncRecord[],
  out: DupFinding[],
  units: number,
  dnOf: (r: IncRecord) => string | undefined
): Generator<void, void, void> {
  const tracker = new DuplicateTracker();
  for (let n = 0; n < records.length; n++) {
    if (n % units === units - 1) yield;
    const rec = records[n];
    const raw = rawOf(rec, dnOf(rec));
    offerRecord(tracker, raw, n, (made, i) => {
      const firstRec = records[tracker.lastFirstRecord];
      const at = made.related![0].range;
      const firstOcc = rawOf(firstRec, dnOf(firstRec)).occurrences.find(
        (o) => o.valueRange.startLine === at.startLine && o.valueRange.startColumn === at.startColumn
      )!;
      out.push({
        code: made.code as DupFinding['code'],
        target: occOf(rec, raw.occurrences[i], rec.base),
        first: occOf(firstRec, firstOcc, firstRec.base),
        made,
        dead: false,
      });
    });
  }
}

/**
 * An entry of a record's duplicate list or of a key's (KeyDups): a finding, or an occurrence. In a key's list
 * the occurrence of a lean record stands for its record's finding (its `dups`). A full record's duplicate of
 * its key's first occurrence (the commonest: two entries sharing their values) is the occurrence itself, in
 * both lists: its kind is known from the two values and its first occurrence is its group's first (a group's
 * list is in position order after its recompute, and a key's first occurrence never repeats its record's
 * earlier value, so it is no repeat), so no finding object is kept for each. Its finding is made when read
 * (see firstDupsMade).
 */
type DupEntry = DupFinding | Occ;

/**
 * A fold key's duplicate findings as its last recompute made them: the tag of its entry in the username
 * index. Not a second map by key: a document may have hundreds of thousands of keys with duplicates (two
 * entries sharing their values), and such a map cost its own look-ups, growth and memory per key; nor a
 * property of the key's list of occurrences, which V8 keeps in a store of its own (~40 bytes) per list.
 */
type KeyDups = DupEntry | DupEntry[];

/** Whether a duplicate entry is a finding (not an occurrence, see DupEntry). */
function isDup(x: DupEntry): x is DupFinding {
  return (x as DupFinding).code !== undefined;
}

/** The duplicate entries of a record's `dups` field as a list. */
function dupList(ds: DupEntry | DupEntry[]): DupEntry[] {
  return Array.isArray(ds) ? ds : [ds];
}

/** The occurrence a duplicate entry is about (a record's list has no shared verdict, see DupFinding.target). */
function targetOf(d: DupEntry): Occ {
  return isDup(d) ? d.target! : d;
}

/**
 * Whether finding `m`, made for a duplicate at `t` of `f`, is still where they are. Its range is the target's
 * value range and its related range the first's (see materialize): each start line moves with its record, so
 * equal start lines mean neither record moved since it was made.
 */
function madeAt(m: Finding, t: Occ, f: Occ): boolean {
  return m.range.startLine === t.rec.base + t.dl && m.related![0].range.startLine === f.rec.base + f.dl;
}

/** Occurrences by position (document order). */
function compareOccs(x: Occ, y: Occ): number {
  return x.rec.base + x.dl - (y.rec.base + y.dl) || x.sc - y.sc;
}

/** Groups up to this size find a spelling's first occurrence by looking back (see firstSpelled). */
const SMALL_GROUP = 8;

/** The first occurrence before `refs[i]` spelled `value` that is no repeat within its record. */
function firstSpelled(refs: Occ[], i: number, value: string): Occ | undefined {
  for (let j = 0; j < i; j++) if (!refs[j].repeat && refs[j].value === value) return refs[j];
  return undefined;
}

/** Whether `group` is already in position order (no two occurrences share a position). */
function inOrder(group: Occ[]): boolean {
  for (let i = 1; i < group.length; i++) if (compareOccs(group[i - 1], group[i]) > 0) return false;
  return true;
}

/** Whether the findings' targets are in position order (`inOrder` over them, without a list of the targets). */
function targetsInOrder(dups: DupEntry[]): boolean {
  for (let i = 1; i < dups.length; i++) if (compareOccs(targetOf(dups[i - 1]), targetOf(dups[i])) > 0) return false;
  return true;
}

/** A duplicate finding not materialized yet, with every field up front (one hidden class). */
function dupFinding(code: DupFinding['code'], target: Occ | undefined, first: Occ): DupFinding {
  return { code, target, first, made: undefined, dead: false };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(x, hi));
}

/** An index entry for `o`, an occurrence of `rec` whose ranges are for first line `start`. */
function occOf(rec: IncRecord, o: RawOccurrence, start: number): Occ {
  const r = o.valueRange;
  return {
    rec,
    value: o.value ?? '',
    key: o.foldKey ?? '',
    dl: r.startLine - start,
    sc: r.startColumn,
    el: r.endLine - start,
    ec: r.endColumn,
    repeat: o.repeatInRecord === true,
    slot: 0,
  };
}

/** A record that keeps no scanner objects (see IncRecord): no findings or change operations, at most one one-line username. */
function isLean(raw: RawRecord): boolean {
  // An offered record with one value has it in `occurrences` too.
  const values = (raw as ModelRaw).values;
  if (raw.findings.length > 0 || raw.usernameOps || (values && values.length > 1) || raw.occurrences.length > 1) return false;
  const o = raw.occurrences[0];
  if (!o) return true;
  const v = o.valueRange,
    sp = o.specRange;
  return (
    !!o.value &&
    o.foldKey !== undefined &&
    !o.repeatInRecord &&
    v.startLine === v.endLine &&
    sp.startLine === v.startLine &&
    sp.endLine === v.endLine &&
    sp.endColumn === v.endColumn &&
    leanColsFit(v.startLine - raw.startLine, sp.startColumn, v.startColumn, v.endColumn)
  );
}

function incRecord(raw: RawRecord): IncRecord {
  const span = raw.endLine - raw.startLine;
  const rec = isLean(raw) ? leanRecord(raw, span) : new FullRecord(raw, span, raw.dn);
  rec.hasContent = raw.hasContent === true;
  rec.category = raw.category;
  if (rec instanceof LeanRecord) return rec;
  let refs: Occ | Occ[] | undefined;
  const values = (raw as ModelRaw).values;
  if (values) {
    // Offered values are index entries themselves; empty values are `username-missing`, never duplicates.
    // Neither list is ever edited, so when no value is empty the record's list of values is its list of entries too.
    let empty = 0;
    for (let i = 0; i < values.length; i++) {
      const o = values[i];
      o.rec = rec;
      if (o.value === '') empty++;
    }
    const list = empty === 0 ? values : values.filter((o) => o.value !== '');
    rec.refs = list.length > 1 ? list : list[0];
    return rec;
  }
  for (const occ of raw.occurrences) {
    // Empty values are `username-missing`, never duplicates (as in the streaming tracker).
    if (occ.foldKey === undefined || !occ.value) continue;
    const ref = occOf(rec, occ, raw.startLine);
    if (refs === undefined) refs = ref;
    else if (Array.isArray(refs)) refs.push(ref);
    else refs = [refs, ref];
  }
  rec.refs = refs;
  return rec;
}

/** The lean record of the plain entry `readPlainEntry` just read from `line`, as `leanRecord` makes the scanner's. */
function plainLeanRecord(line: number): LeanRecord {
  const p = PLAIN_ENTRY;
  // Its DN is its first line's value (dnOf reads it when a finding names the entry): no string for it here.
  const rec = new LeanRecord(line, p.span, 'content', true, true, undefined);
  rec.dnInLine = true;
  rec.enc = 'plain';
  rec.value = p.value;
  rec.key = p.key;
  rec.setCols(p.valueLine, p.specColumn, p.startColumn, p.endColumn);
  rec.hasContent = true;
  rec.category = 'content';
  return rec;
}

/** The lean record of scanner record `raw` (see isLean). */
function leanRecord(raw: RawRecord, span: number): LeanRecord {
  const rec = new LeanRecord(raw.startLine, span, raw.kind, raw.isEntry, raw.occurrences.length > 0, raw.dn);
  const o = raw.occurrences[0];
  if (o) {
    rec.enc = o.encoding;
    // Its one occurrence (a value and fold key, one line: see isLean) is the record itself.
    const v = o.valueRange;
    rec.value = o.value!;
    rec.key = o.foldKey!;
    rec.setCols(v.startLine - raw.startLine, o.specRange.startColumn, v.startColumn, v.endColumn);
  }
  return rec;
}

/** Buffer's own slicers and writer, without their argument handling (the arguments here are always in range). */
type LatinSlice = Buffer & { latin1Slice(start: number, end: number): string };
type Utf8Write = Buffer & { utf8Write(text: string, offset: number): number };

/** The scanner's record for a plain row (as `CsvScanner` builds it), its username field quoted or not. */
function plainCsvRecord(buf: Buffer, s: number, e: number, cased: boolean, line: number, col: number, quoted: boolean): RawRecord {
  const value = (buf as LatinSlice).latin1Slice(s, e);
  const end = col + value.length;
  const q = quoted ? 1 : 0;
  return {
    startLine: line,
    endLine: line,
    kind: 'row',
    isEntry: true,
    occurrences: [
      {
        value,
        encoding: quoted ? 'quoted' : 'plain',
        valueRange: { startLine: line, startColumn: col, endLine: line, endColumn: end },
        specRange: { startLine: line, startColumn: col - q, endLine: line, endColumn: end + q },
        foldKey: cased ? value.toLowerCase() : value,
      },
    ],
    findings: [],
  };
}

function sameRange(a: Range, b: Range): boolean {
  return a.startLine === b.startLine && a.startColumn === b.startColumn && a.endLine === b.endLine && a.endColumn === b.endColumn;
}

/** Index of the first record in `list[lo..]` that ends at or after `line` (records are in line order). */
function firstEndingAtOrAfter(list: IncRecord[], line: number, lo: number): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = list[mid];
    if (r.base + r.span < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Findings that only tell `severityOf` their code's setting. */
const MULTIPLE_PROBE = { code: 'username-multiple-values', severity: 'warning' } as Finding;
const DUP_PROBES: Record<DupFinding['code'], Finding> = {
  'username-duplicate': { code: 'username-duplicate', severity: 'error' } as Finding,
  'username-duplicate-case': { code: 'username-duplicate-case', severity: 'warning' } as Finding,
};
/** A record with at most this many findings is built whole (and cached) even when only some are shown. */
const PREFIX_MIN = 64;

const NO_OUTPUT: RecordOutput = { base: 0, dups: undefined, findings: [], errors: 0, warnings: 0, infos: 0 };

/** A copy of sorted `list` with `f` inserted after its equals (as a stable sort of list + f would). */
function insertSorted(list: Finding[], f: Finding): Finding[] {
  let i = list.length;
  while (i > 0 && compareFindings(list[i - 1], f) > 0) i--;
  return [...list.slice(0, i), f, ...list.slice(i)];
}

function sameHeader(x: CsvHeaderState | undefined, y: CsvHeaderState | undefined): boolean {
  if (!x || !y) return x === y;
  return x.delimiter === y.delimiter && x.columnIndex === y.columnIndex && x.headerCount === y.headerCount && x.ldapsearch === y.ldapsearch;
}

/**
 * A document read line by line, as an editor holds it: `lineCount` lines without their breaks,
 * joined by `eol` (its text is `lines.join(eol)`). Reading it in steps never builds the whole text.
 */
export interface LineSource {
  readonly lineCount: number;
  lineAt(line: number): string;
  readonly eol: '\n' | '\r\n';
  /**
   * Optional: lines `[from, to)` as one string, each followed by `eol` except the document's last.
   * An editor hands out a stretch of lines in one call far more cheaply than line by line (VS Code
   * makes an object per `lineAt`).
   */
  textOf?(from: number, to: number): string;
}

/**
 * The lines of a line source, in steps (a leading BOM dropped, as for a text): each step's lines
 * in one string the store reads them from. The store is sized for every line first: growing it
 * step by step would copy it, and its fresh memory, inside one step.
 */
function* readLinesInSteps(src: LineSource, store: LineStore, units: number): Generator<void, void, void> {
  const eol = src.eol === '\r\n' ? EOL_CRLF : EOL_LF;
  const n = Math.max(1, src.lineCount);
  const step = 4 * units;
  store.reserve(n);
  for (let from = 0; from < n; from += step) {
    const to = Math.min(n, from + step);
    if (src.textOf && src.lineCount > 0) {
      const text = src.textOf(from, to);
      const run = splitRun(new LineRun({ text }, to - from), from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0, text.length, to === n);
      // A document's lines hold no line break, so the stretch splits into exactly its lines; if a
      // source ever broke that, its lines are read one by one instead.
      if (run.count === to - from && breaksAre(run, eol, to === n ? EOL_NONE : eol)) {
        store.append(run);
        yield;
        continue;
      }
    }
    const parts: string[] = [];
    for (let i = from; i < to; i++) {
      const line = src.lineCount === 0 ? '' : src.lineAt(i);
      parts.push(i === 0 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
    }
    const run = new LineRun({ text: parts.join('') }, to - from);
    let at = 0;
    for (let i = from; i < to; i++) {
      const len = parts[i - from].length;
      run.push(at, at + len, i === n - 1 ? EOL_NONE : eol);
      at += len;
    }
    store.append(run);
    yield;
  }
}

/** Whether every line of `run` ends with `eol`, the last with `last`. */
function breaksAre(run: LineRun, eol: number, last: number): boolean {
  for (let i = 0; i < run.count - 1; i++) if (run.eol[i] !== eol) return false;
  return run.eol[run.count - 1] === last;
}

/** Characters split per step, per unit of a step. */
const SPLIT_CHARS_PER_UNIT = 64;

/** The lines of `splitLines(text)` (the BOM already dropped), in steps (see splitTextInSteps). */
function* splitLinesInSteps(text: string, store: LineStore, units: number): Generator<void, void, void> {
  store.append(yield* splitTextInSteps(text, SPLIT_CHARS_PER_UNIT * units));
}

/** Lines or records a build step handles between two looks at the clock. */
const SLICE_UNITS = 1024;

function runToEnd(steps: Generator<void, void, void>): void {
  let r = steps.next();
  while (!r.done) r = steps.next();
}

/** How a sliced build keeps time: its clock (ms) and the units of work between two looks at it. */
export interface SlicePace {
  clock?: () => number;
  units?: number;
}

/** A first scan built in steps (`IncrementalDocumentScan.inSlices`). */
export interface SlicedBuild {
  /** Works for about `budgetMs` (at least one step); the finished scan once there is nothing left to do. */
  step(budgetMs: number): IncrementalDocumentScan | undefined;
  readonly done: boolean;
  /** Calls of `step` that did work. */
  readonly slices: number;
}
