/**
 * CSV scanner (RFC 4180 plus the dialects sync files really use) fed one
 * physical line at a time. Hand-written rather than csv-parse: we need exact
 * physical positions of a field inside multi-line quoted values, recovery
 * from any malformed input with a finding (never throw), the `ldapsearch`
 * commented header, the old `\"` escape recognised, and memory bounded by one
 * line plus the username field (csv-parse buffers whole records).
 *
 * Dialect rules: a UTF-8 BOM is dropped by the line splitter; an Excel
 * `sep=X` first line sets the delimiter; otherwise the delimiter is the most
 * frequent of `,` `;` TAB `|` (outside quotes) in the header line, ties in
 * that order. Blank lines between rows are skipped. `#` lines before the
 * header are comments; a `# dn,…` line is the ldapsearch header, and then
 * later `#` lines are comments too.
 */
import { neutralize, quoted } from './inertText';
import { flat } from './aggregate';
import type { ByteLineSink } from './byteLines';
import { decodeLine } from './ldifScanner';
import { EOL_CR, EOL_CRLF, type Eol, type LineSink } from './lineSplitter';
import { lastPlain, readPlain } from './plainBytes';
import {
  checkOccurrence,
  finding,
  type PlainRowSink,
  type RawOccurrence,
  type RawRecord,
  type RecordSink,
  type ScannerConfig,
} from './records';
import { isPlainUsername, usernameFoldKey } from './rules';
import { SpanMap } from './spanMap';
import type { Range } from './types';

/** Longest username field kept in memory; longer ones are cut (they are far over 128 anyway). */
export const CAPTURE_LIMIT = 1 << 20;
const CANDIDATES = [44, 59, 9, 124]; // , ; TAB |

export interface CsvHeaderState {
  delimiter: number;
  columnIndex: number;
  headerCount: number;
  ldapsearch: boolean;
}

