/** Environments (PingOne Platform API, Environments). */
import type { PingOneClient, PropagationRetry } from './client';
import { objectWithStrings } from './client';
import type { Environment } from './models';
import type { Page } from './paging';
import { fetchPage, paginate } from './paging';

export interface ListEnvironmentsOptions {
  /** SCIM filter; only `name sw`, `id eq`, `organization.id eq`, `license.id eq` are supported by PingOne. */
  filter?: string;
  /** Page size; UNCONFIRMED maximum (500 vs 5000), so keep it ≤ 500. */
  limit?: number;
  signal?: AbortSignal;
}

const PERMISSION = 'a role on the environments it should list (Environment Admin, or Organization Admin to see all)';

export function listEnvironments(client: PingOneClient, options: ListEnvironmentsOptions = {}): AsyncGenerator<Environment> {
  return paginate<Environment>(client, {
    pathOrUrl: '/environments',
    query: { filter: options.filter, limit: options.limit },
    embeddedKey: 'environments',
    operation: 'list environments',
    signal: options.signal,
    permissionHint: PERMISSION,
  });
}

/** One page, for "Load more" in the tree: pass `nextUrl` from the previous page. */
export function fetchEnvironmentsPage(
  client: PingOneClient,
  options: ListEnvironmentsOptions & { nextUrl?: string } = {}
): Promise<Page<Environment>> {
  return fetchPage<Environment>(client, {
    pathOrUrl: options.nextUrl ?? '/environments',
    query: options.nextUrl ? undefined : { filter: options.filter, limit: options.limit },
    embeddedKey: 'environments',
    operation: 'list environments',
    signal: options.signal,
    permissionHint: PERMISSION,
  });
}

export function getEnvironment(
  client: PingOneClient,
  environmentId: string,
  options: { signal?: AbortSignal; propagation?: PropagationRetry } = {}
): Promise<Environment> {
  return client.call<Environment>({
    method: 'GET',
    path: `/environments/${encodeURIComponent(environmentId)}`,
    operation: `read environment ${environmentId}`,
    signal: options.signal,
    propagation: options.propagation,
    permissionHint: 'a role on this environment',
    expect: objectWithStrings('id'),
  });
}
