/**
 * The findings of a whole-file scan, kept in columns. A file can hold a
 * finding every few bytes (a username repeated on every row, an entry with
 * thousands of values), and a `Finding` object graph per finding (range,
 * message, related list) is ~500 bytes that all survive to the end of the
 * scan: the garbage collector copies and promotes every one of them, which
 * was most of the CLI's time on such files. The commonest findings here are
 * a few numbers and a username reference; their messages are built only when
 * a finding is read (`at`), and a reader such as the CLI's JSON writer reads
 * them one at a time without keeping them.
 */
import { neutralize, quoted } from './inertText';
import { FINDING_CODES } from './ruleHelp';
import type { Finding, FindingCode, Range, RelatedInformation, Severity, SeveritySetting } from './types';

/** A read-only list of findings: a `Finding[]` is one, and so is a `FindingStore`. */
export interface FindingList {
  readonly length: number;
  at(index: number): Finding | undefined;
}

/** How a row's finding is made: an object kept as it is, or one of the templates below. */
const OBJECT = 0,
  DUPLICATE = 1,
  MULTIPLE = 2,
  REPEAT = 3;

const CODES: readonly FindingCode[] = FINDING_CODES;
const CODE_INDEX = new Map(CODES.map((c, i) => [c, i]));
/** Each code's place in string order: comparing ranks is comparing the code strings. */
const CODE_RANK = CODES.map((c) => [...CODES].sort().indexOf(c));
const DUP = CODE_INDEX.get('username-duplicate')!,
  DUP_CASE = CODE_INDEX.get('username-duplicate-case')!,
  MULTI = CODE_INDEX.get('username-multiple-values')!;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SEVERITY_INDEX: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Rows per block. The columns grow a block at a time: never copied, and fresh memory (page faults) only as rows come. */
const BLOCK_BITS = 14,
  BLOCK = 1 << BLOCK_BITS,
  MASK = BLOCK - 1;
/** Numbers per row: range then related range, each start line, start column, end line, end column. */
const NUMS = 8;
const INT_MAX = 0x7fffffff;
/** The most name arena chunks a reference (a small integer) can address. */
const MAX_NAME_CHUNKS = 1023;
/** ByteArena chunk size; the first chunk starts at FIRST_CHUNK bytes. */
export const ARENA_BITS = 20,
  ARENA_SIZE = 1 << ARENA_BITS,
  ARENA_MASK = ARENA_SIZE - 1;
const FIRST_CHUNK = 1 << 12;

/**
 * Bytes in chunks of ARENA_SIZE, each address one integer (chunk × ARENA_SIZE + offset); a reserved
 * run never straddles two chunks. The first chunk starts small and doubles (a small file's scan
 * stays small; its addresses stay valid as it is copied), the others are made whole: no copy.
 */
/** `s` is Latin-1 (every unit below 256): it can sit in a `ByteArena` as one byte per unit. */
export function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) return false;
  return true;
}

export class ByteArena {
  readonly chunks: Buffer[] = [];
  private len = 0;
  private cap = 0;

  constructor(private readonly maxChunks: number) {}

  /** Room for `n` bytes (at most ARENA_SIZE): their address, or -1 when the arena is full. */
  reserve(n: number): number {
    if (this.len + n > this.cap) {
      const k = this.chunks.length;
      if (k === 1 && this.len + n <= ARENA_SIZE) {
        const cap = Math.min(ARENA_SIZE, Math.max(2 * this.cap, this.len + n));
        const a = Buffer.allocUnsafeSlow(cap);
        this.chunks[0].copy(a, 0, 0, this.len);
        this.chunks[0] = a;
        this.cap = cap;
      } else {
        if (k >= this.maxChunks) return -1;
        this.cap = k === 0 ? Math.max(FIRST_CHUNK, n) : ARENA_SIZE;
        this.chunks.push(Buffer.allocUnsafeSlow(this.cap));
        this.len = 0;
      }
    }
    const at = (this.chunks.length - 1) * ARENA_SIZE + this.len;
    this.len += n;
    return at;
  }
}

