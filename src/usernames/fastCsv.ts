/**
 * The CSV fast path of byte scans (`scanFile`, the CLI) that keep no records.
 *
 * Nearly every row of a sync file is one physical line with a plain ASCII
 * username and nothing to report (RFC 4180 fields, the header's field count).
 * This reads such rows straight from the chunk the file was read into: one
 * loop per chunk finds the line ends, the delimiters, the quotes and the
 * username field through a byte table, and the username's bytes go to the
 * aggregator (see `StreamAggregator.plainRow`) with no line handed anywhere
 * and no string made. It is what `CsvScanner.fastRow` does for one line,
 * without the line splitter's call and native search per line.
 *
 * Everything else goes to the reference pipeline (ByteLineSplitter →
 * CsvScanner), which stays the definition of what a scan reports:
 *   - per line, to `CsvScanner.lineBytes`: the lines before the header is
 *     known (a BOM, `sep=`, comments, the header itself), `#` lines, blank
 *     lines, rows spanning lines (a quoted line break) and the lines after
 *     them while the row is open, and any row that is not plain (a finding of
 *     its own, a username that is not a plain ASCII one);
 *   - for the rest of the file, to the line splitter: a CR that is not part of
 *     a CRLF, invalid UTF-8 or a literal U+FFFD (the splitter reports the
 *     first one), a line over the 16 MiB cap (the splitter reports it), a line
 *     straddling chunks longer than `MAX_FAST_LINE` (its bytes are not held),
 *     and the last line when it has no line break.
 * The fast path must report exactly what the reference would
 * (test/unit/usernames/fastPath.test.ts compares them).
 */
import { isUtf8 } from 'node:buffer';
import type { StreamAggregator } from './aggregate';
import { ChunkCarry } from './chunkCarry';
import { type ByteLineSplitter, MAX_LINE_BYTES } from './byteLines';
import { CAPTURE_LIMIT, type CsvScanner } from './csvScanner';
import type { Eol } from './lineSplitter';
import { lastPlain, readPlain } from './plainBytes';
import type { ScannerConfig } from './records';

const LF = 10,
  CR = 13,
  QUOTE = 34,
  BACKSLASH = 92,
  HASH = 35;
// Line-break kinds of lineSplitter.ts (module locals: imported bindings can compile to getters).
const EOL_LF: Eol = 1,
  EOL_CRLF: Eol = 2;
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);
// A module local: imported bindings can compile to getters, and this is read per row.
const MAX_LINE = MAX_LINE_BYTES;

/** A line still open at a chunk's end is kept up to this size; a longer one hands the file to the reference. */
export const MAX_FAST_LINE = 1 << 20;
/**
 * Bytes of rows read per call of `rows` (its last row may end past them). A file whose rows are all
 * plain would otherwise be read by one call per chunk: V8 would optimize that call's loop on stack
 * (OSR) before the function ever returned, then throw the code away at the first return (an exit
 * without type feedback) and again at the next, and the first megabytes run unoptimized (`node
 * --trace-deopt`). Returning every few dozen rows gives every exit its feedback first.
 */
export const ROWS_PER_CALL = 1 << 12;
/**
 * Plain rows held before their usernames go to the duplicate index (see `PendingRows`): enough that
 * their slot reads overlap, few enough that the rows' bytes are still in cache.
 */
const PENDING = 32;
/** The first bytes of a file whose lines are counted to estimate its rows (see `sample`). */
const SAMPLE = 1 << 16;

/**
 * Byte classes of the row loop: 0 any other ASCII byte, 1 the delimiter, 2 `"`, 3 LF, 4 CR, then
 * the non-ASCII bytes by what they add to a line's byte offset minus its UTF-16 column: 5 a
 * continuation byte (+1), 6 the lead byte of a 4-byte sequence (-1: a surrogate pair is two units),
 * 7 any other lead byte (0).
 */
const ORDINARY = 0,
  DELIM = 1,
  QUOTE_BYTE = 2,
  LF_BYTE = 3,
  CR_BYTE = 4,
  CONT = 5,
  LEAD4 = 6;
/** What each class adds to the byte-minus-column count (classes below CONT are ASCII). */
const ADJ = new Int8Array([0, 0, 0, 0, 0, 1, -1, 0]);

