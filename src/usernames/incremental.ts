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
 *
 * Building the result is cheap too: each record caches its findings in
 * absolute positions (severities applied, duplicate findings aimed at it
 * included, sorted) and its `EntryRecord`, and rebuilds them only when its
 * first line, entry index or duplicates changed. Records never overlap, so
 * concatenating the caches in document order is already the sorted list; a
 * result costs one pass over the records plus copying references. Cached
 * objects are never mutated, so a result stays valid after later edits.
 */
import { DuplicateTracker, FindingCollector, MixedRecordsCheck, compareFindings, offerRecord } from './aggregate';
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
  /** Duplicate findings aimed at an occurrence of this record. */
  dups?: DupFinding[];
  /** Findings in absolute positions, valid while `base` and `dups` stay as they were when built. */
  out?: { base: number; dups: DupFinding[] | undefined; findings: Finding[]; errors: number; warnings: number; infos: number };
  /** The public record, valid for this base and entry index. */
  entry?: EntryRecord;
}
interface OccRef { rec: IncRecord; occ: RawOccurrence }
interface DupFinding {
  code: 'username-duplicate' | 'username-duplicate-case';
  target: OccRef;
  first: OccRef;
  /** Materialized finding and the bases it was made for. */
  made?: Finding;
  madeAt?: [number, number];
}

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
    // A findings cap keeps the first findings in scan order, not in position order: build it the long way.
    if (this.options.maxFindings !== undefined && this.options.maxFindings !== Infinity) return this.cappedResult();
    const mixed = new MixedRecordsCheck();
    const collect = this.options.collectEntries !== false;
    const records: EntryRecord[] = [];
    const findings: Finding[] = [];
    let entries = 0, errors = 0, warnings = 0, infos = 0;
    let ordered = true;
    let m: Finding | undefined;
    for (const r of this.records) {
      const raw = r.raw;
      const index = raw.isEntry ? entries++ : -1;
      const out = this.recordOutput(r);
      errors += out.errors; warnings += out.warnings; infos += out.infos;
      let list = out.findings;
      // At most one record in the file gets the mixed-records finding; the offer is a few compares otherwise.
      if (!m && raw.category && (m = mixed.offerAt(raw.category, r.base))) {
        const sev = this.severityOf(m);
        if (sev !== undefined) {
          if (sev === 'error') errors++; else if (sev === 'warning') warnings++; else infos++;
          list = insertSorted(list, sev === m.severity ? m : { ...m, severity: sev });
        }
      }
      if (list.length > 0) {
        if (findings.length > 0 && compareFindings(findings[findings.length - 1], list[0]) > 0) ordered = false;
        for (let i = 0; i < list.length; i++) findings.push(list[i]);
      }
      if (collect && (raw.isEntry || raw.occurrences.length > 0)) {
        let e = r.entry;
        if (!e || e.startLine !== r.base || e.index !== index) e = r.entry = this.entryRecord(r, index);
        records.push(e);
      }
    }
    // Records never overlap, so this does not happen; the sort keeps the result right if it ever did.
    if (!ordered) findings.sort(compareFindings);
    return {
      format: this.options.format, entries, findings, truncated: false,
      records: collect ? records : undefined, errors, warnings, infos,
    };
  }

  /** The pre-cache result building, for a findings cap (same order of adds, then a sort). */
  private cappedResult(): ScanResult {
    const collector = new FindingCollector(this.options.severities, this.options.maxFindings ?? Infinity);
    const mixed = new MixedRecordsCheck();
    const records: EntryRecord[] = [];
    let entries = 0;
    for (const r of this.records) {
      const index = r.raw.isEntry ? entries++ : -1;
      for (const f of r.raw.findings) collector.add(absFinding(f, r.base));
      const m = r.raw.category ? mixed.offerAt(r.raw.category, r.base) : undefined;
      if (m) collector.add(m);
      if (r.raw.isEntry || r.raw.occurrences.length > 0) records.push(this.entryRecord(r, index));
    }
    for (const list of this.dupByKey.values()) for (const d of list) collector.add(this.materialize(d));
    collector.findings.sort(compareFindings);
    return {
      format: this.options.format, entries, findings: collector.findings, truncated: collector.truncated,
      records: this.options.collectEntries === false ? undefined : records,
      errors: collector.errors, warnings: collector.warnings, infos: collector.infos,
    };
  }

  private entryRecord(r: IncRecord, index: number): EntryRecord {
    return {
      index, startLine: r.base, endLine: r.base + r.span, kind: r.raw.kind,
      occurrences: r.raw.occurrences.map((o) => ({ entryIndex: index, valueRange: abs(o.valueRange, r.base), specRange: abs(o.specRange, r.base), encoding: o.encoding, value: o.value })),
    };
  }

  /** Severity after the settings, or undefined when the finding is turned off. */
  private severityOf(f: Finding): Finding['severity'] | undefined {
    const s = this.options.severities?.[f.code] ?? f.severity;
    return s === 'off' ? undefined : s;
  }

  /** The record's findings in absolute positions, rebuilt only when it moved or its duplicates changed. */
  private recordOutput(r: IncRecord): NonNullable<IncRecord['out']> {
    // Most records have no findings: nothing to build, whatever their position.
    if (!r.dups && r.raw.findings.length === 0) return NO_OUTPUT;
    const o = r.out;
    if (o && o.base === r.base && o.dups === r.dups && (!r.dups || r.dups.every((d) => d.made !== undefined && this.dupCurrent(d)))) return o;
    const findings: Finding[] = [];
    let errors = 0, warnings = 0, infos = 0;
    const add = (f: Finding): void => {
      const s = this.severityOf(f);
      if (s === undefined) return;
      if (s === 'error') errors++; else if (s === 'warning') warnings++; else infos++;
      findings.push(s === f.severity ? f : { ...f, severity: s });
    };
    const raw = r.raw.findings;
    // Reuse the absolute findings of the last build when only duplicates changed.
    if (o && o.base === r.base && !o.dups) for (const f of o.findings) add(f);
    else for (const f of raw) add(absFinding(f, r.base));
    if (r.dups) for (const d of r.dups) add(this.dupFinding(d));
    if (r.dups || findings.length > 1) findings.sort(compareFindings);
    return (r.out = { base: r.base, dups: r.dups, findings, errors, warnings, infos });
  }

  private materialize(d: DupFinding): Finding {
    const t = d.target, f = d.first;
    // Reuse the streaming tracker's wording so both scan paths say exactly the same thing.
    const tracker = new DuplicateTracker();
    tracker.setEntry(f.rec.raw.dn, false, false);
    tracker.offer({ ...f.occ, valueRange: abs(f.occ.valueRange, f.rec.base), repeatInRecord: false }, 0);
    tracker.setEntry(t.rec.raw.dn, false, false);
    return tracker.offer({ ...t.occ, valueRange: abs(t.occ.valueRange, t.rec.base), repeatInRecord: false }, 1)!;
  }

  private dupCurrent(d: DupFinding): boolean {
    return d.madeAt![0] === d.target.rec.base && d.madeAt![1] === d.first.rec.base;
  }

  private dupFinding(d: DupFinding): Finding {
    if (!d.made || !this.dupCurrent(d)) { d.made = this.materialize(d); d.madeAt = [d.target.rec.base, d.first.rec.base]; }
    return d.made;
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
      let atFileStart = true;
      for (let i = 0; i < a && atFileStart; i++) if (this.records[i].raw.hasContent) atFileStart = false;
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
      // All fields up front: one hidden class keeps the result loop monomorphic.
      const rec: IncRecord = { raw, base: raw.startLine, span: raw.endLine - raw.startLine, dups: undefined, out: undefined, entry: undefined };
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
    if (rec.raw.category === 'change') this.changeRecords++;
    for (const occ of rec.raw.occurrences) {
      // Empty values are `username-missing`, never duplicates (as in the streaming tracker).
      if (occ.foldKey === undefined || !occ.value) continue;
      let set = this.index.get(occ.foldKey);
      if (!set) this.index.set(occ.foldKey, (set = new Set()));
      set.add({ rec, occ });
      this.dirty.add(occ.foldKey);
    }
  }

  private unindex(rec: IncRecord): void {
    if (rec.raw.category === 'change') this.changeRecords--;
    for (const occ of rec.raw.occurrences) {
      if (occ.foldKey === undefined) continue;
      const set = this.index.get(occ.foldKey);
      if (!set) continue;
      for (const ref of set) if (ref.rec === rec) set.delete(ref);
      if (set.size === 0) this.index.delete(occ.foldKey);
      this.dirty.add(occ.foldKey);
    }
  }

  /** Change records in the document: while there are any, duplicates follow the file's history. */
  private changeRecords = 0;
  private historyMode = false;

  private recomputeDirty(): void {
    if (this.changeRecords > 0 || this.historyMode) {
      // Entering or leaving history mode changes every key's decision.
      if (this.changeRecords > 0 !== this.historyMode) for (const key of this.index.keys()) this.dirty.add(key);
      this.historyMode = this.changeRecords > 0;
      if (this.historyMode) { this.recomputeHistory(); return; }
    }
    for (const key of this.dirty) {
      const set = this.index.get(key);
      const before = this.dupByKey.get(key);
      if (before) {
        this.dupByKey.delete(key);
        // A new array, not an edit in place: the record's cached output compares it by identity.
        for (const d of before) {
          const rec = d.target.rec;
          const left = rec.dups!.filter((x) => x !== d);
          rec.dups = left.length ? left : undefined;
        }
      }
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
      if (out.length) {
        this.dupByKey.set(key, out);
        for (const d of out) { const rec = d.target.rec; rec.dups = rec.dups ? [...rec.dups, d] : [d]; }
      }
    }
    this.dirty.clear();
  }

  private recomputeHistory(): void {
    for (const rec of this.records) rec.dups = undefined;
    this.dupByKey.clear();
    for (const d of historyDuplicates(this.records)) {
      const key = d.target.occ.foldKey!;
      const list = this.dupByKey.get(key);
      if (list) list.push(d); else this.dupByKey.set(key, [d]);
      const rec = d.target.rec;
      rec.dups = rec.dups ? [...rec.dups, d] : [d];
    }
    this.dirty.clear();
  }
}