export function encodeCsvField(value: string, delimiter: number, wasQuoted: boolean): string {
  const needs = wasQuoted || /["\r\n]/.test(value) || value.includes(String.fromCharCode(delimiter)) || /^\s|\s$/.test(value);
  return needs ? '"' + value.replace(/"/g, '""') + '"' : value;
}

function detectDelimiter(buf: string, s: number, e: number): number {
  const counts = [0, 0, 0, 0];
  let inQ = false;
  for (let i = s; i < e; i++) {
    const c = buf.charCodeAt(i);
    if (c === 34) inQ = !inQ;
    else if (!inQ) {
      const k = CANDIDATES.indexOf(c);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < 4; k++) if (counts[k] > counts[best]) best = k;
  return CANDIDATES[best];
}

export class CsvScanner implements LineSink, ByteLineSink {
  private header: CsvHeaderState | undefined;
  private delimiter = -1;
  private headerFields: string[] = [];
  // Row state.
  private inRow = false;
  private rec: RawRecord | undefined;
  private fieldIndex = 0;
  private inQuotes = false;
  private quoted = false;
  private afterQuote = false;
  private quoteOpen: Range | undefined;
  private fieldStartLine = 0;
  private fieldStartCol = 0;
  private contentStartLine = 0;
  private contentStartCol = 0;
  private contentEndLine = 0;
  private contentEndCol = 0;
  private capture = false;
  private capParts: string[] = [];
  private capLen = 0;
  /** One map reused for every captured field: it is only read inside endRow(), never kept. */
  private readonly capMap = new SpanMap(0, 0);
  // The username field of the current row, in plain fields rather than an object per row.
  private hasCaptured = false;
  private capValue = '';
  private capQuoted = false;
  private capValueRange: Range | undefined;
  private capSpecRange: Range | undefined;
  private rowFlags = 0;
  private prevLine = 0;
  private prevEnd = 0;
  private prevEol: Eol = 0;
  linesFed = 0;

  /** `plainRows`: takes plain rows without a record (whole-file scans that keep no records). */
  constructor(
    private readonly cfg: ScannerConfig,
    private readonly sink: RecordSink,
    resume?: CsvHeaderState,
    private readonly plainRows?: PlainRowSink
  ) {
    if (resume) {
      this.header = resume;
      this.delimiter = resume.delimiter;
    }
  }

  get headerState(): CsvHeaderState | undefined {
    return this.header;
  }
  get inRecord(): boolean {
    return this.inRow;
  }
  /** The delimiter byte (-1 before it is known). */
  get delimiterByte(): number {
    return this.delimiter;
  }

  line(buf: string, s: number, e: number, lineNo: number, eol: Eol): void {
    this.linesFed++;
    let j = s;
    if (!this.inRow) {
      if (s === e) return;
      // The header is the first line that is no comment and no `sep=` hint, or an ldapsearch `# dn` line
      // (a `sep=` hint before it has set the delimiter already, so "no delimiter yet" cannot tell).
      const isHeader = !this.header;
      if (buf.charCodeAt(s) === 35) {
        if (!this.header) {
          const head = buf.slice(s, Math.min(e, s + 64));
          if (/^#\s*dn(?:[,;\t|]|$)/i.test(head)) {
            j = s + 1;
            while (j < e && buf.charCodeAt(j) === 32) j++;
            this.header = { delimiter: -1, columnIndex: -1, headerCount: 0, ldapsearch: true };
          } else return;
        } else if (this.header.ldapsearch) return;
      }
      if (isHeader) {
        if (!this.header && e - s === 5 && buf.startsWith('sep=', s)) {
          this.delimiter = buf.charCodeAt(s + 4);
          return;
        }
        if (this.delimiter < 0) this.delimiter = detectDelimiter(buf, j, e);
        if (!this.header) this.header = { delimiter: this.delimiter, columnIndex: -1, headerCount: 0, ldapsearch: false };
        this.header.delimiter = this.delimiter;
        this.headerFields = [];
        this.startRow(lineNo, 'header');
      } else {
        this.startRow(lineNo, 'row');
      }
      this.startField(lineNo, j - s);
    } else {
      this.rec!.endLine = lineNo;
      // The break inside the field is the previous line's terminator, not this line's.
      const brk = this.prevEol;
      if (this.capture) this.appendBreak(brk === EOL_CRLF ? '\r\n' : brk === EOL_CR ? '\r' : '\n');
    }
    this.prevLine = lineNo;
    this.prevEnd = e - s;
    this.prevEol = eol;
    const d = this.delimiter;
    while (true) {
      if (this.inQuotes) {
        let q = j;
        while (q < e && buf.charCodeAt(q) !== 34) q++;
        if (q === e) {
          if (this.capture && q > j) this.appendRun(buf, j, q, lineNo, s);
          break;
        }
        const next = q + 1 < e ? buf.charCodeAt(q + 1) : -1;
        if (next === 34) {
          if (this.capture) {
            this.appendRun(buf, j, q, lineNo, s);
            this.append('"', lineNo, q - s);
          }
          j = q + 2;
          continue;
        }
        if (q > j && buf.charCodeAt(q - 1) === 92 && next !== -1 && next !== d) {
          // Pre-5.1.1 LDAP SDK escape: \" inside quotes (RFC 4180 would end the field here).
          if (this.capture) {
            this.appendRun(buf, j, q - 1, lineNo, s);
            this.append('"', lineNo, q - 1 - s);
          }
          this.flag(
            2,
            'warning',
            'Backslash-escaped quote (\\") is the pre-5.1.1 LDAP SDK dialect; RFC 4180 doubles quotes ("").',
            lineRangeOf(lineNo, q - 1 - s, q + 1 - s)
          );
          j = q + 1;
          continue;
        }
        if (this.capture && q > j) this.appendRun(buf, j, q, lineNo, s);
        this.inQuotes = false;
        this.afterQuote = true;
        this.contentEndLine = lineNo;
        this.contentEndCol = q - s;
        j = q + 1;
        continue;
      }
      if (j < e && j === this.fieldStartOffset(lineNo, s) && buf.charCodeAt(j) === 34 && !this.quoted) {
        this.inQuotes = true;
        this.quoted = true;
        this.quoteOpen = lineRangeOf(lineNo, j - s, j + 1 - s);
        this.contentStartLine = lineNo;
        this.contentStartCol = j + 1 - s;
        j++;
        continue;
      }
      let k = j;
      let sawQuote = -1;
      while (k < e) {
        const c = buf.charCodeAt(k);
        if (c === d) break;
        if (c === 34 && sawQuote < 0) sawQuote = k;
        k++;
      }
      if (this.afterQuote && k > j) {
        this.flag(
          4,
          'error',
          'Text after the closing quote of a field; RFC 4180 allows only a delimiter or line end there.',
          lineRangeOf(lineNo, j - s, k - s)
        );
      } else if (sawQuote >= 0) {
        this.flag(
          8,
          'warning',
          'Quote inside an unquoted field; quote the whole field and double the quote ("").',
          lineRangeOf(lineNo, sawQuote - s, sawQuote + 1 - s)
        );
      }
      if (this.capture && k > j) this.appendRun(buf, j, k, lineNo, s);
      if (!this.quoted) {
        this.contentEndLine = lineNo;
        this.contentEndCol = k - s;
      }
      this.endField(lineNo, k - s);
      if (k < e) {
        j = k + 1;
        this.startField(lineNo, j - s);
        continue;
      }
      this.endRow();
      break;
    }
  }

  /**
   * The same as `line()` for a physical line given as UTF-8 bytes `buf[s, e)`
   * (`valid`: known valid UTF-8, see ByteLineSink). A data row that fits on
   * its line and is unremarkable (no stray or backslash quotes, no `""` in the
   * username, the header's field count) is read straight from the bytes: only
   * the username field becomes a string, and it is a fresh one-byte string
   * when ASCII (a slice of a decoded chunk is two-byte whenever the chunk has
   * any non-Latin-1 character, which doubles the duplicate index and slows
   * every string operation on it). Anything else is decoded and goes through
   * `line()`, which is the reference: the fast path must agree with it.
   */
  lineBytes(buf: Buffer, s: number, e: number, lineNo: number, eol: Eol, valid: boolean): void {
    if (!this.fastRow(buf, s, e, lineNo, valid)) {
      const t = decodeLine(buf, s, e);
      this.line(t, 0, t.length, lineNo, eol);
    }
  }

  /** Reads a plain data row from bytes; false (with no state touched) when `line()` must handle it. */
  private fastRow(buf: Buffer, s: number, e: number, lineNo: number, valid: boolean): boolean {
    const h = this.header;
    if (this.inRow || s === e || !h || h.columnIndex < 0 || h.headerCount <= 0 || (h.ldapsearch && this.delimiter < 0) || buf[s] === 35)
      return false;
    const d = this.delimiter,
      want = h.columnIndex;
    // A `sep=` delimiter can be a quote or a non-ASCII character (several bytes): leave those to line().
    if (d === 34 || d >= 0x80) return false;
    // `adj`: bytes so far that are not their own UTF-16 unit (continuation bytes count 0, 4-byte leads 2).
    let field = 0,
      j = s,
      adj = 0,
      ascii = true;
    // Username field: its start, content [cs, ce) and end (exclusive), in bytes.
    let fs = -1,
      cs = 0,
      ce = 0,
      quoted = false,
      adjFs = 0,
      adjCe = 0;
    while (true) {
      const start = j;
      if (field === want) adjFs = adj;
      let k: number;
      if (j < e && buf[j] === 34) {
        // Quoted field: it must close on this line, right before a delimiter or the line end.
        let q = j + 1;
        while (true) {
          while (q < e && buf[q] !== 34) {
            const c = buf[q];
            if (c >= 0x80) {
              ascii = false;
              adj += c < 0xc0 ? 1 : c >= 0xf0 ? -1 : 0;
            }
            q++;
          }
          if (q === e) return false;
          if (q + 1 < e && buf[q + 1] === 34) {
            if (field === want) return false; // "" escape: a multi-segment value
            q += 2;
            continue;
          }
          if (buf[q - 1] === 92 && q > j + 1) return false; // maybe the \" dialect
          break;
        }
        k = q + 1;
        if (k < e && buf[k] !== d) return false; // text after the closing quote
        if (field === want) {
          fs = start;
          cs = start + 1;
          ce = q;
          quoted = true;
          adjCe = adj;
        }
      } else {
        k = j;
        while (k < e) {
          const c = buf[k];
          if (c === d) break;
          if (c === 34) return false; // quote inside an unquoted field
          if (c >= 0x80) {
            ascii = false;
            adj += c < 0xc0 ? 1 : c >= 0xf0 ? -1 : 0;
          }
          k++;
        }
        if (field === want) {
          fs = cs = start;
          ce = k;
          adjCe = adj;
        }
      }
      field++;
      if (k >= e) break;
      j = k + 1;
    }
    if (field !== h.headerCount || fs < 0) return false;
    // Columns are UTF-16 units: equal to byte offsets on an ASCII line, counted on a valid UTF-8 one.
    if (!ascii && !valid) return false;
    this.linesFed++;
    // On valid UTF-8 a column is the byte offset less `adj` at that point. The field's end is the content's end, plus the closing quote.
    const fsc = fs - s - adjFs,
      csc = quoted ? fsc + 1 : fsc,
      cec = ce - s - adjCe,
      fec = quoted ? cec + 1 : cec;
    const profile = this.cfg.profile;
    if (this.plainRows && readPlain(buf, cs, ce, profile === 'strict')) {
      // The commonest row: no findings, and the username's bytes go straight to the duplicate index.
      this.plainRows.plainRow(buf, cs, ce, lastPlain.hash, lastPlain.cased, lineNo, csc);
      return true;
    }
    this.fieldRow(buf, cs, ce, lineNo, csc, cec, fsc, fec, quoted);
    return true;
  }

  /**
   * A data row the CSV fast path (fastCsv.ts) has read: on one line, the header's field count, and
   * nothing `line()` would report but what its username field may hold. The field's content is
   * `buf[cs, ce)` (valid UTF-8), at UTF-16 columns `[csc, cec)`, the field `[fsc, fec)`; `escaped`:
   * the content is quoted and holds `""`. The row's record goes to the sink as `line()` makes it.
   */
  parsedRow(
    buf: Buffer,
    cs: number,
    ce: number,
    lineNo: number,
    csc: number,
    cec: number,
    fsc: number,
    fec: number,
    quoted: boolean,
    escaped: boolean
  ): void {
    this.linesFed++;
    if (!escaped) this.fieldRow(buf, cs, ce, lineNo, csc, cec, fsc, fec, quoted);
    else this.escapedRow(buf, cs, ce, lineNo, csc, cec, fsc, fec);
  }

  /**
   * `parsedRow` of a quoted username with `""` in it: the value unescaped, each `""` one quote at the
   * first one's column and each run between them a segment of its own (what `line()` captures).
   */
  private escapedRow(buf: Buffer, cs: number, ce: number, lineNo: number, csc: number, cec: number, fsc: number, fec: number): void {
    const map = this.capMap;
    map.reset(lineNo, fsc);
    let value = '',
      col = csc;
    for (let j = cs; ;) {
      let q = buf.indexOf(34, j);
      if (q < 0 || q > ce) q = ce;
      if (q > j) {
        const run = decodeLine(buf, j, q);
        map.add(value.length, lineNo, col);
        value += run;
        col += run.length;
      }
      if (q === ce) break;
      map.add(value.length, lineNo, col);
      value += '"';
      col += 2;
      j = q + 2;
    }
    this.fieldRecord(
      value,
      lineNo,
      { startLine: lineNo, startColumn: csc, endLine: lineNo, endColumn: cec },
      { startLine: lineNo, startColumn: fsc, endLine: lineNo, endColumn: fec },
      true
    );
  }

  /**
   * The rest of `fastRow` for a row whose username is not read from bytes alone: its record, with
   * the username's findings, goes to the sink. A method of its own so that `fastRow`, hot on every
   * row, stays small for the optimizing compiler (its compile time is CPU time of every CLI run).
   */
  private fieldRow(
    buf: Buffer,
    cs: number,
    ce: number,
    lineNo: number,
    csc: number,
    cec: number,
    fsc: number,
    fec: number,
    quoted: boolean
  ): void {
    this.capMap.reset(lineNo, csc);
    this.fieldRecord(
      decodeLine(buf, cs, ce),
      lineNo,
      { startLine: lineNo, startColumn: csc, endLine: lineNo, endColumn: cec },
      { startLine: lineNo, startColumn: fsc, endLine: lineNo, endColumn: fec },
      quoted
    );
  }

  /** The record of a one-line data row whose username `value` is at `valueRange` (its positions in `capMap`). */
  private fieldRecord(value: string, lineNo: number, valueRange: Range, specRange: Range, quoted: boolean): void {
    const profile = this.cfg.profile,
      d = this.delimiter;
    const plain = isPlainUsername(value, profile);
    const occ: RawOccurrence = {
      value,
      encoding: quoted ? 'quoted' : 'plain',
      valueRange,
      specRange,
      foldKey: plain ? value.toLowerCase() : usernameFoldKey(value),
    };
    // `[occ]` is sized for one; push() onto `[]` would allocate room for 17 on every row.
    const rec: RawRecord = { startLine: lineNo, endLine: lineNo, kind: 'row', isEntry: true, occurrences: [occ], findings: [] };
    if (!plain) {
      // No U+FFFD check: `valid` or ASCII rules it out.
      checkOccurrence(
        occ,
        this.capMap,
        0,
        true,
        profile,
        (v) => ({ newText: encodeCsvField(v, d, quoted), isBase64: false }),
        rec.findings
      );
    }
    this.sink.record(rec);
  }

  end(): void {
    if (this.inRow) {
      if (this.inQuotes) {
        this.rec!.findings.push(
          finding('csv-syntax', 'error', 'Quoted field is never closed; the rest of the file was read as part of it.', this.quoteOpen!)
        );
        this.inQuotes = false;
        this.contentEndLine = this.prevLine;
        this.contentEndCol = this.prevEnd;
      }
      this.endField(this.prevLine, this.prevEnd);
      this.endRow();
    }
  }

  private fieldStartOffset(lineNo: number, s: number): number {
    return this.fieldStartLine === lineNo ? s + this.fieldStartCol : -1;
  }

  private startRow(lineNo: number, kind: 'header' | 'row'): void {
    this.inRow = true;
    this.rec = { startLine: lineNo, endLine: lineNo, kind, isEntry: kind === 'row', occurrences: [], findings: [] };
    this.fieldIndex = 0;
    this.rowFlags = 0;
    this.hasCaptured = false;
  }

  private startField(lineNo: number, col: number): void {
    this.fieldStartLine = lineNo;
    this.fieldStartCol = col;
    this.contentStartLine = lineNo;
    this.contentStartCol = col;
    this.quoted = this.inQuotes = this.afterQuote = false;
    const isHeader = this.rec!.kind === 'header';
    this.capture = isHeader || this.fieldIndex === this.header!.columnIndex;
    if (this.capture) {
      this.clearCapParts();
      this.capLen = 0;
      this.capMap.reset(lineNo, col);
    }
  }

  private append(text: string, lineNo: number, col: number): void {
    if (this.capLen >= CAPTURE_LIMIT) return;
    this.capMap.add(this.capLen, lineNo, col);
    this.capParts.push(text);
    this.capLen += text.length;
  }

  /** The line break inside a quoted field: each character sits at the end of the previous line. */
  private appendBreak(text: string): void {
    for (let k = 0; k < text.length && this.capLen < CAPTURE_LIMIT; k++) {
      this.capMap.addBreak(this.capLen, this.prevLine, this.prevEnd);
      this.capParts.push(text[k]);
      this.capLen++;
    }
  }

  private appendRun(buf: string, a: number, b: number, lineNo: number, s: number): void {
    if (this.capLen >= CAPTURE_LIMIT) return;
    this.capMap.add(this.capLen, lineNo, a - s);
    this.capParts.push(buf.slice(a, Math.min(b, a + CAPTURE_LIMIT - this.capLen)));
    this.capLen += b - a;
  }

  /** Empties `capParts` in place (reused across fields; pop() is inlined where `length = 0` is a runtime call). */
  private clearCapParts(): void {
    const p = this.capParts;
    while (p.length > 0) p.pop();
  }

  private rowRange(startLine: number): Range {
    return { startLine, startColumn: 0, endLine: this.prevLine, endColumn: this.prevEnd };
  }

  private flag(bit: number, severity: 'error' | 'warning', message: string, range: Range): void {
    if (this.rowFlags & bit) return;
    this.rowFlags |= bit;
    this.rec!.findings.push(finding('csv-syntax', severity, message, range));
  }

  private endField(lineNo: number, col: number): void {
    if (this.capture) {
      // flat(): a slice would pin the whole decoded chunk for as long as a finding keeps the username.
      const value = this.capParts.length === 1 ? flat(this.capParts[0]) : this.capParts.join('');
      this.clearCapParts();
      if (this.rec!.kind === 'header') this.headerFields.push(value);
      else {
        this.hasCaptured = true;
        this.capValue = value;
        this.capQuoted = this.quoted;
        this.capValueRange = {
          startLine: this.contentStartLine,
          startColumn: this.contentStartCol,
          endLine: this.contentEndLine,
          endColumn: this.contentEndCol,
        };
        this.capSpecRange = { startLine: this.fieldStartLine, startColumn: this.fieldStartCol, endLine: lineNo, endColumn: col };
      }
    }
    this.fieldIndex++;
  }

  private endRow(): void {
    const rec = this.rec!;
    this.inRow = false;
    const fields = this.fieldIndex;
    const h = this.header!;
    if (rec.kind === 'header') {
      h.headerCount = fields;
      const names = this.headerFields.map((f) => f.trim().toLowerCase());
      let idx = names.indexOf(this.cfg.csvColumn);
      if (idx < 0 && this.cfg.csvColumnIsDefault && h.ldapsearch) idx = names.indexOf('uid');
      h.columnIndex = idx;
      if (idx < 0) {
        rec.findings.push(
          finding(
            'username-missing',
            'error',
            `Header has no ${quoted(this.cfg.csvColumn)} column (columns: ${neutralize(this.headerFields.slice(0, 12).join(', '))}${fields > 12 ? ', …' : ''}); usernames cannot be checked.`,
            this.rowRange(rec.startLine)
          )
        );
      }
      this.sink.record(rec);
      this.rec = undefined;
      return;
    }
    if (h.headerCount > 0 && fields !== h.headerCount) {
      rec.findings.push(
        finding(
          'csv-syntax',
          'warning',
          `Row has ${fields} field${fields === 1 ? '' : 's'}; the header has ${h.headerCount}.`,
          this.rowRange(rec.startLine)
        )
      );
    }
    if (h.columnIndex >= 0) {
      if (!this.hasCaptured) {
        rec.findings.push(
          finding(
            'username-missing',
            'error',
            `Row has no value in the username column (column ${h.columnIndex + 1}); PingOne requires a username.`,
            this.rowRange(rec.startLine)
          )
        );
      } else {
        const value = this.capValue,
          quoted = this.capQuoted,
          valueRange = this.capValueRange!;
        const profile = this.cfg.profile;
        // A plain valid username (nearly every row) has no findings and an ASCII fold key: skip the rules.
        const plain = isPlainUsername(value, profile);
        const occ: RawOccurrence = {
          value,
          encoding: quoted ? 'quoted' : 'plain',
          valueRange,
          specRange: this.capSpecRange!,
          foldKey: plain ? value.toLowerCase() : usernameFoldKey(value),
        };
        if (!plain) {
          if (value.includes('\uFFFD'))
            rec.findings.push(
              finding(
                'csv-syntax',
                'warning',
                'Username contains U+FFFD REPLACEMENT CHARACTER: the file has invalid UTF-8 here or was decoded with the wrong encoding.',
                valueRange
              )
            );
          const exact = !quoted || this.capMap.segmentCount > 0;
          checkOccurrence(
            occ,
            this.capMap,
            0,
            exact,
            profile,
            (v) => ({ newText: encodeCsvField(v, h.delimiter, quoted), isBase64: false }),
            rec.findings
          );
        }
        rec.occurrences.push(occ);
      }
    }
    this.sink.record(rec);
    this.rec = undefined;
  }
}

function lineRangeOf(line: number, from: number, to: number): Range {
  return { startLine: line, startColumn: from, endLine: line, endColumn: to };
}
