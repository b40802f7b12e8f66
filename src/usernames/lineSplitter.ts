/**
 * Splits a stream of text chunks into physical lines the way VS Code does
 * (LF, CRLF, or a lone CR) and hands each to a sink without copying when the
 * line lies inside one chunk. Only a line that straddles chunks is copied, so
 * memory is bounded by the longest line, not the file.
 */

/** Line terminator kinds. */
export const EOL_NONE = 0,
  EOL_LF = 1,
  EOL_CRLF = 2,
  EOL_CR = 3;
export type Eol = 0 | 1 | 2 | 3;

export interface LineSink {
  /** Physical line `buf[start, end)` (no terminator), 0-based `line`. */
  line(buf: string, start: number, end: number, line: number, eol: Eol): void;
  end(): void;
}

export class LineSplitter {
  private carry = '';
  private pendingCR = false;
  private lineNo = 0;
  private started = false;
  /** True when the text began with U+FEFF (removed; columns don't count it). */
  bom = false;

  constructor(
    private readonly sink: LineSink,
    private readonly stripBom = true
  ) {}

  get linesEmitted(): number {
    return this.lineNo;
  }

  push(text: string): void {
    if (text.length === 0) return;
    let pos = 0;
    if (!this.started) {
      this.started = true;
      if (this.stripBom && text.charCodeAt(0) === 0xfeff) {
        this.bom = true;
        pos = 1;
      }
    }
    if (this.pendingCR) {
      this.pendingCR = false;
      if (text.charCodeAt(pos) === 10) {
        this.emitCarry(EOL_CRLF);
        pos++;
      } else this.emitCarry(EOL_CR);
    }
    const n = text.length;
    // Both searches are cached until passed, so each character is looked at O(1) times.
    let nextLF = text.indexOf('\n', pos);
    let nextCR = text.indexOf('\r', pos);
    while (pos < n) {
      if (nextLF !== -1 && nextLF < pos) nextLF = text.indexOf('\n', pos);
      if (nextCR !== -1 && nextCR < pos) nextCR = text.indexOf('\r', pos);
      let brk: number, eol: Eol, after: number;
      if (nextCR === -1 || (nextLF !== -1 && nextLF < nextCR)) {
        if (nextLF === -1) break;
        brk = nextLF;
        eol = EOL_LF;
        after = nextLF + 1;
      } else {
        brk = nextCR;
        if (brk + 1 === n) {
          // CR at the chunk end: whether LF follows is known only with the next chunk.
          this.carry += text.slice(pos, brk);
          this.pendingCR = true;
          return;
        }
        if (text.charCodeAt(brk + 1) === 10) {
          eol = EOL_CRLF;
          after = brk + 2;
        } else {
          eol = EOL_CR;
          after = brk + 1;
        }
      }
      if (this.carry.length > 0) {
        this.carry += text.slice(pos, brk);
        this.emitCarry(eol);
      } else {
        this.sink.line(text, pos, brk, this.lineNo++, eol);
      }
      pos = after;
    }
    if (pos < n) this.carry += text.slice(pos);
  }

  private emitCarry(eol: Eol): void {
    const c = this.carry;
    this.carry = '';
    this.sink.line(c, 0, c.length, this.lineNo++, eol);
  }

  end(): void {
    if (this.pendingCR) {
      this.pendingCR = false;
      this.emitCarry(EOL_CR);
    } else if (this.carry.length > 0) this.emitCarry(EOL_NONE);
    this.sink.end();
  }
}

/** Splits a whole text into lines and EOLs (for the incremental document model). */
export function splitLines(text: string, stripBom = true): { lines: string[]; eols: Eol[] } {
  const lines: string[] = [];
  const eols: Eol[] = [];
  const sp = new LineSplitter(
    {
      line(buf, s, e, _l, eol) {
        lines.push(buf.slice(s, e));
        eols.push(eol);
      },
      end() {},
    },
    stripBom
  );
  sp.push(text);
  sp.end();
  // Like an editor, a text ending in a line break has one more, empty line.
  if (lines.length === 0 || eols[eols.length - 1] !== EOL_NONE) {
    lines.push('');
    eols.push(EOL_NONE);
  }
  return { lines, eols };
}
