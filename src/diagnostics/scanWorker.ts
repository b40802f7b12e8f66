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
import { createScanner, scanFile } from './engine';
import type { ScanOptions, ScanResult } from '../usernames/types';
import { documentLengths, mayBeDocumentText, utf8TextLength } from './fileText';
import { selectFindings } from './findings';
import type { ScanRequest, ScanResponse, WorkerWarmed } from './scanProtocol';
import { warmUpScanner } from './scanWarmUp';
import { openRegularFile } from '../usernames/regularFile';

/**
 * Scans a file's bytes already read (to tell whether they are the document's text): the same byte scanner
 * `scanFile` feeds, without reading the file a second time (about 40 ms for 10 MB on a busy machine).
 */
function scanBytes(bytes: Uint8Array, options: ScanOptions): ScanResult {
  const scanner = createScanner({ ...options, collectEntries: false }, bytes.length);
  scanner.push(bytes);
  return scanner.end();
}

/**
 * Reads a regular file whole (anything else is refused unopened, see regularFile.ts) with one read call on
 * this thread: `fs.promises.readFile` reads in 512 KiB steps, each a round trip through libuv's thread pool
 * that waits for this thread's next turn, and took about 200 ms for 10 MB while VS Code was loading the
 * same file (the host benchmark's "read file" step). Blocking this worker is harmless: it serves one
 * request at a time. A file that grows meanwhile is read to its size at open (the caller's stat after
 * the read sees the change).
 */
async function readRegularFile(path: string): Promise<Buffer> {
  const file = await openRegularFile(path);
  try {
    const { size } = await file.stat();
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(file.fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === size ? bytes : bytes.subarray(0, read);
  } finally {
    await file.close();
  }
}

/** Answers one request; a check before the document's arrival posts its document lengths right after. */
async function answer(req: ScanRequest, post: (response: ScanResponse) => void): Promise<void> {
  if (!('maxFindings' in req)) return post({ id: req.id, result: await scanFile(req.path, req.options) });
  if ('beforeOpen' in req) {
    const before = await stat(req.path);
    if (!before.isFile() || before.size < req.minBytes || before.size > req.maxBytes) return post({ id: req.id, notTheDocument: true });
    const t0 = performance.now();
    const bytes = await readRegularFile(req.path);
    const t1 = performance.now();
    if (!mayBeDocumentText(bytes)) return post({ id: req.id, notTheDocument: true });
    const t2 = performance.now();
    const result = scanBytes(bytes, req.options);
    const after = await stat(req.path);
    // Changed while it was read: the host would compare the document with a file that is neither.
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) return post({ id: req.id, notTheDocument: true });
    const capped = selectFindings(result.findings, req.options.severities ?? {}, req.maxFindings);
    const spent = { readMs: t1 - t0, textCheckMs: t2 - t1, scanMs: performance.now() - t2 };
    post({ id: req.id, beforeOpen: { capped, size: after.size, mtimeMs: after.mtimeMs, spent } });
    // Counting line ends takes 20-80 ms for 10 MB: after the findings, which the host publishes meanwhile.
    return post({ id: req.id, lengths: documentLengths(bytes) });
  }
  // Read once, compared with the document, then scanned.
  const bytes = await readRegularFile(req.path);
  if (utf8TextLength(bytes) !== req.documentLength) return post({ id: req.id, notTheDocument: true });
  const result = scanBytes(bytes, req.options);
  post({ id: req.id, capped: selectFindings(result.findings, req.options.severities ?? {}, req.maxFindings) });
}

const port = parentPort;
if (port) {
  const warmUp = warmUpScanner(scanBytes);
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
