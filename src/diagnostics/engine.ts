/**
 * The one place the diagnostics feature talks to the username engine
 * (src/usernames). Pure: no `vscode` import, so the scan worker can use it.
 */
import {
  type EntryRecord,
  type Finding,
  IncrementalDocumentScan,
  type Range,
  type ScanOptions,
  type ScanResult,
  scanFile,
  scanText,
} from '../usernames';

export { scanFile, scanText };

/** One edit as VS Code reports it (offsets and range refer to the text before this edit). */
export interface TextEdit {
  range: Range;
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export interface DocumentCheck {
  findings: Finding[];
  records: readonly EntryRecord[];
  /** Entries the engine parsed again for this check (all of them for a first check). */
  reparsedEntries: number;
  truncated: boolean;
}

/** An open document's model: edits arrive as typed, checks run after the debounce. */
export interface IncrementalDocument {
  applyEdits(edits: readonly TextEdit[]): void;
  check(): DocumentCheck;
}

/**
 * Wraps the engine's IncrementalDocumentScan. Edits are queued as they
 * arrive and applied at check time, one event at a time: the engine builds
 * its whole result per event, so applying per keystroke would cost O(file) each.
 */
class EngineDocument implements IncrementalDocument {
  private readonly scan: IncrementalDocumentScan;
  private queued: TextEdit[][] = [];
  private first = true;

  constructor(text: string, options: ScanOptions) {
    this.scan = new IncrementalDocumentScan(text, { ...options, collectEntries: true });
  }

  applyEdits(edits: readonly TextEdit[]): void {
    this.queued.push([...edits]);
  }

  check(): DocumentCheck {
    let reparsed = 0;
    let result: ScanResult | undefined;
    if (this.first) {
      this.first = false;
      reparsed = this.scan.lastRescan.recordsParsed;
    }
    for (const batch of this.queued.splice(0)) {
      // One event's changes all refer to the text before it: the engine applies them together (one pass, one result).
      result = this.scan.applyEdits(batch);
      reparsed += this.scan.lastRescan.recordsParsed;
    }
    result ??= this.scan.result();
    return { findings: result.findings, records: result.records ?? [], reparsedEntries: reparsed, truncated: result.truncated };
  }
}

export function openDocumentScan(text: string, options: ScanOptions): IncrementalDocument {
  return new EngineDocument(text, options);
}
