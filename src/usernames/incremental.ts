/**
 * Incremental scan of an editor document. Keeps the document as lines and
 * the scan as records (one per LDIF record / CSV row) whose ranges are stored
 * relative to the record's first line, so an edit only:
 *   1. re-parses the records the edit touches, continuing just until the
 *      parse re-joins the old one (the next record boundary after the edit);
 *   2. shifts the start line of the records after it (no re-parse);
 *   3. recomputes duplicates only for the usernames whose occurrences changed
 *      (a username index: fold key → occurrences).
 * `result()` then equals a full `scanText` of the current text (proved by a
 * property test).
 */
import { DuplicateTracker, FindingCollector, MixedRecordsCheck, compareFindings } from './aggregate';
import { CsvScanner, type CsvHeaderState } from './csvScanner';
import { LdifScanner } from './ldifScanner';
import { LineSplitter, splitLines, type Eol } from './lineSplitter';
import type { RawOccurrence, RawRecord, ScannerConfig } from './records';
import { resolveConfig } from './scan';
import type { EntryRecord, Finding, Range, ScanOptions, ScanResult } from './types';

interface IncRecord {
  raw: RawRecord;
  /** Current first line; ranges inside `raw` are relative to it. */
  base: number;
  span: number;
}
interface OccRef { rec: IncRecord; occ: RawOccurrence }
interface DupFinding { code: 'username-duplicate' | 'username-duplicate-case'; target: OccRef; first: OccRef }

export interface RescanStats {
  /** First and last physical line re-parsed (0-based, inclusive). */
  fromLine: number;
  toLine: number;
  linesParsed: number;
  recordsParsed: number;
}

const EOL_TEXT = ['', '\n', '\r\n', '\r'];

function relativize(r: RawRecord): void {
  const seen = new Set<Range>();
  const base = r.startLine;
  const fix = (x: Range | undefined): void => {
    if (!x || seen.has(x)) return;
    seen.add(x);
    x.startLine -= base; x.endLine -= base;
  };
  for (const f of r.findings) {
    fix(f.range);
    f.related?.forEach((rel) => fix(rel.range));
    if (f.fix) fix(f.fix.range);
  }
  for (const o of r.occurrences) { fix(o.valueRange); fix(o.specRange); }
}

function abs(x: Range, base: number): Range {
  return { startLine: x.startLine + base, startColumn: x.startColumn, endLine: x.endLine + base, endColumn: x.endColumn };
}

function absFinding(f: Finding, base: number): Finding {
  const out: Finding = { ...f, range: abs(f.range, base) };
  if (f.related) out.related = f.related.map((r) => ({ message: r.message, range: abs(r.range, base) }));
  if (f.fix) out.fix = { ...f.fix, range: abs(f.fix.range, base) };
  return out;
}

export class IncrementalDocumentScan {
  private lines: string[] = [];
  private eols: Eol[] = [];
  private records: IncRecord[] = [];
  private readonly cfg: ScannerConfig;
  private readonly index = new Map<string, Set<OccRef>>();
  private readonly dupByKey = new Map<string, DupFinding[]>();
  /** Statistics of the last parse (initial scan or edit). */
  lastRescan: RescanStats = { fromLine: 0, toLine: -1, linesParsed: 0, recordsParsed: 0 };

  constructor(text: string, private readonly options: ScanOptions) {
    this.cfg = resolveConfig(options);
    const bomless = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    ({ lines: this.lines, eols: this.eols } = splitLines(bomless));
    this.rescanFrom(0, -1, 0, 0, this.records.length);
  }

  get text(): string {
    let s = '';
    for (let i = 0; i < this.lines.length; i++) s += this.lines[i] + EOL_TEXT[this.eols[i]];
    return s;
  }

  get lineCount(): number { return this.lines.length; }

  /**
   * Replaces `range` (0-based lines, UTF-16 columns, in the current text) with
   * `newText` and rescans what it touched. Apply several edits one after the
   * other, each in the coordinates of the text left by the previous one (for
   * VS Code content changes, in descending document order).
   */
  applyEdit(range: Range, newText: string): ScanResult {
    const last = this.lines.length - 1;
    const sL = Math.max(0, Math.min(range.startLine, last));
    const eL = Math.max(sL, Math.min(range.endLine, last));
    const sC = Math.min(Math.max(0, range.startColumn), this.lines[sL].length);
    const eC = Math.min(Math.max(0, range.endColumn), this.lines[eL].length);
    // One line of margin each side keeps CR/LF joins (a CR meeting a new LF) inside the region.
    const r0 = Math.max(0, sL - 1);
    const r1 = Math.min(last, eL + 1);
    let region = '';
    for (let i = r0; i <= r1; i++) {
      let line = this.lines[i];
      if (i === eL) line = (i === sL ? line.slice(0, sC) + newText : newText) + line.slice(eC);
      else if (i === sL) line = line.slice(0, sC);
      else if (i > sL && i < eL) continue;
      if (i === sL && i !== eL) { region += line; continue; }
      region += line + EOL_TEXT[this.eols[i]];
    }
    const parts = r1 === last ? splitLines(region, false) : splitRegion(region);
    this.lines.splice(r0, r1 - r0 + 1, ...parts.lines);
    this.eols.splice(r0, r1 - r0 + 1, ...parts.eols);
    const delta = parts.lines.length - (r1 - r0 + 1);
    const newEnd = r0 + parts.lines.length - 1;
    return this.rescanAround(r0, r1, newEnd, delta);
  }

