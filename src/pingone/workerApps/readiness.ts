/**
 * "Check Sync Readiness": each PingDataSync prerequisite, pass or fail, with
 * a machine-readable fix the VS Code side maps to a command.
 */
import type { PingOneClient } from '../client';
import { getApplication } from '../applications';
import { isPingOneError, isSecretHiddenError } from '../errors';
import type { Application, Role, RoleAssignment } from '../models';
import { listApplicationRoleAssignments } from '../roleAssignments';
import { readApplicationSecret } from '../secrets';
import { requireIdentityDataAdmin } from './configureForSync';

export type ReadinessCheckId =
  'worker-type' | 'enabled' | 'client-credentials' | 'client-secret-post' | 'identity-data-admin' | 'secret-readable';

export type ReadinessFixId =
  | 'create-worker-app'
  | 'enable-app'
  | 'add-client-credentials-grant'
  | 'set-client-secret-post'
  | 'assign-identity-data-admin'
  | 'grant-secret-access'
  | 'use-another-connection';

export interface ReadinessCheck {
  id: ReadinessCheckId;
  label: string;
  passed: boolean;
  /** Why it failed, or what was found. */
  detail: string;
  fixId?: ReadinessFixId;
}

export interface ReadinessReport {
  app: Application;
  ready: boolean;
  checks: ReadinessCheck[];
}

export async function checkSyncReadiness(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  options: { signal?: AbortSignal; identityDataAdminRole?: Role } = {}
): Promise<ReadinessReport> {
  const { signal } = options;
  const [app, assignments, role] = await Promise.all([
    getApplication(client, environmentId, applicationId, { signal }),
    listApplicationRoleAssignments(client, environmentId, applicationId, { signal }),
    options.identityDataAdminRole ?? requireIdentityDataAdmin(client, signal),
  ]);
  const checks = evaluateAppChecks(app, assignments, role, environmentId);
  checks.push(await checkSecretReadable(client, environmentId, app, signal));
  return { app, ready: checks.every((c) => c.passed), checks };
}

/** The checks that need only the app and its role assignments (no secret read). */
export function evaluateAppChecks(
  app: Application,
  assignments: RoleAssignment[],
  identityDataAdminRole: Role,
  environmentId: string
): ReadinessCheck[] {
  const grants = Array.isArray(app.grantTypes) ? app.grantTypes : [];
  const idaAssignments = assignments.filter((a) => a.role?.id === identityDataAdminRole.id);
  const atEnvironment = idaAssignments.some((a) => a.scope?.type === 'ENVIRONMENT' && a.scope?.id === environmentId);
  const elsewhere = idaAssignments.map(describeScope).join(', ');
  return [
    {
      id: 'worker-type',
      label: 'Worker application',
      passed: app.type === 'WORKER',
      detail:
        app.type === 'WORKER'
          ? 'The app is a worker.'
          : `The app is a ${app.type} app; PingDataSync needs a worker app (the type cannot be changed).`,
      fixId: app.type === 'WORKER' ? undefined : 'create-worker-app',
    },
    {
      id: 'enabled',
      label: 'Enabled',
      passed: app.enabled === true,
      detail: app.enabled === true ? 'The app is enabled.' : 'The app is disabled, so PingOne refuses its tokens.',
      fixId: app.enabled === true ? undefined : 'enable-app',
    },
    {
      id: 'client-credentials',
      label: 'Client Credentials grant',
      passed: grants.includes('CLIENT_CREDENTIALS'),
      detail: grants.includes('CLIENT_CREDENTIALS')
        ? 'The Client Credentials grant is enabled.'
        : `Grant types are ${grants.join(', ') || 'none'}; PingDataSync needs Client Credentials.`,
      fixId: grants.includes('CLIENT_CREDENTIALS') ? undefined : 'add-client-credentials-grant',
    },
    {
      id: 'client-secret-post',
      label: 'Token endpoint auth method Client Secret Post',
      passed: app.tokenEndpointAuthMethod === 'CLIENT_SECRET_POST',
      detail:
        app.tokenEndpointAuthMethod === 'CLIENT_SECRET_POST'
          ? 'The app uses Client Secret Post.'
          : `The app uses ${app.tokenEndpointAuthMethod || 'no'} token endpoint auth method; PingDataSync sends the secret in the request body (Client Secret Post).`,
      fixId: app.tokenEndpointAuthMethod === 'CLIENT_SECRET_POST' ? undefined : 'set-client-secret-post',
    },
    {
      id: 'identity-data-admin',
      label: `${identityDataAdminRole.name} at environment scope`,
      passed: atEnvironment,
      detail: atEnvironment
        ? `The app holds ${identityDataAdminRole.name} for this environment.`
        : elsewhere
          ? `${identityDataAdminRole.name} is assigned only at ${elsewhere}, not at this environment.`
          : `The app does not hold ${identityDataAdminRole.name}.`,
      fixId: atEnvironment ? undefined : 'assign-identity-data-admin',
    },
  ];
}

/** "environment <id>", or what is known of a scope PingOne returned incomplete. */
function describeScope(assignment: RoleAssignment): string {
  const type = assignment.scope?.type?.toLowerCase();
  const id = assignment.scope?.id;
  if (type && id) return `${type} ${id}`;
  if (type) return `${type} scope (no id given)`;
  return id ? `scope ${id} (no type given)` : 'an unstated scope';
}

async function checkSecretReadable(
  client: PingOneClient,
  environmentId: string,
  app: Application,
  signal?: AbortSignal
): Promise<ReadinessCheck> {
  const base = { id: 'secret-readable' as const, label: 'Client secret can be read' };
  if (app.id === client.connection.clientId) {
    // PingOne never lets a worker read its own secret (Application Secret docs).
    return {
      ...base,
      passed: false,
      detail: "This is the connection's own worker, and a worker cannot read its own secret. Use another connection to read it.",
      fixId: 'use-another-connection',
    };
  }
  try {
    await readApplicationSecret(client, environmentId, app.id, { signal, appName: app.name });
    return { ...base, passed: true, detail: 'The secret can be read (it is not shown).' };
  } catch (error) {
    if (isPingOneError(error) && isSecretHiddenError(error)) {
      return {
        ...base,
        passed: false,
        detail:
          "The app holds roles the connection's worker does not hold, so PingOne hides its secret from this worker. Use a connection whose worker holds every role of this app.",
        fixId: 'use-another-connection',
      };
    }
    if (isPingOneError(error, 'forbidden') || isPingOneError(error, 'not-found')) {
      return {
        ...base,
        passed: false,
        detail: `The connection's worker may not read this app's secret: it needs applications:read:secret and every role the app holds.${error.errorId ? ` (PingOne error id ${error.errorId})` : ''}`,
        fixId: 'grant-secret-access',
      };
    }
    throw error;
  }
}