function byteClasses(delimiter: number): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 0x80; b < 0x100; b++) t[b] = b < 0xc0 ? CONT : b >= 0xf0 ? LEAD4 : 7;
  t[QUOTE] = QUOTE_BYTE;
  t[LF] = LF_BYTE;
  t[CR] = CR_BYTE;
  t[delimiter] = DELIM;
  return t;
}

/** The reference pipeline the fast path hands lines and files to. */
export interface CsvReference {
  splitter: ByteLineSplitter;
  scanner: CsvScanner;
}

export class CsvFastPath {
  private readonly strict: boolean;
  /** The rest of the stream goes to the line splitter. */
  private handedOver = false;
  /** Unfinished line from earlier chunks. */
  private readonly carry = new ChunkCarry();
  /** 0-based number of the next line. */
  private line = 0;
  // The header's shape, once the scanner knows it and it allows plain rows (see `shape`).
  private classes: Uint8Array | undefined;
  private column = -1;
  private fields = 0;

  // The sample of the file's first bytes its rows are estimated from (see `sample`).
  private sampled = 0;
  private sampledLines = 0;
  /**
   * The estimate, told before the first row of the chunk it came from is read, while the index is
   * still empty: growing it later rehashed the thousands of usernames of that first chunk with code
   * not yet optimized (~40 ms of CPU on the 21 MB benchmark file, for a table that then never grew).
   */
  private expected = 0;

  /** Plain rows read but not yet offered to the duplicate index. */
  private readonly pending = new PendingRows();

  /** `size`: the file's size when known (0 otherwise), to estimate its rows from the first ones. */
  constructor(
    cfg: ScannerConfig,
    private readonly agg: StreamAggregator,
    private readonly ref: CsvReference,
    private readonly size = 0
  ) {
    this.strict = cfg.profile === 'strict';
  }

  /**
   * Counts the line breaks of the file's first SAMPLE bytes; then tells the duplicate index how many
   * usernames a file of this size is likely to hold, so that its slot table is sized once rather
   * than doubled as it fills.
   */
  private sample(chunk: Buffer): void {
    const to = Math.min(chunk.length, SAMPLE - this.sampled);
    for (let i = chunk.indexOf(LF); i >= 0 && i < to; i = chunk.indexOf(LF, i + 1)) this.sampledLines++;
    this.sampled += to;
    if (this.sampled === SAMPLE && this.size > SAMPLE) this.expected = Math.ceil((this.sampledLines * this.size) / SAMPLE);
  }

  push(chunk: Buffer): void {
    if (this.handedOver) {
      this.ref.splitter.push(chunk);
      return;
    }
    if (this.sampled < SAMPLE) this.sample(chunk);
    if (this.expected > 0) {
      this.agg.expectUsernames(this.expected);
      this.expected = 0;
    }
    const n = chunk.length;
    let pos = 0;
    if (this.carry.length > 0) {
      // The carried line ends at the chunk's first LF.
      const k = chunk.indexOf(LF);
      if (k < 0) {
        this.keep(chunk, 0, n);
        return;
      }
      const region = this.carry.join(chunk.subarray(0, k + 1));
      if (!this.region(region, 0, region.length)) {
        this.ref.splitter.push(chunk.subarray(k + 1));
        return;
      }
      pos = k + 1;
    }
    const last = chunk.lastIndexOf(LF);
    const cut = last >= pos ? last + 1 : pos;
    if (cut > pos && !this.region(chunk, pos, cut)) {
      this.ref.splitter.push(chunk.subarray(cut));
      return;
    }
    if (cut < n) this.keep(chunk, cut, n);
  }

  /** Call at the end of the stream, before the reference pipeline's own end: a last line without a break goes to the splitter. */
  end(): void {
    if (!this.handedOver && this.carry.length > 0) this.carryToSplitter();
  }

  /** Hands the kept part of a line and the rest of the stream to the splitter. */
  private carryToSplitter(): void {
    const kept = this.carry.drain();
    this.handOver();
    for (const b of kept) this.ref.splitter.push(b);
  }