  /** Current findings and records, equal to a full scan of `text`. */
  result(): ScanResult {
    const collector = new FindingCollector(this.options.severities, this.options.maxFindings ?? Infinity);
    const mixed = new MixedRecordsCheck();
    const records: EntryRecord[] = [];
    let entries = 0;
    for (const r of this.records) {
      const index = r.raw.isEntry ? entries++ : -1;
      for (const f of r.raw.findings) collector.add(absFinding(f, r.base));
      const m = mixed.offer({ ...r.raw, startLine: r.base });
      if (m) collector.add(m);
      if (r.raw.isEntry || r.raw.occurrences.length > 0) {
        records.push({
          index, startLine: r.base, endLine: r.base + r.span, kind: r.raw.kind,
          occurrences: r.raw.occurrences.map((o) => ({ entryIndex: index, valueRange: abs(o.valueRange, r.base), specRange: abs(o.specRange, r.base), encoding: o.encoding, value: o.value })),
        });
      }
    }
    for (const list of this.dupByKey.values()) for (const d of list) collector.add(this.materialize(d));
    collector.findings.sort(compareFindings);
    return {
      format: this.options.format, entries, findings: collector.findings, truncated: collector.truncated,
      records: this.options.collectEntries === false ? undefined : records,
      errors: collector.errors, warnings: collector.warnings, infos: collector.infos,
    };
  }

  private materialize(d: DupFinding): Finding {
    const t = d.target, f = d.first;
    // Reuse the streaming tracker's wording so both scan paths say exactly the same thing.
    const tracker = new DuplicateTracker();
    tracker.offer({ ...f.occ, valueRange: abs(f.occ.valueRange, f.rec.base), repeatInRecord: false }, 0);
    return tracker.offer({ ...t.occ, valueRange: abs(t.occ.valueRange, t.rec.base), repeatInRecord: false }, 1)!;
  }

  /** Old lines [r0, r1] became new lines [r0, newEnd]. */
  private rescanAround(r0: number, r1: number, newEnd: number, delta: number): ScanResult {
    // Old records touching the region.
    let a = this.firstRecordEndingAtOrAfter(r0);
    let b = a;
    while (b < this.records.length && this.records[b].base <= r1) b++;
    let from = r0;
    if (a < b) from = Math.min(from, this.records[a].base);
    if (this.options.format === 'ldif') {
      // A record starts after a blank line: walk back over a comment block.
      while (from > 0 && this.lines[from].length > 0 && this.lines[from - 1].length > 0) from--;
      while (a > 0 && this.records[a - 1].base + this.records[a - 1].span >= from) a--;
    } else if (!this.csvHeaderBefore(from)) {
      from = 0; a = 0;
    }
    this.rescanFrom(from, newEnd, delta, a, b);
    return this.result();
  }

  private csvHeaderBefore(line: number): boolean {
    const h = this.records[0];
    return h !== undefined && h.raw.kind === 'header' && h.base + h.span < line;
  }

