import { CONNECTION_GONE } from '../connections/connectionStore';
import { listApplications } from '../pingone/applications';
import type { Connection } from '../pingone/connection';
import { listEnvironments } from '../pingone/environments';
import type { Application, Environment } from '../pingone/models';
import { collect } from '../pingone/paging';
import type { AppTarget, EnvironmentTarget } from '../explorer/targets';
import { asAppTarget, asEnvironmentTarget, isTarget } from '../explorer/targets';
import type { Services } from '../services';
import { appTypeLabel, environmentDescription } from '../ui/labels';
import { compareApps } from '../ui/ordering';
import { UserCancelled, answered } from '../ui/prompter';

/** The connection of a tree target, the only connection, or the one the user picks. */
export async function pickConnectionId(services: Services, arg?: unknown, title = 'PingOne connection'): Promise<string> {
  if (isTarget(arg)) return arg.connectionId;
  const all = services.connections.list();
  if (all.length === 0) {
    const add = await services.prompter.get().info('There is no PingOne connection yet.', {}, 'Add Connection');
    if (add) await import('vscode').then((vscode) => vscode.commands.executeCommand('pingone.connection.add'));
    throw new UserCancelled();
  }
  if (all.length === 1) return all[0].id;
  return answered<string>(
    await services.prompter.get().pick<string>({
      title,
      placeholder: 'Pick a connection',
      items: all.map((c) => ({ label: c.name, description: c.apiBaseUrl ?? c.region ?? 'NA', value: c.id })),
    })
  );
}

/** The saved connection a command acts on: from the tree, the only one, or picked. Throws when it was removed meanwhile. */
export async function pickConnection(services: Services, arg?: unknown, title = 'PingOne connection'): Promise<Connection> {
  return savedConnection(services, await pickConnectionId(services, arg, title));
}

/** A saved connection by id; throws the one message for a connection removed meanwhile. */
export function savedConnection(services: Pick<Services, 'connections'>, connectionId: string): Connection {
  const connection = services.connections.get(connectionId);
  if (!connection) throw new Error(CONNECTION_GONE);
  return connection;
}

export async function pickEnvironment(services: Services, arg?: unknown, title = 'PingOne environment'): Promise<EnvironmentTarget> {
  const fromTree = asEnvironmentTarget(arg);
  if (fromTree) return fromTree;
  const connectionId = await pickConnectionId(services, arg, title);
  const client = services.clients.forConnection(connectionId);
  const env = answered<Environment>(
    await services.prompter.get().pick<Environment>({
      title,
      placeholder: 'Pick an environment',
      items: collect(listEnvironments(client)).then((envs) =>
        envs.map((e) => ({ label: e.name, description: environmentDescription(e), detail: e.id, value: e }))
      ),
    })
  );
  return { kind: 'environment', connectionId, environmentId: env.id, environment: env };
}

export async function pickApp(
  services: Services,
  arg?: unknown,
  title = 'PingOne application',
  filter?: (type: string) => boolean
): Promise<AppTarget> {
  const fromTree = asAppTarget(arg);
  if (fromTree) return fromTree;
  const env = await pickEnvironment(services, arg, title);
  const client = services.clients.forConnection(env.connectionId);
  const app = answered<Application>(
    await services.prompter.get().pick<Application>({
      title,
      placeholder: 'Pick an application',
      items: collect(listApplications(client, env.environmentId)).then((apps) =>
        apps
          .filter((a) => !filter || filter(a.type))
          .sort(compareApps)
          .map((a) => ({ label: a.name, description: `${appTypeLabel(a)}${a.enabled ? '' : ' · disabled'}`, detail: a.id, value: a }))
      ),
    })
  );
  return { kind: 'app', connectionId: env.connectionId, environmentId: env.environmentId, applicationId: app.id, application: app };
}
