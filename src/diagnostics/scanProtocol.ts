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

/** Where the worker's time on a request went (ms): reading the file, telling whether it may be text as it is, the scan. */
export interface WorkerSpent {
  readMs: number;
  textCheckMs: number;
  scanMs: number;
}

/**
 * A file read for a check before its document arrived: what gets published, and the file's size and time
 * on disk. Its document lengths follow in a message of their own (`lengths`, same id): the host publishes
 * without them and needs them only when the document arrives.
 */
export interface FileCheckedBeforeOpen {
  capped: Capped;
  size: number;
  mtimeMs: number;
  spent: WorkerSpent;
}

/** Sent once, unasked, when the worker's warm-up ran to its end (see scanWarmUp.ts). */
export interface WorkerWarmed {
  warmed: true;
}

export type ScanResponse =
  | { id: number; result: ScanResult }
  | { id: number; capped: Capped }
  | { id: number; beforeOpen: FileCheckedBeforeOpen }
  /** After a `beforeOpen` answer: the document lengths of the file it read. */
  | { id: number; lengths: FileText }
  /** The file on disk is not the document's text (another encoding or length): nothing was checked. */
  | { id: number; notTheDocument: true }
  | { id: number; error: string };
