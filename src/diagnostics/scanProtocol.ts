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
 * Check the file of an open, unmodified document from disk and send back only
 * what is published (the first `maxFindings` by position), so neither the
 * request nor the answer grows with the file.
 */
export interface FileCheckRequest {
  id: number;
  path: string;
  options: ScanOptions;
  maxFindings: number;
  /** The document's length in UTF-16 units: a file of another length is not its text. */
  documentLength: number;
}

export type ScanRequest = FileScanRequest | FileCheckRequest;

export type ScanResponse =
  | { id: number; result: ScanResult }
  | { id: number; capped: Capped }
  /** The file on disk is not the document's text (another encoding or length): nothing was checked. */
  | { id: number; notTheDocument: true }
  | { id: number; error: string };
