/**
 * "Check Sync Files in Workspace": every file matching the include globs,
 * read from disk in a worker thread (so files over VS Code's 50 MB sync
 * limit are checked too), results published by URI into the Problems panel,
 * and refreshed when a scanned file changes on disk.
 */
import * as vscode from 'vscode';
import type { DiagnosticsHost } from './host';
import type { FileFormat, ScanOptions, ScanResult } from '../usernames/types';
import { Disposable } from '../util/disposable';
import type { UsernameDiagnostics } from './controller';
import { scanText } from './engine';
import { formatOf } from './fileFormat';
import { selectFindings } from './findings';
import { isIncluded, joinGlobs, matchesAny } from './glob';
import { isCancellation } from '../util/cancellation';
import { ScanCancelled, ScanWorkerClient } from './scanWorkerClient';
import { type UsernameSettings, scanOptionsFor } from '../settings/usernames';

export interface ScanTarget {
  uri: vscode.Uri;
  format: FileFormat;
  settings: UsernameSettings;
}

export interface WorkspaceScanSummary {
  files: number;
  filesWithProblems: number;
  problems: number;
  cancelled: boolean;
  failed: number;
}

/** Fired when a file's scan results were published (by a scan or a refresh after a change on disk). */
export interface FileScannedEvent {
  uri: vscode.Uri;
  problems: number;
  reason: 'scan' | 'refresh' | 'deleted';
}

const REFRESH_DELAY_MS = 200;

export class WorkspaceScanner extends Disposable {
  private readonly worker: ScanWorkerClient;
  private watchers: vscode.Disposable[] = [];
  private readonly refreshTimers = new Map<string, NodeJS.Timeout>();
  /** Bumped by each scan: a re-check begun under an earlier scan's settings publishes nothing. */
  private generation = 0;
  private readonly onDidScanFileEmitter = this._register(new vscode.EventEmitter<FileScannedEvent>());
  readonly onDidScanFile = this.onDidScanFileEmitter.event;
  /** Fired for any change on disk of a matching file (the environment check clears its results on it). */
  private readonly onDidChangeOnDiskEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChangeOnDisk = this.onDidChangeOnDiskEmitter.event;
  private running: AbortController | undefined;

  constructor(
    private readonly services: DiagnosticsHost,
    private readonly diagnostics: UsernameDiagnostics
  ) {
    super();
    this.worker = this._register(new ScanWorkerClient(services.context.extensionPath));
    this._register({
      dispose: () => {
        this.running?.abort();
        this.disposeWatchers();
        this.cancelRefreshes();
      },
    });
  }

  /** Matching files of every workspace folder, with each folder's settings. */
  async findTargets(signal?: AbortSignal): Promise<ScanTarget[]> {
    const targets: ScanTarget[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const settings = this.diagnostics.settingsFor(folder.uri);
      const include = joinGlobs(settings.include);
      if (!include) continue;
      const cts = new vscode.CancellationTokenSource();
      const onAbort = () => cts.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        let uris: vscode.Uri[];
        try {
          uris = await vscode.workspace.findFiles(
            new vscode.RelativePattern(folder, include),
            joinGlobs(settings.exclude) ?? null,
            undefined,
            cts.token
          );
        } catch (e) {
          // findFiles needs the search service (ripgrep); some hosts (code-server builds, virtual file systems) lack it.
          if (signal?.aborted) throw new ScanCancelled();
          this.services.logger.warn(`Searching the workspace failed (${(e as Error)?.message ?? e}); walking the folder instead.`);
          uris = await walkFolder(folder.uri, settings, signal);
        }
        for (const uri of uris) {
          const format = formatOf(undefined, uri.path);
          if (format && isIncluded(vscode.workspace.asRelativePath(uri, false), settings.include, settings.exclude))
            targets.push({ uri, format, settings });
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
        cts.dispose();
      }
    }
    return targets.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
  }

  /** Scans one file from disk; the worker for local files, `workspace.fs` otherwise. */
  async scanFile(target: ScanTarget, options: Partial<ScanOptions>, signal?: AbortSignal): Promise<ScanResult> {
    const full: ScanOptions = { ...scanOptionsFor(target.settings, target.format), ...options };
    if (target.uri.scheme === 'file') return this.worker.scan(target.uri.fsPath, full, signal);
    const bytes = await vscode.workspace.fs.readFile(target.uri);
    if (signal?.aborted) throw new ScanCancelled();
    return scanText(new TextDecoder('utf-8').decode(bytes), full);
  }

