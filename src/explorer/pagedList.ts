import type { Page } from '../pingone/paging';
import type { Limiter } from './limiter';

export type ListState = 'idle' | 'loading' | 'loaded' | 'error';

export interface PageRequest {
  nextUrl?: string;
  signal: AbortSignal;
}

/**
 * The children of one tree node, fetched page by page on demand (the AWS
 * Toolkit's ChildNodeLoader and Azure's "Load More…", in one small class).
 *
 * - Nothing is fetched until `ensureLoaded` (the node was expanded).
 * - A second `ensureLoaded`/`loadMore` while one runs joins it: one request.
 * - `cancel` aborts what is in flight; `reset` also forgets what was loaded.
 *   A generation counter keeps a superseded load from writing its result.
 */
export class PagedList<T> {
  items: T[] = [];
  nextUrl?: string;
  count?: number;
  state: ListState = 'idle';
  error?: unknown;
  /** Set while "Load more" runs, and when it failed (the loaded items stay). */
  loadingMore = false;
  moreError?: unknown;
  private inflight?: Promise<void>;
  private controller?: AbortController;
  private generation = 0;

  constructor(
    private readonly fetch: (req: PageRequest) => Promise<Page<T>>,
    private readonly limiter: Limiter,
    private readonly key: (item: T) => string,
    /** Called whenever what the node shows changes (loading started or finished). */
    private readonly changed: () => void,
    /** Wraps a running load, e.g. to show progress in the view. */
    private readonly track: <R>(work: Promise<R>) => Promise<R> = (w) => w
  ) {}

  get busy(): boolean {
    return this.inflight !== undefined;
  }

  get hasMore(): boolean {
    return this.state === 'loaded' && this.nextUrl !== undefined;
  }

  ensureLoaded(): Promise<void> {
    if (this.state === 'loaded' || this.state === 'error') return Promise.resolve();
    if (this.inflight) return this.inflight;
    this.state = 'loading';
    return this.start(undefined, (page) => {
      this.items = dedupe(page.items, this.key);
      this.nextUrl = page.nextUrl;
      this.count = page.count;
      this.state = 'loaded';
    }, (e) => {
      this.error = e;
      this.state = 'error';
    }, () => {
      this.state = 'idle';
    });
  }

  loadMore(): Promise<void> {
    if (this.inflight) return this.inflight; // a double click loads one page, not two
    if (!this.hasMore) return Promise.resolve();
    this.loadingMore = true;
    this.moreError = undefined;
    this.changed();
    return this.start(this.nextUrl, (page) => {
      this.items = dedupe([...this.items, ...page.items], this.key);
      this.nextUrl = page.nextUrl;
      this.count = page.count ?? this.count;
      this.loadingMore = false;
    }, (e) => {
      this.moreError = e;
      this.loadingMore = false;
    }, () => {
      this.loadingMore = false;
    });
  }

  /** Aborts the running load. A first load goes back to idle (the next expand starts again). */
  cancel(notify = true): boolean {
    if (!this.controller) return false;
    this.generation++;
    this.controller.abort();
    this.controller = undefined;
    this.inflight = undefined;
    if (this.state === 'loading') this.state = 'idle';
    this.loadingMore = false;
    // The view may hold an empty answer for this node: make it ask again on the next expand.
    if (notify) this.changed();
    return true;
  }

  /** Forgets everything; the next expand fetches the first page again. */
  reset(): void {
    this.cancel(false);
    this.generation++;
    this.items = [];
    this.nextUrl = undefined;
    this.count = undefined;
    this.error = undefined;
    this.moreError = undefined;
    this.state = 'idle';
  }

  private start(
    nextUrl: string | undefined,
    onPage: (page: Page<T>) => void,
    onError: (e: unknown) => void,
    onCancelled: () => void
  ): Promise<void> {
    const generation = ++this.generation;
    const controller = new AbortController();
    this.controller = controller;
    const work = this.limiter
      .run(() => this.fetch({ nextUrl, signal: controller.signal }), controller.signal)
      .then(
        (page) => {
          if (generation === this.generation) onPage(page);
        },
        (e: unknown) => {
          if (generation !== this.generation) return;
          if (controller.signal.aborted) onCancelled();
          else onError(e);
        }
      )
      .finally(() => {
        if (generation !== this.generation) return;
        this.inflight = undefined;
        this.controller = undefined;
        // A first load is awaited by getChildren itself; "Load more" redraws its parent.
        if (nextUrl !== undefined) this.changed();
      });
    this.inflight = this.track(work);
    return this.inflight;
  }
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
