/**
 * "Configure for Sync": bring an OIDC app to PingDataSync's prerequisites
 * (Client Credentials grant, Client Secret Post, enabled, Identity Data Admin
 * at environment scope). Plan first (shown to the user), then apply with
 * read–change–replace so every other field, known or not, is kept.
 */
import type { PingOneClient } from '../client';
import { getApplication, replaceApplication, toReplaceBody } from '../applications';
import type { Application, Role, RoleAssignment } from '../models';
import { IDENTITY_DATA_ADMIN } from '../models';
import { findRoleByName } from '../roles';
import type { RoleAssignmentSpec } from '../roleAssignments';
import { createApplicationRoleAssignment, listApplicationRoleAssignments } from '../roleAssignments';
import { PingOneError } from '../errors';
import type { ActorPermissions, PermissionProblem } from '../permissions';
import { checkRoleAssignment, permissionIdsOf } from '../permissions';
import { readApplicationSecret } from '../secrets';

export type SyncChangeId = 'add-client-credentials-grant' | 'set-client-secret-post' | 'enable-app' | 'assign-identity-data-admin';

export interface SyncChange {
  id: SyncChangeId;
  /** e.g. "Change the token endpoint auth method from CLIENT_SECRET_BASIC to CLIENT_SECRET_POST". */
  description: string;
}

export interface ConfigureForSyncPlan {
  applicationId: string;
  applicationName: string;
  environmentId: string;
  changes: SyncChange[];
  /** Things to tell the user that the plan cannot change. */
  warnings: string[];
  /** Set when the app cannot be configured at all (not OIDC). */
  blockedReason?: string;
  roleAssignment?: RoleAssignmentSpec;
  /** The connection's worker may not assign the role: the role change was left out; show `fix`. */
  roleRefused?: PermissionProblem;
  /** Assigning the role hides the secret from the connection's worker: read it first and hand it over. */
  readSecretFirst?: boolean;
}

/**
 * `actor` (from `readActorPermissions`), when given, is checked against
 * PingOne's "Can Assign" table and secret-visibility rule before anything changes.
 */
export function planConfigureForSync(
  app: Application,
  roleAssignments: RoleAssignment[],
  identityDataAdminRole: Role,
  environmentId = app.environment?.id ?? '',
  actor?: ActorPermissions
): ConfigureForSyncPlan {
  const plan: ConfigureForSyncPlan = { applicationId: app.id, applicationName: app.name, environmentId, changes: [], warnings: [] };
  if (app.protocol !== 'OPENID_CONNECT') {
    plan.blockedReason = `"${app.name}" is a ${app.protocol} app; only OpenID Connect apps can use the Client Credentials grant. Create a worker app instead.`;
    return plan;
  }
  if (app.type !== 'WORKER') {
    plan.warnings.push(
      `"${app.name}" is a ${app.type} app, not a worker. PingOne gives admin roles only to workers, so the role assignment may be refused; a new worker app is the safer choice.`
    );
  }
  const grants = Array.isArray(app.grantTypes) ? app.grantTypes : [];
  if (!grants.includes('CLIENT_CREDENTIALS')) {
    plan.changes.push({
      id: 'add-client-credentials-grant',
      description: `Add the Client Credentials grant type (keeping ${grants.length ? grants.join(', ') : 'no other grants'})`,
    });
  }
  if (app.tokenEndpointAuthMethod !== 'CLIENT_SECRET_POST') {
    plan.changes.push({
      id: 'set-client-secret-post',
      description: `Change the token endpoint auth method from ${app.tokenEndpointAuthMethod ?? 'none'} to CLIENT_SECRET_POST`,
    });
  }
  if (app.enabled !== true) plan.changes.push({ id: 'enable-app', description: 'Enable the app' });
  const hasRole = roleAssignments.some(
    (a) => a.role?.id === identityDataAdminRole.id && a.scope?.type === 'ENVIRONMENT' && a.scope?.id === environmentId
  );
  if (!hasRole) {
    const spec: RoleAssignmentSpec = {
      roleId: identityDataAdminRole.id,
      roleName: identityDataAdminRole.name,
      scopeType: 'ENVIRONMENT',
      scopeId: environmentId,
    };
    const check = actor?.known
      ? checkRoleAssignment(actor, environmentId, {
          ...spec,
          roleName: identityDataAdminRole.name,
          permissions: permissionIdsOf(identityDataAdminRole),
        })
      : undefined;
    if (check?.problem) {
      plan.roleRefused = check.problem;
      plan.warnings.push(`The connection's worker ${check.problem.what}: ${check.problem.fix}.`);
    } else {
      plan.roleAssignment = spec;
      plan.changes.push({
        id: 'assign-identity-data-admin',
        description: `Assign the ${identityDataAdminRole.name} role at environment scope (${environmentId})`,
      });
      if (check?.hidesSecret) {
        plan.readSecretFirst = true;
        plan.warnings.push(
          `After ${identityDataAdminRole.name} is assigned, the connection's worker can no longer read this app's secret: it is read first and handed to you.`
        );
      }
    }
  }
  return plan;
}

