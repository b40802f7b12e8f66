/**
 * Entry points for whole-file scans: a text, a push-based byte scanner, an
 * async byte stream, and a file path. All share one pipeline:
 * bytes → (LDIF fold repair) → streaming UTF-8 decode → line splitter →
 * format scanner → aggregator (duplicates, severities, cap).
 */
import { readSync } from 'node:fs';
import { StreamAggregator } from './aggregate';
import { ByteLineSplitter, MAX_LINE_BYTES } from './byteLines';
import { CsvScanner } from './csvScanner';
import { CsvFastPath } from './fastCsv';
import { LdifFastPath } from './fastLdif';
import type { FindingList } from './findingStore';
import { FoldRepair } from './foldRepair';
import { formatOfFileName } from './formats';
import { LdifScanner } from './ldifScanner';
import { LineSplitter, type LineSink } from './lineSplitter';
import { openRegularFile } from './regularFile';
import type { RecordSink, ScannerConfig } from './records';
import type { FileFormat, Finding, ScanOptions, ScanResult } from './types';
import { Utf16ToUtf8, utf16Message } from './utf16';

const UID_ALIASES = ['uid', 'userid', '0.9.2342.19200300.100.1.1'];
const MAIL_ALIASES = ['mail', 'rfc822mailbox', '0.9.2342.19200300.100.1.3'];

export function resolveConfig(options: ScanOptions): ScannerConfig {
  const attr = (options.ldifAttribute ?? 'uid').toLowerCase();
  const names = UID_ALIASES.includes(attr) ? UID_ALIASES : MAIL_ALIASES.includes(attr) ? MAIL_ALIASES : [attr];
  // Keep the configured spelling first: messages name it.
  const ldifNames = new Set([attr, ...names]);
  const col = (options.csvColumn ?? 'username').trim().toLowerCase();
  return {
    profile: options.profile ?? 'guide',
    ldifNames,
    csvColumn: col,
    csvColumnIsDefault: options.csvColumn === undefined || col === 'username',
  };
}

/** Format from a file name, by the one table in `formats.ts`: `.ldif`/`.ldf` → ldif, `.csv`/`.tsv` → csv. */
export function detectFormat(fileName: string): FileFormat | undefined {
  return formatOfFileName(fileName);
}

export function createFormatScanner(format: FileFormat, cfg: ScannerConfig, sink: RecordSink): LineSink & { linesFed: number } {
  return format === 'ldif' ? new LdifScanner(cfg, sink, { atFileStart: true }) : new CsvScanner(cfg, sink);
}

/** Text-level scanner: push decoded text chunks, then end(). */
export class TextScanner {
  private readonly agg: StreamAggregator;
  private readonly splitter: LineSplitter;

  constructor(
    private readonly options: ScanOptions,
    collectEntries: boolean
  ) {
    this.agg = new StreamAggregator(options, collectEntries);
    this.splitter = new LineSplitter(createFormatScanner(options.format, resolveConfig(options), this.agg));
  }

  push(text: string): void {
    this.splitter.push(text);
  }

  end(): ScanResult {
    this.splitter.end();
    return finish(this.options, this.agg, [], this.splitter.bom);
  }
}

function finish(options: ScanOptions, agg: StreamAggregator, extra: Finding[], bom: boolean): ScanResult {
  const c = agg.collector;
  if (bom && options.format === 'ldif') {
    extra.push({
      code: 'ldif-syntax',
      severity: 'info',
      range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
      message: 'File starts with a UTF-8 byte-order mark; the LDAP SDK readers in Ping tools do not strip it.',
    });
  }
  for (const f of extra) c.add(f);
  c.sort();
  let findings: Finding[] | undefined;
  const result = {
    format: options.format,
    entries: agg.entries,
    // Made on first read: the CLI reads the columns instead (see findingListOf).
    get findings(): Finding[] {
      return (findings ??= c.toArray());
    },
    set findings(list: Finding[]) {
      findings = list;
    },
    truncated: c.truncated,
    records: agg.records,
    errors: c.errors,
    warnings: c.warnings,
    infos: c.infos,
  };
  LISTS.set(result, () => findings ?? c);
  return result;
}

