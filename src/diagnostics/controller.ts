/**
 * Username diagnostics for open LDIF and CSV documents. One DocumentState per
 * checked document holds the engine's incremental model: edits are applied to
 * it as they arrive (cheap), and the check itself runs after a per-document
 * debounce, re-parsing only the touched entries plus duplicate-affected ones.
 * Results carry the document version they were computed for and are dropped
 * when the document moved on (markdownlint's stale-result guard).
 */
import * as vscode from 'vscode';
import type { DiagnosticsHost } from './host';
import type { EntryRecord, FileFormat, Finding, Range } from '../usernames/types';
import { Disposable } from '../util/disposable';
import { DiagnosticFactory } from './convert';
import { type DocumentCheck, type IncrementalDocument, openDocumentScan } from './engine';
import { formatOf } from './fileFormat';
import { selectFindings } from './findings';
import { isIncluded } from './glob';
import { extensionReadme } from './readme';
import { SETTINGS_SECTION, type UsernameSettings, readSettings, scanOptionsFor, settingsKey } from '../settings/usernames';

export interface CheckedDocument {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly format: FileFormat;
  readonly findings: readonly Finding[];
  readonly records: readonly EntryRecord[];
}

/** What a test or benchmark can observe about the incremental checks. */
export interface CheckStats {
  /** Entries the engine re-parsed in the last check of a document. */
  lastReparsedEntries: number;
  fullChecks: number;
  incrementalChecks: number;
  staleDropped: number;
}

/** Views of other documents (diffs, output, SCM) that are never sync files themselves. */
const IGNORED_SCHEMES = new Set(['output', 'git', 'gitfs', 'vscode', 'vscode-scm', 'comment', 'debug', 'vscode-settings']);

class DocumentState {
  timer: NodeJS.Timeout | undefined;
  /** Version of the text the model has seen; the check result is for this version. */
  modelVersion: number;
  last: CheckedDocument | undefined;

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
  }
}

/** Fired after a document's diagnostics were published (tests and the benchmark wait on it). */
export interface CheckedEvent {
  uri: vscode.Uri;
  version: number;
  reparsedEntries: number;
}

export class UsernameDiagnostics extends Disposable {
  readonly collection: vscode.DiagnosticCollection;
  private readonly states = new Map<string, DocumentState>();
  private readonly factory: DiagnosticFactory;
  private readonly onDidCheckEmitter = this._register(new vscode.EventEmitter<CheckedEvent>());
  readonly onDidCheck = this.onDidCheckEmitter.event;
  readonly stats: CheckStats = { lastReparsedEntries: 0, fullChecks: 0, incrementalChecks: 0, staleDropped: 0 };
  /** Diagnostics from the last workspace scan, by URI; shown when the file is not open. */
  private readonly scanned = new Map<string, vscode.Diagnostic[]>();

  constructor(private readonly services: DiagnosticsHost) {
    super();
    this.collection = this._register(vscode.languages.createDiagnosticCollection('pingone-usernames'));
    this.factory = new DiagnosticFactory(extensionReadme(services.context.extensionUri));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.track(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTINGS_SECTION)) this.recheckAll();
      })
    );
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.recheckAll()));
    this._register({ dispose: () => this.states.forEach((s) => s.cancelTimer()) });
    for (const d of vscode.workspace.textDocuments) this.track(d);
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
    return isIncluded(vscode.workspace.asRelativePath(document.uri, false), settings.include, settings.exclude) ? format : undefined;
  }

  /** The latest published check of an open document. */
  checked(uri: vscode.Uri): CheckedDocument | undefined {
    return this.states.get(uri.toString())?.last;
  }

  isTracked(uri: vscode.Uri): boolean {
    return this.states.has(uri.toString());
  }

  /** Starts (or restarts) checking a document: a full scan, published now. */
  track(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const settings = this.settingsFor(document.uri);
    const format = this.applies(document, settings);
    const existing = this.states.get(key);
    if (!format) {
      if (existing) this.untrack(document.uri);
      return;
    }
    const skey = settingsKey(settings);
    if (existing && existing.key === skey && existing.format === format && existing.modelVersion === document.version) return;
    existing?.cancelTimer();
    const model = openDocumentScan(document.getText(), scanOptionsFor(settings, format));
    const state = new DocumentState(document, format, settings, skey, model);
    this.states.set(key, state);
    this.stats.fullChecks++;
    this.runCheck(state);
  }

  private untrack(uri: vscode.Uri): void {
    const key = uri.toString();
    this.states.get(key)?.cancelTimer();
    this.states.delete(key);
    const scanned = this.scanned.get(key);
    if (scanned) this.collection.set(uri, scanned);
    else this.collection.delete(uri);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(e.document.uri.toString());
    if (!state) {
      // A language-mode change re-opens; anything else untracked stays so.
      return;
    }
    if (e.contentChanges.length === 0) return;
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
    this.schedule(state);
  }

  private schedule(state: DocumentState): void {
    state.cancelTimer();
    state.timer = setTimeout(() => {
      state.timer = undefined;
      this.stats.incrementalChecks++;
      this.runCheck(state);
    }, state.settings.debounceMs);
  }

  private runCheck(state: DocumentState): void {
    const { document } = state;
    const key = document.uri.toString();
    const forVersion = state.modelVersion;
    let result: DocumentCheck;
    try {
      result = state.model.check();
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
    state.last = { uri: document.uri, version: forVersion, format: state.format, findings: result.findings, records: result.records };
    const capped = selectFindings(result.findings, state.settings.severity, state.settings.maxProblemsPerFile);
    this.collection.set(document.uri, this.factory.fromCapped(document.uri, capped, state.settings.maxProblemsPerFile));
    this.onDidCheckEmitter.fire({ uri: document.uri, version: forVersion, reparsedEntries: result.reparsedEntries });
  }

  private onClose(document: vscode.TextDocument): void {
    if (this.states.has(document.uri.toString())) this.untrack(document.uri);
  }

  /** Settings changed or trust granted: every open document from scratch, now. */
  recheckAll(): void {
    for (const s of this.states.values()) s.cancelTimer();
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
    return last?.findings.find(
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
