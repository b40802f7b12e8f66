import { hasAnyRoleIn } from '../authorization';
import type { RequestContext, Reply } from '../context';
import { forbidden, notFound } from '../errors';
import { actorOf } from '../lookup';
import { paginate } from '../paging';
import { renderEnvironment } from '../render';
import type { Router } from '../router';
import { comparisons, matchesFilter, parseFilter, type FilterNode } from '../scimFilter';
import type { Environment } from '../state';

// PingOne Platform API, Paging, ordering and collections: `/environments` filters on `name sw`, `id eq`, `organization.id eq`, `license.id eq`.
const ENVIRONMENT_FILTER = { allowed: { name: ['sw'], id: ['eq'], 'organization.id': ['eq'], 'license.id': ['eq'] } };
// UNCONFIRMED max page size (PingOne Platform API, Environments: 500 vs 5000); the emulator caps at 500.
const MAX_ENVIRONMENT_LIMIT = 500;

function readEnvironmentAttribute(env: Environment, attribute: string): string | undefined {
  switch (attribute) {
    case 'name':
      return env.name;
    case 'id':
      return env.id;
    case 'organization.id':
      return env.organizationId;
    case 'license.id':
      return env.licenseId;
    default:
      return undefined;
  }
}

/** `GET /environments`: only environments the caller holds a role in (PingOne Platform API, Worker applications, UNCONFIRMED, chosen). */
function listEnvironments(ctx: RequestContext): Reply {
  const actor = actorOf(ctx);
  const { state } = ctx.core;
  const rawFilter = ctx.url.searchParams.get('filter');
  let filter: FilterNode | undefined;
  if (rawFilter !== null) filter = parseFilter(rawFilter, ENVIRONMENT_FILTER);
  const now = Date.now();
  const items = [...state.environments.values()].filter(
    (env) =>
      env.visibleAt <= now &&
      hasAnyRoleIn(state, actor.clientId, env.id) &&
      (!filter || matchesFilter(filter, (a) => readEnvironmentAttribute(env, a)))
  );
  // PingOne Platform API, Environments: `limit` is ignored with filters other than organization.id / license.id.
  const ignoreLimit = filter !== undefined && comparisons(filter).some((c) => c.attribute === 'name' || c.attribute === 'id');
  const body = paginate(
    items,
    'environments',
    ctx.url,
    {
      defaultLimit: ignoreLimit ? Math.max(items.length, 1) : ctx.core.options.pageSize,
      maxLimit: MAX_ENVIRONMENT_LIMIT,
      ignoreLimit,
    },
    (env) => renderEnvironment(ctx.core, env)
  );
  return { status: 200, body };
}

/** `GET /environments/{id}`: unknown → 404, known but no role → 403. */
function readEnvironment(ctx: RequestContext): Reply {
  const actor = actorOf(ctx);
  const env = ctx.core.state.environments.get(ctx.params.environmentId);
  if (!env || env.visibleAt > Date.now()) throw notFound('environment');
  if (!hasAnyRoleIn(ctx.core.state, actor.clientId, env.id)) throw forbidden();
  return { status: 200, body: renderEnvironment(ctx.core, env) };
}

export function registerEnvironmentRoutes(router: Router): void {
  router.add('GET', '/v1/environments', listEnvironments);
  router.add('GET', '/v1/environments/:environmentId', readEnvironment);
}
