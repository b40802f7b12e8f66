import type { Page } from '../pingone/paging';
import type { Limiter } from './limiter';

export type ListState = 'idle' | 'loading' | 'loaded' | 'error';

export interface PageRequest {
  nextUrl?: string;
  signal: AbortSignal;
}

/** How many pages a first load fetches to get back to what was shown before a reload (then it stops). */
const MAX_PAGES_TO_RESTORE = 50;

/**
 * The children of one tree node, fetched page by page on demand (the AWS
 * Toolkit's ChildNodeLoader and Azure's "Load More…", in one small class).
 *
 * - Nothing is fetched until `ensureLoaded` (the node was expanded).
 * - What is shown is a window over what was fetched, `pageSize` more per
 *   "Load more": the next page is fetched only when the fetched items run
 *   out, so a server that answers with one whole list (PingOne documents no
 *   limit for some lists) and one that pages both work.
 * - A second `ensureLoaded`/`loadMore` while one runs joins it: one request.
 * - `cancel` aborts what is in flight; `reset` also forgets what was loaded.
 *   A generation counter keeps a superseded load from writing its result.
 */
export class PagedList<T> {
  items: T[] = [];
  /** How many of `items` are shown. */
  shown = 0;
  nextUrl?: string;
  count?: number;
  state: ListState = 'idle';
  error?: unknown;
  /** Set while "Load more" runs, and when it failed (the loaded items stay). */
  loadingMore = false;
  moreError?: unknown;
  /** After `reload`: how many items the first load brings back into view. */
  private restoreTo = 0;
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
    private readonly track: <R>(work: Promise<R>) => Promise<R> = (w) => w,
    /** How many more items each "Load more" shows. */
    private readonly pageSize: () => number = () => Number.MAX_SAFE_INTEGER
  ) {}

  /** The items shown (the window), in fetch order. */
  get visible(): T[] {
    return this.items.slice(0, this.shown);
  }

  get busy(): boolean {
    return this.inflight !== undefined;
  }

  get hasMore(): boolean {
    return this.state === 'loaded' && (this.items.length > this.shown || this.nextUrl !== undefined);
  }

  /**
   * Loads the first page; with `keep` (a reload that should show what was
   * shown before), further pages until that many items are there.
   */
  ensureLoaded(keep = this.restoreTo): Promise<void> {
    if (this.state === 'loaded' || this.state === 'error') return Promise.resolve();
    if (this.inflight) return this.inflight;
    this.state = 'loading';
    return this.start(
      undefined,
      (page) => {
        this.items = dedupe(page.items, this.key);
        this.nextUrl = page.nextUrl;
        this.count = page.count;
        this.shown = Math.min(this.items.length, Math.max(this.pageSize(), keep));
        this.state = 'loaded';
      },
      (e) => {
        this.error = e;
        this.state = 'error';
      },
      () => {
        this.state = 'idle';
      },
      keep
    );
  }

  loadMore(): Promise<void> {
    if (this.inflight) return this.inflight; // a double click loads one page, not two
    if (!this.hasMore) return Promise.resolve();
    if (this.items.length > this.shown) {
      // Already fetched: show the next window without a request.
      this.shown = Math.min(this.items.length, this.shown + this.pageSize());
      this.changed();
      return Promise.resolve();
    }
    this.loadingMore = true;
    this.moreError = undefined;
    this.changed();
    return this.start(
      this.nextUrl,
      (page) => {
        this.items = dedupe([...this.items, ...page.items], this.key);
        this.nextUrl = page.nextUrl;
        this.count = page.count ?? this.count;
        this.shown = Math.min(this.items.length, this.shown + this.pageSize());
        this.loadingMore = false;
      },
      (e) => {
        this.moreError = e;
        this.loadingMore = false;
      },
      () => {
        this.loadingMore = false;
      }
    );
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

  /** Replaces an item in place (it changed in PingOne); false when it is not in the list. */
  replace(item: T): boolean {
    const i = this.items.findIndex((x) => this.key(x) === this.key(item));
    if (i < 0) return false;
    this.items = [...this.items.slice(0, i), item, ...this.items.slice(i + 1)];
    return true;
  }

  /** Drops an item (it was deleted); the rest stay loaded and shown. */
  remove(key: string): void {
    const i = this.items.findIndex((x) => this.key(x) === key);
    if (i < 0) return;
    this.items = [...this.items.slice(0, i), ...this.items.slice(i + 1)];
    if (i < this.shown) this.shown--;
    if (this.count !== undefined) this.count = Math.max(0, this.count - 1);
  }

  /** Widens the window so the item is shown; false when it has not been fetched. */
  show(key: string): boolean {
    const i = this.items.findIndex((x) => this.key(x) === key);
    if (i < 0) return false;
    this.shown = Math.max(this.shown, i + 1);
    return true;
  }

  /** Forgets what was fetched, but the next load fetches (and shows) as many items as are shown now. */
  reload(): void {
    const keep = this.shown;
    this.reset();
    this.restoreTo = keep;
  }

  /** Forgets everything; the next expand fetches the first page again. */
  reset(): void {
    this.cancel(false);
    this.generation++;
    this.restoreTo = 0;
    this.shown = 0;
    this.items = [];
    this.nextUrl = undefined;
    this.count = undefined;
    this.error = undefined;
    this.moreError = undefined;
    this.state = 'idle';
  }

  private fetchAtLeast(nextUrl: string | undefined, atLeast: number, signal: AbortSignal): Promise<Page<T>> {
    return fetchPages(this.fetch, nextUrl, atLeast, signal);
  }

  private start(
    nextUrl: string | undefined,
    onPage: (page: Page<T>) => void,
    onError: (e: unknown) => void,
    onCancelled: () => void,
    atLeast = 0
  ): Promise<void> {
    const generation = ++this.generation;
    const controller = new AbortController();
    this.controller = controller;
    const work = this.limiter
      .run(() => this.fetchAtLeast(nextUrl, atLeast, controller.signal), controller.signal)
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

/** Follows `next` links until at least `atLeast` items are in hand (bounded), as one page. */
async function fetchPages<T>(
  fetch: (req: PageRequest) => Promise<Page<T>>,
  nextUrl: string | undefined,
  atLeast: number,
  signal: AbortSignal
): Promise<Page<T>> {
  let page = await fetch({ nextUrl, signal });
  for (let pages = 1; page.items.length < atLeast && page.nextUrl !== undefined && pages < MAX_PAGES_TO_RESTORE; pages++) {
    const more = await fetch({ nextUrl: page.nextUrl, signal });
    page = { ...more, items: [...page.items, ...more.items], count: more.count ?? page.count };
  }
  return page;
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
