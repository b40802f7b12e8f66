import { actorCoversRoleAt, actorMayAssign, requirePermission, scopeIncludes } from '../authorization';
import { ensureObject, type Reply, type RequestContext } from '../context';
import type { ApiError } from '../errors';
import { forbidden, invalidData, invalidRequest, notFound } from '../errors';
import { actorOf, applicationIn, environmentForSubResource } from '../lookup';
import { paginate } from '../paging';
import { renderRoleAssignment } from '../render';
import { P, type ScopeType } from '../roleCatalogue';
import type { Router } from '../router';
import type { Application, EmulatorState, Role, RoleAssignment, RoleScope } from '../state';

const SCOPE_TYPES: ScopeType[] = ['ORGANIZATION', 'ENVIRONMENT', 'POPULATION', 'APPLICATION'];
/** Platform limit: 3500 role assignments per worker (PingOne Platform API, Application Role Assignments). */
const MAX_ASSIGNMENTS_PER_ACTOR = 3500;

function target(ctx: RequestContext): { app: Application; actorId: string } {
  const actor = actorOf(ctx);
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const app = applicationIn(ctx, env.id, ctx.params.applicationId);
  return { app, actorId: actor.clientId };
}

/** `readOnly` = the current caller may not delete it, i.e. does not hold that role at a covering scope. */
function isReadOnly(state: EmulatorState, actorId: string, assignment: RoleAssignment): boolean {
  const role = state.roles.get(assignment.roleId);
  return !role || !actorCoversRoleAt(state, actorId, role, assignment.scope);
}

function listAssignments(ctx: RequestContext): Reply {
  const { app, actorId } = target(ctx);
  const { state } = ctx.core;
  requirePermission(state, actorId, P.readRoleAssignment, { environmentId: app.environmentId, applicationId: app.id });
  // PingOne Platform API, Application Role Assignments: default limit 100000, i.e. effectively everything on one page.
  const body = paginate(state.assignmentsOf(app.id), 'roleAssignments', ctx.url, { defaultLimit: 100000, maxLimit: 100000 }, (a) =>
    renderRoleAssignment(ctx.core, a, isReadOnly(state, actorId, a))
  );
  return { status: 200, body };
}

function readAssignment(ctx: RequestContext): Reply {
  const { app, actorId } = target(ctx);
  const { state } = ctx.core;
  requirePermission(state, actorId, P.readRoleAssignment, { environmentId: app.environmentId, applicationId: app.id });
  const assignment = state.roleAssignments.get(ctx.params.roleAssignmentId);
  if (!assignment || assignment.applicationId !== app.id) throw notFound('role assignment');
  return { status: 200, body: renderRoleAssignment(ctx.core, assignment, isReadOnly(state, actorId, assignment)) };
}

function scopeExists(state: EmulatorState, scope: RoleScope): boolean {
  switch (scope.type) {
    case 'ORGANIZATION':
      return scope.id === state.organization.id;
    case 'ENVIRONMENT':
      return state.environments.has(scope.id);
    case 'POPULATION':
      return state.populations.has(scope.id);
    case 'APPLICATION':
      return state.applications.has(scope.id);
  }
}

function parseAssignmentBody(raw: Record<string, unknown>): { roleId: string; scope: RoleScope } {
  const role = raw.role as Record<string, unknown> | undefined;
  const scope = raw.scope as Record<string, unknown> | undefined;
  const details = [];
  if (!role || typeof role !== 'object' || typeof role.id !== 'string')
    details.push({ code: 'REQUIRED_VALUE', target: 'role.id', message: 'role.id is required' });
  if (!scope || typeof scope !== 'object' || typeof scope.id !== 'string')
    details.push({ code: 'REQUIRED_VALUE', target: 'scope.id', message: 'scope.id is required' });
  if (!scope || typeof scope !== 'object' || !SCOPE_TYPES.includes(scope.type as ScopeType)) {
    details.push({
      code: 'INVALID_VALUE',
      target: 'scope.type',
      message: 'scope.type must be one of ORGANIZATION, ENVIRONMENT, POPULATION, APPLICATION',
      innerError: { allowedValues: SCOPE_TYPES },
    });
  }
  if (details.length > 0) throw invalidData(details);
  return { roleId: (role as { id: string }).id, scope: { id: (scope as { id: string }).id, type: (scope as { type: ScopeType }).type } };
}

