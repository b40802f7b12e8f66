/** Shared setup for the PingOne client tests: an emulator, fast retry settings, a recording logger. */
import type { AddressInfo } from 'node:net';
import { startEmulator } from '../../../emulator';
import { FAST_RETRY } from '../../shared/fastRetry';
import type { Connection, LogFields, Logger, PingOneClientOptions, RetryPolicy } from '../../../src/pingone';
import { PingOneClient } from '../../../src/pingone';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;
export type EmulatorOptions = Parameters<typeof startEmulator>[0];

export { FAST_RETRY };

export function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ rateLimit: false, ...options });
}

export function connectionFor(emu: Emulator, overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'test',
    name: 'Emulator',
    authBaseUrl: emu.authBaseUrl,
    apiBaseUrl: emu.apiBaseUrl,
    environmentId: emu.environmentId,
    clientId: emu.clientId,
    tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    ...overrides,
  };
}

export interface LogLine {
  level: string;
  message: string;
  fields?: LogFields;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  debug(message: string, fields?: LogFields) {
    this.lines.push({ level: 'debug', message, fields });
  }
  info(message: string, fields?: LogFields) {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: LogFields) {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: LogFields) {
    this.lines.push({ level: 'error', message, fields });
  }
  text(): string {
    return this.lines.map((l) => `${l.level} ${l.message} ${JSON.stringify(l.fields ?? {})}`).join('\n');
  }
}

export type TestClientOptions = Omit<Partial<PingOneClientOptions>, 'connection' | 'retry'> & {
  connection?: Partial<Connection>;
  retry?: Partial<RetryPolicy>;
  secret?: string;
};

export function clientFor(emu: Emulator, options: TestClientOptions = {}): PingOneClient {
  const { connection, secret, retry, ...rest } = options;
  return new PingOneClient({
    connection: connectionFor(emu, connection),
    getSecret: () => secret ?? emu.clientSecret,
    retry: { ...FAST_RETRY, ...retry },
    ...rest,
  });
}

export function envIdByName(emu: Emulator, name: string): string {
  for (const env of emu.state.environments.values()) if (env.name === name) return env.id;
  throw new Error(`no environment ${name}`);
}

export function appIdByName(emu: Emulator, envId: string, name: string): string {
  for (const app of emu.state.applications.values()) if (app.environmentId === envId && app.body.name === name) return app.id;
  throw new Error(`no app ${name}`);
}

/** Requests logged from now on (API and token calls), for call counting. */
export function requestCounter(emu: Emulator): { calls: () => Emulator['requestLog']; count: () => number } {
  const start = emu.requestLog.length;
  const calls = () => emu.requestLog.slice(start).filter((e) => !e.path.startsWith('/__emulator'));
  return { calls, count: () => calls().length };
}

export const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a2a0e3f20000000049454e44ae426082',
  'hex'
);

/**
 * A forwarder in front of the emulator that lets PingOne do the work but
 * loses the answer (socket destroyed after upstream replied) for requests
 * matching `drop`. The emulator's own reset faults fire before handling, so
 * they cannot model "created, but the response never arrived".
 */
export async function startLossyForwarder(
  target: string,
  drop: (method: string, path: string) => boolean
): Promise<{ baseUrl: string; dropped: number; close(): Promise<void> }> {
  const { createServer, request } = await import('node:http');
  const state = { dropped: 0 };
  let port = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (up) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          if (drop(req.method ?? 'GET', new URL(req.url ?? '/', target).pathname)) {
            state.dropped++;
            req.socket.destroy();
            return;
          }
          // The emulator writes absolute links on its own origin; point them at us.
          const text = Buffer.concat(body).toString('utf8').split(target).join(`http://127.0.0.1:${port}`);
          const headers = { ...up.headers };
          delete headers['content-length'];
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(text);
        });
      });
      upstream.on('error', () => req.socket.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get dropped() {
      return state.dropped;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
