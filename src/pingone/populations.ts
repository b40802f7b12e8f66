/** Populations (PingOne Platform API, Populations), e.g. for PingDataSync's default-population-id. */
import type { PingOneClient } from './client';
import type { Population } from './models';
import { collect, paginate } from './paging';

export function listPopulations(
  client: PingOneClient,
  environmentId: string,
  options: { signal?: AbortSignal } = {}
): Promise<Population[]> {
  return collect(
    paginate<Population>(client, {
      pathOrUrl: `/environments/${encodeURIComponent(environmentId)}/populations`,
      embeddedKey: 'populations',
      operation: `list the populations of environment ${environmentId}`,
      signal: options.signal,
      permissionHint: 'the Identity Data Admin (or Identity Data Read Only) role at environment scope',
    })
  );
}