/** A scan result's findings as they stand: the array once made (or set), the columns before. */
const LISTS = new WeakMap<ScanResult, () => FindingList>();

/**
 * A result's findings as a list read one at a time: for a result of this module whose `findings`
 * array was never made, the scan's columns, so nothing is kept per finding; else `findings`.
 */
export function findingListOf(result: ScanResult): FindingList {
  return LISTS.get(result)?.() ?? result.findings;
}

const LDIF_COMMENT = Buffer.from('#');
const EMPTY_LINE = Buffer.alloc(0);

function longLineMessage(bytes: number): string {
  return `Line is ${bytes} bytes long, over the ${MAX_LINE_BYTES / 1048576} MiB limit for one line; it was skipped, so nothing on it is checked.`;
}

const INVALID_UTF8 = 'Invalid UTF-8 (or a literal U+FFFD) first appears here; such bytes read as U+FFFD REPLACEMENT CHARACTER.';

/**
 * LDIF bytes: fold repair, then lines split and mostly skipped as bytes; the
 * scanner decodes only the lines it reads (see `LdifScanner.lineBytes`).
 * CSV bytes: lines split as bytes; plain rows are read from the bytes and the
 * rest decoded line by line (see `CsvScanner.lineBytes`).
 */
/**
 * Bytes per username the duplicate index's first size assumes (an LDIF entry or a CSV row with a
 * username is rarely much shorter; a shorter one only costs a doubling of its slot table).
 */
const BYTES_PER_USERNAME = { ldif: 256, csv: 48 };

