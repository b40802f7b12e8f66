/**
 * The LDIF fast path of byte scans (`createScanner`, `scanFile`, the CLI).
 *
 * Nearly every record of a real export is the same shape: a plain `dn:`
 * line, attribute lines with plain names, one plain ASCII username and a
 * blank line (RFC 2849 content records). This reads such records straight
 * from the bytes: line ends by `indexOf(10)`, each line's name through one
 * byte table, the username through another, and the record goes to the
 * aggregator with no record object and no string but the username itself.
 *
 * Everything else goes to the reference pipeline (FoldRepair →
 * ByteLineSplitter → LdifScanner), which stays the definition of what a
 * scan reports:
 *   - per record: the file's first record (`version:`), folded lines,
 *     comments, base64 or URL values, change records, a username that is not
 *     plain (or missing, or repeated), any odd name, an over-long line;
 *   - for the rest of the file: a CR byte (CRLF or lone CR breaks), invalid
 *     UTF-8 or a literal U+FFFD (the reference reports the first one), a
 *     record longer than `MAX_FAST_RECORD` (its bytes are not held).
 * The fast path must report exactly what the reference would
 * (test/unit/usernames/fastPath.test.ts compares them).
 */
import { isUtf8 } from 'node:buffer';
import type { StreamAggregator } from './aggregate';
import { ChunkCarry } from './chunkCarry';
import { type ByteLineSplitter, MAX_LINE_BYTES } from './byteLines';
import { dnHashOfBytes } from './dn';
import type { FoldRepair } from './foldRepair';
import { ATTR_NAME, type LdifScanner, NAME_BYTE, decodeLine } from './ldifScanner';
import { lastPlain, readPlain } from './plainBytes';
import type { ScannerConfig } from './records';

const LF = 10,
  CR = 13,
  SP = 32,
  TAB = 9,
  COLON = 58,
  LT = 60;
const BLANK_LINE = Buffer.from([LF, LF]);
// Imported tables and limits as module locals: read per line, and imported bindings can compile to getters.
const NAME = NAME_BYTE,
  MAX_LINE = MAX_LINE_BYTES;
// Line-break kinds of lineSplitter.ts.
const EOL_NONE = 0,
  EOL_LF = 1;
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/** A record still open at a chunk's end is kept up to this size; a longer one hands the file to the reference. */
export const MAX_FAST_RECORD = 1 << 20;

/** The reference pipeline the fast path hands records and files to. */
export interface ReferencePipeline {
  repair: FoldRepair;
  splitter: ByteLineSplitter;
  scanner: LdifScanner;
}

export class LdifFastPath {
  /** Username attribute names by length, as lower-case bytes. */
  private readonly names: Array<Buffer[] | undefined> = [];
  private readonly strict: boolean;
  /** The rest of the stream goes to the reference pipeline. */
  private handedOver = false;
  /** Unfinished record from earlier chunks. */
  private readonly carry = new ChunkCarry();
  /** 0-based number of the next line. */
  private line = 0;
  // The DN of the record being committed, for `dnOf`.
  private dnBuf: Buffer | undefined;
  private dnStart = 0;
  private dnEnd = 0;
  private readonly dnOf = (): string => decodeLine(this.dnBuf!, this.dnStart, this.dnEnd);

  constructor(
    cfg: ScannerConfig,
    private readonly agg: StreamAggregator,
    private readonly ref: ReferencePipeline
  ) {
    this.strict = cfg.profile === 'strict';
    for (const n of cfg.ldifNames) {
      // A configured name the reference would call invalid (or never match) is left to it entirely.
      if (!ATTR_NAME.test(n)) this.handedOver = true;
      (this.names[n.length] ??= []).push(Buffer.from(n, 'latin1'));
    }
  }