/**
 * In a change file a delete, replace or rename anywhere before a username
 * decides whether it clashes, so duplicates are recomputed over the whole
 * document in file order, with the streaming scan's own `offerRecord`.
 */
function historyDuplicates(records: IncRecord[]): DupFinding[] {
  const tracker = new DuplicateTracker();
  const out: DupFinding[] = [];
  records.forEach((rec, n) => {
    const absOccs = rec.raw.occurrences.map((o) => ({ ...o, valueRange: abs(o.valueRange, rec.base) }));
    offerRecord(tracker, { ...rec.raw, occurrences: absOccs }, n, (made, i) => {
      const firstRec = records[tracker.lastFirstRecord];
      const at = made.related![0].range;
      const firstOcc = firstRec.raw.occurrences.find((o) => o.valueRange.startLine + firstRec.base === at.startLine && o.valueRange.startColumn === at.startColumn)!;
      out.push({
        code: made.code as DupFinding['code'], target: { rec, occ: rec.raw.occurrences[i] }, first: { rec: firstRec, occ: firstOcc },
        made, madeAt: [rec.base, firstRec.base],
      });
    });
  });
  return out;
}

const NO_OUTPUT: NonNullable<IncRecord['out']> = { base: 0, dups: undefined, findings: [], errors: 0, warnings: 0, infos: 0 };

/** A copy of sorted `list` with `f` inserted after its equals (as a stable sort of list + f would). */
function insertSorted(list: Finding[], f: Finding): Finding[] {
  let i = list.length;
  while (i > 0 && compareFindings(list[i - 1], f) > 0) i--;
  return [...list.slice(0, i), f, ...list.slice(i)];
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
