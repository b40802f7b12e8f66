import { forbidden, notFound } from './errors';
import type { RequestContext } from './context';
import type { Actor } from './context';
import type { Application, Environment } from './state';

export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new Error('route needs an authenticated actor');
  return ctx.actor;
}

/**
 * Environment of a sub-resource path. An unknown (or not yet consistent) environment answers 403,
 * as PingOne does for many sub-resources (PingOne Platform API, Environments; Error codes).
 */
export function environmentForSubResource(ctx: RequestContext, environmentId: string): Environment {
  const state = ctx.core.state;
  const env = state.environments.get(environmentId);
  if (!env || env.visibleAt > Date.now()) throw forbidden();
  state.materialize(env.id);
  return env;
}

/** An app of the environment; unknown, hidden or not yet consistent apps answer 404 (PingOne Platform API, Environments). */
export function applicationIn(ctx: RequestContext, environmentId: string, applicationId: string): Application {
  const app = ctx.core.state.applications.get(applicationId);
  if (!app || app.environmentId !== environmentId || app.hidden || app.visibleAt > Date.now()) throw notFound('application');
  return app;
}
