/**
 * Where the LDIF fast path (src/usernames/fastLdif.ts) sends each record: read from the bytes
 * (`StreamAggregator.plainContentEntry`), handed line by line to the reference scanner, or handed
 * to the whole reference pipeline (FoldRepair → ByteLineSplitter → LdifScanner). The pipeline is
 * built as `createScanner` builds it (src/usernames/scan.ts), with spies on its three doors.
 *
 * The findings are the same whichever way a record goes (fastPath.test.ts checks that); the route
 * is the speed a user relies on, so these tests pin it.
 */
import { StreamAggregator } from '../../../src/usernames/aggregate';
import { ByteLineSplitter } from '../../../src/usernames/byteLines';
import { CsvScanner } from '../../../src/usernames/csvScanner';
import { CsvFastPath } from '../../../src/usernames/fastCsv';
import { LdifFastPath } from '../../../src/usernames/fastLdif';
import { FoldRepair } from '../../../src/usernames/foldRepair';
import { LdifScanner } from '../../../src/usernames/ldifScanner';
import { resolveConfig } from '../../../src/usernames/scan';
import type { ScanOptions } from '../../../src/usernames/types';

/** One record read by the fast path. */
export interface FastRecord {
  line: number;
  dn: string;
  username: string;
  usernameLine: number;
  usernameColumn: number;
  cased: boolean;
}

export interface Route {
  /** Records the fast path read itself. */
  fast: FastRecord[];
  /** 0-based lines the fast path handed to the scanner one by one (valid UTF-8, no CR). */
  direct: number[];
  /** 0-based lines the scanner got through the splitter (the first record, folds, the handed-over rest). */
  viaSplitter: number[];
  /** Line-break kind of each direct line (1 LF, 0 none: lineSplitter.ts). */
  directEols: number[];
}

/** `now` is true while the splitter's `push` or `end` runs: what the scanner gets then came through the splitter. */
function watchCalls(splitter: ByteLineSplitter): { now: boolean } {
  const state = { now: false };
  for (const name of ['push', 'end'] as const) {
    const original = splitter[name].bind(splitter) as (b?: Buffer) => void;
    splitter[name] = ((b?: Buffer) => {
      state.now = true;
      try {
        original(b);
      } finally {
        state.now = false;
      }
    }) as never;
  }
  return state;
}

/** Pushes `bytes` in chunks of `chunk` bytes through the fast path and returns where each line went. */
export function routeOf(bytes: Buffer | string, options: Partial<ScanOptions> = {}, chunk = Infinity): Route {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const size = Math.min(chunk, data.length || 1);
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return routeOfChunks(chunks, options);
}

/** Pushes `chunks` one by one through the fast path and returns where each line went. */
export function routeOfChunks(chunks: Buffer[], options: Partial<ScanOptions> = {}): Route {
  const opts: ScanOptions = { format: 'ldif', ...options };
  const agg = new StreamAggregator(opts, false, 0, false);
  const scanner = new LdifScanner(resolveConfig(opts), agg, { atFileStart: true, stream: agg });
  const splitter = new ByteLineSplitter(
    scanner,
    () => undefined,
    () => Buffer.from('#')
  );
  const repair = new FoldRepair();
  const route: Route = { fast: [], direct: [], viaSplitter: [], directEols: [] };

  const inSplitter = watchCalls(splitter);
  const lineBytes = scanner.lineBytes.bind(scanner);
  scanner.lineBytes = (buf, s, e, lineNo, eol) => {
    if (inSplitter.now) route.viaSplitter.push(lineNo);
    else {
      route.direct.push(lineNo);
      route.directEols.push(eol);
    }
    lineBytes(buf, s, e, lineNo, eol);
  };
  const plain = agg.plainContentEntry.bind(agg);
  agg.plainContentEntry = (startLine, buf, s, e, h, cased, line, col, owner, dnOf) => {
    route.fast.push({
      line: startLine,
      dn: dnOf(),
      username: buf.toString('latin1', s, e),
      usernameLine: line,
      usernameColumn: col,
      cased,
    });
    plain(startLine, buf, s, e, h, cased, line, col, owner, dnOf);
  };

  const fast = new LdifFastPath(resolveConfig(opts), agg, { repair, splitter, scanner });
  for (const c of chunks) fast.push(c);
  fast.end();
  splitter.push(repair.end());
  splitter.end();
  return route;
}

