/**
 * Host side of the scan worker. The worker is started on first use and
 * terminated on cancel (the quickest way to stop a scan mid-file: requests
 * still pending fail as cancelled) or dispose.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { UserCancelled } from '../util/cancellation';
import type { ScanOptions, ScanResult } from '../usernames/types';
import type { Capped } from './findings';
import type { FileText } from './fileText';
import type { FileCheckedBeforeOpen, ScanRequest, ScanResponse, WorkerWarmed } from './scanProtocol';

/** A file checked before its document arrived; its document lengths come a little later (undefined: unknown). */
export interface BeforeOpenAnswer extends FileCheckedBeforeOpen {
  lengths: Promise<FileText | undefined>;
}

interface Pending {
  resolve(r: ScanResult | Capped | BeforeOpenAnswer | undefined): void;
  reject(e: Error): void;
}

/** A cancelled scan is a cancellation like any other (isCancellation). */
export class ScanCancelled extends UserCancelled {
  constructor() {
    super('The scan was cancelled.');
    this.name = 'ScanCancelled';
  }
}

export class ScanWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Document lengths still to come after a `beforeOpen` answer, by request id. */
  private readonly lengths = new Map<number, (l: FileText | undefined) => void>();
  /** Tests: lengths that arrived while held, delivered when the hold ends. */
  private heldLengths: Array<() => void> | undefined;
  /** performance.now() when the running worker was created and when its thread began running (the benchmark reads them). */
  startedAt = 0;
  onlineAt = 0;
  /** The running worker finished its warm-up (its scanner is compiled) before any request stopped it. */
  warmedUp = false;

  constructor(private readonly extensionPath: string) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(this.extensionPath, 'dist', 'scanWorker.js'));
    this.startedAt = performance.now();
    this.onlineAt = 0;
    this.warmedUp = false;
    worker.once('online', () => {
      if (this.worker === worker) this.onlineAt = performance.now();
    });
    worker.on('message', (m: ScanResponse | WorkerWarmed) => {
      if ('warmed' in m) {
        if (this.worker === worker) this.warmedUp = true;
        return;
      }
      if ('lengths' in m || 'error' in m) this.deliverLengths(m.id, 'lengths' in m ? m.lengths : undefined);
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('result' in m) p.resolve(m.result);
      else if ('capped' in m) p.resolve(m.capped);
      else if ('beforeOpen' in m) p.resolve({ ...m.beforeOpen, lengths: this.lengthsOf(m.id) });
      else if ('notTheDocument' in m) p.resolve(undefined);
      else if ('error' in m) p.reject(new Error(m.error));
    });
    const failAll = (e: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      this.dropLengths();
    };
    worker.on('error', (e) => failAll(e));
    worker.on('exit', (code) => failAll(code === 1 ? new ScanCancelled() : new Error(`The scan worker stopped (exit code ${code}).`)));
    // An idle worker must not keep the host process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Starts the worker thread now, so that the first request does not wait for it to load (about 80 ms, more on a busy machine). */
  warm(): void {
    this.ensure();
  }

  scan(filePath: string, options: ScanOptions, signal?: AbortSignal): Promise<ScanResult> {
    return this.request<ScanResult>((id) => ({ id, path: filePath, options }), signal);
  }

  /**
   * The first check of an open, unmodified document, read from its file: only what gets published comes
   * back; undefined when the file is not the document's text (UTF-8 of `documentLength` UTF-16 units).
   */
  checkFile(
    filePath: string,
    options: ScanOptions,
    maxFindings: number,
    documentLength: number,
    signal?: AbortSignal
  ): Promise<Capped | undefined> {
    return this.request<Capped | undefined>((id) => ({ id, path: filePath, options, maxFindings, documentLength }), signal);
  }

  /**
   * The first check of a file whose tab opened before its document arrived: undefined when the file may not
   * become that document's text (`fileText`), is outside `minBytes`..`maxBytes`, or changed while it was read.
   */
  checkBeforeOpen(
    filePath: string,
    options: ScanOptions,
    maxFindings: number,
    sizes: { minBytes: number; maxBytes: number },
    signal?: AbortSignal
  ): Promise<BeforeOpenAnswer | undefined> {
    return this.request<BeforeOpenAnswer | undefined>(
      (id) => ({ id, path: filePath, options, maxFindings, beforeOpen: true, ...sizes }),
      signal
    );
  }

  private lengthsOf(id: number): Promise<FileText | undefined> {
    return new Promise((resolve) => this.lengths.set(id, resolve));
  }

  private deliverLengths(id: number, lengths: FileText | undefined): void {
    const resolve = this.lengths.get(id);
    if (!resolve) return;
    this.lengths.delete(id);
    if (this.heldLengths) this.heldLengths.push(() => resolve(lengths));
    else resolve(lengths);
  }

  /** Lengths that will not come (the worker stopped): unknown. */
  private dropLengths(): void {
    for (const resolve of this.lengths.values()) resolve(undefined);
    this.lengths.clear();
  }

  /**
   * Tests: holds the document lengths that follow `checkBeforeOpen` answers until the returned function is
   * called, so a document can arrive between a file's published findings and its lengths.
   */
  holdLengths(): () => void {
    const held: Array<() => void> = [];
    this.heldLengths = held;
    return () => {
      if (this.heldLengths === held) this.heldLengths = undefined;
      for (const deliver of held.splice(0)) deliver();
    };
  }

  /** Whether a worker thread is running (idle or busy). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Whether a request is waiting for its answer. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  private request<T>(message: (id: number) => ScanRequest, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) return Promise.reject(new ScanCancelled());
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => this.terminate();
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (r) => {
          done();
          resolve(r as T);
        },
        reject: (e) => {
          done();
          reject(signal?.aborted ? new ScanCancelled() : e);
        },
      });
      worker.postMessage(message(id));
    });
  }

  terminate(): void {
    const w = this.worker;
    this.worker = undefined;
    if (!w) return;
    for (const p of this.pending.values()) p.reject(new ScanCancelled());
    this.pending.clear();
    this.dropLengths();
    void w.terminate();
  }

  dispose(): void {
    this.terminate();
  }
}
