/**
 * A hand-rolled PingOne stand-in on 127.0.0.1 whose every answer a test scripts, for what the
 * emulator never does (odd bodies, exact headers, a body of a given size, an answer that never
 * comes), and a clock that only moves when told, so waits are checked to the millisecond.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock, Connection, PingOneClientOptions, RetryPolicy } from '../../../src/pingone';
import assert from 'node:assert/strict';
import { PingOneClient, PingOneError, cancelledError } from '../../../src/pingone';
import { FAST_RETRY, RecordingLogger } from './helpers';

export const ENV = '3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8';
export const CLIENT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const SECRET = 'scripted-secret-value';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What the server does with one request: an answer, or drop the connection, or never answer. */
export type Answer =
  { status?: number; headers?: Record<string, string | string[]>; body?: unknown; raw?: string | Buffer } | 'destroy' | 'hang';

/** An answer may come later (a promise), e.g. to let another request overtake this one. */
export type Script = (req: SeenRequest, n: number) => Answer | Promise<Answer>;

export interface ScriptedApi {
  base: string;
  /** Every request, token requests included, in arrival order. */
  requests: SeenRequest[];
  /** Requests other than token requests. */
  apiRequests(): SeenRequest[];
  tokenRequests(): SeenRequest[];
  close(): Promise<void>;
}

const freshToken: Script = (_r, n) => ({ body: { access_token: `token-${n}`, token_type: 'Bearer', expires_in: 3600 } });

export const TOKEN_PATH = `/${ENV}/as/token`;

/** `api` answers every request but token requests; `token` (default: a fresh token each time) answers those. */
export async function startScriptedApi(api: Script, token?: Script): Promise<ScriptedApi> {
  const requests: SeenRequest[] = [];
  let tokens = 0;
  let calls = 0;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(seen);
      const isToken = seen.url === TOKEN_PATH;
      void Promise.resolve(isToken ? (token ?? freshToken)(seen, ++tokens) : api(seen, ++calls)).then((answer) => {
        if (answer === 'destroy') return void req.socket.destroy();
        if (answer === 'hang') return void hanging.add(res);
        res.writeHead(answer.status ?? 200, {
          ...(answer.raw === undefined && answer.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...answer.headers,
        });
        res.end(answer.raw ?? (answer.body === undefined ? undefined : JSON.stringify(answer.body)));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    apiRequests: () => requests.filter((r) => r.url !== TOKEN_PATH),
    tokenRequests: () => requests.filter((r) => r.url === TOKEN_PATH),
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function scriptedConnection(base: string, overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'scripted',
    name: 'Scripted',
    authBaseUrl: base,
    apiBaseUrl: `${base}/v1`,
    environmentId: ENV,
    clientId: CLIENT,
    tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    ...overrides,
  };
}

/** A clock that stands still until a wait moves it; records every wait. */
export class ManualClock implements Clock {
  nowMs = 1_000_000;
  readonly sleeps: number[] = [];
  now(): number {
    return this.nowMs;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledError('wait before retrying', signal.reason));
    this.sleeps.push(ms);
    this.nowMs += ms;
    return Promise.resolve();
  }
}

export interface ScriptedClientOptions extends Partial<Omit<PingOneClientOptions, 'connection' | 'retry'>> {
  connection?: Partial<Connection>;
  retry?: Partial<RetryPolicy>;
}

export function scriptedClient(
  api: ScriptedApi,
  options: ScriptedClientOptions = {}
): { client: PingOneClient; logger: RecordingLogger; clock: ManualClock } {
  const logger = new RecordingLogger();
  const clock = new ManualClock();
  const { connection, retry, ...rest } = options;
  const client = new PingOneClient({
    connection: scriptedConnection(api.base, connection),
    getSecret: () => SECRET,
    toolkitVersion: '1.2.3',
    logger,
    clock,
    retry: { ...FAST_RETRY, ...retry },
    ...rest,
  });
  return { client, logger, clock };
}

/** Starts scripted servers for the tests of the calling suite and closes them after each test. */
export function scriptedServers(): { start: (api: Script, token?: Script) => Promise<ScriptedApi> } {
  const open: ScriptedApi[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return {
    start: async (api, token) => {
      const started = await startScriptedApi(api, token);
      open.push(started);
      return started;
    },
  };
}

/** The PingOneError `p` rejects with (fails the test when it resolves or rejects with something else). */
export async function failure(p: Promise<unknown>): Promise<PingOneError> {
  try {
    await p;
  } catch (error) {
    assert.ok(error instanceof PingOneError, `not a PingOneError: ${String(error)}`);
    return error;
  }
  assert.fail('it succeeded');
}
