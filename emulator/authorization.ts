import { forbidden } from './errors';
import type { Permission } from './roleCatalogue';
import type { EmulatorState, Role, RoleAssignment, RoleScope } from './state';

/** What a request touches; scope coverage is decided against it. */
export interface Target {
  environmentId?: string;
  populationId?: string;
  applicationId?: string;
  organization?: boolean;
}

/** Assignments that count now: new ones only after their `effectiveAt` (role-change delay fault). */
export function effectiveAssignments(state: EmulatorState, actorId: string, now = Date.now()): RoleAssignment[] {
  return state.assignmentsOf(actorId).filter((a) => a.effectiveAt <= now);
}

/** Does a role assignment scope reach the target? Organization covers every environment of the org. */
export function scopeCovers(state: EmulatorState, scope: RoleScope, target: Target): boolean {
  switch (scope.type) {
    case 'ORGANIZATION':
      if (scope.id !== state.organization.id) return false;
      if (target.organization) return true;
      return target.environmentId === undefined || state.environments.has(target.environmentId);
    case 'ENVIRONMENT':
      return !target.organization && target.environmentId === scope.id;
    case 'POPULATION':
      return target.populationId === scope.id;
    case 'APPLICATION':
      return target.applicationId === scope.id;
  }
}

/** The narrower scope as a target, used for "same or broader scope" checks. */
export function scopeAsTarget(state: EmulatorState, scope: RoleScope): Target {
  switch (scope.type) {
    case 'ORGANIZATION':
      return { organization: true };
    case 'ENVIRONMENT':
      return { environmentId: scope.id };
    case 'POPULATION':
      return { environmentId: state.populations.get(scope.id)?.environmentId, populationId: scope.id };
    case 'APPLICATION':
      return { environmentId: state.applications.get(scope.id)?.environmentId, applicationId: scope.id };
  }
}

export function rolesById(state: EmulatorState, assignments: RoleAssignment[]): Array<{ assignment: RoleAssignment; role: Role }> {
  const out: Array<{ assignment: RoleAssignment; role: Role }> = [];
  for (const assignment of assignments) {
    const role = state.roles.get(assignment.roleId);
    if (role) out.push({ assignment, role });
  }
  return out;
}

export function hasPermission(state: EmulatorState, actorId: string, permission: Permission, target: Target): boolean {
  return rolesById(state, effectiveAssignments(state, actorId)).some(
    ({ assignment, role }) => role.permissions.includes(permission) && scopeCovers(state, assignment.scope, target)
  );
}

export function requirePermission(state: EmulatorState, actorId: string, permission: Permission, target: Target): void {
  if (!hasPermission(state, actorId, permission, target)) throw forbidden();
}

/** Any effective role whose scope reaches into the environment (used for environment visibility). */
export function hasAnyRoleIn(state: EmulatorState, actorId: string, environmentId: string): boolean {
  return effectiveAssignments(state, actorId).some((a) => {
    switch (a.scope.type) {
      case 'ORGANIZATION':
        return a.scope.id === state.organization.id;
      case 'ENVIRONMENT':
        return a.scope.id === environmentId;
      case 'POPULATION':
        return state.populations.get(a.scope.id)?.environmentId === environmentId;
      case 'APPLICATION':
        return state.applications.get(a.scope.id)?.environmentId === environmentId;
    }
  });
}

/**
 * "Same or broader" (PingOne Platform API, Worker applications / Application Secret / Application Role Assignments): the actor holds every permission of `role`
 * through assignments whose scope covers `scope`.
 */
export function actorCoversRoleAt(state: EmulatorState, actorId: string, role: Role, scope: RoleScope): boolean {
  const target = scopeAsTarget(state, scope);
  const held = rolesById(state, effectiveAssignments(state, actorId)).filter(({ assignment }) =>
    scopeCovers(state, assignment.scope, target)
  );
  return role.permissions.every((p) => held.some(({ role: r }) => r.permissions.includes(p)));
}

/**
 * PingOne's "Can Assign" table (Roles Management docs, Terraform guide admin-role-management.md):
 * Environment Admin may assign every role except Organization Admin (custom roles included);
 * the other roles list exactly what they may assign.
 */
export function roleMayGrant(held: Role, role: Role): boolean {
  if (held.type === 'PLATFORM' && held.name === 'Environment Admin') return role.name !== 'Organization Admin' || role.type === 'CUSTOM';
  return held.canAssign.includes(role.name);
}

/**
 * May the actor grant `role` at `scope`? It needs a role whose "Can Assign" list has it, held at a
 * scope that covers `scope` (within the actor's own scope). Holding the granted role itself is not
 * needed: an Environment Admin may assign Identity Data Admin without holding it.
 */
export function actorMayAssign(state: EmulatorState, actorId: string, role: Role, scope: RoleScope): boolean {
  const target = scopeAsTarget(state, scope);
  return rolesById(state, effectiveAssignments(state, actorId)).some(
    ({ assignment, role: held }) => roleMayGrant(held, role) && scopeCovers(state, assignment.scope, target)
  );
}

/** Does an existing assignment's scope cover a new one (same scope, or broader: organization > environment > population/application)? */
export function scopeIncludes(state: EmulatorState, outer: RoleScope, inner: RoleScope): boolean {
  if (outer.type === inner.type && outer.id === inner.id) return true;
  if (outer.type === 'ORGANIZATION') return outer.id === state.organization.id && inner.type !== 'ORGANIZATION';
  if (outer.type === 'ENVIRONMENT' && (inner.type === 'POPULATION' || inner.type === 'APPLICATION')) {
    return scopeAsTarget(state, inner).environmentId === outer.id;
  }
  return false;
}