/** Applies the field changes of a plan to a copy of the app; touches nothing else. */
export function applySyncFieldChanges(app: Application, plan: ConfigureForSyncPlan): Application {
  const next = structuredClone(app);
  for (const change of plan.changes) {
    if (change.id === 'add-client-credentials-grant')
      next.grantTypes = [...(Array.isArray(next.grantTypes) ? next.grantTypes : []), 'CLIENT_CREDENTIALS'];
    if (change.id === 'set-client-secret-post') next.tokenEndpointAuthMethod = 'CLIENT_SECRET_POST';
    if (change.id === 'enable-app') next.enabled = true;
  }
  return next;
}

export interface ApplyConfigureForSyncResult {
  plan: ConfigureForSyncPlan;
  app: Application;
  roleAssignment?: RoleAssignment;
  /** Read before a role that hides it was assigned (`plan.readSecretFirst`). Offer Copy; never show or log it. */
  clientSecret?: string;
}

/**
 * Re-reads the app and its roles (the plan shown may be stale), then PUTs the
 * whole app with only the planned fields changed and assigns the role.
 */
export async function applyConfigureForSync(
  client: PingOneClient,
  target: { environmentId: string; applicationId: string; identityDataAdminRole?: Role },
  options: { signal?: AbortSignal; onProgress?: (message: string) => void; actor?: ActorPermissions } = {}
): Promise<ApplyConfigureForSyncResult> {
  const { environmentId, applicationId } = target;
  const { signal } = options;
  options.onProgress?.('Reading the app');
  const [current, assignments, role] = await Promise.all([
    getApplication(client, environmentId, applicationId, { signal }),
    listApplicationRoleAssignments(client, environmentId, applicationId, { signal }),
    target.identityDataAdminRole ?? requireIdentityDataAdmin(client, signal),
  ]);
  const plan = planConfigureForSync(current, assignments, role, environmentId, options.actor);
  if (plan.blockedReason) {
    throw new PingOneError({ kind: 'invalid-request', operation: `configure "${current.name}" for sync`, explanation: plan.blockedReason });
  }
  let app = current;
  if (plan.changes.some((c) => c.id !== 'assign-identity-data-admin')) {
    options.onProgress?.('Updating the app');
    app = await replaceApplication(client, environmentId, applicationId, toReplaceBody(applySyncFieldChanges(current, plan)), { signal });
  }
  let roleAssignment: RoleAssignment | undefined;
  let clientSecret: string | undefined;
  if (plan.roleAssignment && plan.readSecretFirst) {
    options.onProgress?.('Reading the client secret before the role hides it');
    clientSecret = (await readApplicationSecret(client, environmentId, applicationId, { signal, appName: current.name })).secret;
  }
  if (plan.roleAssignment) {
    options.onProgress?.(`Assigning ${role.name}`);
    roleAssignment = await createApplicationRoleAssignment(client, environmentId, applicationId, plan.roleAssignment, {
      signal,
      appName: current.name,
    });
  }
  return { plan, app, roleAssignment, ...(clientSecret !== undefined ? { clientSecret } : {}) };
}

export async function requireIdentityDataAdmin(client: PingOneClient, signal?: AbortSignal): Promise<Role> {
  const role = await findRoleByName(client, IDENTITY_DATA_ADMIN, { signal });
  if (!role) {
    throw new PingOneError({
      kind: 'not-found',
      operation: `find the ${IDENTITY_DATA_ADMIN} role`,
      explanation: 'GET /roles lists no role with that exact name',
    });
  }
  return role;
}
