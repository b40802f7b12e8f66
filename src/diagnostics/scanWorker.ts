/**
 * Worker thread for scans that would hold the extension host too long: the
 * workspace scan reads sync files from disk in chunks (files over 50 MB never
 * reach the extension host as documents) and runs the streaming scanner; a
 * large open document's first check runs here while the host builds its
 * incremental model in slices. One request at a time.
 */
import { readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { type ByteScanner, createScanner, scanFile } from './engine';
import type { ScanOptions, ScanResult } from '../usernames/types';
import { FileTextMeter } from './fileText';
import { selectFindings } from './findings';
import type { ScanRequest, ScanResponse, WorkerWarmed } from './scanProtocol';
import { warmUpScanner } from './scanWarmUp';
import { openRegularFile } from '../usernames/regularFile';

/** Bytes per read of a file the worker scans (one buffer, reused). */
const PIECE_BYTES = 1 << 20;

/**
 * Reads a regular file (anything else is refused unopened, see regularFile.ts) in pieces through one reused
 * buffer with read calls on this thread, handing each piece to `each`; stops early when `each` returns false.
 * Why so:
 *   - `fs.promises.readFile` reads in 512 KiB steps, each a round trip through libuv's thread pool that waits
 *     for this thread's next turn: about 200 ms for 10 MB while VS Code was loading the same file (the host
 *     benchmark's "read file" step). Blocking this worker is harmless: it serves one request at a time.
 *   - A buffer of the file's size is fresh memory whose every page faults when first written: 60-120 ms for
 *     10 MB on our benchmark VM, against 6-18 ms for the same bytes in 1 MiB pieces.
 * `start` is told the file's size and returns `each`, which must not keep the piece: the buffer is overwritten by the next read. A file that grows meanwhile is
 * read to its size at open (the caller's stat after the read sees the change). Returns the milliseconds spent
 * in read calls.
 */
async function readInPieces(path: string, start: (size: number) => (piece: Buffer) => boolean): Promise<number> {
  const file = await openRegularFile(path);
  try {
    const { size } = await file.stat();
    const each = start(size);
    const buffer = Buffer.allocUnsafeSlow(Math.min(PIECE_BYTES, Math.max(size, 1)));
    let read = 0,
      readMs = 0;
    while (read < size) {
      const t = performance.now();
      const n = readSync(file.fd, buffer, 0, Math.min(buffer.length, size - read), read);
      readMs += performance.now() - t;
      if (n === 0 || !each(buffer.subarray(0, n))) break;
      read += n;
    }
    return readMs;
  } finally {
    await file.close();
  }
}

/**
 * Scans a file as it is read, with what its bytes become as a document (`FileTextMeter`); the scan stops at
 * the first piece that shows the bytes cannot be that document: not UTF-8, or (`refuseNul`, a file whose
 * document has not arrived) a NUL byte, for which VS Code may open no text document. Times each part.
 */
async function scanAndMeasure(
  path: string,
  options: ScanOptions,
  refuseNul: boolean
): Promise<{ meter: FileTextMeter; result: ScanResult | undefined; spent: { readMs: number; textCheckMs: number; scanMs: number } }> {
  const meter = new FileTextMeter();
  const mayGoOn = () => (refuseNul ? meter.mayBeText : meter.utf8SoFar);
  let scanner: ByteScanner | undefined;
  let textCheckMs = 0,
    scanMs = 0;
  const readMs = await readInPieces(path, (size) => {
    scanner = createScanner({ ...options, collectEntries: false }, size);
    return (piece) => {
      const t0 = performance.now();
      meter.push(piece);
      const t1 = performance.now();
      textCheckMs += t1 - t0;
      if (!mayGoOn()) return false;
      scanner!.push(piece);
      scanMs += performance.now() - t1;
      return true;
    };
  });
  const t2 = performance.now();
  // `textLength` ends the meter: a file that ends inside a character is not UTF-8.
  const result = meter.textLength() !== undefined && mayGoOn() ? scanner!.end() : undefined;
  scanMs += performance.now() - t2;
  return { meter, result, spent: { readMs, textCheckMs, scanMs } };
}

/** Answers one request; a check before the document's arrival posts its document lengths right after. */
async function answer(req: ScanRequest, post: (response: ScanResponse) => void): Promise<void> {
  if (!('maxFindings' in req)) return post({ id: req.id, result: await scanFile(req.path, req.options) });
  if ('beforeOpen' in req) {
    const before = await stat(req.path);
    if (!before.isFile() || before.size < req.minBytes || before.size > req.maxBytes) return post({ id: req.id, notTheDocument: true });
    const { meter, result, spent } = await scanAndMeasure(req.path, req.options, true);
    const lengths = meter.fileText();
    if (!result || !lengths) return post({ id: req.id, notTheDocument: true });
    const after = await stat(req.path);
    // Changed while it was read: the host would compare the document with a file that is neither.
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) return post({ id: req.id, notTheDocument: true });
    const capped = selectFindings(result.findings, req.options.severities ?? {}, req.maxFindings);
    post({ id: req.id, beforeOpen: { capped, size: after.size, mtimeMs: after.mtimeMs, spent } });
    return post({ id: req.id, lengths });
  }
  // Scanned as it is read, and compared with the document at the end.
  const { meter, result } = await scanAndMeasure(req.path, req.options, false);
  if (!result || meter.textLength() !== req.documentLength) return post({ id: req.id, notTheDocument: true });
  post({ id: req.id, capped: selectFindings(result.findings, req.options.severities ?? {}, req.maxFindings) });
}

const port = parentPort;
if (port) {
  // The samples go through what a real request runs: the text check and the byte scan.
  const warmUp = warmUpScanner((bytes, options) => {
    const meter = new FileTextMeter();
    meter.push(bytes);
    meter.fileText();
    const scanner = createScanner({ ...options, collectEntries: false }, bytes.length);
    scanner.push(bytes);
    return scanner.end();
  });
  void warmUp.done.then((finished) => {
    if (finished) port.postMessage({ warmed: true } satisfies WorkerWarmed);
  });
  port.on('message', (req: ScanRequest) => {
    warmUp.stop();
    answer(req, (response) => port.postMessage(response)).catch((e: unknown) =>
      port.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies ScanResponse)
    );
  });
}
