import type { Range } from './types';

/**
 * Maps offsets in an assembled (unfolded / unquoted) string back to physical
 * positions. Each segment is a run of characters that sit on consecutive
 * columns of one physical line; folds, line breaks in quoted CSV fields and
 * `""` escapes start a new segment. The first segment lives in plain fields so
 * the common single-line value allocates no arrays.
 */
export class SpanMap {
  private lines: number[] | undefined;
  private cols: number[] | undefined;
  private offs: number[] | undefined;
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
    this.lines = this.cols = this.offs = undefined;
    this.breaks = undefined;
  }

  /** Characters from `offset` on start at (line, col) until the next segment. */
  add(offset: number, line: number, col: number): void {
    if (!this.offs) {
      if (offset === 0) {
        this.line0 = line;
        this.col0 = col;
        return;
      }
      this.lines = [this.line0];
      this.cols = [this.col0];
      this.offs = [0];
    }
    const n = this.offs.length;
    if (this.offs[n - 1] === offset) {
      // An empty segment is replaced, so lookups never land on it.
      this.lines![n - 1] = line;
      this.cols![n - 1] = col;
      return;
    }
    this.lines!.push(line);
    this.cols!.push(col);
    this.offs.push(offset);
  }

  /** A line-break character at `offset`, sitting at the end of `line`. */
  addBreak(offset: number, line: number, col: number): void {
    this.add(offset, line, col);
    (this.breaks ??= new Set()).add(offset);
  }

  get segmentCount(): number {
    return this.offs ? this.offs.length : 1;
  }

  /** Position of the character at `offset`. */
  start(offset: number): { line: number; col: number } {
    const offs = this.offs;
    if (!offs) return { line: this.line0, col: this.col0 + offset };
    let lo = 0,
      hi = offs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offs[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.lines![lo], col: this.cols![lo] + (offset - offs[lo]) };
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
    if (!this.offs && !this.breaks)
      return { startLine: this.line0, startColumn: this.col0 + from, endLine: this.line0, endColumn: this.col0 + (to > from ? to : from) };
    const s = to > from ? this.start(from) : this.end(from);
    const e = to > from ? this.end(to) : s;
    return { startLine: s.line, startColumn: s.col, endLine: e.line, endColumn: e.col };
  }
}
