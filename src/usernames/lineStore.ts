/**
 * The lines of an editor document without a string per line: each line is a
 * stretch `[start, end)` of one of a few large strings (the text the document
 * was opened with, the new text of each edit event), kept in typed columns
 * (buffer, start, end, line break). A line becomes a string only when it is
 * read (`text`), so opening a document of a million short lines allocates a
 * few typed arrays instead of a million strings and an array of them.
 *
 * Line breaks are VS Code's: LF, CRLF, or a lone CR (see lineSplitter.ts).
 */
import { EOL_CR, EOL_CRLF, EOL_LF, EOL_NONE, type Eol } from './lineSplitter';

const EOL_TEXT = ['', '\n', '\r\n', '\r'];

/** A string lines are read from; the runs of one edit event share one. */
export interface LineText {
  readonly text: string;
  /**
   * `splitRun`'s last search for a CR: it started at `crFrom` and found `cr` (-1: none up to the
   * end). The runs of one text are split front to back (the steps of a document's first split, the
   * groups of an edit event), so each part of the text is searched once, not once per run.
   */
  crFrom?: number;
  cr?: number;
}

/** Lines of one new text (see `splitRun`), ready to go into a store. */
export class LineRun {
  count = 0;
  start: Int32Array;
  end: Int32Array;
  eol: Uint8Array;
  /** `capacity`: the lines expected (more still fit: the columns grow). */
  constructor(
    readonly source: LineText,
    capacity = 4
  ) {
    const size = Math.max(1, capacity);
    this.start = new Int32Array(size);
    this.end = new Int32Array(size);
    this.eol = new Uint8Array(size);
  }

  push(s: number, e: number, eol: Eol): void {
    if (this.count === this.start.length) this.reserve(this.count * 2);
    this.start[this.count] = s;
    this.end[this.count] = e;
    this.eol[this.count++] = eol;
  }

  /** Makes room for `size` lines in all. */
  reserve(size: number): void {
    if (size <= this.start.length) return;
    this.start = grow(this.start, size);
    this.end = grow(this.end, size);
    this.eol = grow(this.eol, size);
  }
}

function grow<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * Splits `text[from, to)` of `run`'s text into lines added to `run`: each line break ends a line; the
 * rest after the last one is a line too when `atEnd` (the document's last line, maybe empty, without
 * a break) or when it is not empty. A CR and LF are never cut apart as long as `to` is the text's
 * end or just after an LF.
 */
export function splitRun(run: LineRun, from: number, to: number, atEnd: boolean): LineRun {
  const source = run.source,
    text = source.text;
  const n = to;
  let pos = from;
  let cr = source.cr;
  if (cr === undefined || source.crFrom! > from || (cr !== -1 && cr < from)) {
    cr = source.cr = text.indexOf('\r', from);
    source.crFrom = from;
  }
  if (cr === -1 || cr >= to) {
    for (let nl = text.indexOf('\n', pos); nl !== -1 && nl < to; nl = text.indexOf('\n', pos)) {
      run.push(pos, nl, EOL_LF);
      pos = nl + 1;
    }
  } else {
    for (let i = pos; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        run.push(pos, i, EOL_LF);
        pos = i + 1;
      } else if (c === 13) {
        if (i + 1 < n && text.charCodeAt(i + 1) === 10) {
          run.push(pos, i, EOL_CRLF);
          pos = ++i + 1;
        } else {
          run.push(pos, i, EOL_CR);
          pos = i + 1;
        }
      }
    }
  }
  if (atEnd || pos < n) run.push(pos, n, EOL_NONE);
  return run;
}

/**
 * The lines of a whole text, as `splitLines` makes them (like an editor, a text ending in a line
 * break has one more, empty line), split in steps of about `chunk` characters, each ending just
 * after an LF (so a CRLF is never cut apart).
 */