  private keep(buf: Buffer, s: number, e: number): void {
    if (this.carry.length + (e - s) > MAX_FAST_LINE) {
      // A huge line: the splitter holds it (and caps it).
      this.carryToSplitter();
      this.ref.splitter.push(buf.subarray(s, e));
      return;
    }
    this.carry.keep(buf, s, e);
  }

  private handOver(): void {
    this.handedOver = true;
    this.ref.splitter.resumeAt(this.line);
  }

  /** Hands `buf[s, end)` (whole lines) and the rest of the stream to the splitter. */
  private toSplitter(buf: Buffer, s: number, end: number): false {
    this.handOver();
    this.ref.splitter.push(buf.subarray(s, end));
    return false;
  }

  /** The header's shape, once the scanner has read a header that plain rows can follow (`CsvScanner.fastRow`'s conditions). */
  private shape(): void {
    const h = this.ref.scanner.headerState,
      d = this.ref.scanner.delimiterByte;
    if (!h || h.columnIndex < 0 || h.headerCount <= 0 || d < 0) return;
    // A `sep=` delimiter can be a quote or a non-ASCII character (several bytes): the scanner reads those rows.
    if (d === QUOTE || d >= 0x80 || d === LF || d === CR) return;
    this.classes = byteClasses(d);
    this.column = h.columnIndex;
    this.fields = h.headerCount;
  }

