/**
 * What an admin worker may do, from its own role assignments. Pure: no I/O.
 *
 * PingOne's documented rules (Built-in Admin Roles and Roles Management docs;
 * Terraform provider guide admin-role-management.md):
 * - "Can Assign": Organization Admin → Environment Admin; Environment Admin →
 *   every role except Organization Admin; Identity Data Admin → Identity Data
 *   Admin, Identity Data Read Only, Help Desk Admin; every other role → none.
 *   Only within the scope where the actor holds the granting role.
 * - Secrets (Application Secret docs): an actor cannot read or rotate the
 *   secret of a worker that holds permissions the actor lacks, and a worker
 *   never reads its own secret.
 */
import type { Role, RoleAssignment, RoleScopeType } from './models';

export const ORGANIZATION_ADMIN = 'Organization Admin';
export const ENVIRONMENT_ADMIN = 'Environment Admin';
export const CLIENT_APPLICATION_DEVELOPER = 'Client Application Developer';
const IDENTITY_DATA_FAMILY = ['Identity Data Admin', 'Identity Data Read Only', 'Help Desk Admin'] as const;

/** Permission IDs named in PingOne's Application Secret and Applications docs. */
export const READ_SECRET_PERMISSION = 'applications:read:secret';
export const CREATE_APPLICATION_PERMISSION = 'applications:create:application';

/** Used when `GET /roles` gave no permission lists: the built-in roles documented to hold the permission. */
const ROLES_WITH_PERMISSION: Record<string, readonly string[]> = {
  [READ_SECRET_PERMISSION]: [ENVIRONMENT_ADMIN, CLIENT_APPLICATION_DEVELOPER, 'Application Owner'],
  [CREATE_APPLICATION_PERMISSION]: [ENVIRONMENT_ADMIN, CLIENT_APPLICATION_DEVELOPER],
};

/** A scope; `environmentId` is the environment that holds a population or application scope, when known. */
export interface ScopeRef {
  type: RoleScopeType | string;
  id: string;
  environmentId?: string;
}

/** One role assignment with what is known about its role. */
export interface HeldRole {
  roleId: string;
  /** Undefined for roles not in the catalogue (custom roles). */
  roleName?: string;
  scope: ScopeRef;
  /** Permission IDs from `GET /roles`, when PingOne gave them. */
  permissions?: readonly string[];
}

/** The connection's own worker: its assignments, or why they could not be read. */
export interface ActorPermissions {
  known: boolean;
  held: HeldRole[];
  /** Why `known` is false (e.g. the read was refused). */
  unknownReason?: string;
}

/** Joins assignments with the role catalogue (built-in roles from `GET /roles`, plus custom ones if read). */
export function heldRolesFrom(
  assignments: RoleAssignment[],
  catalogue: Role[],
  environmentOf?: (scope: ScopeRef) => string | undefined
): HeldRole[] {
  const byId = new Map(catalogue.map((r) => [r.id, r]));
  return assignments.map((a) => {
    const role = byId.get(a.role?.id);
    const scope: ScopeRef = { type: a.scope?.type, id: a.scope?.id };
    const environmentId = environmentOf?.(scope) ?? (a.scope?.type === 'APPLICATION' ? a.environment?.id : undefined);
    if (environmentId) scope.environmentId = environmentId;
    return { roleId: a.role?.id, roleName: role?.name, scope, permissions: permissionIdsOf(role) };
  });
}

/** Permission IDs of a role as `GET /roles` lists them; undefined when it lists none. */
export function permissionIdsOf(role: Role | undefined): string[] | undefined {
  if (!role || !Array.isArray(role.permissions)) return undefined;
  return (role.permissions as Array<{ id?: unknown }>).map((p) => p?.id).filter((id): id is string => typeof id === 'string');
}

/**
 * Does an assignment at `held` reach `target`? Organization scope covers every
 * environment (a connection only sees its own organization); environment scope
 * covers its populations and applications.
 */