export function* splitTextInSteps(text: string, chunk: number): Generator<void, LineRun, void> {
  const run = new LineRun({ text });
  let at = 0;
  while (at + chunk < text.length) {
    const nl = text.indexOf('\n', at + chunk);
    if (nl === -1) break;
    splitRun(run, at, nl + 1, false);
    // After the first step, room for the whole text at the lines per character seen so far, and an eighth more:
    // grown by doubling instead, the columns of a text of a million lines are copied into fresh memory ~20 times
    // and end up to twice too large (fresh memory is what a large document's first split mostly costs).
    if (at === 0) run.reserve(Math.ceil(((run.count * text.length) / (nl + 1)) * 1.125) + 1);
    at = nl + 1;
    yield;
  }
  return splitRun(run, at, text.length, true);
}

export class LineStore {
  /** The strings lines are stretches of; a string no line uses any more is dropped (its slot stays, as ''). */
  private bufs: string[] = [];
  /** The source of each string (runs of one source share its slot). */
  private sources: Array<LineText | undefined> = [];
  /** Lines using each string. */
  private live: number[] = [];
  private n = 0;
  private buf = new Int32Array(16);
  private start = new Int32Array(16);
  private end = new Int32Array(16);
  private eols = new Uint8Array(16);

  get count(): number {
    return this.n;
  }

  /** Line `i` without its break. */
  text(i: number): string {
    return this.bufs[this.buf[i]].slice(this.start[i], this.end[i]);
  }

  /** The character at column `c` of line `i` (NaN past its end). */
  charCodeAt(i: number, c: number): number {
    return this.start[i] + c < this.end[i] ? this.bufs[this.buf[i]].charCodeAt(this.start[i] + c) : NaN;
  }

  /** Its length in UTF-16 units. */
  length(i: number): number {
    return this.end[i] - this.start[i];
  }

  eol(i: number): Eol {
    return this.eols[i] as Eol;
  }

  /** The string line `i` is a stretch of, and where: `bufferOf(i)`, `startOf(i)`, `endOf(i)`. */
  bufferIndex(i: number): number {
    return this.buf[i];
  }
  buffer(k: number): string {
    return this.bufs[k];
  }
  startOf(i: number): number {
    return this.start[i];
  }
  endOf(i: number): number {
    return this.end[i];
  }