/** Buffer's own latin1 slicer: `toString('latin1', s, e)` without its argument handling. */
type LatinSlice = Buffer & { latin1Slice(start: number, end: number): string };

/** One block of rows: `meta` packs kind (bits 0-1), severity (2-3) and code (4-7). */
interface Block {
  meta: Uint8Array;
  nums: Int32Array;
  /** MULTIPLE: the value count in the message. */
  count: Int32Array;
  /** MULTIPLE/REPEAT: the attribute name's index in `names`. */
  name: Uint16Array;
  /** OBJECT: the finding; otherwise the username (or undefined), or its place in the name arena. */
  refs: Array<Finding | string | number | undefined>;
}

export class FindingStore implements FindingList {
  truncated = false;
  errors = 0;
  warnings = 0;
  infos = 0;
  private n = 0;
  private readonly blocks: Block[] = [];
  /** Attribute names of MULTIPLE/REPEAT rows (a file uses one or a few spellings). */
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  /** Usernames of `*Bytes` rows: a length byte then the bytes, in chunks (see putName). */
  private readonly names8 = new ByteArena(MAX_NAME_CHUNKS);
  /** Row per position once sorted (undefined: rows are already in order). */
  private order: number[] | undefined;

  constructor(
    private readonly severities: Partial<Record<FindingCode, SeveritySetting>> = {},
    private readonly max = Infinity
  ) {}

  get length(): number {
    return this.n;
  }

  /** Any finding, kept as an object (with its severity setting applied). */
  add(f: Finding): void {
    const s = this.severities[f.code] ?? f.severity;
    if (s === 'off') return;
    if (s !== f.severity) f = { ...f, severity: s };
    const r = this.row(OBJECT, CODE_INDEX.get(f.code)!, s, f);
    if (r < 0) return;
    const range = f.range;
    // Numbers past int32 (a file of billions of lines) only slow the sort down: it reads the object.
    this.setNums(r, clamp(range.startLine), clamp(range.startColumn), clamp(range.endLine), clamp(range.endColumn), 0, 0, 0, 0);
  }

  /**
   * `username-duplicate` of `username` in another entry: the finding `DuplicateTracker` would return,
   * at line `l`, columns `[c, ec)`, its first occurrence at `f*`. With `cased`, the
   * `username-duplicate-case` finding instead (another spelling of the first's key).
   */
  duplicate(
    username: string,
    l: number,
    c: number,
    el: number,
    ec: number,
    fl: number,
    fc: number,
    fel: number,
    fec: number,
    cased = false
  ): void {
    const s = this.duplicateSeverity(cased);
    if (s === 'off') return;
    if (el > INT_MAX || fel > INT_MAX) {
      const range = { startLine: l, startColumn: c, endLine: el, endColumn: ec };
      const first = { startLine: fl, startColumn: fc, endLine: fel, endColumn: fec };
      this.add(duplicateFinding(cased ? 'username-duplicate-case' : 'username-duplicate', username, range, first));
      return;
    }
    const r = this.row(DUPLICATE, cased ? DUP_CASE : DUP, s, username);
    if (r >= 0) this.setNums(r, l, c, el, ec, fl, fc, fel, fec);
  }

  /** The severity of a duplicate finding (`cased`: in another spelling) after the settings; 'off' when not reported. */
  private duplicateSeverity(cased: boolean): SeveritySetting {
    return cased ? (this.severities['username-duplicate-case'] ?? 'warning') : (this.severities['username-duplicate'] ?? 'error');
  }