  push(chunk: Buffer): void {
    if (this.handedOver) {
      this.toReference(chunk);
      return;
    }
    const n = chunk.length;
    let pos = 0;
    if (this.carry.length > 0) {
      // The carried record ends at the chunk's first blank line.
      const k = this.carry.lastByte() === LF && chunk[0] === LF ? 1 : chunkBoundary(chunk, 0);
      if (k < 0) {
        this.keep(chunk, 0, n);
        return;
      }
      const region = this.carry.join(chunk.subarray(0, k));
      if (!this.region(region, 0, region.length)) {
        this.toReference(chunk.subarray(k));
        return;
      }
      pos = k;
    }
    const last = chunk.lastIndexOf(BLANK_LINE);
    const cut = last >= pos ? last + 2 : pos;
    if (cut > pos && !this.region(chunk, pos, cut)) {
      this.toReference(chunk.subarray(cut));
      return;
    }
    if (cut < n) this.keep(chunk, cut, n);
  }

  /** Call at the end of the stream, before the reference pipeline's own end. */
  end(): void {
    if (this.handedOver || this.carry.length === 0) return;
    const region = this.carry.join();
    this.region(region, 0, region.length);
  }

  private keep(buf: Buffer, s: number, e: number): void {
    if (this.carry.length + (e - s) > MAX_FAST_RECORD) {
      // A huge record: the reference holds at most one line of it (and caps that).
      const kept = this.carry.drain();
      this.handOver();
      for (const b of kept) this.toReference(b);
      this.toReference(buf.subarray(s, e));
      return;
    }
    this.carry.keep(buf, s, e);
  }

  private handOver(): void {
    this.handedOver = true;
    this.ref.splitter.resumeAt(this.line);
  }

  private toReference(bytes: Buffer): void {
    if (!this.handedOver) this.handOver();
    if (bytes.length > 0) this.ref.splitter.push(this.ref.repair.push(bytes));
  }

  /**
   * Reads the whole records in `buf[pos, end)` (it ends after a blank line, or at the end of the
   * stream). False, with nothing read, when the region needs the reference from here on.
   */
  private region(buf: Buffer, pos: number, end: number): boolean {
    const bytes = buf.subarray(pos, end);
    if (bytes.indexOf(CR) >= 0 || !isUtf8(bytes) || bytes.indexOf(REPLACEMENT) >= 0) {
      this.handOver();
      this.toReference(bytes);
      return false;
    }
    let line = this.line;
    const scanner = this.ref.scanner;
    while (pos < end) {
      if (buf[pos] === LF) {
        pos++;
        line++;
        continue;
      }
      const recStart = pos,
        recLine = line;
      // The first record may hold `version:` and a BOM: the reference reads it.
      let slow = scanner.atFileStart,
        viaSplitter = recLine === 0;
      let k = 0,
        users = 0,
        dnS = 0,
        dnE = 0,
        uLine = 0,
        uS = 0,
        uE = 0,
        uCol = 0,
        cased = false,
        h = 0;
      while (pos < end) {
        const s = pos;
        let e = buf.indexOf(LF, s);
        if (e < 0 || e > end) e = end;
        if (s === e) break; // the blank line that ends the record
        pos = e + 1;
        line++;
        if (slow) {
          // Whatever made the record slow, an over-long line still needs the splitter's cap.
          if (e - s > MAX_LINE) viaSplitter = true;
          continue;
        }
        const c = buf[s];
        if (e - s > MAX_LINE || c === SP || c === TAB) {
          // An over-long line (capped by the line splitter) or a fold (FoldRepair joins split characters).
          slow = true;
          viaSplitter = true;
          continue;
        }
        if (k++ === 0) {
          if (!plainDnLine(buf, s)) {
            slow = true;
            continue;
          }
          let p = s + 3;
          while (p < e && buf[p] === SP) p++;
          dnS = p;
          dnE = e;
          continue;
        }
        const i = plainNameColon(buf, s, e, k === 2);
        if (i < 0) {
          slow = true;
          continue;
        }
        if (!this.isUsernameName(buf, s, i - s)) continue;
        // The username: plain value, one per record.
        let p = i + 1;
        // (`::` base64 and `:<` URL values fail the plain check below.)
        if (++users > 1) {
          slow = true;
          continue;
        }
        while (p < e && buf[p] === SP) p++;
        if (!readPlain(buf, p, e, this.strict)) {
          slow = true;
          continue;
        }
        h = lastPlain.hash;
        cased = lastPlain.cased;
        uLine = line - 1;
        uS = p;
        uE = e;
        uCol = p - s;
      }
      if (slow || users === 0) {
        // With its blank line, so the reference closes the record.
        const to = pos < end ? pos + 1 : end;
        if (viaSplitter) {
          // The file's first line (a BOM), folds and over-long lines need the whole pipeline.
          this.ref.splitter.resumeAt(recLine);
          this.ref.splitter.push(this.ref.repair.push(buf.subarray(recStart, to)));
          this.ref.splitter.push(this.ref.repair.end());
        } else {
          // Valid UTF-8 without CR (checked for the region): the splitter would hand over these very lines.
          for (let s = recStart, ln = recLine; s < to; ln++) {
            let e = buf.indexOf(LF, s);
            if (e < 0 || e >= to) e = to;
            scanner.lineBytes(buf, s, e, ln, e < to ? EOL_LF : EOL_NONE);
            s = e + 1;
          }
        }
      } else {
        this.dnBuf = buf;
        this.dnStart = dnS;
        this.dnEnd = dnE;
        this.agg.plainContentEntry(recLine, buf, uS, uE, h, cased, uLine, uCol, dnHashOfBytes(buf, dnS, dnE), this.dnOf);
        this.dnBuf = undefined;
      }
      if (pos < end) {
        pos++;
        line++;
      }
    }
    this.line = line;
    return true;
  }

