/**
 * One HTTP exchange over undici with a timeout and cancellation. No retries,
 * no auth: those live in the client. Turns socket failures into PingOneErrors.
 */
import type { Dispatcher } from 'undici';
import { undici } from './undici';
import { PingOneError, cancelledError, networkError, timeoutError } from './errors';

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
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body: parseBody(text, res.headers['content-type']) };
  } catch (error) {
    if (req.signal?.aborted) throw cancelledError(req.operation, req.signal.reason);
    if (timedOut) throw timeoutError(req.operation, req.timeoutMs, host);
    throw networkError(req.operation, host, rootCause(error));
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onUserAbort);
  }
}

function parseBody(text: string, contentType: string | string[] | undefined): unknown {
  if (!text) return undefined;
  const type = String(Array.isArray(contentType) ? contentType[0] : contentType ?? '');
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
