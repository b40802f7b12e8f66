/**
 * Applications (PingOne Platform API, Applications). PUT is a full replace, so every update goes
 * through `updateApplication`: read, change, strip read-only fields, keep
 * every other field (unknown ones too), PUT the whole object.
 */
import type { PingOneClient, PropagationRetry } from './client';
import { objectWithStrings } from './client';
import type { Application, ApplicationBody, ApplicationIcon, AppTokenEndpointAuthMethod } from './models';
import type { Page } from './paging';
import { collect, fetchPage, paginate } from './paging';

const APP_PERMISSION = 'the Client Application Developer (or Environment Admin) role on this environment';

/** Fields PingOne sets itself; sending them back in a PUT is at best ignored (UNCONFIRMED whether rejected). */
export const APPLICATION_READ_ONLY_FIELDS = ['id', '_links', '_embedded', 'environment', 'createdAt', 'updatedAt'] as const;

/** Every application answer is used through its `id`. */
const APPLICATION_SHAPE = objectWithStrings('id');

/** How far PingOne's clock may differ from ours when matching `createdAt` after a failed create. */
const CREATED_AT_SKEW_MS = 5 * 60_000;

function appsPath(environmentId: string): string {
  return `/environments/${encodeURIComponent(environmentId)}/applications`;
}

function appPath(environmentId: string, applicationId: string): string {
  return `${appsPath(environmentId)}/${encodeURIComponent(applicationId)}`;
}

export function listApplications(
  client: PingOneClient,
  environmentId: string,
  options: { signal?: AbortSignal } = {}
): AsyncGenerator<Application> {
  return paginate<Application>(client, {
    pathOrUrl: appsPath(environmentId),
    embeddedKey: 'applications',
    operation: `list the applications of environment ${environmentId}`,
    signal: options.signal,
    permissionHint: APP_PERMISSION,
  });
}

export function fetchApplicationsPage(
  client: PingOneClient,
  environmentId: string,
  options: { nextUrl?: string; signal?: AbortSignal } = {}
): Promise<Page<Application>> {
  return fetchPage<Application>(client, {
    pathOrUrl: options.nextUrl ?? appsPath(environmentId),
    embeddedKey: 'applications',
    operation: `list the applications of environment ${environmentId}`,
    signal: options.signal,
    permissionHint: APP_PERMISSION,
  });
}

/** Apps whose name matches (case-insensitively, as Terraform does); names are not unique in PingOne. */
export async function findApplicationsByName(
  client: PingOneClient,
  environmentId: string,
  name: string,
  options: { signal?: AbortSignal } = {}
): Promise<Application[]> {
  const wanted = name.trim().toLowerCase();
  const all = await collect(listApplications(client, environmentId, options));
  return all.filter((app) => typeof app.name === 'string' && app.name.trim().toLowerCase() === wanted);
}

export function getApplication(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  options: { signal?: AbortSignal; propagation?: PropagationRetry } = {}
): Promise<Application> {
  return client.call<Application>({
    method: 'GET',
    path: appPath(environmentId, applicationId),
    operation: `read application ${applicationId}`,
    signal: options.signal,
    propagation: options.propagation,
    permissionHint: APP_PERMISSION,
    expect: APPLICATION_SHAPE,
  });
}

export interface WorkerAppInput {
  name: string;
  description?: string;
  icon?: ApplicationIcon;
}

/** The WORKER body from PingOne Platform API, Applications. `assignActorRoles: false` stops it inheriting all of our roles. */
export function buildWorkerApplicationBody(input: WorkerAppInput): ApplicationBody {
  const body: ApplicationBody = {
    name: input.name,
    enabled: true,
    type: 'WORKER',
    protocol: 'OPENID_CONNECT',
    grantTypes: ['CLIENT_CREDENTIALS'],
    tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    assignActorRoles: false,
  };
  if (input.description?.trim()) body.description = input.description;
  if (input.icon) body.icon = { id: input.icon.id, href: input.icon.href };
  return body;
}

/**
 * POST an application. After an ambiguous failure (5xx, reset, timeout) it
 * looks for an app with the same name and type created since just before the
 * request, and returns that instead of creating a second one.
 */