  private isUsernameName(buf: Buffer, s: number, len: number): boolean {
    const list = len < this.names.length ? this.names[len] : undefined;
    if (!list) return false;
    outer: for (const name of list) {
      for (let k = 0; k < len; k++) if ((buf[s + k] | (buf[s + k] >= 65 && buf[s + k] <= 90 ? 0x20 : 0)) !== name[k]) continue outer;
      return true;
    }
    return false;
  }
}

/** Whether the line at `s` starts with `dn:` (any case) and its value is neither base64 nor URL. */
export function plainDnLine(buf: Buffer, s: number): boolean {
  return (buf[s] | 0x20) === 100 && (buf[s + 1] | 0x20) === 110 && buf[s + 2] === COLON && buf[s + 3] !== COLON && buf[s + 3] !== LT;
}

/**
 * The colon that ends the plain attribute name starting line `buf[s, e)`, or -1: no name (`: x`, a
 * fold), a byte no attribute name has (a `#` comment too), options (`;`: the scanner reads them), no
 * colon. `second`: the line after the DN, which also decides the record's kind (see plainSecondName).
 */
export function plainNameColon(buf: Buffer, s: number, e: number, second: boolean): number {
  let i = s;
  while (i < e && NAME[buf[i]] === 0) i++;
  return i === s || i === e || buf[i] !== COLON || (second && !plainSecondName(buf, s, i)) ? -1 : i;
}

/**
 * The line after the DN: a plain name (a letter, then letters, digits, `-`: RFC 2849
 * AttributeDescription without options) that is not `control` or `changetype`.
 */
export function plainSecondName(buf: Buffer, s: number, e: number): boolean {
  const c = buf[s] | 0x20;
  if (c < 97 || c > 122) return false;
  for (let i = s + 1; i < e; i++) if (buf[i] === 46) return false;
  const len = e - s;
  return !((len === 7 && sameName(buf, s, 'control')) || (len === 10 && sameName(buf, s, 'changetype')));
}

function sameName(buf: Buffer, s: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if ((buf[s + k] | 0x20) !== name.charCodeAt(k)) return false;
  return true;
}

/** Index just after the first blank line (`\n\n`) in `chunk` from `from`, or -1. */
function chunkBoundary(chunk: Buffer, from: number): number {
  const i = chunk.indexOf(BLANK_LINE, from);
  return i < 0 ? -1 : i + 2;
}
