/**
 * Cursor paging over PingOne collections (PingOne Platform API, Paging, ordering and collections): follow
 * `_links.next.href` exactly as given until it is absent. A `next` link on
 * another origin is refused by `PingOneClient.call` before anything is sent.
 */
import type { PingOneClient, PropagationRetry, ResponseShape } from './client';
import { isJsonObject } from './client';
import { refusedError } from './errors';
import type { Collection } from './models';

export interface PageRequest {
  /** First page: an API path (with `query`), or a `next` URL from an earlier page. */
  pathOrUrl: string;
  query?: Record<string, string | number | undefined>;
  /** Name of the array under `_embedded`, e.g. `applications`. */
  embeddedKey: string;
  operation: string;
  signal?: AbortSignal;
  permissionHint?: string;
  propagation?: PropagationRetry;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `pathOrUrl` to get the next page ("Load more"). */
  nextUrl?: string;
  /** Total reported by PingOne, when it reports one. */
  count?: number;
}

/**
 * A collection page: `_embedded.<key>` a list and `_links.next.href` (when
 * there is a next link) a string, so no item and no page is silently lost.
 * Whether PingOne leaves `_embedded` out of an empty page is UNCONFIRMED: a
 * page without the list is taken as empty only when it still looks like a
 * collection (HAL `_links`) and does not claim items (`count`).
 */
function collectionShape(key: string): ResponseShape {
  return {
    description: `a JSON collection with a list _embedded.${key}`,
    matches: (body) => {
      if (!isJsonObject(body)) return false;
      const embedded = isJsonObject(body._embedded) ? body._embedded : undefined;
      const items = embedded?.[key];
      const links = isJsonObject(body._links) ? body._links : undefined;
      const emptyPage =
        items === undefined &&
        (body._embedded === undefined || embedded !== undefined) &&
        links !== undefined &&
        !(typeof body.count === 'number' && body.count > 0);
      const next = links?.next;
      return (Array.isArray(items) || emptyPage) && (next === undefined || (isJsonObject(next) && typeof next.href === 'string'));
    },
  };
}

export async function fetchPage<T>(client: PingOneClient, req: PageRequest): Promise<Page<T>> {
  const body = await client.call<Collection<string, T> | undefined>({
    method: 'GET',
    path: req.pathOrUrl,
    query: req.query,
    operation: req.operation,
    signal: req.signal,
    permissionHint: req.permissionHint,
    propagation: req.propagation,
    expect: collectionShape(req.embeddedKey),
  });
  const items = body?._embedded?.[req.embeddedKey];
  return {
    items: Array.isArray(items) ? items : [],
    nextUrl: typeof body?._links?.next?.href === 'string' ? body._links.next.href : undefined,
    count: typeof body?.count === 'number' ? body.count : undefined,
  };
}

/** Safety stop against a server that loops its `next` links. */
const MAX_PAGES = 10_000;

export async function* paginate<T>(client: PingOneClient, req: PageRequest): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let next: PageRequest | undefined = req;
  for (let pages = 0; next; pages++) {
    if (pages >= MAX_PAGES) throw refusedError(req.operation, `PingOne returned more than ${MAX_PAGES} pages; stopping`);
    const page: Page<T> = await fetchPage<T>(client, next);
    yield* page.items;
    if (!page.nextUrl) return;
    if (seen.has(page.nextUrl))
      throw refusedError(req.operation, 'PingOne returned the same next link twice; stopping to avoid an endless loop');
    seen.add(page.nextUrl);
    next = { ...req, pathOrUrl: page.nextUrl, query: undefined };
  }
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
