/** Messages between the extension host and the scan worker (dist/scanWorker.js). */
import type { ScanOptions, ScanResult } from '../usernames/types';
import type { FileText } from './fileText';
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

/**
 * Check a file whose tab opened before its document reached the extension
 * host: the answer says what document the file becomes (`fileText`) and when
 * it was read, so the host can compare it with the document when it arrives.
 */
export interface FileCheckBeforeOpenRequest {
  id: number;
  path: string;
  options: ScanOptions;
  maxFindings: number;
  beforeOpen: true;
  /** Files outside this size range are not checked (small ones open fast; VS Code does not sync very large ones). */
  minBytes: number;
  maxBytes: number;
}

export type ScanRequest = FileScanRequest | FileCheckRequest | FileCheckBeforeOpenRequest;

/** Where the worker's time on a request went (ms): reading the file, telling its document lengths, the scan. */
export interface WorkerSpent {
  readMs: number;
  textMs: number;
  scanMs: number;
}

/** A file read for a check before its document arrived: its document lengths and its size and time on disk. */
export interface FileCheckedBeforeOpen {
  capped: Capped;
  text: FileText;
  size: number;
  mtimeMs: number;
  spent: WorkerSpent;
}

export type ScanResponse =
  | { id: number; result: ScanResult }
  | { id: number; capped: Capped }
  | { id: number; beforeOpen: FileCheckedBeforeOpen }
  /** The file on disk is not the document's text (another encoding or length): nothing was checked. */
  | { id: number; notTheDocument: true }
  | { id: number; error: string };
