/**
 * Worker thread for scans that would hold the extension host too long: the
 * workspace scan reads sync files from disk in chunks (files over 50 MB never
 * reach the extension host as documents) and runs the streaming scanner; a
 * large open document's first check runs here while the host builds its
 * incremental model in slices. One request at a time.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { scanFile } from './engine';
import { utf8TextLength } from './fileText';
import { selectFindings } from './findings';
import type { ScanRequest, ScanResponse } from './scanProtocol';

async function answer(req: ScanRequest): Promise<ScanResponse> {
  if (!('maxFindings' in req)) return { id: req.id, result: await scanFile(req.path, req.options) };
  // Read once more to compare with the document (a few ms for 10 MB, off the host's thread).
  if (utf8TextLength(await readFile(req.path)) !== req.documentLength) return { id: req.id, notTheDocument: true };
  const result = await scanFile(req.path, { ...req.options, collectEntries: false });
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
