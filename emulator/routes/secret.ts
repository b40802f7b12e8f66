import { actorCoversRoleAt, requirePermission } from '../authorization';
import { ensureObject, type Reply, type RequestContext } from '../context';
import { forbidden, invalidData, invalidRequest } from '../errors';
import { newSecret } from '../ids';
import { actorOf, applicationIn, environmentForSubResource } from '../lookup';
import { P, type Permission } from '../roleCatalogue';
import type { Router } from '../router';
import type { Application } from '../state';

const MINUTE = 60_000;
const MIN_PREVIOUS_MS = MINUTE;
const MAX_PREVIOUS_MS = 30 * 24 * 60 * MINUTE;
/** The wording PingOne uses when the target worker holds permissions the actor lacks. */
export const SECRET_DENIED = 'Actor does not have permissions to access worker application client secrets';

/**
 * The documented rules (PingOne Platform API, Application Secret): the permission, a worker never touches its own secret,
 * and the caller must hold a superset of the target's role assignments.
 */
function authorizeSecretAccess(ctx: RequestContext, permission: Permission): Application {
  const actor = actorOf(ctx);
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const app = applicationIn(ctx, env.id, ctx.params.applicationId);
  const { state } = ctx.core;
  requirePermission(state, actor.clientId, permission, { environmentId: env.id, applicationId: app.id });
  if (app.id === actor.clientId) {
    throw forbidden([{ code: 'INSUFFICIENT_PERMISSIONS', message: 'An application cannot access its own secret' }]);
  }
  for (const assignment of state.assignmentsOf(app.id)) {
    const role = state.roles.get(assignment.roleId);
    if (role && !actorCoversRoleAt(state, actor.clientId, role, assignment.scope)) {
      // PingOne's own 403 body for this rule (Application Secret docs).
      throw forbidden([{ code: 'INSUFFICIENT_PERMISSIONS', message: SECRET_DENIED }]);
    }
  }
  if (app.body.protocol !== 'OPENID_CONNECT' || !state.secrets.has(app.id)) {
    throw invalidRequest('The application does not have a client secret');
  }
  return app;
}

function renderSecret(ctx: RequestContext, app: Application): Record<string, unknown> {
  const stored = ctx.core.state.secrets.get(app.id);
  if (!stored) throw invalidRequest('The application does not have a client secret');
  const base = `${ctx.core.baseUrl()}/v1/environments/${app.environmentId}`;
  const body: Record<string, unknown> = {
    _links: {
      self: { href: `${base}/applications/${app.id}/secret` },
      environment: { href: base },
      application: { href: `${base}/applications/${app.id}` },
    },
    environment: { id: app.environmentId },
    secret: stored.current,
  };
  // `previous` only while it has not expired (PingOne Platform API, Application Secret).
  if (stored.previous && stored.previous.expiresAt > Date.now()) {
    body.previous = {
      secret: stored.previous.secret,
      expiresAt: new Date(stored.previous.expiresAt).toISOString(),
      ...(stored.previous.lastUsed ? { lastUsed: stored.previous.lastUsed } : {}),
    };
  }
  return body;
}

function readSecret(ctx: RequestContext): Reply {
  const app = authorizeSecretAccess(ctx, P.readSecret);
  return { status: 200, body: renderSecret(ctx, app) };
}

/** Rotate. Without `previous.expiresAt` the old secret stops working at once (pingcli, PingOne Platform API, Application Secret). */
async function rotateSecret(ctx: RequestContext): Promise<Reply> {
  const app = authorizeSecretAccess(ctx, P.updateSecret);
  const raw = await ctx.json();
  let keepUntil: number | undefined;
  if (raw !== undefined) {
    const body = ensureObject(raw);
    if (body.previous !== undefined && body.previous !== null) {
      const previous = ensureObject(body.previous);
      const expiresAt = typeof previous.expiresAt === 'string' ? Date.parse(previous.expiresAt) : NaN;
      if (Number.isNaN(expiresAt)) {
        throw invalidData([{ code: 'INVALID_VALUE', target: 'previous.expiresAt', message: 'expiresAt must be an ISO-8601 date-time' }]);
      }
      const delta = expiresAt - Date.now();
      // Exactly the documented bounds, measured on the server's clock when the request arrives.
      if (delta < MIN_PREVIOUS_MS || delta > MAX_PREVIOUS_MS) {
        throw invalidData([
          {
            code: 'OUT_OF_RANGE',
            target: 'previous.expiresAt',
            message: 'expiresAt must be between 1 minute and 30 days from now',
            // The spec types these as integers; the unit (seconds) is UNCONFIRMED.
            innerError: { rangeMinimumValue: MIN_PREVIOUS_MS / 1000, rangeMaximumValue: MAX_PREVIOUS_MS / 1000 },
          },
        ]);
      }
      keepUntil = expiresAt;
    }
  }
  const stored = ctx.core.state.secrets.get(app.id);
  if (!stored) throw invalidRequest('The application does not have a client secret');
  stored.previous = keepUntil === undefined ? undefined : { secret: stored.current, expiresAt: keepUntil, lastUsed: stored.lastUsed };
  stored.current = newSecret();
  stored.lastUsed = undefined;
  return { status: 200, body: renderSecret(ctx, app) };
}

function deletePreviousSecret(ctx: RequestContext): Reply {
  const app = authorizeSecretAccess(ctx, P.deleteSecret);
  const stored = ctx.core.state.secrets.get(app.id);
  if (stored) stored.previous = undefined;
  return { status: 204 };
}

export function registerSecretRoutes(router: Router): void {
  const path = '/v1/environments/:environmentId/applications/:applicationId/secret';
  router.add('GET', path, readSecret);
  router.add('POST', path, rotateSecret);
  router.add('DELETE', path, deletePreviousSecret);
}