/** Lines `from` to `to`, both included. */
export function lines(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** An LDIF content record: its DN and attribute lines, then a blank line. */
export function record(dn: string, ...attrs: string[]): string {
  return [`dn: ${dn}`, ...attrs, ''].join('\n') + '\n';
}

/** One row the CSV fast path read itself (`plainRow`) or parsed for the scanner (`parsedRow`). */
export interface CsvRow {
  line: number;
  username: string;
  column: number;
}

export interface CsvRoute {
  /** Plain rows the fast path read itself, their username's bytes offered to the duplicate index. */
  plain: CsvRow[];
  /** Rows parsed by the fast path whose username the scanner checks (`CsvScanner.parsedRow`). */
  parsed: CsvRow[];
  /** 0-based lines the fast path handed to the scanner one by one. */
  direct: number[];
  /** 0-based lines the scanner got through the splitter (the rest of the file handed over). */
  viaSplitter: number[];
  /** Line-break kind of each direct line (1 LF, 2 CRLF: lineSplitter.ts). */
  directEols: number[];
  /** Estimates of the file's usernames told to the duplicate index. */
  expected: number[];
  /** How many plain rows the index had been offered when each estimate was told. */
  expectedAfterRows: number[];
}

/** Pushes `chunks` through the CSV fast path (built as `createScanner` builds it) and returns where each line went. */
export function csvRouteOfChunks(chunks: Buffer[], options: Partial<ScanOptions> = {}, size = 0): CsvRoute {
  const opts: ScanOptions = { format: 'csv', ...options };
  const cfg = resolveConfig(opts);
  const agg = new StreamAggregator(opts, false, Math.ceil(size / 48), true);
  const scanner = new CsvScanner(cfg, agg, undefined, agg);
  const splitter = new ByteLineSplitter(
    scanner,
    () => undefined,
    () => Buffer.alloc(0)
  );
  const route: CsvRoute = { plain: [], parsed: [], direct: [], viaSplitter: [], directEols: [], expected: [], expectedAfterRows: [] };
  const inSplitter = watchCalls(splitter);
  let inScanner = false;
  const lineBytes = scanner.lineBytes.bind(scanner);
  scanner.lineBytes = (buf, s, e, lineNo, eol, valid) => {
    if (inSplitter.now) route.viaSplitter.push(lineNo);
    else {
      route.direct.push(lineNo);
      route.directEols.push(eol);
    }
    inScanner = true;
    try {
      lineBytes(buf, s, e, lineNo, eol, valid);
    } finally {
      inScanner = false;
    }
  };
  const parsedRow = scanner.parsedRow.bind(scanner);
  scanner.parsedRow = (buf, cs, ce, lineNo, csc, cec, fsc, fec, quoted, escaped) => {
    route.parsed.push({ line: lineNo, username: buf.toString('utf8', cs, ce), column: csc });
    parsedRow(buf, cs, ce, lineNo, csc, cec, fsc, fec, quoted, escaped);
  };
  const plainRow = agg.plainRow.bind(agg);
  agg.plainRow = (buf, s, e, hash, cased, line, col) => {
    // The scanner's own plain rows (lines handed to it) are not the fast path's.
    if (!inScanner) route.plain.push({ line, username: buf.toString('latin1', s, e), column: col });
    plainRow(buf, s, e, hash, cased, line, col);
  };
  const expect = agg.expectUsernames.bind(agg);
  agg.expectUsernames = (n) => {
    route.expected.push(n);
    route.expectedAfterRows.push(route.plain.length);
    expect(n);
  };
  const fast = new CsvFastPath(cfg, agg, { splitter, scanner }, size);
  for (const c of chunks) fast.push(c);
  fast.end();
  splitter.end();
  return route;
}

/** `csvRouteOfChunks` of `text` cut in chunks of `chunk` bytes. */
export function csvRouteOf(text: Buffer | string, options: Partial<ScanOptions> = {}, chunk = Infinity, size = 0): CsvRoute {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const step = Math.min(chunk, data.length || 1);
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += step) chunks.push(data.subarray(i, i + step));
  return csvRouteOfChunks(chunks, options, size);
}
