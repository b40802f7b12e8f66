import { ApiError } from './errors';

export interface PageOptions {
  /** Page size when the request has no `limit`. */
  defaultLimit: number;
  /** Larger requested limits are silently lowered (PingOne Platform API, Paging, ordering and collections: "limits are not always honoured"). */
  maxLimit: number;
  /** Some endpoints ignore `limit` with certain filters (PingOne Platform API, Environments). */
  ignoreLimit?: boolean;
}

export interface Collection {
  _links: { self: { href: string }; next?: { href: string }; prev?: { href: string } };
  _embedded: Record<string, unknown[]>;
  count: number;
  size: number;
  limit: number;
}

function badParameter(target: string, message: string): ApiError {
  return new ApiError(400, 'INVALID_DATA', 'The request could not be completed. One or more validation errors were in the request.', [
    { code: 'INVALID_PARAMETER', target, message },
  ]);
}

// The cursor is opaque to clients; inside it is the offset, base64url-encoded.
function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:(\d+)$/.exec(text);
  if (!match) throw badParameter('cursor', 'The cursor is invalid or has expired');
  return Number(match[1]);
}

export function parseLimit(raw: string | null, options: PageOptions): number {
  if (raw === null || options.ignoreLimit) return options.defaultLimit;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw badParameter('limit', 'limit must be a positive integer');
  return Math.min(Number(raw), options.maxLimit);
}

/** Builds a cursor-paged collection; `next`/`prev` are absolute URLs on the request's own origin. */
export function paginate<T>(items: T[], name: string, requestUrl: URL, options: PageOptions, render: (item: T) => unknown): Collection {
  const limit = parseLimit(requestUrl.searchParams.get('limit'), options);
  const cursor = requestUrl.searchParams.get('cursor');
  const offset = cursor === null ? 0 : decodeCursor(cursor);
  const page = items.slice(offset, offset + limit);
  const link = (at: number): { href: string } => {
    const url = new URL(requestUrl.href);
    url.searchParams.set('cursor', encodeCursor(at));
    url.searchParams.set('limit', String(limit));
    return { href: url.href };
  };
  const links: Collection['_links'] = { self: { href: requestUrl.href } };
  if (offset + limit < items.length) links.next = link(offset + limit);
  if (offset > 0) links.prev = link(Math.max(0, offset - limit));
  return { _links: links, _embedded: { [name]: page.map(render) }, count: items.length, size: page.length, limit };
}

/** A collection that is never paged: `_links.self`, every item, `count` and `size`. */
export function allInOnePage(items: unknown[], name: string, requestUrl: URL): Omit<Collection, 'limit'> {
  return { _links: { self: { href: requestUrl.href } }, _embedded: { [name]: items }, count: items.length, size: items.length };
}