  /**
   * Reads the whole lines of `buf[pos, end)` (it ends after an LF). False when the region and the
   * rest of the stream went to the splitter from some line on (the lines before it are read).
   */
  private region(buf: Buffer, pos: number, end: number): boolean {
    const bytes = buf.subarray(pos, end);
    if (!isUtf8(bytes) || bytes.indexOf(REPLACEMENT) >= 0) return this.toSplitter(buf, pos, end);
    const scanner = this.ref.scanner;
    // A CR at or after the line the scanner reads last (-1: none in the region), found as needed.
    let cr = bytes.indexOf(CR);
    if (cr >= 0) cr += pos;
    let s = pos;
    while (s < end) {
      if (this.classes !== undefined && !scanner.inRecord) {
        const stop = Math.min(end, s + ROWS_PER_CALL);
        s = this.rows(buf, s, stop);
        if (s === end) break;
        if (s >= stop) continue;
      }
      // The scanner reads this line.
      let e = buf.indexOf(LF, s);
      const next = e + 1;
      let eol: Eol = EOL_LF;
      if (e > s && buf[e - 1] === CR) {
        e--;
        eol = EOL_CRLF;
      }
      if (cr >= 0 && cr < s) cr = buf.indexOf(CR, s);
      // A lone CR (a line break of its own) or a line over the cap: the splitter finds and reports them.
      if ((cr >= 0 && cr < e) || e - s > MAX_LINE) return this.toSplitter(buf, s, end);
      if (this.line === 0 && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
      scanner.lineBytes(buf, s, e, this.line++, eol, true);
      if (this.classes === undefined) this.shape();
      s = next;
    }
    return true;
  }

  /**
   * Reads the plain rows from `s` that start before `stop` (the region's whole lines: the last ends
   * with an LF at or after `stop`), up to the first other line, and returns where the next line
   * starts (below `stop`: a line it does not read). A method of its own, left at every line it does
   * not read and every ROWS_PER_CALL bytes: it is optimized early and with feedback for all its
   * paths (a loop run once per chunk would be compiled on stack with paths never taken yet, and
   * thrown away when one is).
   */
  private rows(buf: Buffer, s: number, stop: number): number {
    const cls = this.classes!,
      want = this.column,
      count = this.fields,
      strict = this.strict,
      agg = this.agg,
      pending = this.pending;
    let line = this.line;
    rows: while (s < stop && buf[s] !== HASH) {
      // The username field's content [cs, ce), its adjustment at its start and end (see ADJ), how it is written.
      let field = 0,
        j = s,
        k = s,
        adj = 0,
        cs = 0,
        ce = 0,
        adjCs = 0,
        adjCe = 0,
        quoted = false,
        escaped = false,
        c = 0;
      for (;;) {
        const adjAtStart = adj;
        if (buf[j] === QUOTE) {
          // Quoted: it must close on this line, right before a delimiter or the line end.
          k = j + 1;
          for (;;) {
            c = cls[buf[k]];
            if (c === ORDINARY || c === DELIM) k++;
            else if (c === QUOTE_BYTE) {
              if (buf[k + 1] === QUOTE) {
                if (field === want) escaped = true;
                k += 2;
              } else if (buf[k - 1] === BACKSLASH && k > j + 1)
                break rows; // maybe the \" dialect
              else break;
            } else if (c === LF_BYTE || c === CR_BYTE)
              break rows; // a line break inside quotes
            else {
              adj += ADJ[c];
              k++;
            }
          }
          if (field === want) {
            cs = j + 1;
            ce = k;
            adjCs = adjAtStart;
            adjCe = adj;
            quoted = true;
          }
          c = cls[buf[++k]];
          if (c !== DELIM && c !== LF_BYTE && c !== CR_BYTE) break rows; // text after the closing quote
        } else {
          k = j;
          while ((c = cls[buf[k]]) === ORDINARY) k++;
          while (c >= CONT) {
            adj += ADJ[c];
            while ((c = cls[buf[++k]]) === ORDINARY);
          }
          if (c === QUOTE_BYTE) break rows; // quote inside an unquoted field
          if (field === want) {
            cs = j;
            ce = k;
            adjCs = adjAtStart;
            adjCe = adj;
          }
        }
        field++;
        if (c === DELIM) j = k + 1;
        else break;
      }
      // The line end: LF, or CR LF (a lone CR is a line break of its own: the splitter's). A blank line is the scanner's.
      if ((c === CR_BYTE && buf[k + 1] !== LF) || k === s || field !== count || k - s > MAX_LINE) break;
      const csc = cs - s - adjCs;
      if (!escaped && readPlain(buf, cs, ce, strict)) {
        // A plain row: no findings of its own, and the username's bytes go to the duplicate index.
        if (pending.add(cs, ce, lastPlain.hash, lastPlain.cased, line, csc)) pending.offer(buf, agg);
      } else {
        // Its username has findings of its own, or is not plain ASCII: the scanner makes its record.
        if (escaped && ce - cs > CAPTURE_LIMIT) break; // the scanner keeps only the start of such a value
        if (pending.count > 0) pending.offer(buf, agg);
        const cec = ce - s - adjCe;
        this.ref.scanner.parsedRow(buf, cs, ce, line, csc, cec, quoted ? csc - 1 : csc, quoted ? cec + 1 : cec, quoted, escaped);
      }
      line++;
      s = k + (c === CR_BYTE ? 2 : 1);
    }
    // Before anything else reads a line: the duplicate index sees the rows in file order.
    if (pending.count > 0) pending.offer(buf, agg);
    this.line = line;
    return s;
  }
}

/**
 * Plain rows read from one buffer whose usernames are not yet offered to the duplicate index: its
 * bytes, hash and case (see plainBytes.ts), line and column. They are offered PENDING at a time,
 * their first slots read first, together: a large file's slot table is megabytes, and reads that do
 * not wait for one another wait for their cache misses at once rather than one at each offer.
 */
class PendingRows {
  count = 0;
  private readonly start = new Int32Array(PENDING);
  private readonly end = new Int32Array(PENDING);
  private readonly hash = new Int32Array(PENDING);
  private readonly cased = new Uint8Array(PENDING);
  private readonly line = new Float64Array(PENDING);
  private readonly col = new Int32Array(PENDING);

  /** Holds a row; true when PENDING are held (then `offer` them). */
  add(s: number, e: number, hash: number, cased: boolean, line: number, col: number): boolean {
    const i = this.count++;
    this.start[i] = s;
    this.end[i] = e;
    this.hash[i] = hash;
    this.cased[i] = cased ? 1 : 0;
    this.line[i] = line;
    this.col[i] = col;
    return i + 1 === PENDING;
  }

  /** Offers the rows held (their bytes in `buf`) to `agg`, in order; none are held after. */
  offer(buf: Buffer, agg: StreamAggregator): void {
    const n = this.count,
      start = this.start,
      end = this.end,
      hash = this.hash,
      cased = this.cased,
      line = this.line,
      col = this.col;
    this.count = 0;
    agg.touchUsernames(hash, n);
    for (let i = 0; i < n; i++) agg.plainRow(buf, start[i], end[i], hash[i], cased[i] === 1, line[i], col[i]);
  }
}
