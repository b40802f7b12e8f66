/**
 * Pure part of the environment check: which local usernames exist in
 * PingOne exactly, and which match an existing user only when case is ignored.
 */
import type { UsernameOccurrence } from '../usernames/types';

export type EnvironmentMatch = { kind: 'exists'; existing: string } | { kind: 'case'; existing: string[] };

/** `found` maps each requested username to the usernames PingOne returned for it (compared case-insensitively). */
export function classifyMatches(found: ReadonlyMap<string, readonly string[]>): Map<string, EnvironmentMatch> {
  const out = new Map<string, EnvironmentMatch>();
  for (const [requested, existing] of found) {
    if (existing.length === 0) continue;
    if (existing.includes(requested)) out.set(requested, { kind: 'exists', existing: requested });
    else out.set(requested, { kind: 'case', existing: [...new Set(existing)] });
  }
  return out;
}

/** Distinct usernames worth asking about: decoded, non-empty. */
export function usernamesToLookUp(occurrences: Iterable<UsernameOccurrence>): string[] {
  const set = new Set<string>();
  for (const o of occurrences) if (o.value !== undefined && o.value.length > 0) set.add(o.value);
  return [...set];
}

export function environmentMessage(match: EnvironmentMatch, username: string, environmentName: string): string {
  return match.kind === 'exists'
    ? `User "${username}" already exists in environment "${environmentName}"; a sync will update that user.`
    : `"${username}" matches existing user ${match.existing.map((e) => `"${e}"`).join(', ')} in environment "${environmentName}" only when case is ignored; it may clash with PingOne's username uniqueness.`;
}