export function scopeCovers(held: ScopeRef, target: ScopeRef): boolean {
  if (held.type === target.type && held.id === target.id) return true;
  if (held.type === 'ORGANIZATION') return target.type !== 'ORGANIZATION';
  if (held.type === 'ENVIRONMENT')
    return (target.type === 'POPULATION' || target.type === 'APPLICATION') && target.environmentId === held.id;
  return false;
}

/** The "Can Assign" table: may a holder of `granting` assign `roleName`? */
export function roleCanAssign(granting: string | undefined, roleName: string): boolean {
  if (granting === ORGANIZATION_ADMIN) return roleName === ENVIRONMENT_ADMIN;
  if (granting === ENVIRONMENT_ADMIN) return roleName !== ORGANIZATION_ADMIN;
  if (granting === 'Identity Data Admin') return (IDENTITY_DATA_FAMILY as readonly string[]).includes(roleName);
  return false;
}

/** Roles that could assign `roleName` (for the "ask someone holding …" fix). */
export function rolesThatCanAssign(roleName: string): string[] {
  return [ORGANIZATION_ADMIN, ENVIRONMENT_ADMIN, 'Identity Data Admin'].filter((r) => roleCanAssign(r, roleName));
}

export function mayAssign(actor: ActorPermissions, roleName: string, target: ScopeRef): boolean {
  return actor.held.some((h) => roleCanAssign(h.roleName, roleName) && scopeCovers(h.scope, target));
}

function holdsPermission(actor: ActorPermissions, permission: string, target: ScopeRef): boolean {
  return actor.held.some(
    (h) =>
      scopeCovers(h.scope, target) &&
      (h.permissions ? h.permissions.includes(permission) : (ROLES_WITH_PERMISSION[permission] ?? []).includes(h.roleName ?? ''))
  );
}

export function mayCreateApplications(actor: ActorPermissions, environmentId: string): boolean {
  return holdsPermission(actor, CREATE_APPLICATION_PERMISSION, { type: 'ENVIRONMENT', id: environmentId });
}

export function mayReadSecretsIn(actor: ActorPermissions, environmentId: string, applicationId = ''): boolean {
  return holdsPermission(actor, READ_SECRET_PERMISSION, { type: 'APPLICATION', id: applicationId, environmentId });
}

/**
 * Does the actor hold everything `role` grants at `scope`? With permission
 * lists: every permission, through roles that cover the scope. Without them
 * (UNCONFIRMED what PingOne compares), the safe reading: the same role at the
 * same or a broader scope.
 */
export function actorCoversRole(actor: ActorPermissions, role: HeldRole): boolean {
  const covering = actor.held.filter((h) => scopeCovers(h.scope, role.scope));
  if (role.permissions && covering.every((h) => h.permissions)) {
    return role.permissions.every((p) => covering.some((h) => h.permissions!.includes(p)));
  }
  return covering.some((h) => h.roleId === role.roleId);
}

/** Could the actor read the secret of a worker holding `workerRoles` (in `environmentId`)? */
export function mayReadSecretOf(actor: ActorPermissions, environmentId: string, applicationId: string, workerRoles: HeldRole[]): boolean {
  return mayReadSecretsIn(actor, environmentId, applicationId) && workerRoles.every((r) => actorCoversRole(actor, r));
}

/**
 * "Copy Client Secret": why the actor cannot read a worker's secret, with the
 * fix; undefined when it can (or when its roles are unknown: PingOne decides).
 */
