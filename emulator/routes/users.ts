import { hasPermission, requirePermission } from '../authorization';
import { ensureObject, type Reply, type RequestContext } from '../context';
import { forbidden, invalidData, notFound, uniquenessViolation } from '../errors';
import { actorOf, environmentForSubResource } from '../lookup';
import { paginate } from '../paging';
import { renderUser } from '../render';
import { P } from '../roleCatalogue';
import type { Router } from '../router';
import { matchesFilter, parseFilter } from '../scimFilter';
import type { User } from '../state';
import { USERNAME_MAX_LENGTH, USERNAME_PATTERN, usernameKey, usernameProblem } from '../usernameRules';

// PingOne Platform API, Users: `username eq "…"` (several joined with `or`); a few more attributes for convenience.
const USER_FILTER = { allowed: { username: ['eq', 'sw'], email: ['eq', 'sw'], id: ['eq'], 'population.id': ['eq'] } };
const MAX_USER_LIMIT = 1000; // PingOne Management OpenAPI readAllUsers: limit 1–1000
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SERVER_FIELDS = ['id', '_links', 'environment', 'createdAt', 'updatedAt', 'population', 'username', 'email', 'enabled'];

function readUserAttribute(user: User, attribute: string): string | undefined {
  switch (attribute) {
    case 'username':
      return user.username;
    case 'email':
      return user.email;
    case 'id':
      return user.id;
    case 'population.id':
      return user.populationId;
    default:
      return undefined;
  }
}

/** Users the caller may read: the whole environment, or the populations its roles reach. */
function readableUsers(ctx: RequestContext, environmentId: string): User[] {
  const { state } = ctx.core;
  const actorId = actorOf(ctx).clientId;
  const all = state.usersIn(environmentId);
  if (hasPermission(state, actorId, P.readUser, { environmentId })) return all;
  const populations = state
    .populationsIn(environmentId)
    .filter((p) => hasPermission(state, actorId, P.readUser, { environmentId, populationId: p.id }))
    .map((p) => p.id);
  if (populations.length === 0) throw forbidden();
  return all.filter((u) => populations.includes(u.populationId));
}

function listUsers(ctx: RequestContext): Reply {
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  let users = readableUsers(ctx, env.id);
  const raw = ctx.url.searchParams.get('filter');
  if (raw !== null) {
    const filter = parseFilter(raw, USER_FILTER);
    users = users.filter((u) => matchesFilter(filter, (a) => readUserAttribute(u, a)));
  }
  return {
    status: 200,
    body: paginate(users, 'users', ctx.url, { defaultLimit: ctx.core.options.pageSize, maxLimit: MAX_USER_LIMIT }, (u) =>
      renderUser(ctx.core, u)
    ),
  };
}

function readUser(ctx: RequestContext): Reply {
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const user = ctx.core.state.users.get(ctx.params.userId);
  if (!user || user.environmentId !== env.id) throw notFound('user');
  requirePermission(ctx.core.state, actorOf(ctx).clientId, P.readUser, { environmentId: env.id, populationId: user.populationId });
  return { status: 200, body: renderUser(ctx.core, user) };
}

async function createUser(ctx: RequestContext): Promise<Reply> {
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const { state } = ctx.core;
  const actorId = actorOf(ctx).clientId;
  const body = ensureObject(await ctx.json());

  const populationRef = body.population as Record<string, unknown> | undefined;
  let populationId: string;
  if (populationRef !== undefined) {
    const id = typeof populationRef === 'object' && populationRef !== null ? populationRef.id : undefined;
    const population = typeof id === 'string' ? state.populations.get(id) : undefined;
    if (!population || population.environmentId !== env.id) {
      throw invalidData([{ code: 'INVALID_VALUE', target: 'population.id', message: 'The population does not exist in this environment' }]);
    }
    populationId = population.id;
  } else {
    const fallback = state.populationsIn(env.id).find((p) => p.default);
    if (!fallback) throw invalidData([{ code: 'REQUIRED_VALUE', target: 'population.id', message: 'population.id is required' }]);
    populationId = fallback.id;
  }
  requirePermission(state, actorId, P.createUser, { environmentId: env.id, populationId });

  const problem = usernameProblem(body.username);
  if (problem === 'missing') throw invalidData([{ code: 'REQUIRED_VALUE', target: 'username', message: 'username is required' }]);
  if (problem === 'tooLong') {
    throw invalidData([
      {
        code: 'SIZE_LIMIT_EXCEEDED',
        target: 'username',
        message: `username must be at most ${USERNAME_MAX_LENGTH} characters`,
        innerError: { maximumValue: USERNAME_MAX_LENGTH },
      },
    ]);
  }
  if (problem === 'invalidCharacters') {
    throw invalidData([
      {
        code: 'INVALID_VALUE',
        target: 'username',
        message: 'username contains characters that are not allowed',
        innerError: { allowedPattern: USERNAME_PATTERN.source },
      },
    ]);
  }
  const username = body.username as string;
  // The PingOne Management OpenAPI spec marks email required; the emulator accepts users without one (choice) but checks its form.
  if (body.email !== undefined && (typeof body.email !== 'string' || !EMAIL.test(body.email))) {
    throw invalidData([{ code: 'INVALID_VALUE', target: 'email', message: 'email must be a well-formed email address' }]);
  }
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean') {
    throw invalidData([{ code: 'INVALID_VALUE', target: 'enabled', message: 'enabled must be a boolean' }]);
  }
  const key = usernameKey(username);
  if (state.usersIn(env.id).some((u) => usernameKey(u.username) === key)) {
    throw uniquenessViolation('username', 'A user with this username already exists in the environment');
  }
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!SERVER_FIELDS.includes(k) && v !== null) extra[k] = v;
  const stamp = new Date().toISOString();
  const user: User = {
    id: ctx.core.newId(),
    environmentId: env.id,
    populationId,
    username,
    email: body.email as string | undefined,
    enabled: (body.enabled as boolean | undefined) ?? true,
    createdAt: stamp,
    updatedAt: stamp,
    extra,
  };
  state.users.set(user.id, user);
  return { status: 201, body: renderUser(ctx.core, user) };
}

function deleteUser(ctx: RequestContext): Reply {
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const user = ctx.core.state.users.get(ctx.params.userId);
  if (!user || user.environmentId !== env.id) throw notFound('user');
  requirePermission(ctx.core.state, actorOf(ctx).clientId, P.deleteUser, { environmentId: env.id, populationId: user.populationId });
  ctx.core.state.users.delete(user.id);
  return { status: 204 };
}

export function registerUserRoutes(router: Router): void {
  const base = '/v1/environments/:environmentId/users';
  router.add('GET', base, listUsers);
  router.add('POST', base, createUser);
  router.add('GET', `${base}/:userId`, readUser);
  router.add('DELETE', `${base}/:userId`, deleteUser);
}
