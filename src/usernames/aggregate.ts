/**
 * Cross-record logic shared by whole-file scans and the incremental document
 * scan: duplicate detection, the LDIF mixed-records check, severity settings
 * and the findings cap. Duplicate detection keeps one small entry per
 * distinct username, so memory is bounded by distinct usernames.
 */
import type { RawOccurrence, RawRecord, RecordSink } from './records';
import type { EntryRecord, Finding, FindingCode, Range, ScanOptions, SeveritySetting } from './types';

/**
 * A copy that does not pin the chunk it was sliced from (V8 keeps the parent
 * of a sliced string alive, which would make memory grow with the file).
 */
export function flat(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

interface Seen { range: Range; record: number }
/** First username of a fold group; `others` only exists once a second spelling shows up (rare), to keep memory per username small. */
interface Group extends Seen { value: string; others?: Map<string, Seen> }

/**
 * Decides duplicate findings for occurrences offered in document order:
 * the same value in another entry → `username-duplicate` (error) pointing at
 * the first; a value equal only after case folding / NFC → `username-duplicate-case`
 * (warning) pointing at the first of its fold group. Repeats inside one entry
 * are `username-multiple-values`, reported by the scanners.
 */
export class DuplicateTracker {
  private groups = new Map<string, Group>();

  get distinct(): number { return this.groups.size; }

  offer(occ: RawOccurrence, record: number): Finding | undefined {
    if (occ.value === undefined || occ.foldKey === undefined || occ.repeatInRecord) return undefined;
    const g = this.groups.get(occ.foldKey);
    if (!g) {
      const value = flat(occ.value);
      this.groups.set(occ.foldKey === occ.value ? value : flat(occ.foldKey), { range: occ.valueRange, record, value });
      return undefined;
    }
    const e = g.value === occ.value ? g : g.others?.get(occ.value);
    if (e) {
      if (e.record === record) return undefined;
      return {
        code: 'username-duplicate', severity: 'error', range: occ.valueRange, username: occ.value,
        message: `Username "${occ.value}" is used by another entry too; PingOne usernames are unique per environment.`,
        related: [{ message: 'First occurrence of this username', range: e.range }],
      };
    }
    (g.others ??= new Map()).set(flat(occ.value), { range: occ.valueRange, record });
    if (g.record === record) return undefined;
    return {
      code: 'username-duplicate-case', severity: 'warning', range: occ.valueRange, username: occ.value,
      message: `Username "${occ.value}" differs from another entry's username only in case or Unicode normalization; PingOne may treat them as the same user.`,
      related: [{ message: 'First username in this group', range: g.range }],
    };
  }
}

/** Online check that an LDIF file does not mix content and change records. */
export class MixedRecordsCheck {
  private first: 'content' | 'change' | undefined;
  private done = false;

  offer(r: RawRecord): Finding | undefined {
    return r.category ? this.offerAt(r.category, r.startLine) : undefined;
  }

  /** A record of `category` starting at `startLine`. */
  offerAt(category: 'content' | 'change', startLine: number): Finding | undefined {
    if (this.done) return undefined;
    if (!this.first) { this.first = category; return undefined; }
    if (category === this.first) return undefined;
    this.done = true;
    return {
      code: 'ldif-syntax', severity: 'warning',
      range: { startLine, startColumn: 0, endLine: startLine, endColumn: 0 },
      message: `File mixes content records and change records (this is a ${category} record after ${this.first} records); RFC 2849 allows one kind per file.`,
    };
  }
}

/** Applies severity settings and the findings cap, and counts by severity. */
export class FindingCollector {
  readonly findings: Finding[] = [];
  truncated = false;
  errors = 0;
  warnings = 0;
  infos = 0;

  constructor(private readonly severities: Partial<Record<FindingCode, SeveritySetting>> = {}, private readonly max = Infinity) {}

  add(f: Finding): void {
    const s = this.severities[f.code] ?? f.severity;
    if (s === 'off') return;
    if (s !== f.severity) f = { ...f, severity: s };
    if (this.findings.length >= this.max) { this.truncated = true; return; }
    if (s === 'error') this.errors++; else if (s === 'warning') this.warnings++; else this.infos++;
    this.findings.push(f);
  }
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn
    || a.range.endLine - b.range.endLine || a.range.endColumn - b.range.endColumn
    || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

export function toEntryRecord(r: RawRecord, index: number): EntryRecord {
  return {
    index, startLine: r.startLine, endLine: r.endLine, kind: r.kind,
    occurrences: r.occurrences.map((o) => ({ entryIndex: index, valueRange: o.valueRange, specRange: o.specRange, encoding: o.encoding, value: o.value })),
  };
}

/** Record sink for one pass over a whole file (text or stream). */
export class StreamAggregator implements RecordSink {
  entries = 0;
  readonly collector: FindingCollector;
  readonly records: EntryRecord[] | undefined;
  private readonly dups = new DuplicateTracker();
  private readonly mixed = new MixedRecordsCheck();
  private recordNo = 0;

  constructor(options: ScanOptions, collectEntries: boolean) {
    this.collector = new FindingCollector(options.severities, options.maxFindings ?? Infinity);
    this.records = collectEntries ? [] : undefined;
  }

  record(r: RawRecord): void {
    const recNo = this.recordNo++;
    const index = r.isEntry ? this.entries++ : -1;
    for (const f of r.findings) this.collector.add(f);
    const m = this.mixed.offer(r);
    if (m) this.collector.add(m);
    for (const o of r.occurrences) {
      const d = this.dups.offer(o, recNo);
      if (d) this.collector.add(d);
    }
    if (this.records && (r.isEntry || r.occurrences.length > 0)) this.records.push(toEntryRecord(r, index));
  }
}