export function explainSecretAccess(
  actor: ActorPermissions,
  environmentId: string,
  applicationId: string,
  workerRoles: HeldRole[],
  ownClientId?: string
): PermissionProblem | undefined {
  if (applicationId === ownClientId) {
    return { what: 'cannot read its own secret (PingOne never lets a worker do that)', fix: 'use another connection to read it' };
  }
  if (!actor.known) return undefined;
  if (!mayReadSecretsIn(actor, environmentId, applicationId)) {
    return {
      what: 'may not read application secrets here',
      fix: `give it ${CLIENT_APPLICATION_DEVELOPER} or ${ENVIRONMENT_ADMIN} on this environment, or use another connection`,
    };
  }
  const lacking = workerRoles.filter((r) => !actorCoversRole(actor, r)).map((r) => r.roleName ?? `custom role ${r.roleId}`);
  if (!lacking.length) return undefined;
  return {
    what: `cannot read this app's secret: the app holds ${[...new Set(lacking)].join(', ')}, which the connection's worker does not hold there`,
    fix: 'ask an admin whose worker holds every role of this app to copy the secret, or use such a connection',
  };
}

/** A role someone wants assigned, with what `GET /roles` says about it. */
export interface DesiredRole {
  roleId: string;
  roleName: string;
  scopeType: RoleScopeType;
  scopeId: string;
  permissions?: readonly string[];
}

export interface PermissionProblem {
  /** What cannot be done, e.g. "cannot assign Identity Data Admin". */
  what: string;
  /** What to do about it. */
  fix: string;
  roleName?: string;
}

function scopeOf(role: DesiredRole, environmentId: string): ScopeRef {
  return { type: role.scopeType, id: role.scopeId, environmentId: role.scopeType === 'ENVIRONMENT' ? undefined : environmentId };
}

function askToAssign(roleName: string): string {
  const who = rolesThatCanAssign(roleName).filter((r) => r !== ORGANIZATION_ADMIN || roleName === ENVIRONMENT_ADMIN);
  return `ask someone with ${who.join(' or ')} to assign ${roleName} to the new app (or to give this connection's worker ${ENVIRONMENT_ADMIN}), or use a connection whose worker may assign it`;
}

export interface RoleAssignmentCheck {
  /** False when the actor may not assign it: `problem` says why and what to do. */
  allowed: boolean;
  /** True when the actor would no longer see the app's secret once the role is assigned. */
  hidesSecret: boolean;
  problem?: PermissionProblem;
}

/** "Assign Role": may the actor assign `role`, and would it then still see the app's secret? */
export function checkRoleAssignment(actor: ActorPermissions, environmentId: string, role: DesiredRole): RoleAssignmentCheck {
  if (!actor.known) return { allowed: true, hidesSecret: true };
  const scope = scopeOf(role, environmentId);
  if (!mayAssign(actor, role.roleName, scope)) {
    return {
      allowed: false,
      hidesSecret: false,
      problem: { roleName: role.roleName, what: `cannot assign ${role.roleName}`, fix: askToAssign(role.roleName) },
    };
  }
  const hidesSecret = !actorCoversRole(actor, { roleId: role.roleId, roleName: role.roleName, scope, permissions: role.permissions });
  return { allowed: true, hidesSecret };
}

export type CreateWorkerAppOrder = 'roles-then-secret' | 'secret-then-roles';

export interface CreateWorkerAppPlan {
  /** False when the actor's own role assignments could not be read: nothing was checked. */
  checked: boolean;
  /** True when nothing stands in the way: go ahead. False: show `problems` and create nothing. */
  proceed: boolean;
  problems: PermissionProblem[];
  /** Roles after whose assignment the secret is no longer readable by this actor. */
  rolesHidingSecret: string[];
  /** Read the secret before assigning roles (roles hide it, or it could not be checked). */
  order: CreateWorkerAppOrder;
  /** Sentences for the user, in the order to show them. */
  messages: string[];
}

/**
 * Decides, before anything is created, whether Create Worker App can finish
 * with the secret handed over, and in which order. Problems are reported
 * together so the user can fix them in one go.
 */
