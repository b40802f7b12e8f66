/**
 * Username diagnostics for open LDIF and CSV documents. One DocumentState per
 * checked document holds the engine's incremental model: edits are applied to
 * it as they arrive (cheap), and the check itself runs after a per-document
 * debounce, re-parsing only the touched entries plus duplicate-affected ones.
 * Results carry the document version they were computed for and are dropped
 * when the document moved on (markdownlint's stale-result guard).
 *
 * The extension host runs every extension on one thread, so no check holds
 * it for long: the model's first scan reads the document line by line
 * (`TextDocument.lineAt`, never the whole text at once) in slices of a few
 * milliseconds, and meanwhile a large, unmodified file's first findings come
 * from the scan worker, which reads the file itself. An edit made before the
 * model is ready starts the build again on the new text (the lines not read yet
 * are already the edited ones).
 *
 * A large file opened in a tab is checked before its document arrives: VS Code
 * announces the tab (`window.tabGroups.onDidChangeTabs`) long before it has
 * delivered the document's text to the extension host (seconds for 10 MB on a
 * remote host). The worker reads the file; its findings are published when
 * VS Code decodes the file as UTF-8 and the file is valid UTF-8 (what the
 * document will hold, apart from normalised line ends, which move no line),
 * and compared with the document when it arrives: a document of another
 * length, or a file changed on disk since, takes the findings back.
 */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { DiagnosticsHost } from './host';
import type { EntryRecord, FileFormat, Finding, Range } from '../usernames/types';
import { isCancellation } from '../util/cancellation';
import { Disposable } from '../util/disposable';
import { DiagnosticFactory } from './convert';
import { type DocumentCheck, type IncrementalDocument, type LineSource, openDocumentScan } from './engine';
import { formatOf } from './fileFormat';
import { type Capped, selectFindings } from './findings';
import { isIncluded } from './glob';
import { extensionReadme } from './readme';
import type { FileText } from './fileText';
import { type BeforeOpenAnswer, ScanWorkerClient } from './scanWorkerClient';
import { SETTINGS_SECTION, type UsernameSettings, readSettings, scanOptionsFor, settingsKey } from '../settings/usernames';

export interface CheckedDocument {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly format: FileFormat;
  /** The findings published (the first `maxProblemsPerFile` by position). */
  readonly shown: readonly Finding[];
  /** Every finding and the per-entry records, built on first read. */
  readonly findings: readonly Finding[];
  readonly records: readonly EntryRecord[];
  /** The per-entry record holding `line` (a hover: no list is built). */
  recordAt(line: number): EntryRecord | undefined;
}

/** What a test or benchmark can observe about the incremental checks. */
export interface CheckStats {
  /** Entries the engine re-parsed in the last check of a document. */
  lastReparsedEntries: number;
  fullChecks: number;
  incrementalChecks: number;
  staleDropped: number;
  /** First findings published from the scan worker while the model was being built (before or after the document arrived). */
  workerChecks: number;
  /** Of those, findings published before the document arrived (its tab opened first). */
  beforeOpenChecks: number;
  /** Of those, findings taken back when the document arrived and was not the file read (also counted in staleDropped). */
  beforeOpenTakenBack: number;
  /** DiagnosticCollection.set calls for open documents' checks (a check that finds the list already shown sends nothing). */
  sets: number;
  /** The longest time each of the checks' callbacks held the extension host (ms), by name (the benchmark reports them). */
  longestBlockByName: Record<string, number>;
  /**
   * The most CPU time (user + system, ms) each callback took, by name: on a busy machine a callback's wall time
   * includes the time the OS ran other processes (the process's other threads count here too: the worker, GC helpers).
   */
  longestCpuByName: Record<string, number>;
  /** Callbacks that held the host over LONG_BLOCK_MS (the most recent ones): the benchmark sets garbage collection pauses against them. */
  longBlocks: Array<{ name: string; start: number; ms: number }>;
}

/** A callback held the host this long (ms) is kept in `CheckStats.longBlocks`, up to LONG_BLOCKS_KEPT of them. */
const LONG_BLOCK_MS = 20;
const LONG_BLOCKS_KEPT = 100;

/** How long one slice of a first scan may run before the host gets its thread back. */
const SLICE_MS = 8;
/** Files at least this long (characters) get their first findings from the scan worker. */
const WORKER_MIN_CHARS = 512 * 1024;
/**
 * Files checked when their tab opens, by size on disk: smaller ones arrive and are checked quickly; VS Code
 * does not hand files over 50 MB to extensions as documents, so no document would ever confirm the findings.
 */