function incompatibleScope(role: Role, scope: RoleScope): ApiError {
  return invalidData([
    {
      code: 'INVALID_VALUE',
      target: 'scope',
      message: `Incompatible role and scope combination: ${role.name} cannot be assigned at ${scope.type} scope`,
      innerError: { allowedValues: role.applicableTo },
    },
  ]);
}

/**
 * PingOne refuses a new assignment when the same role is already held at a scope greater than or
 * equal to it (Terraform guide admin-role-management.md); a broader one next to a narrower one is fine.
 */
function conflicts(state: EmulatorState, existing: RoleAssignment, roleId: string, scope: RoleScope): boolean {
  return existing.roleId === roleId && scopeIncludes(state, existing.scope, scope);
}

async function createAssignment(ctx: RequestContext): Promise<Reply> {
  const { app, actorId } = target(ctx);
  const { state, faults } = ctx.core;
  const { roleId, scope } = parseAssignmentBody(ensureObject(await ctx.json()));
  requirePermission(state, actorId, P.createRoleAssignment, { environmentId: app.environmentId, applicationId: app.id });
  if (app.body.type !== 'WORKER') throw invalidRequest('Role assignments can only be made to WORKER applications');
  const role = state.roles.get(roleId);
  if (!role || (role.type === 'CUSTOM' && role.environmentId !== app.environmentId)) {
    throw invalidData([{ code: 'INVALID_VALUE', target: 'role', message: 'The role does not exist' }]);
  }
  if (!role.assignableToWorkers)
    throw invalidData([{ code: 'INVALID_VALUE', target: 'role', message: `${role.name} cannot be assigned to an application` }]);
  if (!role.applicableTo.includes(scope.type)) throw incompatibleScope(role, scope);
  if (!scopeExists(state, scope)) throw invalidData([{ code: 'INVALID_VALUE', target: 'scope', message: 'The scope does not exist' }]);
  if (!actorMayAssign(state, actorId, role, scope)) {
    throw forbidden([
      { code: 'INSUFFICIENT_PERMISSIONS', target: 'role', message: 'Must have role at the same or broader scope to assign it' },
    ]);
  }
  const held = state.assignmentsOf(app.id);
  if (held.some((a) => conflicts(state, a, roleId, scope))) {
    throw invalidData([{ code: 'UNIQUENESS_VIOLATION', target: 'role', message: 'May not assign duplicate Role' }]);
  }
  if (held.length >= MAX_ASSIGNMENTS_PER_ACTOR) {
    throw invalidData([
      {
        code: 'SIZE_LIMIT_EXCEEDED',
        target: 'role',
        message: `At most ${MAX_ASSIGNMENTS_PER_ACTOR} role assignments per application`,
        innerError: { maximumValue: MAX_ASSIGNMENTS_PER_ACTOR },
      },
    ]);
  }
  const now = Date.now();
  const assignment: RoleAssignment = {
    id: ctx.core.newId(),
    applicationId: app.id,
    environmentId: app.environmentId,
    roleId,
    scope,
    createdAt: new Date(now).toISOString(),
    // Role changes propagate after a delay when the consistency fault is on (PingOne Platform API, Application Role Assignments).
    effectiveAt: now + faults.consistency.roleChangesMs,
  };
  state.roleAssignments.set(assignment.id, assignment);
  return { status: 201, body: renderRoleAssignment(ctx.core, assignment, false) };
}

function deleteAssignment(ctx: RequestContext): Reply {
  const { app, actorId } = target(ctx);
  const { state } = ctx.core;
  requirePermission(state, actorId, P.deleteRoleAssignment, { environmentId: app.environmentId, applicationId: app.id });
  const assignment = state.roleAssignments.get(ctx.params.roleAssignmentId);
  if (!assignment || assignment.applicationId !== app.id) throw notFound('role assignment');
  if (isReadOnly(state, actorId, assignment)) {
    // PingOne Platform API, Application Role Assignments: "cannot be deleted as it is read only"; the status (403) is the emulator's choice.
    throw forbidden([
      { code: 'INSUFFICIENT_PERMISSIONS', message: `Role assignment ${assignment.id} cannot be deleted as it is read only` },
    ]);
  }
  state.roleAssignments.delete(assignment.id);
  return { status: 204 };
}

export function registerRoleAssignmentRoutes(router: Router): void {
  const base = '/v1/environments/:environmentId/applications/:applicationId/roleAssignments';
  router.add('GET', base, listAssignments);
  router.add('POST', base, createAssignment);
  router.add('GET', `${base}/:roleAssignmentId`, readAssignment);
  router.add('DELETE', `${base}/:roleAssignmentId`, deleteAssignment);
}