  /**
   * `duplicate` of the plain ASCII username `buf[s, e)` at line `l` from column `c` (one line): its
   * bytes are copied into the store's arena, so the finding keeps no string until it is read. With
   * `cased`, the `username-duplicate-case` finding instead (another spelling of the first's key).
   */
  duplicateBytes(
    buf: Buffer,
    s: number,
    e: number,
    l: number,
    c: number,
    fl: number,
    fc: number,
    fel: number,
    fec: number,
    cased = false
  ): void {
    const s2 = this.duplicateSeverity(cased);
    if (s2 === 'off') return;
    const ref = this.putName(buf, s, e);
    if (ref < 0 || l > INT_MAX || fel > INT_MAX) {
      this.duplicate((buf as LatinSlice).latin1Slice(s, e), l, c, l, c + (e - s), fl, fc, fel, fec, cased);
      return;
    }
    const r = this.row(DUPLICATE, cased ? DUP_CASE : DUP, s2, ref);
    if (r >= 0) this.setNums(r, l, c, l, c + (e - s), fl, fc, fel, fec);
  }

  /**
   * `multiple` for the plain ASCII username `buf[s, e)` at line `l`, columns `[c, c + e - s)`: its
   * bytes are copied into the store's arena, so the finding keeps no string until it is read.
   */
  multipleBytes(buf: Buffer, s: number, e: number, count: number, name: string, l: number, c: number, first: Range): void {
    const sev = this.severities['username-multiple-values'] ?? 'warning';
    if (sev === 'off') return;
    const id = this.nameIds.get(name);
    const ref = id === undefined || l > INT_MAX || first.endLine > INT_MAX ? -1 : this.putName(buf, s, e);
    if (ref < 0) {
      const range = { startLine: l, startColumn: c, endLine: l, endColumn: c + (e - s) };
      this.multiple((buf as LatinSlice).latin1Slice(s, e), count, name, range, first);
      return;
    }
    const r = this.row(count === 0 ? REPEAT : MULTIPLE, MULTI, sev, ref);
    if (r < 0) return;
    const b = this.blocks[r >>> BLOCK_BITS],
      i = r & MASK;
    b.count[i] = count;
    b.name[i] = id!;
    this.setNums(r, l, c, l, c + (e - s), first.startLine, first.startColumn, first.endLine, first.endColumn);
  }

  /** Copies a username of at most 255 bytes into the arena; its reference (a small integer), or -1. */
  private putName(buf: Buffer, s: number, e: number): number {
    const len = e - s;
    if (len > 255) return -1;
    const ref = this.names8.reserve(len + 1);
    if (ref < 0) return -1;
    const a = this.names8.chunks[ref >>> ARENA_BITS],
      at = ref & ARENA_MASK;
    a[at] = len;
    // A loop: `Buffer.copy` costs more than the copy itself at these lengths.
    for (let i = 0; i < len; i++) a[at + 1 + i] = buf[s + i];
    return ref;
  }

  /** The username of arena reference `ref`. */
  private nameAt(ref: number): string {
    const a = this.names8.chunks[ref >>> ARENA_BITS] as LatinSlice,
      at = ref & ARENA_MASK;
    return a.latin1Slice(at + 1, at + 1 + a[at]);
  }

  /**
   * `username-multiple-values` of the LDIF scanner: the `count`-th value of attribute `name`
   * (`count` 0: a repeat of an earlier value), at `range`, the entry's first value at `first`.
   */
  multiple(username: string | undefined, count: number, name: string, range: Range, first: Range): void {
    const s = this.severities['username-multiple-values'] ?? 'warning';
    if (s === 'off') return;
    let id = this.nameIds.get(name);
    if (id === undefined && this.names.length < 0xffff) this.nameIds.set(name, (id = this.names.push(name) - 1));
    if (id === undefined || range.endLine > INT_MAX || first.endLine > INT_MAX) {
      this.add(multipleFinding(username, count, name, range, first));
      return;
    }
    const r = this.row(count === 0 ? REPEAT : MULTIPLE, MULTI, s, username);
    if (r < 0) return;
    const b = this.blocks[r >>> BLOCK_BITS],
      i = r & MASK;
    b.count[i] = count;
    b.name[i] = id;
    this.setNums(
      r,
      range.startLine,
      range.startColumn,
      range.endLine,
      range.endColumn,
      first.startLine,
      first.startColumn,
      first.endLine,
      first.endColumn
    );
  }

