/**
 * Application role assignments (PingOne Platform API, Application Role Assignments). Assignments are matched by
 * role ID + scope type + scope ID, so "already assigned" is never an error.
 */
import type { PingOneClient, PropagationRetry } from './client';
import { PingOneError } from './errors';
import type { RoleAssignment, RoleScopeType } from './models';
import { collect, paginate } from './paging';

export interface RoleAssignmentSpec {
  roleId: string;
  scopeType: RoleScopeType;
  scopeId: string;
  /** For messages only. */
  roleName?: string;
}

function assignmentsPath(environmentId: string, applicationId: string): string {
  return `/environments/${encodeURIComponent(environmentId)}/applications/${encodeURIComponent(applicationId)}/roleAssignments`;
}

export function listApplicationRoleAssignments(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  options: { signal?: AbortSignal; propagation?: PropagationRetry } = {}
): Promise<RoleAssignment[]> {
  return collect(
    paginate<RoleAssignment>(client, {
      pathOrUrl: assignmentsPath(environmentId, applicationId),
      embeddedKey: 'roleAssignments',
      operation: `list the role assignments of application ${applicationId}`,
      signal: options.signal,
      propagation: options.propagation,
    })
  );
}

export function matchesAssignment(assignment: RoleAssignment, spec: RoleAssignmentSpec): boolean {
  return assignment.role?.id === spec.roleId && assignment.scope?.type === spec.scopeType && assignment.scope?.id === spec.scopeId;
}

export function describeAssignment(spec: RoleAssignmentSpec): string {
  return `${spec.roleName ?? `role ${spec.roleId}`} at ${spec.scopeType.toLowerCase()} scope${spec.scopeType === 'ENVIRONMENT' ? '' : ` ${spec.scopeId}`}`;
}

/**
 * Assigns a role. Retries the documented propagation errors for a bounded
 * time (app just created, our own role just granted); after an ambiguous
 * failure, or a duplicate error, returns the assignment that exists.
 */
export async function createApplicationRoleAssignment(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  spec: RoleAssignmentSpec,
  options: { signal?: AbortSignal; appName?: string; propagation?: PropagationRetry } = {}
): Promise<RoleAssignment> {
  const findExisting = async (signal?: AbortSignal) =>
    (await listApplicationRoleAssignments(client, environmentId, applicationId, { signal })).find((a) => matchesAssignment(a, spec));
  try {
    return await client.call<RoleAssignment>({
      method: 'POST',
      path: assignmentsPath(environmentId, applicationId),
      json: { role: { id: spec.roleId }, scope: { id: spec.scopeId, type: spec.scopeType } },
      operation: `assign ${describeAssignment(spec)} to ${options.appName ? `app "${options.appName}"` : `application ${applicationId}`}`,
      signal: options.signal,
      permissionHint: `a role that may assign ${spec.roleName ?? 'that role'} (Environment Admin, or Identity Data Admin for its own family) at the same or a broader scope`,
      propagation: options.propagation ?? { notFound: true, notAuthorized: true, scope: true },
      recover: findExisting,
    });
  } catch (error) {
    // Duplicate (400 UNIQUENESS_VIOLATION or 409): the goal is met if the same assignment exists.
    if (error instanceof PingOneError && error.kind === 'conflict') {
      const existing = await findExisting(options.signal);
      if (existing) return existing;
    }
    throw error;
  }
}

export async function deleteApplicationRoleAssignment(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  roleAssignmentId: string,
  options: { signal?: AbortSignal; description?: string } = {}
): Promise<void> {
  await client.call<void>({
    method: 'DELETE',
    path: `${assignmentsPath(environmentId, applicationId)}/${encodeURIComponent(roleAssignmentId)}`,
    operation: `remove ${options.description ?? `role assignment ${roleAssignmentId}`} from application ${applicationId}`,
    signal: options.signal,
    permissionHint: 'the same role at the same or a broader scope (read-only assignments cannot be removed by this worker)',
  });
}