export function planCreateWorkerApp(actor: ActorPermissions, environmentId: string, desiredRoles: DesiredRole[]): CreateWorkerAppPlan {
  if (!actor.known) {
    return {
      checked: false,
      proceed: true,
      problems: [],
      rolesHidingSecret: [],
      // Safe order when nothing is known: the secret cannot be hidden by a role that is not assigned yet.
      order: 'secret-then-roles',
      messages: [
        `Could not check what the connection's worker may do${actor.unknownReason ? ` (${actor.unknownReason})` : ''}; going ahead, and reading the secret before assigning roles.`,
      ],
    };
  }
  const problems: PermissionProblem[] = [];
  const canCreate = mayCreateApplications(actor, environmentId);
  if (!canCreate) {
    problems.push({
      what: 'cannot create applications in this environment',
      fix: `give the connection's worker ${CLIENT_APPLICATION_DEVELOPER} or ${ENVIRONMENT_ADMIN} on this environment (ask an ${ENVIRONMENT_ADMIN}), or use another connection`,
    });
  } else if (!mayReadSecretsIn(actor, environmentId)) {
    problems.push({
      what: "cannot read the new app's secret",
      fix: `give the connection's worker ${CLIENT_APPLICATION_DEVELOPER} or ${ENVIRONMENT_ADMIN} on this environment, or use another connection`,
    });
  }
  const rolesHidingSecret: string[] = [];
  for (const role of desiredRoles) {
    const check = checkRoleAssignment(actor, environmentId, role);
    if (check.problem) problems.push(check.problem);
    else if (check.hidesSecret) rolesHidingSecret.push(role.roleName);
  }
  const messages: string[] = [];
  const unassignable = problems.filter((p) => p.roleName);
  if (unassignable.length && canCreate && problems.length === unassignable.length) {
    const names = unassignable.map((p) => p.roleName).join(' and ');
    messages.push(`The connection's worker can create the app but cannot assign ${names}: ${unassignable.map((p) => p.fix).join('; ')}.`);
  } else {
    for (const p of problems) messages.push(`The connection's worker ${p.what}: ${p.fix}.`);
  }
  if (!problems.length && rolesHidingSecret.length) {
    messages.push(
      `The connection's worker can assign ${rolesHidingSecret.join(' and ')}, but will then no longer see the app's secret: the secret is read and handed to you before the role is assigned.`
    );
  }
  return {
    checked: true,
    proceed: problems.length === 0,
    problems,
    rolesHidingSecret,
    order: rolesHidingSecret.length ? 'secret-then-roles' : 'roles-then-secret',
    messages,
  };
}

function describeScope(scope: ScopeRef, names?: Map<string, string>): string {
  const type = String(scope.type).toLowerCase();
  if (scope.type === 'ORGANIZATION') return 'organization scope';
  const name = names?.get(scope.id);
  return `${type} ${name ? `"${name}"` : scope.id}`;
}

/**
 * Lines for the explorer, under a connection: each role and scope, what it may
 * assign, and the secret rule. `names` maps scope IDs to display names.
 */
export function describeActorPermissions(actor: ActorPermissions, names?: Map<string, string>): string[] {
  if (!actor.known) return [`Permissions not checked${actor.unknownReason ? `: ${actor.unknownReason}` : ''}`];
  if (!actor.held.length) return ['No roles: this worker can do nothing in PingOne'];
  const lines = actor.held.map((h) => `${h.roleName ?? `Custom role ${h.roleId}`} at ${describeScope(h.scope, names)}`);
  const assignable = new Set<string>();
  for (const h of actor.held) {
    if (h.roleName === ENVIRONMENT_ADMIN) assignable.add('every role except Organization Admin');
    else if (h.roleName === ORGANIZATION_ADMIN) assignable.add(ENVIRONMENT_ADMIN);
    else if (h.roleName === 'Identity Data Admin') IDENTITY_DATA_FAMILY.forEach((r) => assignable.add(r));
  }
  lines.push(assignable.size ? `Can assign: ${[...assignable].join(', ')} (where it holds the granting role)` : 'Can assign: no roles');
  lines.push('Can read the secret of a worker only if it holds every role that worker holds, and never its own');
  return lines;
}
