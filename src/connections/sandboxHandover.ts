import type { Connection } from '../pingone/connection';
import { isLoopbackHostname, validateConnection } from '../pingone/connection';
import type { ConnectionStore } from './connectionStore';

/** Environment variable through which `npm run sandbox` hands the emulator's credentials to the extension host. */
export const SANDBOX_ENV = 'PINGONE_SANDBOX_CONNECTION';

interface SandboxHandover {
  name?: string;
  authBaseUrl: string;
  apiBaseUrl: string;
  environmentId: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Adds the sandbox's emulator connection once. The secret arrives in the
 * extension host's environment (set by the sandbox script on its own child
 * process) and goes straight to SecretStorage: no settings file ever holds
 * it. Only loopback hosts are accepted, so this cannot point real
 * credentials anywhere.
 */
export async function importSandboxConnection(
  store: ConnectionStore,
  env: NodeJS.ProcessEnv = process.env
): Promise<Connection | undefined> {
  const raw = env[SANDBOX_ENV];
  if (!raw) return undefined;
  let h: SandboxHandover;
  try {
    h = JSON.parse(raw) as SandboxHandover;
  } catch {
    return undefined;
  }
  const hosts = [h.authBaseUrl, h.apiBaseUrl].map((u) => {
    try {
      return new URL(u).hostname;
    } catch {
      return '';
    }
  });
  if (!hosts.every(isLoopbackHostname) || typeof h.clientSecret !== 'string') return undefined;
  const connection: Connection = {
    id: `sandbox-${h.clientId}`,
    name: h.name ?? 'Sandbox (local emulator)',
    authBaseUrl: h.authBaseUrl,
    apiBaseUrl: h.apiBaseUrl,
    environmentId: h.environmentId,
    clientId: h.clientId,
    tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
  };
  if (validateConnection(connection).length) return undefined;
  const existing = store.get(connection.id);
  const sameSecret = existing && (await store.getSecret(connection.id)) === h.clientSecret;
  if (!existing || !sameSecret || existing.apiBaseUrl !== connection.apiBaseUrl || existing.authBaseUrl !== connection.authBaseUrl) {
    // The emulator's port changes between runs; drop older sandbox entries.
    for (const c of store.list()) if (c.id.startsWith('sandbox-') && c.id !== connection.id) await store.remove(c.id);
    await store.save(connection, h.clientSecret);
  }
  return connection;
}