  private firstRecordEndingAtOrAfter(line: number): number {
    let lo = 0, hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = this.records[mid];
      if (r.base + r.span < line) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** True when old line `oldLine` lies inside an old record after its first line. */
  private insideOldRecord(oldLine: number): boolean {
    const i = this.firstRecordEndingAtOrAfter(oldLine);
    const r = this.records[i];
    return r !== undefined && r.base < oldLine;
  }

  /** True when the old parse had read a record with content before `oldLine` (LDIF version rule). */
  private oldContentBefore(oldLine: number): boolean {
    for (const r of this.records) {
      if (r.base >= oldLine) return false;
      if (r.raw.hasContent) return true;
    }
    return false;
  }

  /**
   * Parses new lines from `from` until past `newEnd` and back in step with the
   * old parse, replacing old records [a, …) as far as the parse went.
   */
  private rescanFrom(from: number, newEnd: number, delta: number, a: number, bMin: number): void {
    const fresh: RawRecord[] = [];
    const sink = { record: (r: RawRecord) => { fresh.push(r); } };
    let scanner: LdifScanner | CsvScanner;
    if (this.options.format === 'ldif') {
      const atFileStart = !this.records.slice(0, a).some((r) => r.raw.hasContent);
      scanner = new LdifScanner(this.cfg, sink, { atFileStart });
    } else {
      const header = a > 0 ? this.headerState : undefined;
      scanner = new CsvScanner(this.cfg, sink, header);
    }
    let line = from;
    let b = bMin;
    const initial = newEnd < 0;
    // Like the splitter, the empty line after a final line break is not fed.
    const count = this.lines.length - (this.lines[this.lines.length - 1] === '' ? 1 : 0);
    for (; line < count; line++) {
      if (!initial && line > newEnd && !scanner.inRecord) {
        // Back in step with the old parse: same state at the same (shifted) line.
        const oldLine = line - delta;
        const sameStart = scanner instanceof LdifScanner
          ? scanner.atFileStart !== this.oldContentBefore(oldLine)
          : sameHeader(scanner.headerState, this.headerState);
        if (sameStart && !this.insideOldRecord(oldLine)) {
          while (b < this.records.length && this.records[b].base < oldLine) b++;
          break;
        }
      }
      const text = this.lines[line];
      scanner.line(text, 0, text.length, line, this.eols[line]);
    }
    if (line >= count) { scanner.end(); b = this.records.length; }
    if (scanner instanceof CsvScanner && scanner.headerState && (a === 0 || from === 0)) this.headerState = { ...scanner.headerState };
    this.lastRescan = { fromLine: from, toLine: line - 1, linesParsed: scanner.linesFed, recordsParsed: fresh.length };
    // Replace old records [a, b) with the fresh ones; shift the rest.
    const removed = this.records.slice(a, b);
    for (const r of removed) this.unindex(r);
    const added: IncRecord[] = fresh.map((raw) => {
      const rec: IncRecord = { raw, base: raw.startLine, span: raw.endLine - raw.startLine };
      relativize(raw);
      return rec;
    });
    for (let i = b; i < this.records.length; i++) this.records[i].base += delta;
    this.records.splice(a, b - a, ...added);
    for (const r of added) this.indexRecord(r);
    this.recomputeDirty();
  }

  private headerState: CsvHeaderState | undefined;
  private dirty = new Set<string>();

  private indexRecord(rec: IncRecord): void {
    for (const occ of rec.raw.occurrences) {
      if (occ.foldKey === undefined) continue;
      let set = this.index.get(occ.foldKey);
      if (!set) this.index.set(occ.foldKey, (set = new Set()));
      set.add({ rec, occ });
      this.dirty.add(occ.foldKey);
    }
  }

  private unindex(rec: IncRecord): void {
    for (const occ of rec.raw.occurrences) {
      if (occ.foldKey === undefined) continue;
      const set = this.index.get(occ.foldKey);
      if (!set) continue;
      for (const ref of set) if (ref.rec === rec) set.delete(ref);
      if (set.size === 0) this.index.delete(occ.foldKey);
      this.dirty.add(occ.foldKey);
    }
  }

  private recomputeDirty(): void {
    for (const key of this.dirty) {
      const set = this.index.get(key);
      this.dupByKey.delete(key);
      if (!set || set.size < 2) continue;
      const refs = [...set].sort((x, y) => {
        const a = x.occ.valueRange, b = y.occ.valueRange;
        return (a.startLine + x.rec.base) - (b.startLine + y.rec.base) || a.startColumn - b.startColumn;
      });
      // Same decision logic as the streaming tracker, kept as references so later shifts stay correct.
      let first: OccRef | undefined;
      const exact = new Map<string, OccRef>();
      const out: DupFinding[] = [];
      for (const ref of refs) {
        if (ref.occ.repeatInRecord || ref.occ.value === undefined) continue;
        if (!first) { first = ref; exact.set(ref.occ.value, ref); continue; }
        const e = exact.get(ref.occ.value);
        if (e) { if (e.rec !== ref.rec) out.push({ code: 'username-duplicate', target: ref, first: e }); continue; }
        exact.set(ref.occ.value, ref);
        if (first.rec !== ref.rec) out.push({ code: 'username-duplicate-case', target: ref, first });
      }
      if (out.length) this.dupByKey.set(key, out);
    }
    this.dirty.clear();
  }
}

function sameHeader(x: CsvHeaderState | undefined, y: CsvHeaderState | undefined): boolean {
  if (!x || !y) return x === y;
  return x.delimiter === y.delimiter && x.columnIndex === y.columnIndex && x.headerCount === y.headerCount && x.ldapsearch === y.ldapsearch;
}

/** Splits a region that ends with a line break (not the document end) into lines. */
function splitRegion(text: string): { lines: string[]; eols: Eol[] } {
  const lines: string[] = [];
  const eols: Eol[] = [];
  const sp = new LineSplitter({ line(buf, s, e, _l, eol) { lines.push(buf.slice(s, e)); eols.push(eol); }, end() {} }, false);
  sp.push(text);
  sp.end();
  return { lines, eols };
}