  /**
   * Rows per kind: [objects, duplicates, multiple values, repeats]. Only the objects cost a `Finding`
   * each until read; read by the tests that hold each call to its compact row (memory, not findings).
   */
  rowKinds(): [number, number, number, number] {
    const kinds: [number, number, number, number] = [0, 0, 0, 0];
    for (let r = 0; r < this.n; r++) kinds[this.blocks[r >>> BLOCK_BITS].meta[r & MASK] & 3]++;
    return kinds;
  }

  /** Sorts the findings as `compareFindings` does (stably); call once, after the last add. */
  sort(): void {
    const n = this.n;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = this.compare(i - 1, i) <= 0;
    if (sorted) return;
    const order = new Array<number>(n);
    for (let i = 0; i < n; i++) order[i] = i;
    this.order = order.sort((a, b) => this.compare(a, b));
  }

  /** The `index`-th finding in order, made afresh (callers that keep it own it). */
  at(index: number): Finding | undefined {
    if (index < 0 || index >= this.n) return undefined;
    return this.make(this.order ? this.order[index] : index);
  }

  /** Every finding as an object, in order. */
  toArray(): Finding[] {
    const out = new Array<Finding>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.at(i)!;
    return out;
  }

  private make(r: number): Finding {
    const b = this.blocks[r >>> BLOCK_BITS],
      i = r & MASK,
      k = b.meta[i] & 3;
    const ref = b.refs[i];
    if (k === OBJECT) return ref as Finding;
    const username = typeof ref === 'number' ? this.nameAt(ref) : (ref as string | undefined);
    const range = rangeAt(b.nums, NUMS * i),
      related = rangeAt(b.nums, NUMS * i + 4);
    const f =
      k === DUPLICATE
        ? duplicateFinding(b.meta[i] >> 4 === DUP ? 'username-duplicate' : 'username-duplicate-case', username!, range, related)
        : multipleFinding(username, b.count[i], this.names[b.name[i]], range, related);
    const s = SEVERITIES[(b.meta[i] >> 2) & 3];
    if (s !== f.severity) f.severity = s;
    return f;
  }

  /** `compareFindings` of rows `a` and `b`. */
  private compare(a: number, b: number): number {
    const A = this.blocks[a >>> BLOCK_BITS],
      B = this.blocks[b >>> BLOCK_BITS],
      x = A.nums,
      y = B.nums,
      i = NUMS * (a & MASK),
      j = NUMS * (b & MASK);
    const d =
      x[i] - y[j] ||
      x[i + 1] - y[j + 1] ||
      x[i + 2] - y[j + 2] ||
      x[i + 3] - y[j + 3] ||
      CODE_RANK[A.meta[a & MASK] >> 4] - CODE_RANK[B.meta[b & MASK] >> 4];
    if (d !== 0) return d;
    // Equal so far: a clamped number, or the same place and code; the objects and messages decide.
    const fa = this.make(a),
      fb = this.make(b);
    return compareFindings(fa, fb);
  }

  /** A new row (counted) of `kind` for a finding of code index `code` at severity `s`, or -1 past the cap. */
  private row(kind: number, code: number, s: Severity, ref: Finding | string | number | undefined): number {
    if (this.n >= this.max) {
      this.truncated = true;
      return -1;
    }
    if (s === 'error') this.errors++;
    else if (s === 'warning') this.warnings++;
    else this.infos++;
    const r = this.n++,
      i = r & MASK;
    if (i === 0)
      this.blocks.push({
        meta: new Uint8Array(BLOCK),
        nums: new Int32Array(NUMS * BLOCK),
        count: new Int32Array(BLOCK),
        name: new Uint16Array(BLOCK),
        refs: [],
      });
    const b = this.blocks[r >>> BLOCK_BITS];
    b.meta[i] = kind | (SEVERITY_INDEX[s] << 2) | (code << 4);
    b.refs.push(ref);
    return r;
  }

