/**
 * Application secrets (PingOne Platform API, Application Secret). Secrets read here are registered with
 * the client's redactor at once, so no log line can carry them afterwards.
 */
import type { PingOneClient, PropagationRetry } from './client';
import { objectWithStrings } from './client';
import type { ApplicationSecret } from './models';

const READ_PERMISSION =
  "permission to read this app's secret: a role that includes applications:read:secret (Environment Admin or Client Application Developer) and every role the target app holds (a worker cannot read its own secret)";
const UPDATE_PERMISSION =
  'a role that includes applications:update:secret (Environment Admin or Client Application Developer) and every role the target app holds';

/** A secret answer is used through `secret`; without it there is nothing to hand on. */
const SECRET_SHAPE = objectWithStrings('secret');

function secretPath(environmentId: string, applicationId: string): string {
  return `/environments/${encodeURIComponent(environmentId)}/applications/${encodeURIComponent(applicationId)}/secret`;
}

export async function readApplicationSecret(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  options: { signal?: AbortSignal; propagation?: PropagationRetry; appName?: string } = {}
): Promise<ApplicationSecret> {
  const result = await client.call<ApplicationSecret>({
    method: 'GET',
    path: secretPath(environmentId, applicationId),
    operation: `read the client secret of ${describeApp(applicationId, options.appName)}`,
    signal: options.signal,
    propagation: options.propagation,
    permissionHint: READ_PERMISSION,
    expect: SECRET_SHAPE,
  });
  registerSecrets(client, result);
  return result;
}

export const MIN_GRACE_PERIOD_MS = 60_000;
export const MAX_GRACE_PERIOD_MS = 30 * 24 * 60 * 60_000;

/** Grace period for the previous secret: 1 minute to 30 days (PingOne Platform API, Application Secret). */
export function validateGracePeriodMs(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return 'Enter a grace period such as 30m, 12h or 7d.';
  if (ms < MIN_GRACE_PERIOD_MS) return 'The grace period must be at least 1 minute (or none, to end the old secret at once).';
  if (ms > MAX_GRACE_PERIOD_MS) return 'The grace period can be at most 30 days.';
  return undefined;
}

/**
 * Generates a new secret. With `previousExpiresAt` the old one keeps working
 * until then; without it, the old secret stops at once. Never retried after
 * an ambiguous failure: read the secret to see whether it changed.
 */
export async function rotateApplicationSecret(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  options: { previousExpiresAt?: Date; signal?: AbortSignal; appName?: string } = {}
): Promise<ApplicationSecret> {
  const result = await client.call<ApplicationSecret>({
    method: 'POST',
    path: secretPath(environmentId, applicationId),
    json: options.previousExpiresAt ? { previous: { expiresAt: options.previousExpiresAt.toISOString() } } : undefined,
    operation: `rotate the client secret of ${describeApp(applicationId, options.appName)}`,
    signal: options.signal,
    permissionHint: UPDATE_PERMISSION,
    // A rotation that answers without the new secret has still rotated it: the caller must read it, not rotate again.
    expect: SECRET_SHAPE,
  });
  registerSecrets(client, result);
  return result;
}

/** Ends the previous secret's grace period now. */
export async function revokePreviousApplicationSecret(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  options: { signal?: AbortSignal } = {}
): Promise<void> {
  await client.call<void>({
    method: 'DELETE',
    path: secretPath(environmentId, applicationId),
    operation: `revoke the previous client secret of application ${applicationId}`,
    signal: options.signal,
    permissionHint: 'a role that includes applications:delete:secret',
  });
}

function registerSecrets(client: PingOneClient, secret: ApplicationSecret | undefined): void {
  client.redactor.addSecret(secret?.secret);
  client.redactor.addSecret(secret?.previous?.secret);
}

function describeApp(applicationId: string, name?: string): string {
  return name ? `"${name}" (${applicationId})` : `application ${applicationId}`;
}
