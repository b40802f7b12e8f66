import { pickApp } from './pickers';
import type { AppTarget } from '../explorer/targets';
import { getApplication } from '../pingone/applications';
import type { PingOneClient } from '../pingone/client';
import type { Application } from '../pingone/models';
import type { Services } from '../services';

/** An app a command acts on, with its client and the app as PingOne has it now. */
export interface AppContext {
  target: AppTarget;
  client: PingOneClient;
  app: Application;
}

/** Command helper: the app from the tree node (or picked), read fresh so no decision uses a stale tree. */
export async function resolveApp(
  services: Services,
  arg: unknown,
  title: string,
  options: { fresh?: boolean; oidcOnly?: boolean } = {}
): Promise<AppContext> {
  const target = await pickApp(services, arg, title, options.oidcOnly ? (type) => type !== 'PORTAL_LINK_APP' : undefined);
  const client = services.clients.forConnection(target.connectionId);
  const app =
    options.fresh === false && target.application
      ? target.application
      : await getApplication(client, target.environmentId, target.applicationId);
  return { target, client, app };
}

/** The target without a cached application, for explorer refreshes. */
export function appTargetOf(ctx: { target: AppTarget }, app?: Application): AppTarget {
  return {
    kind: 'app',
    connectionId: ctx.target.connectionId,
    environmentId: ctx.target.environmentId,
    applicationId: ctx.target.applicationId,
    application: app,
  };
}
