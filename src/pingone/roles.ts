/**
 * Roles (PingOne Platform API, Roles). Built-in roles come from `GET /roles`; their IDs
 * may differ between organisations (UNCONFIRMED), so always look up by name.
 */
import type { PingOneClient } from './client';
import type { Role, RoleScopeType } from './models';
import { collect, paginate } from './paging';

/** Built-in roles change only with PingOne releases: cache them per client for a few minutes. */
const BUILT_IN_CACHE_MS = 5 * 60_000;
const builtInCache = new WeakMap<PingOneClient, { at: number; roles: Promise<Role[]> }>();

export function listBuiltInRoles(client: PingOneClient, options: { signal?: AbortSignal; fresh?: boolean } = {}): Promise<Role[]> {
  const cached = builtInCache.get(client);
  if (cached && !options.fresh && Date.now() - cached.at < BUILT_IN_CACHE_MS) return cached.roles;
  const roles = collect(
    paginate<Role>(client, { pathOrUrl: '/roles', embeddedKey: 'roles', operation: 'list the PingOne roles', signal: options.signal })
  );
  builtInCache.set(client, { at: Date.now(), roles });
  roles.catch(() => {
    if (builtInCache.get(client)?.roles === roles) builtInCache.delete(client);
  });
  return roles;
}

/** Custom and built-in roles of an environment; `type` narrows to one kind. */
export function listEnvironmentRoles(
  client: PingOneClient,
  environmentId: string,
  options: { type?: 'CUSTOM' | 'PLATFORM'; signal?: AbortSignal } = {}
): Promise<Role[]> {
  return collect(
    paginate<Role>(client, {
      pathOrUrl: `/environments/${encodeURIComponent(environmentId)}/roles`,
      query: { filter: options.type ? `type eq "${options.type}"` : undefined },
      embeddedKey: 'roles',
      operation: `list the roles of environment ${environmentId}`,
      signal: options.signal,
    })
  );
}

/** Exact (case-sensitive) name match, as Terraform does; undefined when absent. */
export async function findRoleByName(
  client: PingOneClient,
  name: string,
  options: { environmentId?: string; signal?: AbortSignal } = {}
): Promise<Role | undefined> {
  const roles = options.environmentId
    ? await listEnvironmentRoles(client, options.environmentId, { signal: options.signal })
    : await listBuiltInRoles(client, { signal: options.signal });
  return roles.find((role) => role.name === name);
}

/**
 * Whether a role may be assigned at a scope type. When PingOne does not say
 * (`applicableTo` missing), we do not guess: the server will decide.
 */
export function isRoleApplicableTo(role: Role, scopeType: RoleScopeType): boolean {
  return !Array.isArray(role.applicableTo) || role.applicableTo.includes(scopeType);
}

export function rolesApplicableTo(roles: Role[], scopeType: RoleScopeType): Role[] {
  return roles.filter((role) => isRoleApplicableTo(role, scopeType));
}

/** Built-in roles PingOne refuses to give a worker app (PingOne Platform API, Roles, predefined roles). */
export const ROLES_NOT_FOR_WORKERS: readonly string[] = ['DaVinci Admin', 'DaVinci Admin Read Only'];

export function isRoleAssignableToWorker(role: Role): boolean {
  return !ROLES_NOT_FOR_WORKERS.includes(role.name);
}
