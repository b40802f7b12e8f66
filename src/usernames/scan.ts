/**
 * Entry points for whole-file scans: a text, a push-based byte scanner, an
 * async byte stream, and a file path. All share one pipeline:
 * bytes → (LDIF fold repair) → streaming UTF-8 decode → line splitter →
 * format scanner → aggregator (duplicates, severities, cap).
 */
import { createReadStream } from 'node:fs';
import { StreamAggregator, compareFindings } from './aggregate';
import { CsvScanner } from './csvScanner';
import { FoldRepair } from './foldRepair';
import { LdifScanner } from './ldifScanner';
import { LineSplitter, type LineSink } from './lineSplitter';
import type { RecordSink, ScannerConfig } from './records';
import type { FileFormat, Finding, ScanOptions, ScanResult } from './types';

const UID_ALIASES = ['uid', 'userid', '0.9.2342.19200300.100.1.1'];
const MAIL_ALIASES = ['mail', 'rfc822mailbox', '0.9.2342.19200300.100.1.3'];

export function resolveConfig(options: ScanOptions): ScannerConfig {
  const attr = (options.ldifAttribute ?? 'uid').toLowerCase();
  const names = UID_ALIASES.includes(attr) ? UID_ALIASES : MAIL_ALIASES.includes(attr) ? MAIL_ALIASES : [attr];
  // Keep the configured spelling first: messages name it.
  const ldifNames = new Set([attr, ...names]);
  const col = (options.csvColumn ?? 'username').trim().toLowerCase();
  return { profile: options.profile ?? 'guide', ldifNames, csvColumn: col, csvColumnIsDefault: options.csvColumn === undefined || col === 'username' };
}

/** Format from a file name: `.ldif`/`.ldf` → ldif, `.csv`/`.tsv` → csv. */
export function detectFormat(fileName: string): FileFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(fileName);
  const ext = m ? m[1].toLowerCase() : '';
  return ext === 'ldif' || ext === 'ldf' ? 'ldif' : ext === 'csv' || ext === 'tsv' ? 'csv' : undefined;
}

export function createFormatScanner(format: FileFormat, cfg: ScannerConfig, sink: RecordSink): LineSink & { linesFed: number } {
  return format === 'ldif' ? new LdifScanner(cfg, sink, { atFileStart: true }) : new CsvScanner(cfg, sink);
}

/** Text-level scanner: push decoded text chunks, then end(). */
export class TextScanner {
  private readonly agg: StreamAggregator;
  private readonly splitter: LineSplitter;
  private readonly extra: Finding[] = [];

  constructor(private readonly options: ScanOptions, collectEntries: boolean) {
    this.agg = new StreamAggregator(options, collectEntries);
    this.splitter = new LineSplitter(createFormatScanner(options.format, resolveConfig(options), this.agg));
  }

  /** Position of the next character to be pushed. */
  position(): { line: number; col: number } { return this.splitter.position(); }

  push(text: string): void { this.splitter.push(text); }

  /** A finding not tied to a record (invalid UTF-8, BOM). */
  addFileFinding(f: Finding): void { this.extra.push(f); }

  end(): ScanResult {
    this.splitter.end();
    const c = this.agg.collector;
    if (this.splitter.bom && this.options.format === 'ldif') {
      this.extra.push({ code: 'ldif-syntax', severity: 'info', range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
        message: 'File starts with a UTF-8 byte-order mark; the LDAP SDK readers in Ping tools do not strip it.' });
    }
    for (const f of this.extra) c.add(f);
    c.findings.sort(compareFindings);
    return {
      format: this.options.format, entries: this.agg.entries, findings: c.findings, truncated: c.truncated,
      records: this.agg.records, errors: c.errors, warnings: c.warnings, infos: c.infos,
    };
  }
}

/** Scans a whole text (e.g. an editor document). Never throws on any text. */
export function scanText(text: string, options: ScanOptions): ScanResult {
  const s = new TextScanner(options, options.collectEntries ?? true);
  s.push(text);
  return s.end();
}

/** Push-based byte scanner for files of any size; memory is bounded by distinct usernames and the longest line. */
export interface ByteScanner {
  push(chunk: Uint8Array): void;
  end(): ScanResult;
}

export function createScanner(options: ScanOptions): ByteScanner {
  const text = new TextScanner(options, options.collectEntries ?? false);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const repair = options.format === 'ldif' ? new FoldRepair() : undefined;
  let invalidReported = false;
  const feed = (bytes: Uint8Array, last: boolean): void => {
    let t = decoder.decode(bytes, { stream: !last });
    if (!invalidReported) {
      const at = t.indexOf('\uFFFD');
      if (at >= 0) {
        invalidReported = true;
        // Push up to the bad character, so the splitter knows its exact line and column.
        text.push(t.slice(0, at));
        const pos = text.position();
        text.addFileFinding({
          code: options.format === 'ldif' ? 'ldif-syntax' : 'csv-syntax', severity: 'warning',
          range: { startLine: pos.line, startColumn: pos.col, endLine: pos.line, endColumn: pos.col + 1 },
          message: 'Invalid UTF-8 (or a literal U+FFFD) first appears here; such bytes read as U+FFFD REPLACEMENT CHARACTER.',
        });
        t = t.slice(at);
      }
    }
    if (t.length > 0) text.push(t);
  };
  return {
    push(chunk) { feed(repair ? repair.push(chunk) : chunk, false); },
    end() { feed(repair ? repair.end() : new Uint8Array(0), true); return text.end(); },
  };
}

export async function scanStream(source: AsyncIterable<Uint8Array>, options: ScanOptions): Promise<ScanResult> {
  const s = createScanner(options);
  for await (const chunk of source) s.push(chunk);
  return s.end();
}

/** Scans a file from disk in 1 MiB chunks. */
export function scanFile(path: string, options: ScanOptions): Promise<ScanResult> {
  return scanStream(createReadStream(path, { highWaterMark: 1 << 20 }), options);
}