const BEFORE_OPEN_BYTES = { minBytes: WORKER_MIN_CHARS, maxBytes: 50 * 1024 * 1024 };

/** The document's lines as the model reads them (`getText()` would join all of them in one go). */
function linesOf(document: vscode.TextDocument): LineSource {
  return {
    lineCount: document.lineCount,
    lineAt: (i) => document.lineAt(i).text,
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    // A stretch of lines in one call (VS Code makes a TextLine object per lineAt): up to the next line's start, or the document's end.
    textOf: (from, to) =>
      document.getText(
        to < document.lineCount
          ? new vscode.Range(from, 0, to, 0)
          : new vscode.Range(from, 0, document.lineCount - 1, document.lineAt(document.lineCount - 1).text.length)
      ),
  };
}

/** Characters in the document, from its last line's end (no whole text is built). */
function lengthOf(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** Views of other documents (diffs, output, SCM) that are never sync files themselves. */
const IGNORED_SCHEMES = new Set(['output', 'git', 'gitfs', 'vscode', 'vscode-scm', 'comment', 'debug', 'vscode-settings']);

/** A file whose tab opened before its document arrived, checked by the worker from disk. */
class BeforeOpen {
  readonly abort = new AbortController();
  /** The worker's answer, once published: compared with the document when it arrives. */
  answer: BeforeOpenAnswer | undefined;
  published: readonly vscode.Diagnostic[] | undefined;
  /** The document lengths of the file read, once they follow the answer (undefined then: unknown). */
  lengths: FileText | undefined;
  lengthsArrived = false;

  constructor(
    readonly uri: vscode.Uri,
    readonly format: FileFormat,
    readonly key: string,
    readonly since: number
  ) {}
}

class DocumentState {
  timer: NodeJS.Timeout | undefined;
  /** A check queued as a microtask (no debounce); replaced or cleared to cancel it. */
  queued: object | undefined;
  /** The next slice of the model's first scan, or its first check. */
  slice: NodeJS.Immediate | undefined;
  /** The first scan took more than one slice. */
  sliced = false;
  /** The scan worker's first check, while it runs. */
  early: AbortController | undefined;
  /** Version of the text the model has seen; the check result is for this version. */
  modelVersion: number;
  last: CheckedDocument | undefined;
  /** What was last handed to the collection (an unchanged list is not sent again). */
  published: readonly vscode.Diagnostic[] | undefined;
  /** The check of the file begun when its tab opened, still running when the document arrived. */
  beforeOpen: BeforeOpen | undefined;
  /** When the document reached the host, and when the first edit not checked yet did (performance.now()). */
  readonly arrivedAt = performance.now();
  changedAt: number | undefined;

  constructor(
    readonly document: vscode.TextDocument,
    readonly format: FileFormat,
    readonly settings: UsernameSettings,
    readonly key: string,
    readonly model: IncrementalDocument
  ) {
    this.modelVersion = document.version;
  }

  cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queued = undefined;
  }

  cancelEarly(): void {
    this.early?.abort();
    this.early = undefined;
    this.beforeOpen = undefined;
  }

  /** Stops everything this document has pending: the debounce, the next slice and the worker's check. */
  cancel(): void {
    this.cancelTimer();
    if (this.slice) clearImmediate(this.slice);
    this.slice = undefined;
    this.cancelEarly();
  }
}

/** Fired after a document's diagnostics were published (tests and the benchmark wait on it). */
export interface CheckedEvent {
  uri: vscode.Uri;
  version: number;
  reparsedEntries: number;
  /** The first findings, from the scan worker; the model's own check follows. */
  fromWorker: boolean;
  /** Published before the document arrived (version 0): the file, read when its tab opened. */
  beforeDocument?: true;
  timing: CheckTiming;
}

/** Where a published check's time went in the extension host (the benchmark reads it). */
export interface CheckTiming {
  /**
   * performance.now() when what was checked reached the host: the first edit not checked yet, else the
   * document's arrival (onDidOpenTextDocument), or the tab's opening for a check before the document.
   */
  since: number;
  /** The engine's check on this thread (0 for the worker's), making the Diagnostic objects, and DiagnosticCollection.set (ms). */
  checkMs: number;
  convertMs: number;
  setMs: number;
  /** An edit's check: from the edit's arrival to the check's start (the change event's other listeners, the host's other work; ms). */
  waitMs?: number;
  /** CPU time (user + system, ms) of the model's check, the Diagnostic objects and `set` together. */
  cpuMs?: number;
  /** A check of a file before its document arrived: where the time from `since` went, step by step (ms). */
  steps?: Record<string, number>;
}

