/** Messages between the extension host and the scan worker (dist/scanWorker.js). */
import type { ScanOptions, ScanResult } from '../usernames/types';

export interface ScanRequest {
  id: number;
  path: string;
  options: ScanOptions;
}

export type ScanResponse = { id: number; result: ScanResult } | { id: number; error: string };
