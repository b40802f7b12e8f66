import { hasPermission, requirePermission } from '../authorization';
import { ensureObject, type Reply, type RequestContext } from '../context';
import { forbidden, invalidData, notFound, uniquenessViolation } from '../errors';
import { actorOf, environmentForSubResource } from '../lookup';
import { paginate } from '../paging';
import { renderPopulation } from '../render';
import { P } from '../roleCatalogue';
import type { Router } from '../router';
import { matchesFilter, parseFilter } from '../scimFilter';
import type { EmulatorState, Population } from '../state';

// PingOne Platform API, Paging, ordering and collections: `/populations` filters on `name sw` and `id eq`.
const POPULATION_FILTER = { allowed: { name: ['sw'], id: ['eq'] } };

function userCount(state: EmulatorState, population: Population): number {
  let n = 0;
  for (const u of state.users.values()) if (u.populationId === population.id) n++;
  return n;
}

/** Populations the caller may read: all with env-level read, else those its population-scoped roles reach. */
function readablePopulations(ctx: RequestContext, environmentId: string): Population[] {
  const { state } = ctx.core;
  const actorId = actorOf(ctx).clientId;
  const all = state.populationsIn(environmentId);
  if (hasPermission(state, actorId, P.readPopulation, { environmentId })) return all;
  const some = all.filter((p) => hasPermission(state, actorId, P.readPopulation, { environmentId, populationId: p.id }));
  if (some.length === 0) throw forbidden();
  return some;
}

function listPopulations(ctx: RequestContext): Reply {
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  let items = readablePopulations(ctx, env.id);
  const raw = ctx.url.searchParams.get('filter');
  if (raw !== null) {
    const filter = parseFilter(raw, POPULATION_FILTER);
    items = items.filter((p) => matchesFilter(filter, (a) => (a === 'name' ? p.name : a === 'id' ? p.id : undefined)));
  }
  const { state } = ctx.core;
  return {
    status: 200,
    body: paginate(items, 'populations', ctx.url, { defaultLimit: ctx.core.options.pageSize, maxLimit: 1000 }, (p) =>
      renderPopulation(ctx.core, p, userCount(state, p))
    ),
  };
}

function readPopulation(ctx: RequestContext): Reply {
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const population = ctx.core.state.populations.get(ctx.params.populationId);
  if (!population || population.environmentId !== env.id) throw notFound('population');
  requirePermission(ctx.core.state, actorOf(ctx).clientId, P.readPopulation, { environmentId: env.id, populationId: population.id });
  return { status: 200, body: renderPopulation(ctx.core, population, userCount(ctx.core.state, population)) };
}

async function createPopulation(ctx: RequestContext): Promise<Reply> {
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const { state } = ctx.core;
  requirePermission(state, actorOf(ctx).clientId, P.createPopulation, { environmentId: env.id });
  const body = ensureObject(await ctx.json());
  if (typeof body.name !== 'string' || body.name.trim() === '') {
    throw invalidData([{ code: 'REQUIRED_VALUE', target: 'name', message: 'name is required' }]);
  }
  if (body.description !== undefined && typeof body.description !== 'string') {
    throw invalidData([{ code: 'INVALID_VALUE', target: 'description', message: 'description must be a string' }]);
  }
  const name = body.name;
  // Population names are unique per environment (PingOne docs, Platform limits); compared case-insensitively (choice).
  if (state.populationsIn(env.id).some((p) => p.name.toLowerCase() === name.toLowerCase())) {
    throw uniquenessViolation('name', 'A population with this name already exists');
  }
  const stamp = new Date().toISOString();
  const population: Population = {
    id: ctx.core.newId(),
    environmentId: env.id,
    name,
    description: body.description as string | undefined,
    default: false,
    createdAt: stamp,
    updatedAt: stamp,
  };
  state.populations.set(population.id, population);
  return { status: 201, body: renderPopulation(ctx.core, population, 0) };
}

export function registerPopulationRoutes(router: Router): void {
  const base = '/v1/environments/:environmentId/populations';
  router.add('GET', base, listPopulations);
  router.add('POST', base, createPopulation);
  router.add('GET', `${base}/:populationId`, readPopulation);
}