export class UsernameDiagnostics extends Disposable {
  readonly collection: vscode.DiagnosticCollection;
  private readonly states = new Map<string, DocumentState>();
  private readonly factory: DiagnosticFactory;
  private readonly onDidCheckEmitter = this._register(new vscode.EventEmitter<CheckedEvent>());
  readonly onDidCheck = this.onDidCheckEmitter.event;
  readonly stats: CheckStats = {
    lastReparsedEntries: 0,
    fullChecks: 0,
    incrementalChecks: 0,
    staleDropped: 0,
    workerChecks: 0,
    beforeOpenChecks: 0,
    beforeOpenTakenBack: 0,
    sets: 0,
    longestBlockByName: {},
    longestCpuByName: {},
    longBlocks: [],
  };
  /** First checks of large documents; its own thread, so a workspace scan never delays them. */
  private readonly worker: ScanWorkerClient;
  /** Diagnostics from the last workspace scan, by URI; shown when the file is not open. */
  private readonly scanned = new Map<string, vscode.Diagnostic[]>();
  /** Files whose tab opened before their document arrived, by URI. */
  private readonly beforeOpen = new Map<string, BeforeOpen>();

  constructor(private readonly services: DiagnosticsHost) {
    super();
    this.collection = this._register(vscode.languages.createDiagnosticCollection('pingone-usernames'));
    this.factory = new DiagnosticFactory(extensionReadme(services.context.extensionUri));
    this.worker = this._register(new ScanWorkerClient(services.context.extensionPath));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.timed('document opened', () => this.track(d))));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.timed('document changed', () => this.onChange(e))));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.timed('document closed', () => this.onClose(d))));
    this._register(vscode.window.tabGroups.onDidChangeTabs((e) => this.timed('tabs changed', () => this.onTabs(e))));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTINGS_SECTION)) this.timed('settings changed', () => this.recheckAll());
      })
    );
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.timed('trust granted', () => this.recheckAll())));
    this._register({
      dispose: () => {
        this.states.forEach((s) => s.cancel());
        this.beforeOpen.forEach((b) => b.abort.abort());
      },
    });
    for (const d of vscode.workspace.textDocuments) this.track(d);
    // The worker is started once the extension has activated (a sync file or the explorer is open), not when a
    // large file's tab opens: its start-up would delay that file's first diagnostics and hold the tab's callback.
    const warm = setImmediate(() => this.worker.warm());
    this._register({ dispose: () => clearImmediate(warm) });
  }

  get diagnosticFactory(): DiagnosticFactory {
    return this.factory;
  }

  settingsFor(uri: vscode.Uri | undefined): UsernameSettings {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, uri);
    return readSettings((key) => config.get(key));
  }

  /** Whether a document is one of ours: a known format, and inside the include/exclude globs. */
  applies(document: vscode.TextDocument, settings = this.settingsFor(document.uri)): FileFormat | undefined {
    if (IGNORED_SCHEMES.has(document.uri.scheme)) return undefined;
    const format = formatOf(document.languageId, document.uri.path);
    if (!format) return undefined;
    // An unsaved buffer has no path for the globs; its language mode decides.
    if (document.uri.scheme === 'untitled') return document.languageId === 'ldif' || document.languageId === 'csv' ? format : undefined;
    return this.included(document.uri, settings) ? format : undefined;
  }

  private included(uri: vscode.Uri, settings: UsernameSettings): boolean {
    return isIncluded(vscode.workspace.asRelativePath(uri, false), settings.include, settings.exclude);
  }

  /** The latest published check of an open document. */
  checked(uri: vscode.Uri): CheckedDocument | undefined {
    return this.states.get(uri.toString())?.last;
  }

  isTracked(uri: vscode.Uri): boolean {
    return this.states.has(uri.toString());
  }

  /** First scans held by `holdFirstScans`, resumed when the last hold ends. */
  private holds = 0;
  private readonly held = new Set<DocumentState>();

  /**
   * Tests: holds the slices of first scans (the worker still answers) until
   * the returned disposable is disposed, so an edit or a close can be made
   * while a scan is in flight whatever the machine's speed.
   */
  holdFirstScans(): vscode.Disposable {
    this.holds++;
    let released = false;
    return new vscode.Disposable(() => {
      if (released) return;
      released = true;
      if (--this.holds > 0) return;
      const held = [...this.held];
      this.held.clear();
      for (const state of held) this.timed('first-scan slice', () => this.buildSlice(state));
    });
  }

  /**
   * Tests: holds the document lengths that follow the worker's check of a file whose tab opened, until the
   * returned disposable is disposed, so the document can arrive between the findings and the lengths.
   */
  holdWorkerLengths(): vscode.Disposable {
    return new vscode.Disposable(this.worker.holdLengths());
  }

  /** Work still scheduled for open documents (tests: nothing may be left after a close). */
  pendingWork(): {
    timers: number;
    slices: number;
    workerChecks: number;
    beforeOpen: number;
    workerBusy: boolean;
    workerRunning: boolean;
    workerWarm: boolean;
  } {
    let timers = 0,
      slices = 0,
      workerChecks = 0;
    for (const s of this.states.values()) {
      if (s.timer || s.queued) timers++;
      if (s.slice || this.held.has(s)) slices++;
      if (s.early) workerChecks++;
    }
    const beforeOpen = this.beforeOpen.size;
    const { busy: workerBusy, running: workerRunning, warmedUp: workerWarm } = this.worker;
    return { timers, slices, workerChecks, beforeOpen, workerBusy, workerRunning, workerWarm };
  }

  /** The callback running now (`timed`); a callback that goes on to check and publish says so in its name. */
  private running = '';

  /** Runs one of the checks' callbacks, noting how long it held the host, by name. */
  private timed(name: string, fn: () => void): void {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const outer = this.running;
    this.running = name;
    try {
      fn();
    } finally {
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const { stats } = this;
      const named = this.running;
      this.running = outer;
      stats.longestBlockByName[named] = Math.max(stats.longestBlockByName[named] ?? 0, ms);
      stats.longestCpuByName[named] = Math.max(stats.longestCpuByName[named] ?? 0, (cpu.user + cpu.system) / 1000);
      if (ms > LONG_BLOCK_MS) {
        if (stats.longBlocks.length === LONG_BLOCKS_KEPT) stats.longBlocks.shift();
        stats.longBlocks.push({ name: named, start: t0, ms });
      }
    }
  }

  /**
   * Starts (or restarts) checking a document: a full scan, published as soon
   * as its first slice finishes it (small documents: now), else by the worker
   * (large ones) or when the last slice is done.
   */
  track(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const before = this.beforeOpen.get(key);
    this.beforeOpen.delete(key);
    const settings = this.settingsFor(document.uri);
    const format = this.applies(document, settings);
    const existing = this.states.get(key);
    if (!format) {
      if (before) this.dropBeforeOpen(before);
      if (existing) this.untrack(document.uri);
      return;
    }
    const skey = settingsKey(settings);
    if (existing && existing.key === skey && existing.format === format && existing.modelVersion === document.version) return;
    existing?.cancel();
    const options = scanOptionsFor(settings, format);
    const state = new DocumentState(document, format, settings, skey, openDocumentScan(linesOf(document), options));
    this.states.set(key, state);
    this.stats.fullChecks++;
    // A large document's build starts in a task of its own: this callback only sets its checks up.
    const large = lengthOf(document) >= WORKER_MIN_CHARS;
    if (large) this.nextSlice(state);
    else if (this.buildSlice(state)) {
      // The model's check is published: the file's check is not needed.
      before?.abort.abort();
      return;
    }
    if (before?.answer && !before.lengthsArrived) {
      // Published before the document arrived, the file's lengths still on their way: compared when they come.
      state.early = before.abort;
      state.beforeOpen = before;
      return;
    }
    if (before?.answer) {
      // Published before the document arrived: kept if the document is that file's text, else taken back.
      if (this.isFileText(state, before)) {
        state.published = before.published;
        return;
      }
      this.dropBeforeOpen(before);
    } else if (before) {
      // Still reading the file: its answer is compared with this document.
      state.early = before.abort;
      state.beforeOpen = before;
      return;
    }
    // The worker reads the file from disk: only while the document is the file's text.
    if (document.uri.scheme === 'file' && !document.isDirty && large) this.checkInWorker(state);
  }

  /** Tabs opened or closed: a large sync file's check starts before its document arrives, and stops if its last tab closes. */
  private onTabs(e: vscode.TabChangeEvent): void {
    for (const tab of e.opened) if (tab.input instanceof vscode.TabInputText) this.checkBeforeOpen(tab.input.uri);
    for (const tab of e.closed) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const before = this.beforeOpen.get(tab.input.uri.toString());
      if (before && !this.hasTab(before.uri)) this.dropBeforeOpen(before);
    }
  }

  private hasTab(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.window.tabGroups.all.some((g) =>
      g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key)
    );
  }

  /**
   * Whether VS Code decodes the file as UTF-8 (`files.encoding` utf8 or utf8bom for the resource and language,
   * no `files.autoGuessEncoding`): then a file that is valid UTF-8 is the document's text.
   */
  private decodedAsUtf8(uri: vscode.Uri, languageId: string): boolean {
    const files = vscode.workspace.getConfiguration('files', { uri, languageId });
    const encoding = files.get<string>('encoding');
    return (encoding === 'utf8' || encoding === 'utf8bom') && files.get<boolean>('autoGuessEncoding') !== true;
  }

  /**
   * Above `workbench.editorLargeFileConfirmation` (MB; VS Code's default is 10 on a remote host, 1024 on a
   * local one) the editor asks before opening the file, and no document arrives unless the user agrees.
   */
  private largeFileConfirmationBytes(uri: vscode.Uri): number {
    const mb = vscode.workspace.getConfiguration('workbench', uri).get<number>('editorLargeFileConfirmation');
    return typeof mb === 'number' && mb > 0 ? mb * 1024 * 1024 : Infinity;
  }

  /** A tab of a file not open as a document yet: the worker checks the file now. */
  private checkBeforeOpen(uri: vscode.Uri): void {
    const key = uri.toString();
    if (uri.scheme !== 'file' || this.states.has(key) || this.beforeOpen.has(key)) return;
    const format = formatOf(undefined, uri.path);
    if (!format || vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
    const settings = this.settingsFor(uri);
    if (!this.included(uri, settings) || !this.decodedAsUtf8(uri, format)) return;
    // A stat of a few microseconds spares a small file the worker (the worker checks the size again after reading).
    const size = statSync(uri.fsPath, { throwIfNoEntry: false })?.size ?? -1;
    const sizes = { ...BEFORE_OPEN_BYTES, maxBytes: Math.min(BEFORE_OPEN_BYTES.maxBytes, this.largeFileConfirmationBytes(uri)) };
    if (size < sizes.minBytes || size > sizes.maxBytes) return;
    const before = new BeforeOpen(uri, format, settingsKey(settings), performance.now());
    this.beforeOpen.set(key, before);
    const max = settings.maxProblemsPerFile;
    this.worker.checkBeforeOpen(uri.fsPath, scanOptionsFor(settings, format), max, sizes, before.abort.signal).then(
      (answer) => this.timed('worker answer (tab)', () => this.onBeforeOpenAnswer(before, answer, max)),
      (e: unknown) => {
        if (this.beforeOpen.get(key) === before) this.beforeOpen.delete(key);
        const state = this.states.get(key);
        if (state?.beforeOpen === before) {
          // The model publishes.
          state.early = undefined;
          state.beforeOpen = undefined;
        }
        if (!isCancellation(e)) this.services.logger.warn(`The check of ${uri.fsPath} in the scan worker failed: ${String(e)}`);
      }
    );
  }

  private onBeforeOpenAnswer(before: BeforeOpen, answer: BeforeOpenAnswer | undefined, max: number): void {
    const key = before.uri.toString();
    const state = this.states.get(key);
    if (answer) void answer.lengths.then((lengths) => this.timed('worker lengths (tab)', () => this.onBeforeOpenLengths(before, lengths)));
    if (state?.beforeOpen === before) {
      // The document arrived while the file was read: published only if the document is that file's text,
      // told by the lengths that follow (onBeforeOpenLengths).
      if (answer && !state.model.ready) {
        before.answer = answer;
        return;
      }
      state.early = undefined;
      state.beforeOpen = undefined;
      if (!answer) this.stats.staleDropped++;
      return;
    }
    if (this.beforeOpen.get(key) !== before) return;
    if (!answer) {
      this.beforeOpen.delete(key);
      return;
    }
    before.answer = answer;
    const t0 = performance.now();
    const diagnostics = this.factory.fromCapped(before.uri, answer.capped, max);
    const t1 = performance.now();
    before.published = diagnostics;
    this.collection.set(before.uri, diagnostics);
    this.stats.sets++;
    const timing: CheckTiming = { since: before.since, checkMs: 0, convertMs: t1 - t0, setMs: performance.now() - t1 };
    timing.steps = this.stepsBeforeOpen(before, answer, t0, timing);
    this.stats.workerChecks++;
    this.stats.beforeOpenChecks++;
    this.onDidCheckEmitter.fire({ uri: before.uri, version: 0, reparsedEntries: 0, fromWorker: true, beforeDocument: true, timing });
  }

  /**
   * The document lengths of a file checked when its tab opened. A document that arrived before them is
   * compared now: its findings are published (or kept, if published before it arrived) when it is the
   * file's text, else taken back.
   */
  private onBeforeOpenLengths(before: BeforeOpen, lengths: FileText | undefined): void {
    before.lengths = lengths;
    before.lengthsArrived = true;
    const state = this.states.get(before.uri.toString());
    if (state?.beforeOpen !== before || !before.answer) return;
    state.early = undefined;
    state.beforeOpen = undefined;
    if (state.model.ready) return;
    if (!this.isFileText(state, before)) {
      if (before.published) this.dropBeforeOpen(before);
      else this.stats.staleDropped++;
      return;
    }
    if (before.published) {
      state.published = before.published;
      return;
    }
    this.stats.workerChecks++;
    const timing = this.publish(state, before.answer.capped, before.since);
    this.onDidCheckEmitter.fire({ uri: before.uri, version: state.modelVersion, reparsedEntries: 0, fromWorker: true, timing });
  }

  /** Where the time from a tab's opening to its file's published diagnostics went (the benchmark reports it). */
  private stepsBeforeOpen(before: BeforeOpen, answer: BeforeOpenAnswer, arrived: number, timing: CheckTiming): Record<string, number> {
    const { startedAt, onlineAt } = this.worker;
    const startUp = onlineAt > before.since ? onlineAt - Math.max(startedAt, before.since) : 0;
    const { readMs, textCheckMs, scanMs } = answer.spent;
    const waits = arrived - before.since - startUp - readMs - textCheckMs - scanMs;
    return {
      'worker start-up': startUp,
      'read file': readMs,
      'text check': textCheckMs,
      scan: scanMs,
      'messages and waits': waits,
      'Diagnostic objects': timing.convertMs,
      set: timing.setMs,
    };
  }

  /**
   * Whether the document is the text of the file the worker read: unedited, checked with the same settings,
   * decoded as UTF-8 (its real language's settings), of the length that file gives with the document's end
   * of line, and the file unchanged on disk since.
   */
  private isFileText(state: DocumentState, before: BeforeOpen): boolean {
    const { answer, lengths } = before;
    if (!answer || !lengths) return false;
    const { document } = state;
    if (this.states.get(document.uri.toString()) !== state || document.isClosed || document.isDirty) return false;
    if (document.version !== state.modelVersion || state.format !== before.format || state.key !== before.key) return false;
    if (!this.decodedAsUtf8(document.uri, document.languageId)) return false;
    const length = document.eol === vscode.EndOfLine.CRLF ? lengths.lengthIfCrlf : lengths.lengthIfLf;
    if (lengthOf(document) !== length) return false;
    const now = statSync(document.uri.fsPath, { throwIfNoEntry: false });
    return now !== undefined && now.size === answer.size && now.mtimeMs === answer.mtimeMs;
  }

  /** Stops a check begun when a tab opened and takes back what it published. */
  private dropBeforeOpen(before: BeforeOpen): void {
    before.abort.abort();
    const key = before.uri.toString();
    if (this.beforeOpen.get(key) === before) this.beforeOpen.delete(key);
    if (!before.published) return;
    before.published = undefined;
    this.stats.staleDropped++;
    this.stats.beforeOpenTakenBack++;
    this.restore(before.uri);
  }

  /** What a file shows when no check of its document is: the workspace scan's results, or nothing. */
  private restore(uri: vscode.Uri): void {
    const scanned = this.scanned.get(uri.toString());
    if (scanned) this.collection.set(uri, scanned);
    else this.collection.delete(uri);
  }

  /** One slice of the model's first scan; the check runs when it is complete. True when it is. */
  private buildSlice(state: DocumentState): boolean {
    state.slice = undefined;
    if (this.states.get(state.document.uri.toString()) !== state) return false;
    if (this.holds > 0) {
      this.held.add(state);
      return false;
    }
    const first = !state.sliced;
    if (!state.model.build(SLICE_MS)) {
      this.nextSlice(state);
      return false;
    }
    if (!first) {
      // The last slice and the model's first check (every record walked, the diagnostics made and set) would
      // hold the host together: the check gets a task of its own.
      state.slice = setImmediate(() => this.timed('first check', () => this.firstCheck(state)));
      return false;
    }
    this.firstCheck(state);
    return true;
  }

  /** Schedules the next slice of the model's first scan; setImmediate: the host reads its messages (edits among them) between slices. */
  private nextSlice(state: DocumentState): void {
    state.sliced = true;
    state.slice = setImmediate(() => this.timed('first-scan slice', () => this.buildSlice(state)));
  }

  /** The model's first check: it replaces the worker's and takes in any edits made meanwhile. */
  private firstCheck(state: DocumentState): void {
    state.slice = undefined;
    if (this.states.get(state.document.uri.toString()) !== state) return;
    state.cancelEarly();
    state.cancelTimer();
    this.runCheck(state);
  }

  /** The first findings of a large file, from the worker, while the model is built. */
  private checkInWorker(state: DocumentState): void {
    const early = new AbortController();
    state.early = early;
    const version = state.modelVersion;
    const max = state.settings.maxProblemsPerFile;
    const options = scanOptionsFor(state.settings, state.format);
    this.worker.checkFile(state.document.uri.fsPath, options, max, lengthOf(state.document), early.signal).then(
      (capped) =>
        this.timed('worker answer (document)', () => {
          if (state.early !== early) return;
          state.early = undefined;
          const { document } = state;
          if (this.states.get(document.uri.toString()) !== state || state.model.ready) return;
          // Edited or saved since, or the file is not the text shown (another encoding, normalised line
          // ends): the model's check publishes instead.
          if (!capped || document.isClosed || document.isDirty || document.version !== version || state.modelVersion !== version) {
            this.stats.staleDropped++;
            return;
          }
          this.stats.workerChecks++;
          const timing = this.publish(state, capped, state.arrivedAt);
          this.onDidCheckEmitter.fire({ uri: document.uri, version, reparsedEntries: 0, fromWorker: true, timing });
        }),
      (e: unknown) => {
        if (state.early === early) state.early = undefined;
        // Cancelled (closed, re-tracked, or the worker stopped for another document): the model publishes.
        if (!isCancellation(e))
          this.services.logger.warn(`The first check of ${state.document.uri.fsPath} in the scan worker failed: ${String(e)}`);
      }
    );
  }

  private untrack(uri: vscode.Uri): void {
    const key = uri.toString();
    const state = this.states.get(key);
    if (state) {
      state.cancel();
      this.held.delete(state);
    }
    this.states.delete(key);
    this.restore(uri);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const arrived = performance.now();
    const state = this.states.get(e.document.uri.toString());
    if (!state) {
      // A language-mode change re-opens; anything else untracked stays so.
      return;
    }
    if (e.contentChanges.length === 0) return;
    if (!state.model.ready) {
      // The build reads the live document: the lines it has not read yet already hold this edit. Start over.
      this.track(e.document);
      return;
    }
    state.model.applyEdits(
      e.contentChanges.map((c) => ({
        range: {
          startLine: c.range.start.line,
          startColumn: c.range.start.character,
          endLine: c.range.end.line,
          endColumn: c.range.end.character,
        },
        rangeOffset: c.rangeOffset,
        rangeLength: c.rangeLength,
        text: c.text,
      }))
    );
    state.modelVersion = e.document.version;
    state.changedAt ??= arrived;
    this.schedule(state);
  }

  private schedule(state: DocumentState): void {
    state.cancelTimer();
    const check = () =>
      this.timed('edit check', () => {
        // Until the model is ready the edits wait in its queue; its first check takes them in.
        if (!state.model.ready) return;
        this.stats.incrementalChecks++;
        this.runCheck(state);
      });
    if (state.settings.debounceMs > 0) {
      state.timer = setTimeout(() => {
        state.timer = undefined;
        check();
      }, state.settings.debounceMs);
      return;
    }
    // No debounce: right after this change event's listeners (every change of one message included), before the
    // host turns to its next task; a zero timer waited behind whatever the host ran next (other extensions' work).
    const token = {};
    state.queued = token;
    queueMicrotask(() => {
      if (state.queued !== token) return;
      state.queued = undefined;
      check();
    });
  }

  private runCheck(state: DocumentState): void {
    if (this.running && !this.running.endsWith(' + check')) this.running += ' + check';
    const { document } = state;
    const key = document.uri.toString();
    const forVersion = state.modelVersion;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let result: DocumentCheck;
    try {
      result = state.model.check(state.settings.maxProblemsPerFile);
    } catch (e) {
      // The engine never throws on bad input; this is a bug, so say where, and keep the old results.
      this.services.logger.error(`Username check of ${document.uri.fsPath} failed: ${String((e as Error)?.stack ?? e)}`);
      return;
    }
    // Never publish a result for text the editor no longer shows.
    if (this.states.get(key) !== state || document.isClosed || document.version !== forVersion || state.modelVersion !== forVersion) {
      this.stats.staleDropped++;
      return;
    }
    this.stats.lastReparsedEntries = result.reparsedEntries;
    const check = result;
    state.last = {
      uri: document.uri,
      version: forVersion,
      format: state.format,
      shown: check.shown,
      get findings() {
        return check.findings;
      },
      get records() {
        return check.records;
      },
      recordAt: (line) => check.recordAt(line),
    };
    const checkMs = performance.now() - t0;
    // The model built only the findings shown (severities applied); the rest are counted in `hidden`.
    const capped = selectFindings(check.shown, state.settings.severity, state.settings.maxProblemsPerFile, check.hidden);
    const waitMs = state.changedAt === undefined ? undefined : t0 - state.changedAt;
    const timing: CheckTiming = { ...this.publish(state, capped, state.changedAt ?? state.arrivedAt), checkMs, waitMs };
    const cpu = process.cpuUsage(cpu0);
    timing.cpuMs = (cpu.user + cpu.system) / 1000;
    state.changedAt = undefined;
    const reparsedEntries = result.reparsedEntries;
    this.onDidCheckEmitter.fire({ uri: document.uri, version: forVersion, reparsedEntries, fromWorker: false, timing });
  }

  /** Hands the diagnostics to VS Code, unless they are the very objects already shown. */
  private publish(state: DocumentState, capped: Capped, since: number): CheckTiming {
    const uri = state.document.uri;
    const t0 = performance.now();
    const diagnostics = this.factory.fromCapped(uri, capped, state.settings.maxProblemsPerFile, state.published);
    const t1 = performance.now();
    const timing = { since, checkMs: 0, convertMs: t1 - t0, setMs: 0 };
    const before = state.published;
    if (before && before.length === diagnostics.length && before.every((d, i) => d === diagnostics[i])) return timing;
    state.published = diagnostics;
    this.collection.set(uri, diagnostics);
    this.stats.sets++;
    timing.setMs = performance.now() - t1;
    return timing;
  }

  private onClose(document: vscode.TextDocument): void {
    if (this.states.has(document.uri.toString())) this.untrack(document.uri);
  }

  /** Settings changed or trust granted: every open document from scratch, now. */
  recheckAll(): void {
    // Files still waiting for their document start again with the new settings when it arrives.
    for (const b of [...this.beforeOpen.values()]) this.dropBeforeOpen(b);
    for (const s of this.states.values()) s.cancel();
    this.states.clear();
    for (const d of vscode.workspace.textDocuments) this.track(d);
    // Documents that stopped matching lose their editor results.
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (!this.states.has(uri.toString()) && !this.scanned.has(uri.toString())) stale.push(uri);
    });
    for (const uri of stale) this.collection.delete(uri);
  }

  /** Publishes workspace-scan results for a file; an open, checked document keeps its live results. */
  setScanResult(uri: vscode.Uri, diagnostics: vscode.Diagnostic[] | undefined): void {
    const key = uri.toString();
    if (diagnostics) this.scanned.set(key, diagnostics);
    else this.scanned.delete(key);
    if (this.states.has(key)) return;
    if (diagnostics) this.collection.set(uri, diagnostics);
    else this.collection.delete(uri);
  }

  hasScanResult(uri: vscode.Uri): boolean {
    return this.scanned.has(uri.toString());
  }

  scannedUris(): vscode.Uri[] {
    return [...this.scanned.keys()].map((k) => vscode.Uri.parse(k));
  }

  clearScanResults(): void {
    for (const key of [...this.scanned.keys()]) this.setScanResult(vscode.Uri.parse(key), undefined);
  }

  /** The finding behind a published diagnostic (for quick fixes), matched by code and range. */
  findingAt(uri: vscode.Uri, code: string, range: vscode.Range): Finding | undefined {
    const last = this.checked(uri);
    return last?.shown.find(
      (f) =>
        f.code === code &&
        f.range.startLine === range.start.line &&
        f.range.startColumn === range.start.character &&
        f.range.endLine === range.end.line &&
        f.range.endColumn === range.end.character
    );
  }
}

export function rangeContains(r: Range, line: number, character: number): boolean {
  if (line < r.startLine || line > r.endLine) return false;
  if (line === r.startLine && character < r.startColumn) return false;
  if (line === r.endLine && character > r.endColumn) return false;
  return true;
}