function createByteScanner(options: ScanOptions, fastPaths: boolean, sizeHint = 0): ByteScanner {
  const ldif = options.format === 'ldif';
  const agg = new StreamAggregator(
    options,
    options.collectEntries ?? false,
    Math.ceil(sizeHint / BYTES_PER_USERNAME[options.format]),
    !ldif && fastPaths
  );
  const extra: Finding[] = [];
  const repair = ldif ? new FoldRepair() : undefined;
  const cfg = resolveConfig(options);
  // Plain CSV rows skip the record object when no records are kept (the CSV fast path).
  const plainRows = fastPaths && !(options.collectEntries ?? false) ? agg : undefined;
  // Per-value results go straight to the aggregator when no records are kept and no cap makes the order matter.
  const stream = plainRows && options.maxFindings === undefined ? agg : undefined;
  const scanner = ldif ? new LdifScanner(cfg, agg, { atFileStart: true, stream }) : new CsvScanner(cfg, agg, undefined, plainRows);
  const code = ldif ? 'ldif-syntax' : 'csv-syntax';
  const splitter = new ByteLineSplitter(
    scanner,
    (line, col) => {
      extra.push({
        code,
        severity: 'warning',
        range: { startLine: line, startColumn: col, endLine: line, endColumn: col + 1 },
        message: INVALID_UTF8,
      });
    },
    (line, bytes) => {
      extra.push({
        code,
        severity: 'error',
        range: { startLine: line, startColumn: 0, endLine: line, endColumn: 0 },
        message: longLineMessage(bytes),
      });
      // In its place: an LDIF comment (its continuation lines are skipped with it) or a CSV blank line.
      return ldif ? LDIF_COMMENT : EMPTY_LINE;
    }
  );
  const utf16 = new Utf16ToUtf8();
  // LDIF: the fast path reads common records itself and hands the rest to the pipeline above.
  // CSV: the fast path reads plain rows itself and hands the other lines to the scanner, or the rest to the splitter.
  const fast: { push(bytes: Buffer): void; end(): void } | undefined = !plainRows
    ? undefined
    : repair
      ? new LdifFastPath(cfg, agg, { repair, splitter, scanner: scanner as LdifScanner })
      : new CsvFastPath(cfg, agg, { splitter, scanner: scanner as CsvScanner }, sizeHint);
  const feed = (bytes: Buffer): void => {
    if (bytes.length === 0) return;
    if (fast) fast.push(bytes);
    else splitter.push(repair ? repair.push(bytes) : bytes);
  };
  return {
    push(chunk) {
      feed(utf16.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    },
    end() {
      feed(utf16.end());
      fast?.end();
      if (repair) splitter.push(repair.end());
      splitter.end();
      if (utf16.kind)
        extra.push({
          code,
          severity: 'warning',
          range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
          message: utf16Message(utf16.kind, options.format),
        });
      return finish(options, agg, extra, splitter.bom);
    },
  };
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

/** `sizeHint`: the input's length in bytes when known, so the duplicate index is sized once instead of growing. */
export function createScanner(options: ScanOptions, sizeHint = 0): ByteScanner {
  return createByteScanner(options, true, sizeHint);
}

export async function scanStream(source: AsyncIterable<Uint8Array>, options: ScanOptions): Promise<ScanResult> {
  const s = createScanner(options);
  for await (const chunk of source) s.push(chunk);
  return s.end();
}

/**
 * Bytes per read of `scanFile`. CSV: small enough that the read buffer is few pages (each a fault
 * when first written) and the chunk just read is still in the CPU's cache when it is scanned (on the
 * 21 MB benchmark file, 256 KiB took ~25 ms less CPU time than 1 MiB). LDIF keeps 1 MiB: on the
 * 104 MB benchmark file 256 KiB reads took ~2% more CPU time than they saved.
 */
const READ_SIZE = { csv: 1 << 18, ldif: 1 << 20 };

/**
 * Scans a regular file from disk; anything else is refused unopened (see regularFile.ts). Two
 * buffers are reused for the whole file (a fresh buffer per chunk would cost page faults on every
 * megabyte), the next read running while a chunk is scanned: between chunks the thread answers
 * whatever else it was asked (the scan worker checks an opened document while a workspace scan
 * reads a large file). The scanner copies what it keeps of a chunk: a buffer is read into again
 * once `push` has returned.
 */
export function scanFile(path: string, options: ScanOptions): Promise<ScanResult> {
  return scanRegularFile(path, options, true, false);
}

/**
 * `scanFile` with read calls on this thread, into one buffer, for a process that has nothing else to
 * do meanwhile (the CLI). Asynchronous reads, even overlapped with the scan, left the thread waiting
 * for the thread pool's answer at each chunk: 10-30 ms of a 0.39 s CLI run on the 21 MB CSV
 * benchmark file (alternating whole-process runs: 0.38-0.40 s before, 0.37-0.39 s after).
 */
export function scanFileBlocking(path: string, options: ScanOptions): Promise<ScanResult> {
  return scanRegularFile(path, options, true, true);
}

/**
 * The reference pipeline alone, without the fast paths (fastLdif.ts): what
 * they must agree with. For tests and benchmarks.
 */
export function createReferenceScanner(options: ScanOptions): ByteScanner {
  return createByteScanner(options, false);
}

/** `scanFile` through the reference pipeline alone (see createReferenceScanner). */
export function scanFileReference(path: string, options: ScanOptions): Promise<ScanResult> {
  return scanRegularFile(path, options, false, false);
}

async function scanRegularFile(path: string, options: ScanOptions, fastPaths: boolean, blocking: boolean): Promise<ScanResult> {
  const file = await openRegularFile(path);
  try {
    const { size } = await file.stat();
    const scanner = createByteScanner(options, fastPaths, size);
    const readSize = READ_SIZE[options.format];
    let ready = Buffer.allocUnsafeSlow(readSize);
    if (blocking) {
      for (let n = readSync(file.fd, ready, 0, readSize, null); n > 0; n = readSync(file.fd, ready, 0, readSize, null))
        scanner.push(ready.subarray(0, n));
      return scanner.end();
    }
    let spare = Buffer.allocUnsafeSlow(readSize);
    let pending = file.read(ready, 0, readSize, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const chunk = ready;
      pending = file.read(spare, 0, readSize, null);
      scanner.push(chunk.subarray(0, bytesRead));
      ready = spare;
      spare = chunk;
    }
    return scanner.end();
  } finally {
    await file.close();
  }
}