export async function createApplication(
  client: PingOneClient,
  environmentId: string,
  body: ApplicationBody,
  options: { signal?: AbortSignal } = {}
): Promise<Application> {
  const startedAt = Date.now();
  return client.call<Application>({
    method: 'POST',
    path: appsPath(environmentId),
    json: body,
    operation: `create application "${body.name}" in environment ${environmentId}`,
    signal: options.signal,
    permissionHint: APP_PERMISSION,
    // Right after an environment is created its sub-resources may 404/403 for a while (PingOne Platform API, Environments).
    propagation: { notFound: true },
    // An empty, non-JSON or id-less 2xx leaves the outcome unknown: `recover` looks, nothing is POSTed again.
    expect: APPLICATION_SHAPE,
    recover: (signal) => findRecentlyCreatedApplication(client, environmentId, body, startedAt, signal),
  });
}

export async function findRecentlyCreatedApplication(
  client: PingOneClient,
  environmentId: string,
  body: Pick<ApplicationBody, 'name' | 'type'>,
  sinceMs: number,
  signal?: AbortSignal
): Promise<Application | undefined> {
  const candidates = (await findApplicationsByName(client, environmentId, body.name, { signal }))
    .filter((app) => app.name === body.name && app.type === body.type)
    .filter((app) => typeof app.createdAt === 'string' && Date.parse(app.createdAt) >= sinceMs - CREATED_AT_SKEW_MS)
    .sort((a, b) => Date.parse(String(b.createdAt)) - Date.parse(String(a.createdAt)));
  return candidates[0];
}

export function createWorkerApplication(
  client: PingOneClient,
  environmentId: string,
  input: WorkerAppInput,
  options: { signal?: AbortSignal } = {}
): Promise<Application> {
  return createApplication(client, environmentId, buildWorkerApplicationBody(input), options);
}

/** The app as a PUT body: read-only fields removed, everything else kept as is. */
export function toReplaceBody(app: Application | Record<string, unknown>): ApplicationBody {
  const body: Record<string, unknown> = structuredClone(app);
  for (const field of APPLICATION_READ_ONLY_FIELDS) delete body[field];
  // Only honoured on POST (PingOne Platform API, Applications); sending it on PUT would be noise.
  delete body.assignActorRoles;
  return body as ApplicationBody;
}

export function replaceApplication(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  body: ApplicationBody,
  options: { signal?: AbortSignal } = {}
): Promise<Application> {
  return client.call<Application>({
    method: 'PUT',
    path: appPath(environmentId, applicationId),
    json: body,
    operation: `update application "${body.name}" (${applicationId})`,
    signal: options.signal,
    permissionHint: APP_PERMISSION,
    expect: APPLICATION_SHAPE,
  });
}

/**
 * Read–change–replace. `change` edits (or returns) a copy of the current app;
 * everything it leaves alone is sent back unchanged.
 */
export async function updateApplication(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  change: (app: Application) => Application | void,
  options: { signal?: AbortSignal } = {}
): Promise<Application> {
  const current = await getApplication(client, environmentId, applicationId, options);
  const draft = structuredClone(current);
  const changed = change(draft) ?? draft;
  return replaceApplication(client, environmentId, applicationId, toReplaceBody(changed), options);
}

export function setApplicationEnabled(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  enabled: boolean,
  options: { signal?: AbortSignal } = {}
): Promise<Application> {
  return updateApplication(
    client,
    environmentId,
    applicationId,
    (app) => {
      app.enabled = enabled;
    },
    options
  );
}

export function setTokenEndpointAuthMethod(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  method: AppTokenEndpointAuthMethod,
  options: { signal?: AbortSignal } = {}
): Promise<Application> {
  return updateApplication(
    client,
    environmentId,
    applicationId,
    (app) => {
      app.tokenEndpointAuthMethod = method;
    },
    options
  );
}

export async function deleteApplication(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  options: { signal?: AbortSignal; name?: string } = {}
): Promise<void> {
  await client.call<void>({
    method: 'DELETE',
    path: appPath(environmentId, applicationId),
    operation: `delete application ${options.name ? `"${options.name}" ` : ''}(${applicationId})`,
    signal: options.signal,
    permissionHint: APP_PERMISSION,
  });
}

/** Typed confirmation for Delete…: exact name, surrounding spaces ignored. */
export function deleteConfirmationMatches(appName: string, typed: string): boolean {
  return typed.trim() === appName.trim() && typed.trim().length > 0;
}
