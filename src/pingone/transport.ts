/**
 * One HTTP exchange over undici with a timeout and cancellation. No retries,
 * no auth: those live in the client. Turns socket failures into PingOneErrors.
 */
import type { Dispatcher } from 'undici';
import { undici } from './undici';
import { PingOneError, badResponseError, cancelledError, networkError, timeoutError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  timeoutMs: number;
  operation: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body is JSON, else the text; undefined when empty. */
  body: unknown;
}

/**
 * The most of one response body that is read. PingOne pages hold at most 1000
 * items (its largest `limit`) of a few KB each, so 16 MiB is far above any
 * real answer, and a server (or a proxy) that sends more cannot fill memory.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Errors where the request provably never reached the server: safe to repeat even a POST. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN']);

export function wasNeverSent(error: PingOneError): boolean {
  return error.kind === 'network' && error.code !== undefined && NEVER_SENT_CODES.has(error.code);
}

export async function sendHttp(dispatcher: Dispatcher, req: HttpRequest): Promise<HttpResponse> {
  const host = safeHost(req.url);
  if (req.signal?.aborted) throw cancelledError(req.operation, req.signal.reason);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('timeout'));
  }, req.timeoutMs);
  const onUserAbort = () => controller.abort(req.signal?.reason);
  req.signal?.addEventListener('abort', onUserAbort, { once: true });
  try {
    const res = await undici().request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher,
      signal: controller.signal,
    });
    const text = await readCapped(res.body, res.headers['content-length']);
    if (text === undefined) {
      throw badResponseError(
        req.operation,
        `${req.method} ${pathOf(req.url)}`,
        `answered ${res.statusCode} with a body larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB, far beyond any PingOne answer; it was not read`
      );
    }
    return { status: res.statusCode, headers: res.headers, body: parseBody(text, res.headers['content-type']) };
  } catch (error) {
    if (error instanceof PingOneError) throw error;
    if (req.signal?.aborted) throw cancelledError(req.operation, req.signal.reason);
    if (timedOut) throw timeoutError(req.operation, req.timeoutMs, host);
    throw networkError(req.operation, host, rootCause(error));
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onUserAbort);
  }
}

/** The body as text, or undefined (and the rest discarded) once it passes MAX_RESPONSE_BYTES. */
async function readCapped(
  body: Dispatcher.ResponseData['body'],
  contentLength: string | string[] | undefined
): Promise<string | undefined> {
  if (Number(Array.isArray(contentLength) ? contentLength[0] : contentLength) > MAX_RESPONSE_BYTES) {
    body.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Path of a URL for messages (no query: it can hold filters with user data). */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function parseBody(text: string, contentType: string | string[] | undefined): unknown {
  if (!text) return undefined;
  const type = String(Array.isArray(contentType) ? contentType[0] : (contentType ?? ''));
  if (/json/i.test(type) || /^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** undici wraps socket errors; the useful `code` is often on `cause`. */
function rootCause(error: unknown): unknown {
  const e = error as { code?: string; cause?: { code?: string } };
  if (e?.cause?.code && (!e.code || e.code === 'UND_ERR_SOCKET' || e.code.startsWith('UND_ERR_'))) {
    // Keep ECONNREFUSED/ECONNRESET from the cause where present.
    if (/^E[A-Z]+$/.test(e.cause.code)) return e.cause;
  }
  return error;
}

export function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

export function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