  /** Scans a file and publishes its problems; returns how many there are in total. */
  private async scanAndPublish(
    target: ScanTarget,
    reason: 'scan' | 'refresh',
    signal?: AbortSignal,
    // A refresh passes the generation its timer fired in: a scan started since (new settings) must win.
    generation = this.generation
  ): Promise<number> {
    const max = target.settings.maxProblemsPerFile;
    const result = await this.scanFile(target, { maxFindings: max, collectEntries: false }, signal);
    if (generation !== this.generation) return 0;
    const total = result.errors + result.warnings + result.infos;
    const capped = selectFindings(result.findings, target.settings.severity, max, Math.max(0, total - result.findings.length));
    const diagnostics = this.diagnostics.diagnosticFactory.fromCapped(target.uri, capped, max);
    this.diagnostics.setScanResult(target.uri, diagnostics);
    const problems = capped.shown.length + capped.hidden;
    this.onDidScanFileEmitter.fire({ uri: target.uri, problems, reason });
    return problems;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** The whole scan, with progress and cancel; results of files done so far stay when cancelled. */
  async run(report: (message: string, increment?: number) => void, signal: AbortSignal): Promise<WorkspaceScanSummary> {
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    const summary: WorkspaceScanSummary = { files: 0, filesWithProblems: 0, problems: 0, cancelled: false, failed: 0 };
    try {
      report('Finding sync files…');
      const targets = await this.findTargets(controller.signal);
      // A new scan replaces the old one's results, including re-checks still pending
      // under the old include/exclude settings.
      this.cancelRefreshes();
      this.diagnostics.clearScanResults();
      this.watch();
      for (const [i, target] of targets.entries()) {
        if (controller.signal.aborted) break;
        report(`${i + 1}/${targets.length}: ${vscode.workspace.asRelativePath(target.uri)}`, 100 / Math.max(1, targets.length));
        try {
          const n = await this.scanAndPublish(target, 'scan', controller.signal);
          summary.files++;
          summary.problems += n;
          if (n > 0) summary.filesWithProblems++;
        } catch (e) {
          if (isCancellation(e) || controller.signal.aborted) break;
          summary.failed++;
          this.services.logger.error(`Could not check ${target.uri.fsPath}: ${(e as Error)?.message ?? e}`);
        }
      }
      summary.cancelled = controller.signal.aborted;
      return summary;
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (this.running === controller) this.running = undefined;
    }
  }

  /** Keeps the scan's results current: a change on disk re-checks that file, a delete drops it. */
  private watch(): void {
    this.disposeWatchers();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const settings = this.diagnostics.settingsFor(folder.uri);
      const include = joinGlobs(settings.include);
      if (!include) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, include));
      const changed = (uri: vscode.Uri) => {
        const format = formatOf(undefined, uri.path);
        if (!format || !isIncluded(vscode.workspace.asRelativePath(uri, false), settings.include, settings.exclude)) return;
        this.onDidChangeOnDiskEmitter.fire(uri);
        this.scheduleRefresh({ uri, format, settings });
      };
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete((uri) => {
        this.onDidChangeOnDiskEmitter.fire(uri);
        const t = this.refreshTimers.get(uri.toString());
        if (t) clearTimeout(t);
        this.refreshTimers.delete(uri.toString());
        this.diagnostics.setScanResult(uri, undefined);
        this.onDidScanFileEmitter.fire({ uri, problems: 0, reason: 'deleted' });
      });
      this.watchers.push(watcher);
    }
  }

  private scheduleRefresh(target: ScanTarget): void {
    const key = target.uri.toString();
    const t = this.refreshTimers.get(key);
    if (t) clearTimeout(t);
    this.refreshTimers.set(
      key,
      setTimeout(() => {
        this.refreshTimers.delete(key);
        const generation = this.generation;
        // Only regular files are read, as by the CLI: a FIFO or a link to a device under a sync-file name is left alone.
        isRegularFile(target.uri)
          .then((regular) => (regular ? this.scanAndPublish(target, 'refresh', undefined, generation) : undefined))
          .catch((e: unknown) => {
            if (!isCancellation(e)) this.services.logger.warn(`Could not re-check ${target.uri.fsPath}: ${(e as Error)?.message ?? e}`);
          });
      }, REFRESH_DELAY_MS)
    );
  }

  private cancelRefreshes(): void {
    this.generation++;
    for (const t of this.refreshTimers.values()) clearTimeout(t);
    this.refreshTimers.clear();
  }

  private disposeWatchers(): void {
    for (const w of this.watchers.splice(0)) w.dispose();
  }

  /** Per-entry usernames of a file on disk (the environment check for files that are not open). */
  async recordsOf(target: ScanTarget, signal?: AbortSignal): Promise<ScanResult> {
    return this.scanFile(target, { collectEntries: true, maxFindings: 0 }, signal);
  }

  /** The scan target for a URI, when it is a matching sync file. */
  targetFor(uri: vscode.Uri): ScanTarget | undefined {
    const settings = this.diagnostics.settingsFor(uri);
    const format = formatOf(undefined, uri.path);
    if (!format || !isIncluded(vscode.workspace.asRelativePath(uri, false), settings.include, settings.exclude)) return undefined;
    return { uri, format, settings };
  }
}

/** True for a regular file, or a link to one (VS Code reports a FIFO, socket or device as neither File nor Directory). */
async function isRegularFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** Lists matching files by reading directories (the fallback when the search service is missing). */
async function walkFolder(root: vscode.Uri, settings: UsernameSettings, signal?: AbortSignal): Promise<vscode.Uri[]> {
  const found: vscode.Uri[] = [];
  const pending: Array<{ uri: vscode.Uri; rel: string }> = [{ uri: root, rel: '' }];
  while (pending.length > 0) {
    if (signal?.aborted) throw new ScanCancelled();
    const dir = pending.pop()!;
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir.uri);
    } catch {
      continue; // unreadable folder: skip, as search would
    }
    for (const [name, type] of entries) {
      const rel = dir.rel ? `${dir.rel}/${name}` : name;
      // Symbolic links are not followed, so a link loop cannot trap the walk.
      if (type & vscode.FileType.SymbolicLink) continue;
      if (type & vscode.FileType.Directory) {
        if (!matchesAny(`${rel}/`, settings.exclude)) pending.push({ uri: vscode.Uri.joinPath(dir.uri, name), rel });
      } else if (type & vscode.FileType.File && isIncluded(rel, settings.include, settings.exclude)) {
        found.push(vscode.Uri.joinPath(dir.uri, name));
      }
    }
  }
  return found;
}
