import type { Range } from './types';

/**
 * Maps offsets in an assembled (unfolded / unquoted) string back to physical
 * positions. Each segment is a run of characters that sit on consecutive
 * columns of one physical line; folds, line breaks in quoted CSV fields and
 * `""` escapes start a new segment. The first segment lives in plain fields so
 * the common single-line value touches no arrays; a scanner keeps one map and
 * resets it per value, and the arrays of a value with several segments are kept
 * for the next one (a file's flagged rows are where such values are common, and
 * three new arrays per row were most of what such a row allocated).
 */
export class SpanMap {
  /** Segments in the arrays; 0: the one segment is (line0, col0) from offset 0. */
  private count = 0;
  private lines: number[] = [];
  private cols: number[] = [];
  private offs: number[] = [];
  /** Offsets of line-break characters (their range ends at the next line's start). */
  private breaks: Set<number> | undefined;

  constructor(
    private line0: number,
    private col0: number
  ) {}

  /** Empties the map for reuse, as `new SpanMap(line, col)` would be. */
  reset(line: number, col: number): void {
    this.line0 = line;
    this.col0 = col;
    // Arrays a value of very many segments grew are let go rather than kept for the scanner's life.
    if (this.offs.length > MAX_KEPT) {
      this.lines = [];
      this.cols = [];
      this.offs = [];
    }
    this.count = 0;
    this.breaks = undefined;
  }

  /** Characters from `offset` on start at (line, col) until the next segment. */
  add(offset: number, line: number, col: number): void {
    const lines = this.lines,
      cols = this.cols,
      offs = this.offs;
    let n = this.count;
    if (n === 0) {
      if (offset === 0) {
        this.line0 = line;
        this.col0 = col;
        return;
      }
      lines[0] = this.line0;
      cols[0] = this.col0;
      offs[0] = 0;
      n = 1;
    }
    if (offs[n - 1] === offset) {
      // An empty segment is replaced, so lookups never land on it.
      lines[n - 1] = line;
      cols[n - 1] = col;
    } else {
      lines[n] = line;
      cols[n] = col;
      offs[n] = offset;
      n++;
    }
    this.count = n;
  }

  /** A line-break character at `offset`, sitting at the end of `line`. */
  addBreak(offset: number, line: number, col: number): void {
    this.add(offset, line, col);
    (this.breaks ??= new Set()).add(offset);
  }

  get segmentCount(): number {
    return this.count === 0 ? 1 : this.count;
  }

  /** Position of the character at `offset`. */
  start(offset: number): { line: number; col: number } {
    if (this.count === 0) return { line: this.line0, col: this.col0 + offset };
    const offs = this.offs;
    let lo = 0,
      hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offs[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.lines[lo], col: this.cols[lo] + (offset - offs[lo]) };
  }

  /** Position just after the character at `offset - 1` (an exclusive end). */
  end(offset: number): { line: number; col: number } {
    if (offset <= 0) return { line: this.line0, col: this.col0 + offset };
    const p = this.start(offset - 1);
    if (this.breaks?.has(offset - 1)) return { line: p.line + 1, col: 0 };
    return { line: p.line, col: p.col + 1 };
  }

  /** Range of [from, to) in assembled offsets; an empty range sits at `from`. */
  range(from: number, to: number): Range {
    // One segment and no line breaks (nearly every value): plain arithmetic, no temporary positions.
    if (this.count === 0 && !this.breaks)
      return { startLine: this.line0, startColumn: this.col0 + from, endLine: this.line0, endColumn: this.col0 + (to > from ? to : from) };
    const s = to > from ? this.start(from) : this.end(from);
    const e = to > from ? this.end(to) : s;
    return { startLine: s.line, startColumn: s.col, endLine: e.line, endColumn: e.col };
  }
}

/** Segments whose arrays a reset keeps (a value with more lets its arrays go). */
const MAX_KEPT = 1024;
