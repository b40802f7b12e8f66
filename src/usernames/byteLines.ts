/**
 * Splits a UTF-8 byte stream into physical lines (LF, CRLF or a lone CR, as
 * the text splitter does) without decoding it: the LDIF scanner decodes only
 * the lines it reads. Lines inside one chunk are handed over in place; only a
 * line that straddles chunks is copied, so memory is bounded by the longest
 * line, and a line longer than `MAX_LINE_BYTES` is never held whole: its
 * bytes are counted and dropped, and the sink gets a placeholder line in its
 * place (see `onLongLine`). While scanning it also finds the first invalid UTF-8 (or literal
 * U+FFFD), which a whole-text decode would have turned into U+FFFD, and
 * reports its line and UTF-16 column once.
 */
import { isUtf8 } from 'node:buffer';
import { decodeLine } from './ldifScanner';
import type { Eol } from './lineSplitter';

export interface ByteLineSink {
  /**
   * Physical line `buf[s, e)` (no terminator), 0-based `line`. `valid`: the
   * line is known to be valid UTF-8 without a literal U+FFFD (false: unknown).
   */
  lineBytes(buf: Buffer, s: number, e: number, line: number, eol: Eol, valid: boolean): void;
  end(): void;
}

const LF = 10,
  CR = 13;
// Local copies of the EOL kinds: imported bindings can compile to getters, and these are read per line.
const EOL_NONE = 0,
  EOL_LF = 1,
  EOL_CRLF = 2,
  EOL_CR = 3;
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

/**
 * Longest physical line read from a file: 16 MiB, far beyond any real sync
 * file line. Without a cap one line without a break (a hostile file, a link
 * to a device) would grow in memory until the process aborts.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Called for a line over the cap with its 0-based number and length; returns the line handed to the sink instead. */
export type LongLineHandler = (line: number, bytes: number) => Buffer;

export class ByteLineSplitter {
  private carry: Buffer[] = [];
  private carryLen = 0;
  private pendingCR = false;
  private lineNo = 0;
  private started = false;
  /** Still looking for the first invalid UTF-8. */
  private checking = true;
  /** Inside a line over the cap: its bytes are counted, not kept. */
  private skipping = false;
  private skippedBytes = 0;
  /** True when the stream began with a UTF-8 BOM (removed; columns don't count it). */
  bom = false;

  constructor(
    private readonly sink: ByteLineSink,
    private readonly onInvalid: (line: number, col: number) => void,
    private readonly onLongLine: LongLineHandler = () => Buffer.alloc(0),
    private readonly maxLineBytes = MAX_LINE_BYTES
  ) {}

  push(chunk: Buffer): void {
    const n = chunk.length;
    if (n === 0) return;
    let pos = 0;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (chunk[0] === LF) {
        pos = 1;
        this.emitCarry(EOL_CRLF);
      } else this.emitCarry(EOL_CR);
    }
    // Files almost never contain CR: then a native LF search finds every break.
    const hasCR = chunk.indexOf(CR, pos) !== -1;
    // Validate all complete lines of the chunk in one native pass; lines are checked one by one only after a failure.
    let validUntil = pos;
    if (this.checking) {
      const last = hasCR ? Math.max(chunk.lastIndexOf(LF), chunk.lastIndexOf(CR)) : chunk.lastIndexOf(LF);
      if (last > pos) {
        const region = chunk.subarray(pos, last);
        if (isUtf8(region) && region.indexOf(REPLACEMENT) === -1) validUntil = last;
      }
    }
    let ls = pos;
    while (ls < n) {
      const t = hasCR ? nextBreak(chunk, ls, n) : chunk.indexOf(LF, ls);
      if (t === -1) break;
      let eol: Eol, after: number;
      if (chunk[t] === LF) {
        eol = EOL_LF;
        after = t + 1;
      } else if (t + 1 === n) {
        // CR at the chunk end: whether LF follows is known only with the next chunk.
        this.keep(chunk, ls, t);
        this.pendingCR = true;
        return;
      } else if (chunk[t + 1] === LF) {
        eol = EOL_CRLF;
        after = t + 2;
      } else {
        eol = EOL_CR;
        after = t + 1;
      }
      if (this.carryLen > 0 || this.skipping) {
        this.keep(chunk, ls, t);
        this.emitCarry(eol);
      } else this.emit(chunk, ls, t, eol, t <= validUntil);
      ls = after;
    }
    if (ls < n) this.keep(chunk, ls, n);
  }

  /**
   * The caller read lines itself (the LDIF fast path) and hands over the
   * stream again at 0-based line `lineNo`, a line start with nothing kept.
   */
  resumeAt(lineNo: number): void {
    this.lineNo = lineNo;
    // A byte-order mark counts only at the very start of the stream.
    if (lineNo > 0) this.started = true;
  }

  end(): void {
    if (this.pendingCR) {
      this.pendingCR = false;
      this.emitCarry(EOL_CR);
    } else if (this.carryLen > 0 || this.skipping) this.emitCarry(EOL_NONE);
    this.sink.end();
  }

  private keep(buf: Buffer, s: number, e: number): void {
    if (e <= s) return;
    if (this.skipping) {
      this.skippedBytes += e - s;
      return;
    }
    if (this.carryLen + (e - s) > this.maxLineBytes) {
      // Over the cap: drop what was kept and only count from here on.
      this.skipping = true;
      this.skippedBytes = this.carryLen + (e - s);
      this.carry = [];
      this.carryLen = 0;
      return;
    }
    // A copy: the caller may reuse its buffer after push returns.
    this.carry.push(Buffer.from(buf.subarray(s, e)));
    this.carryLen += e - s;
  }

  private emitCarry(eol: Eol): void {
    if (this.skipping) {
      this.skipping = false;
      this.emitLong(this.skippedBytes, eol);
      return;
    }
    const line = this.carry.length === 1 ? this.carry[0] : Buffer.concat(this.carry, this.carryLen);
    this.carry = [];
    this.carryLen = 0;
    this.emit(line, 0, line.length, eol, false);
  }

  /** A line over the cap: reported, and the handler's placeholder goes to the sink in its place. */
  private emitLong(bytes: number, eol: Eol): void {
    this.started = true;
    const placeholder = this.onLongLine(this.lineNo, bytes);
    this.sink.lineBytes(placeholder, 0, placeholder.length, this.lineNo++, eol, true);
  }

  private emit(buf: Buffer, s: number, e: number, eol: Eol, valid: boolean): void {
    if (e - s > this.maxLineBytes) {
      this.emitLong(e - s, eol);
      return;
    }
    if (!this.started) {
      this.started = true;
      if (e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) {
        this.bom = true;
        s += 3;
      }
    }
    if (this.checking && !valid) {
      const sub = buf.subarray(s, e);
      if (!isUtf8(sub) || sub.indexOf(REPLACEMENT) !== -1) {
        this.checking = false;
        this.onInvalid(this.lineNo, decodeLine(buf, s, e).indexOf('\uFFFD'));
      } else valid = true;
    }
    this.sink.lineBytes(buf, s, e, this.lineNo++, eol, valid);
  }
}

/** Next LF or CR at or after `from`, or -1. */
function nextBreak(buf: Buffer, from: number, n: number): number {
  for (let i = from; i < n; i++) {
    const c = buf[i];
    if (c === LF || c === CR) return i;
  }
  return -1;
}
