/**
 * Worker thread for scans that would hold the extension host too long: the
 * workspace scan reads sync files from disk in chunks (files over 50 MB never
 * reach the extension host as documents) and runs the streaming scanner; a
 * large open document's first check runs here while the host builds its
 * incremental model in slices. One request at a time.
 */
import { readFile, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { createScanner, scanFile } from './engine';
import type { ScanOptions, ScanResult } from '../usernames/types';
import { fileText, utf8TextLength } from './fileText';
import { selectFindings } from './findings';
import type { ScanRequest, ScanResponse } from './scanProtocol';

/**
 * Scans a file's bytes already read (to tell whether they are the document's text): the same byte scanner
 * `scanFile` feeds, without reading the file a second time (about 40 ms for 10 MB on a busy machine).
 */
function scanBytes(bytes: Uint8Array, options: ScanOptions): ScanResult {
  const scanner = createScanner({ ...options, collectEntries: false });
  scanner.push(bytes);
  return scanner.end();
}

async function answer(req: ScanRequest): Promise<ScanResponse> {
  if (!('maxFindings' in req)) return { id: req.id, result: await scanFile(req.path, req.options) };
  if ('beforeOpen' in req) {
    const before = await stat(req.path);
    if (!before.isFile() || before.size < req.minBytes || before.size > req.maxBytes) return { id: req.id, notTheDocument: true };
    const t0 = performance.now();
    const bytes = await readFile(req.path);
    const t1 = performance.now();
    const text = fileText(bytes);
    const t2 = performance.now();
    if (!text) return { id: req.id, notTheDocument: true };
    const result = scanBytes(bytes, req.options);
    const after = await stat(req.path);
    // Changed while it was read: the host would compare the document with a file that is neither.
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) return { id: req.id, notTheDocument: true };
    const capped = selectFindings(result.findings, req.options.severities ?? {}, req.maxFindings);
    const spent = { readMs: t1 - t0, textMs: t2 - t1, scanMs: performance.now() - t2 };
    return { id: req.id, beforeOpen: { capped, text, size: after.size, mtimeMs: after.mtimeMs, spent } };
  }
  // Read once, compared with the document, then scanned.
  const bytes = await readFile(req.path);
  if (utf8TextLength(bytes) !== req.documentLength) return { id: req.id, notTheDocument: true };
  const result = scanBytes(bytes, req.options);
  return { id: req.id, capped: selectFindings(result.findings, req.options.severities ?? {}, req.maxFindings) };
}

const port = parentPort;
if (port) {
  port.on('message', (req: ScanRequest) => {
    answer(req).then(
      (response) => port.postMessage(response),
      (e: unknown) => port.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies ScanResponse)
    );
  });
}
