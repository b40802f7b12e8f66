import { effectiveAssignments, hasPermission, requirePermission } from '../authorization';
import { validateApplication, MAX_APPLICATIONS_PER_ENVIRONMENT } from '../applicationRules';
import { ensureObject, type Reply, type RequestContext } from '../context';
import { ApiError, forbidden } from '../errors';
import { newSecret } from '../ids';
import { actorOf, applicationIn, environmentForSubResource } from '../lookup';
import { allInOnePage } from '../paging';
import { renderApplication } from '../render';
import { P } from '../roleCatalogue';
import type { Router } from '../router';
import { parseFilter } from '../scimFilter';
import type { Application } from '../state';

function visibleApps(ctx: RequestContext, environmentId: string): Application[] {
  const now = Date.now();
  return ctx.core.state.applicationsIn(environmentId).filter((a) => !a.hidden && a.visibleAt <= now);
}

/** List: whole environment with env-level read; an Application Owner sees only its own apps. */
function listApplications(ctx: RequestContext): Reply {
  const actor = actorOf(ctx);
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const { state } = ctx.core;
  // PingOne Platform API, Paging, ordering and collections: `/applications` supports no SCIM filter, so any filter is refused.
  const filter = ctx.url.searchParams.get('filter');
  if (filter !== null) parseFilter(filter, { allowed: {} });
  let apps = visibleApps(ctx, env.id);
  if (!hasPermission(state, actor.clientId, P.readApplication, { environmentId: env.id })) {
    apps = apps.filter((a) => hasPermission(state, actor.clientId, P.readApplication, { environmentId: env.id, applicationId: a.id }));
    if (apps.length === 0) throw forbidden();
  }
  // PingOne declares no limit or cursor here and returns every application in one page
  // (spec readAllApplications; Read All Applications docs), so any such parameter is ignored.
  const body = allInOnePage(
    apps.map((a) => renderApplication(ctx.core, a)),
    'applications',
    ctx.url
  );
  return { status: 200, body };
}

async function createApplication(ctx: RequestContext): Promise<Reply> {
  const actor = actorOf(ctx);
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const { state, faults } = ctx.core;
  requirePermission(state, actor.clientId, P.createApplication, { environmentId: env.id });
  const { body, assignActorRoles } = validateApplication(ensureObject(await ctx.json()), 'create');
  if (state.applicationsIn(env.id).filter((a) => !a.hidden).length >= MAX_APPLICATIONS_PER_ENVIRONMENT) {
    // UNCONFIRMED error shape for the platform limit; 400 INVALID_DATA/SIZE_LIMIT_EXCEEDED chosen.
    throw new ApiError(400, 'INVALID_DATA', 'The request could not be completed. The maximum number of applications has been reached.', [
      {
        code: 'SIZE_LIMIT_EXCEEDED',
        target: 'applications',
        message: `An environment can have at most ${MAX_APPLICATIONS_PER_ENVIRONMENT} applications`,
        innerError: { maximumValue: MAX_APPLICATIONS_PER_ENVIRONMENT },
      },
    ]);
  }
  const now = Date.now();
  const stamp = new Date(now).toISOString();
  const app: Application = {
    id: ctx.core.newId(),
    environmentId: env.id,
    createdAt: stamp,
    updatedAt: stamp,
    visibleAt: now + faults.consistency.newResourcesMs,
    body,
  };
  state.addApplication(app, body.protocol === 'OPENID_CONNECT' ? newSecret() : undefined);
  // PingOne Platform API, Applications: without assignActorRoles:false a new worker inherits the creator's role assignments.
  if (assignActorRoles && body.type === 'WORKER') {
    for (const held of effectiveAssignments(state, actor.clientId, now)) {
      const id = ctx.core.newId();
      state.roleAssignments.set(id, {
        id,
        applicationId: app.id,
        environmentId: env.id,
        roleId: held.roleId,
        scope: { ...held.scope },
        createdAt: stamp,
        effectiveAt: now + faults.consistency.roleChangesMs,
      });
    }
  }
  return {
    status: 201,
    body: renderApplication(ctx.core, app),
    headers: { Location: `${ctx.core.baseUrl()}/v1/environments/${env.id}/applications/${app.id}` },
  };
}

function readApplication(ctx: RequestContext): Reply {
  const actor = actorOf(ctx);
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const app = applicationIn(ctx, env.id, ctx.params.applicationId);
  requirePermission(ctx.core.state, actor.clientId, P.readApplication, { environmentId: env.id, applicationId: app.id });
  return { status: 200, body: renderApplication(ctx.core, app) };
}

/** PUT is a full replace (PingOne Platform API, Applications): omitted fields are cleared, unknown fields kept, read-only ignored. */
async function replaceApplication(ctx: RequestContext): Promise<Reply> {
  const actor = actorOf(ctx);
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const app = applicationIn(ctx, env.id, ctx.params.applicationId);
  requirePermission(ctx.core.state, actor.clientId, P.updateApplication, { environmentId: env.id, applicationId: app.id });
  const { body } = validateApplication(ensureObject(await ctx.json()), 'replace', app.body);
  app.body = body;
  app.updatedAt = new Date().toISOString();
  return { status: 200, body: renderApplication(ctx.core, app) };
}

function deleteApplication(ctx: RequestContext): Reply {
  const actor = actorOf(ctx);
  const env = environmentForSubResource(ctx, ctx.params.environmentId);
  const app = applicationIn(ctx, env.id, ctx.params.applicationId);
  requirePermission(ctx.core.state, actor.clientId, P.deleteApplication, { environmentId: env.id, applicationId: app.id });
  ctx.core.state.removeApplication(app.id);
  return { status: 204 };
}

export function registerApplicationRoutes(router: Router): void {
  const base = '/v1/environments/:environmentId/applications';
  router.add('GET', base, listApplications);
  router.add('POST', base, createApplication);
  router.add('GET', `${base}/:applicationId`, readApplication);
  router.add('PUT', `${base}/:applicationId`, replaceApplication);
  router.add('DELETE', `${base}/:applicationId`, deleteApplication);
}