  private setNums(r: number, l: number, c: number, el: number, ec: number, fl: number, fc: number, fel: number, fec: number): void {
    const v = this.blocks[r >>> BLOCK_BITS].nums,
      o = NUMS * (r & MASK);
    v[o] = l;
    v[o + 1] = c;
    v[o + 2] = el;
    v[o + 3] = ec;
    v[o + 4] = fl;
    v[o + 5] = fc;
    v[o + 6] = fel;
    v[o + 7] = fec;
  }
}

function clamp(x: number): number {
  return x > INT_MAX ? INT_MAX : x;
}

function rangeAt(v: Int32Array, o: number): Range {
  return { startLine: v[o], startColumn: v[o + 1], endLine: v[o + 2], endColumn: v[o + 3] };
}

/**
 * A duplicate finding's wording: `username-duplicate` (the value in another entry), `entry-twice`
 * (a `username-duplicate` whose first occurrence is in an entry of the same DN, named by `dn`) or
 * `username-duplicate-case`; `first` is the first occurrence's range. The whole-file store, the
 * tracker and the incremental document scan all make their findings here, so every scan path says
 * exactly the same thing.
 */
export function duplicateFinding(
  kind: 'username-duplicate' | 'entry-twice' | 'username-duplicate-case',
  value: string,
  range: Range,
  first: Range,
  dn?: string
): Finding {
  if (kind === 'username-duplicate-case')
    return {
      code: 'username-duplicate-case',
      severity: 'warning',
      range,
      username: value,
      message: `Username ${quoted(value)} differs from another entry's username only in case or Unicode normalization; PingOne may treat them as the same user.`,
      related: [{ message: 'First username in this group', range: first }],
    };
  return kind === 'entry-twice'
    ? {
        code: 'username-duplicate',
        severity: 'error',
        range,
        username: value,
        message: `Entry ${quoted(dn ?? '')} appears twice in this file (username ${quoted(value)} on lines ${first.startLine + 1} and ${range.startLine + 1}); Ping tools reject the second copy.`,
        related: [{ message: 'First appearance of this entry', range: first }],
      }
    : {
        code: 'username-duplicate',
        severity: 'error',
        range,
        username: value,
        message: duplicateMessage(value),
        related: [{ message: 'First occurrence of this username', range: first }],
      };
}

/** The LDIF scanner's finding for an entry's `count`-th value of `name` (0: a repeat). */
/**
 * `first`: the entry's first value, as its range or as the related list `firstValueRelated` made of
 * it (one list then serves every finding of the entry: an entry may hold hundreds of thousands of
 * values; findings are never edited in place).
 */
export function multipleFinding(
  username: string | undefined,
  count: number,
  name: string,
  range: Range,
  first: Range | RelatedInformation[]
): Finding {
  const f: Finding = {
    code: 'username-multiple-values',
    severity: 'warning',
    message: count === 0 ? repeatMessage(name) : multipleMessage(count, name),
    range,
  };
  if (username !== undefined) f.username = username;
  f.related = Array.isArray(first) ? first : firstValueRelated(first);
  return f;
}

/** The related list of a `username-multiple-values` finding: the entry's first value. */
export function firstValueRelated(first: Range): RelatedInformation[] {
  return [{ message: 'First value', range: first }];
}

/** Findings in file order: by range, then code, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.startLine - b.range.startLine ||
    a.range.startColumn - b.range.startColumn ||
    a.range.endLine - b.range.endLine ||
    a.range.endColumn - b.range.endColumn ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export function duplicateMessage(username: string): string {
  return `Username ${quoted(username)} is used by another entry too; PingOne usernames are unique per environment.`;
}

export function multipleMessage(count: number, name: string): string {
  return `Entry has ${count} ${neutralize(name)} values; PingOne's username holds one, so the sync may pick either.`;
}

export function repeatMessage(name: string): string {
  return `Entry repeats the ${neutralize(name)} value; Ping tools reject duplicate attribute values.`;
}
