import assert from 'node:assert/strict';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the wire, asserted field by field
export type Json = any;

export interface ApiResponse<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

/** Starts an emulator for a test file; rate limit off unless the test asks for it. */
export function useEmulator(options: EmulatorOptions = {}): { get(): RunningEmulator } {
  let emulator: RunningEmulator | undefined;
  before(async () => {
    emulator = await startEmulator({ rateLimit: false, ...options });
  });
  after(async () => {
    await emulator?.close();
  });
  return {
    get: () => {
      if (!emulator) throw new Error('emulator not started');
      return emulator;
    },
  };
}

export async function tokenRequest(
  em: RunningEmulator,
  form: Record<string, string>,
  init: { basic?: [string, string]; envId?: string; contentType?: string } = {}
): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/x-www-form-urlencoded' };
  if (init.basic) headers.authorization = `Basic ${Buffer.from(`${init.basic[0]}:${init.basic[1]}`).toString('base64')}`;
  const res = await fetch(`${em.baseUrl}/${init.envId ?? em.environmentId}/as/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(form).toString(),
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

export async function getToken(
  em: RunningEmulator,
  clientId = em.clientId,
  clientSecret = em.clientSecret,
  envId = em.environmentId
): Promise<string> {
  const res = await tokenRequest(em, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }, { envId });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.access_token as string;
}

/** A tiny JSON client over real HTTP with a bearer token. */
export class Api {
  constructor(
    private readonly em: RunningEmulator,
    private readonly token: string
  ) {}

  static async admin(em: RunningEmulator): Promise<Api> {
    return new Api(em, await getToken(em));
  }

  static async forWorker(em: RunningEmulator, worker: { clientId: string; clientSecret: string }, envId: string): Promise<Api> {
    return new Api(em, await getToken(em, worker.clientId, worker.clientSecret, envId));
  }

  async request<T = Json>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {}
  ): Promise<ApiResponse<T>> {
    const url = path.startsWith('http') ? path : `${this.em.apiBaseUrl}${path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, ...extraHeaders };
    let payload: string | Buffer | undefined;
    if (Buffer.isBuffer(body)) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  get<T = Json>(path: string): Promise<ApiResponse<T>> {
    return this.request('GET', path);
  }
  post<T = Json>(path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>> {
    return this.request('POST', path, body, headers);
  }
  put<T = Json>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request('PUT', path, body);
  }
  delete<T = Json>(path: string): Promise<ApiResponse<T>> {
    return this.request('DELETE', path);
  }

  /** Follows `_links.next` to the end and returns every embedded item. */
  async all<T = Json>(path: string, name: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const res: ApiResponse = await this.get(next);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      items.push(...(res.body._embedded[name] as T[]));
      next = res.body._links.next?.href;
    }
    return items;
  }
}

export function envId(em: RunningEmulator, name: string): string {
  const env = [...em.state.environments.values()].find((e) => e.name === name);
  if (!env) throw new Error(`no environment ${name}`);
  return env.id;
}

export function appId(em: RunningEmulator, environmentName: string, name: string): string {
  const id = envId(em, environmentName);
  const app = em.state.applicationsIn(id).find((a) => a.body.name === name);
  if (!app) throw new Error(`no app ${name}`);
  return app.id;
}

/** Asserts PingOne's error body and returns it. */
export function assertError(res: ApiResponse, status: number, code: string): Json {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.code, code, JSON.stringify(res.body));
  assert.match(res.body.id, /^[0-9a-f-]{36}$/);
  assert.equal(typeof res.body.message, 'string');
  return res.body;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A valid 3×2 PNG (header only is enough for the emulator, but keep it a real file). */
export const PNG_3x2 = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000003000000020806000000b8ad3a630000001449444154789c63f8cfc0f01f0418181818000031f00' +
    '1ff5b3a1e1f0000000049454e44ae426082',
  'hex'
);
export const GIF_5x4 = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([5, 0, 4, 0, 0x80, 0, 0]), Buffer.alloc(20)]);
export const JPEG_7x6 = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xc0, 0x00,
  0x11, 0x08, 0x00, 0x06, 0x00, 0x07, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9,
]);
