import { effectiveAssignments, requirePermission } from '../authorization';
import type { Reply, RequestContext } from '../context';
import { forbidden, notFound } from '../errors';
import { actorOf, environmentForSubResource } from '../lookup';
import { paginate } from '../paging';
import { renderRole } from '../render';
import { P } from '../roleCatalogue';
import type { Router } from '../router';
import { matchesFilter, parseFilter } from '../scimFilter';
import type { Role } from '../state';

function requireSomeRole(ctx: RequestContext): void {
  // Any admin role may read the role catalogue; an actor with no roles may not.
  if (effectiveAssignments(ctx.core.state, actorOf(ctx).clientId).length === 0) throw forbidden();
}

/** `GET /roles`: built-in roles only (PingOne Platform API, Roles). */
function listBuiltInRoles(ctx: RequestContext): Reply {
  requireSomeRole(ctx);
  const filter = ctx.url.searchParams.get('filter');
  if (filter !== null) parseFilter(filter, { allowed: {} });
  const roles = [...ctx.core.state.roles.values()].filter((r) => r.type === 'PLATFORM');
  return {
    status: 200,
    body: paginate(roles, 'roles', ctx.url, { defaultLimit: ctx.core.options.pageSize, maxLimit: 1000 }, (r) => renderRole(ctx.core, r)),
  };
}

function readBuiltInRole(ctx: RequestContext): Reply {
  requireSomeRole(ctx);
  const role = ctx.core.state.roles.get(ctx.params.roleId);
  if (!role || role.type !== 'PLATFORM') throw notFound('role');
  return { status: 200, body: renderRole(ctx.core, role) };
}

function rolesOfEnvironment(ctx: RequestContext): { roles: Role[]; environmentId: string } {
  const actor = actorOf(ctx);
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  requirePermission(ctx.core.state, actor.clientId, P.readRole, { environmentId: env.id });
  const roles = [...ctx.core.state.roles.values()].filter((r) => r.type === 'PLATFORM' || r.environmentId === env.id);
  return { roles, environmentId: env.id };
}

/** `GET /environments/{env}/roles`: built-in and custom, `filter=type eq "CUSTOM"|"PLATFORM"` (PingOne Platform API, Roles). */
function listEnvironmentRoles(ctx: RequestContext): Reply {
  let { roles } = rolesOfEnvironment(ctx);
  const raw = ctx.url.searchParams.get('filter');
  if (raw !== null) {
    const filter = parseFilter(raw, { allowed: { type: ['eq'] } });
    roles = roles.filter((r) => matchesFilter(filter, (a) => (a === 'type' ? r.type : undefined)));
  }
  return {
    status: 200,
    body: paginate(roles, 'roles', ctx.url, { defaultLimit: ctx.core.options.pageSize, maxLimit: 1000 }, (r) => renderRole(ctx.core, r)),
  };
}

function readEnvironmentRole(ctx: RequestContext): Reply {
  const { roles } = rolesOfEnvironment(ctx);
  const role = roles.find((r) => r.id === ctx.params.roleId);
  if (!role) throw notFound('role');
  return { status: 200, body: renderRole(ctx.core, role) };
}

export function registerRoleRoutes(router: Router): void {
  router.add('GET', '/v1/roles', listBuiltInRoles);
  router.add('GET', '/v1/roles/:roleId', readBuiltInRole);
  router.add('GET', '/v1/environments/:environmentId/roles', listEnvironmentRoles);
  router.add('GET', '/v1/environments/:environmentId/roles/:roleId', readEnvironmentRole);
}
