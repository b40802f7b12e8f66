import { randomUUID } from 'node:crypto';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../../emulator';
import type { Connection } from '../../../src/pingone/connection';
import type { RetryPolicy } from '../../../src/pingone/retry';
import type { Services } from '../../../src/services';
import { FAST_RETRY } from '../../shared/fastRetry';
import { testServices } from './extension';
import { trackEmulator } from './secretLedger';

export interface EmulatorConnection {
  emulator: RunningEmulator;
  /** Saved through the ConnectionStore (secret in SecretStorage), as the add flow would. */
  connection: Connection;
  services: Services;
  /** Removes the connection (and its secret), restores the retry policy and stops the emulator. */
  cleanup(): Promise<void>;
}

export interface EmulatorConnectionOptions extends EmulatorOptions {
  name?: string;
  /** Defaults: HOST_RETRY (millisecond backoff), so injected failures do not slow a suite down. */
  retry?: Partial<RetryPolicy>;
}

const { maxAttempts: _settingDecides, ...fastDelays } = FAST_RETRY;

/**
 * The shared fast retries in the host: how many attempts stays the
 * `pingone.api.maxRetries` setting's (the suites test it), and the timeout
 * suits a busy host (a browser, code-server and the emulator on one machine).
 */
export const HOST_RETRY: Partial<RetryPolicy> = { ...fastDelays, timeoutMs: 10_000 };

/**
 * Starts an emulator in the extension host and saves a connection to it.
 * Every suite that needs a PingOne connection starts here.
 */
export async function startEmulatorConnection(options: EmulatorConnectionOptions = {}): Promise<EmulatorConnection> {
  const { name, retry, ...emulatorOptions } = options;
  const services = await testServices();
  const emulator = trackEmulator(await startEmulator({ seed: 'default', port: 0, ...emulatorOptions }));
  const previousRetry = services.clients.retryOverrides;
  services.clients.retryOverrides = { ...HOST_RETRY, ...retry };
  services.clients.closeAll(); // clients built before pick up the fast policy too
  const connection: Connection = {
    id: `emulator-${randomUUID()}`,
    name: name ?? `Emulator ${emulator.baseUrl}`,
    authBaseUrl: emulator.authBaseUrl,
    apiBaseUrl: emulator.apiBaseUrl,
    environmentId: emulator.environmentId,
    clientId: emulator.clientId,
    tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
  };
  await services.connections.save(connection, emulator.clientSecret);
  let cleaned = false;
  return {
    emulator,
    connection,
    services,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      if (services.connections.get(connection.id)) await services.connections.remove(connection.id);
      services.clients.retryOverrides = previousRetry;
      services.clients.closeAll();
      await emulator.close();
    },
  };
}