  /** The whole text (lines and their breaks). */
  join(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.n; i++) parts.push(this.text(i), EOL_TEXT[this.eols[i]]);
    return parts.join('');
  }

  /** Text from (l1, c1) to (l2, c2), line breaks included. */
  slice(l1: number, c1: number, l2: number, c2: number): string {
    if (l1 === l2) return this.bufs[this.buf[l1]].slice(this.start[l1] + c1, this.start[l1] + c2);
    const parts = [this.bufs[this.buf[l1]].slice(this.start[l1] + c1, this.end[l1]), EOL_TEXT[this.eols[l1]]];
    for (let i = l1 + 1; i < l2; i++) parts.push(this.text(i), EOL_TEXT[this.eols[i]]);
    parts.push(this.bufs[this.buf[l2]].slice(this.start[l2], this.start[l2] + c2));
    return parts.join('');
  }

  /**
   * Adds the lines of `run` at the end. An empty store takes the run's columns over instead of copying
   * them (a document's first split: its lines are all of one string, the first, whose number is 0, so a
   * fresh column of zeros is already right), and the run is left empty.
   */
  append(run: LineRun): void {
    if (this.n === 0 && this.bufs.length === 0 && run.count > this.buf.length) {
      this.addBuffer(run);
      this.buf = new Int32Array(run.start.length);
      this.start = run.start;
      this.end = run.end;
      this.eols = run.eol;
      this.n = run.count;
      run.start = new Int32Array(1);
      run.end = new Int32Array(1);
      run.eol = new Uint8Array(1);
      run.count = 0;
      return;
    }
    this.reserve(this.n + run.count);
    const k = this.addBuffer(run);
    this.buf.fill(k, this.n, this.n + run.count);
    this.start.set(run.start.subarray(0, run.count), this.n);
    this.end.set(run.end.subarray(0, run.count), this.n);
    this.eols.set(run.eol.subarray(0, run.count), this.n);
    this.n += run.count;
  }

  /**
   * Replaces old lines `[g.from, g.to]` by the lines of `g.run` for each group (in line order, not
   * overlapping), and returns where each group's new lines start. One group moves the lines after
   * it in place; several that change the line count build new columns in one pass.
   */
  replace(groups: ReadonlyArray<{ from: number; to: number; run: LineRun }>): number[] {
    const starts: number[] = [];
    let delta = 0;
    for (const g of groups) {
      for (let i = g.from; i <= g.to; i++) this.release(this.buf[i]);
      delta += g.run.count - (g.to - g.from + 1);
    }
    if (groups.length === 1 || groups.every((g) => g.run.count === g.to - g.from + 1)) {
      let shift = 0;
      for (const g of groups) {
        const from = g.from + shift,
          old = g.to - g.from + 1,
          d = g.run.count - old;
        if (d !== 0) {
          this.reserve(this.n + d);
          const tail = from + old;
          this.buf.copyWithin(tail + d, tail, this.n);
          this.start.copyWithin(tail + d, tail, this.n);
          this.end.copyWithin(tail + d, tail, this.n);
          this.eols.copyWithin(tail + d, tail, this.n);
          this.n += d;
        }
        this.put(from, g.run);
        starts.push(from);
        shift += d;
      }
      return starts;
    }
    const size = this.n + delta;
    const buf = new Int32Array(Math.max(16, size + (size >> 3))),
      start = new Int32Array(buf.length),
      end = new Int32Array(buf.length),
      eols = new Uint8Array(buf.length);
    let at = 0,
      next = 0;
    const copy = (from: number, to: number): void => {
      buf.set(this.buf.subarray(from, to), at);
      start.set(this.start.subarray(from, to), at);
      end.set(this.end.subarray(from, to), at);
      eols.set(this.eols.subarray(from, to), at);
      at += to - from;
    };
    const runs: Array<{ at: number; run: LineRun }> = [];
    for (const g of groups) {
      copy(next, g.from);
      starts.push(at);
      runs.push({ at, run: g.run });
      at += g.run.count;
      next = g.to + 1;
    }
    copy(next, this.n);
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.eols = eols;
    this.n = size;
    for (const r of runs) this.put(r.at, r.run);
    return starts;
  }

  /** Writes `run`'s lines at `at` (room made already). */
  private put(at: number, run: LineRun): void {
    const k = this.addBuffer(run);
    for (let i = 0; i < run.count; i++) {
      this.buf[at + i] = k;
      this.start[at + i] = run.start[i];
      this.end[at + i] = run.end[i];
      this.eols[at + i] = run.eol[i];
    }
  }

  private addBuffer(run: LineRun): number {
    // A run sharing the last string (the parts of one text) uses its slot.
    const last = this.bufs.length - 1;
    if (last >= 0 && this.sources[last] === run.source) {
      this.live[last] += run.count;
      return last;
    }
    this.bufs.push(run.source.text);
    this.sources.push(run.source);
    this.live.push(run.count);
    return this.bufs.length - 1;
  }

  private release(k: number): void {
    if (--this.live[k] === 0) {
      this.bufs[k] = '';
      this.sources[k] = undefined;
    }
  }

  /** Makes room for `size` lines, so that a store filled step by step grows once. */
  reserve(size: number): void {
    if (size <= this.buf.length) return;
    const cap = Math.max(size, this.buf.length * 2);
    this.buf = grow(this.buf, cap);
    this.start = grow(this.start, cap);
    this.end = grow(this.end, cap);
    this.eols = grow(this.eols, cap);
  }
}
