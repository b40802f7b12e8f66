/**
 * Worker thread for the workspace scan: reads sync files from disk in chunks
 * (files over 50 MB never reach the extension host as documents) and runs the
 * streaming scanner, so the host stays responsive. One request at a time.
 */
import { parentPort } from 'node:worker_threads';
import { scanFile } from './engine';
import type { ScanRequest, ScanResponse } from './scanProtocol';

const port = parentPort;
if (port) {
  port.on('message', (req: ScanRequest) => {
    scanFile(req.path, req.options).then(
      (result) => port.postMessage({ id: req.id, result } satisfies ScanResponse),
      (e: unknown) => port.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies ScanResponse)
    );
  });
}
