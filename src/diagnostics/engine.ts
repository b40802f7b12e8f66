/**
 * The one place the diagnostics feature talks to the username engine
 * (src/usernames). Pure: no `vscode` import, so the scan worker can use it.
 */
import {
  type ByteScanner,
  type EntryRecord,
  type Finding,
  IncrementalDocumentScan,
  type Range,
  type ScanOptions,
  type ScanResult,
  createScanner,
  scanFile,
  scanText,
} from '../usernames';
import type { LineSource, SlicedBuild } from '../usernames/incremental';

export type { ByteScanner, LineSource };

export { createScanner, scanFile, scanText };

/** One edit as VS Code reports it (offsets and range refer to the text before this edit). */
export interface TextEdit {
  range: Range;
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export interface DocumentCheck {
  /** The first `maxShown` findings by position (severities applied) and how many more there are. */
  shown: Finding[];
  hidden: number;
  /** Every finding (built on first read, from the model as this check left it). */
  readonly findings: Finding[];
  /** Per-entry records (built on first read, like `findings`). */
  readonly records: readonly EntryRecord[];
  /** The per-entry record holding `line` (without building the list). */
  recordAt(line: number): EntryRecord | undefined;
  /** Entries the engine parsed again for this check (all of them for a first check). */
  reparsedEntries: number;
}

/** An open document's model: edits arrive as typed, checks run after the debounce. */
export interface IncrementalDocument {
  /** Queues one change event (applied by the next check, so none is lost while the model is built). */
  applyEdits(edits: readonly TextEdit[]): void;
  /** Builds the first scan for about `budgetMs`; true once `check()` runs without finishing it. */
  build(budgetMs: number): boolean;
  readonly ready: boolean;
  /** Applies the queued edits and checks; only the first `maxShown` findings are built (default: all). */
  check(maxShown?: number): DocumentCheck;
}

/**
 * Lines (times four) or records a build step handles between two looks at the clock: the engine's default
 * (1024) let one step of a 10 MB document run 25 ms and more on a busy machine (4096 `TextDocument.lineAt`
 * calls), past the slice's budget; the clock costs well under a microsecond.
 */
const BUILD_UNITS = 256;

/**
 * Wraps the engine's IncrementalDocumentScan. The first scan is built in
 * slices (`build`), so a large document never holds the extension host for
 * long. Edits are queued as they arrive and applied at check time, one event
 * at a time (each event's changes in one pass); the check then builds only
 * the findings it shows (`firstFindings`), since every check still walks the
 * model's records once.
 */
class EngineDocument implements IncrementalDocument {
  private scan: IncrementalDocumentScan | undefined;
  private building: SlicedBuild | undefined;
  private queued: TextEdit[][] = [];
  private first = true;

  constructor(text: string | LineSource, options: ScanOptions) {
    this.building = IncrementalDocumentScan.inSlices(text, { ...options, collectEntries: true }, { units: BUILD_UNITS });
  }

  get ready(): boolean {
    return this.scan !== undefined;
  }

  applyEdits(edits: readonly TextEdit[]): void {
    this.queued.push([...edits]);
  }

  build(budgetMs: number): boolean {
    if (!this.scan && this.building) {
      this.scan = this.building.step(budgetMs);
      if (this.scan) this.building = undefined;
    }
    return this.scan !== undefined;
  }

  /** Checks the current text; a first scan not built yet is finished in one go (the editor waits for `ready`). */
  check(maxShown = Infinity): DocumentCheck {
    this.build(Infinity);
    const scan = this.scan!;
    let reparsed = 0;
    if (this.first) {
      this.first = false;
      reparsed = scan.lastRescan.recordsParsed;
    }
    for (const batch of this.queued.splice(0)) {
      // One event's changes all refer to the text before it: the engine applies them together (one pass, one batch).
      scan.edit(batch);
      reparsed += scan.lastRescan.recordsParsed;
    }
    const { findings: shown, hidden } = scan.firstFindings(maxShown);
    // The model changes only at the next check (edits wait in the queue), so reading these later is still this check's.
    let all: ScanResult | undefined;
    let records: EntryRecord[] | undefined;
    return {
      shown,
      hidden,
      get findings() {
        if (hidden === 0) return shown;
        return (all ??= scan.result()).findings;
      },
      get records() {
        return (records ??= all?.records ?? scan.entries());
      },
      recordAt: (line) => scan.entryAt(line),
      reparsedEntries: reparsed,
    };
  }
}

/** A document's model; call `build` until it is ready, then `check`. */
export function openDocumentScan(text: string | LineSource, options: ScanOptions): IncrementalDocument {
  return new EngineDocument(text, options);
}
