/**
 * Username lookups (PingOne Platform API, Users; PingOne docs, User attributes: supported characters): which of these usernames already
 * exist in an environment. Batched with SCIM `or` to keep calls few, and
 * compared case-insensitively because PingOne's case rule is UNCONFIRMED.
 */
import type { PingOneClient } from './client';
import type { User } from './models';
import { collect, paginate } from './paging';

export interface FindUsersOptions {
  /** Usernames per request (default 20). */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (checked: number, total: number) => void;
}

/** Keeps the request line well under PingOne's 6 KB header limit (PingOne docs, Platform limits). */
const MAX_FILTER_CHARS = 3000;

/** RFC 7644 values use JSON string escaping; PingOne's handling of `"` and `\` is UNCONFIRMED. */
export function usernameFilter(usernames: string[]): string {
  return usernames.map((u) => `username eq ${JSON.stringify(u)}`).join(' or ');
}

export function batchUsernames(usernames: string[], batchSize: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  for (const name of usernames) {
    const candidate = [...current, name];
    if (current.length && (candidate.length > batchSize || encodeURIComponent(usernameFilter(candidate)).length > MAX_FILTER_CHARS)) {
      batches.push(current);
      current = [name];
    } else {
      current = candidate;
    }
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * Map from each requested username to the users that match it (empty array
 * = free). Several matches are possible when only case differs.
 */
export async function findUsersByUsernames(
  client: PingOneClient,
  environmentId: string,
  usernames: string[],
  options: FindUsersOptions = {}
): Promise<Map<string, User[]>> {
  const unique = [...new Set(usernames.filter((u) => u.length > 0))];
  const result = new Map<string, User[]>(unique.map((u) => [u, []]));
  const byFolded = new Map<string, string[]>();
  for (const u of unique) {
    const key = u.toLowerCase();
    byFolded.set(key, [...(byFolded.get(key) ?? []), u]);
  }
  let checked = 0;
  for (const batch of batchUsernames(unique, Math.max(1, options.batchSize ?? 20))) {
    const users = await collect(
      paginate<User>(client, {
        pathOrUrl: `/environments/${encodeURIComponent(environmentId)}/users`,
        query: { filter: usernameFilter(batch) },
        embeddedKey: 'users',
        operation: `look up ${batch.length} username${batch.length === 1 ? '' : 's'} in environment ${environmentId}`,
        signal: options.signal,
        permissionHint: 'the Identity Data Admin (or Identity Data Read Only) role at environment scope',
      })
    );
    for (const user of users) {
      for (const requested of byFolded.get(String(user.username ?? '').toLowerCase()) ?? []) {
        const list = result.get(requested)!;
        if (!list.some((u) => u.id === user.id)) list.push(user);
      }
    }
    checked += batch.length;
    options.onProgress?.(checked, unique.length);
  }
  return result;
}
