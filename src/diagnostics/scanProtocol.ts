/** Messages between the extension host and the scan worker (dist/scanWorker.js). */
import type { ScanOptions, ScanResult } from '../usernames/types';
import type { Capped } from './findings';

/** Scan a file from disk (the workspace scan). */
export interface FileScanRequest {
  id: number;
  path: string;
  options: ScanOptions;
}

/**
 * Check an open document's text and send back only what is published (the
 * first `maxFindings` by position), so the answer stays small whatever the file.
 */
export interface TextCheckRequest {
  id: number;
  text: string;
  options: ScanOptions;
  maxFindings: number;
}

export type ScanRequest = FileScanRequest | TextCheckRequest;

export type ScanResponse = { id: number; result: ScanResult } | { id: number; capped: Capped } | { id: number; error: string };
