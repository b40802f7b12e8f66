import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, issueToken } from './auth';
import { readBody, readJson, type EmulatorCore, type RequestContext, type Reply } from './context';
import { ApiError, DEFAULT_MESSAGES, defaultCodeFor, OAuthError } from './errors';
import type { FailNextSpec, OddAnswer } from './faults';
import type { RateLimiter } from './rateLimit';
import { sanitizeQuery, type RequestLogEntry } from './requestLog';
import type { Router } from './router';

const MAX_JSON_BODY_BYTES = 1024 * 1024;
const TOKEN_PATH = /^\/([^/]+)\/as\/token\/?$/;

/**
 * One full request and answer, bodies included, for tests that check the wire
 * against PingOne's API definitions. In memory only; never logged.
 */
export interface Exchange {
  method: string;
  path: string;
  query: Array<[string, string]>;
  requestContentType?: string;
  requestBody?: Buffer;
  status: number;
  responseContentType?: string;
  responseBody?: Buffer;
}

export interface PipelineDeps {
  core: EmulatorCore;
  api: Router;
  assets: Router;
  control: (req: IncomingMessage, res: ServerResponse, url: URL) => void;
  rateLimiter: RateLimiter;
  log: RequestLogEntry[];
  /** Responses held open by `hangNext`, ended when the emulator closes. */
  hung: Set<ServerResponse>;
  /** Called with every non-control exchange once its answer is sent. */
  observe?: (exchange: Exchange) => void;
}

/** Bodies sent, kept only while an observer wants them. */
const sentBodies = new WeakMap<ServerResponse, Buffer>();

/** Responses marked by `resetNext({mode:'midResponse'})`: handled in full, then the answer is cut off. */
const truncated = new WeakSet<ServerResponse>();

/** Responses marked by `oddAnswerNext`: handled in full, then answered with an odd 2xx. */
const oddAnswers = new WeakMap<ServerResponse, { answer: OddAnswer; status?: number }>();

/** Past the client's cap on response bodies (16 MiB), sent in chunks so the emulator never holds it whole. */
const ODD_OVERSIZED_BYTES = 20 * 1024 * 1024;

function writeOddAnswer(res: ServerResponse, realStatus: number, odd: { answer: OddAnswer; status?: number }): void {
  const status = odd.status ?? (realStatus >= 200 && realStatus < 300 ? realStatus : 200);
  if (odd.answer === 'empty') {
    res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': '0' });
    res.end();
  } else if (odd.answer === 'notJson') {
    const html = Buffer.from('<html><body>Service temporarily rerouted</body></html>');
    res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': String(html.length) });
    res.end(html);
  } else if (odd.answer === 'wrongShape') {
    const json = Buffer.from(JSON.stringify({ result: 'ok' }));
    res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(json.length) });
    res.end(json);
  } else {
    // No Content-Length: the client has to count what it reads.
    res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < ODD_OVERSIZED_BYTES && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }
}

function write(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  if (res.headersSent || res.destroyed) return;
  sentBodies.set(res, body);
  const odd = oddAnswers.get(res);
  if (odd) {
    writeOddAnswer(res, status, odd);
    return;
  }
  if (truncated.has(res)) {
    // The request took effect; the client sees headers and part of the body, then a reset.
    if (body.length === 0) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
    res.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))));
    setTimeout(() => res.socket?.destroy(), 20).unref();
    return;
  }
  res.writeHead(status, headers);
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = Buffer.from(body === undefined ? '' : JSON.stringify(body));
  write(
    res,
    status,
    {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(text.length) }),
      ...headers,
    },
    text
  );
}

function sendReply(res: ServerResponse, reply: Reply): void {
  if (reply.raw) {
    write(res, reply.status, { 'Content-Length': String(reply.raw.length), ...reply.headers }, reply.raw);
    return;
  }
  sendJson(res, reply.status, reply.status === 204 ? undefined : reply.body, reply.headers);
}

function sendApiError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, error.toBody(), error.headers);
}

/** The PingOne error for an injected `failNext` (429 carries Retry-After). */
function injectedError(spec: FailNextSpec): ApiError {
  const headers: Record<string, string> = {};
  if (spec.status === 429 || spec.retryAfterSeconds !== undefined) headers['Retry-After'] = String(spec.retryAfterSeconds ?? 1);
  const details = spec.details ?? (spec.status === 429 ? [{ code: 'LIMIT_EXCEEDED', message: 'The request was rate limited' }] : []);
  return new ApiError(
    spec.status,
    spec.code ?? defaultCodeFor(spec.status),
    spec.message ?? DEFAULT_MESSAGES[spec.status] ?? 'Injected failure',
    details,
    headers
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The request pipeline: correlation id, log, faults, latency, rate limit, then the route. */
export function createRequestHandler(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { core } = deps;
  return (req, res) => {
    const correlationId = randomUUID();
    res.setHeader('Correlation-Id', correlationId);
    const url = new URL(req.url ?? '/', core.baseUrl());
    if (url.pathname === '/__emulator' || url.pathname.startsWith('/__emulator/')) {
      deps.control(req, res, url);
      return;
    }
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: RequestLogEntry = {
      time: new Date(started).toISOString(),
      method,
      host: req.headers.host ?? '',
      path: url.pathname,
      query: sanitizeQuery(url.searchParams),
      status: 0,
      correlationId,
      authenticated: false,
    };
    let requestBody: Promise<Buffer> | undefined;
    res.on('close', () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      entry.durationMs = Date.now() - started;
      deps.log.push(entry);
      if (deps.observe && res.headersSent) void observe(deps.observe, req, res, url, method, requestBody);
    });
    const onBody = (body: Promise<Buffer>) => {
      requestBody = body;
    };
    void handle(deps, req, res, url, method, entry, correlationId, onBody).catch((error: unknown) => {
      // Never echo request data here: it could hold credentials.
      process.stderr.write(
        `[emulator] unexpected error on ${method} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}\n`
      );
      sendApiError(res, new ApiError(500, 'UNEXPECTED_ERROR', DEFAULT_MESSAGES[500]));
    });
  };
}

async function observe(
  observer: (exchange: Exchange) => void,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  body?: Promise<Buffer>
): Promise<void> {
  const contentType = res.getHeader('content-type');
  observer({
    method,
    path: url.pathname,
    query: [...url.searchParams],
    requestContentType: req.headers['content-type'],
    requestBody: await body?.catch(() => undefined),
    status: res.statusCode,
    responseContentType: typeof contentType === 'string' ? contentType : undefined,
    responseBody: sentBodies.get(res),
  });
}

async function handle(
  deps: PipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  entry: RequestLogEntry,
  correlationId: string,
  onBody: (body: Promise<Buffer>) => void
): Promise<void> {
  const { core } = deps;
  const fault = core.faults.take(method, url.pathname);
  if (core.faults.latencyMs > 0) await sleep(core.faults.latencyMs);
  if (fault?.kind === 'hang') {
    entry.fault = 'hang';
    deps.hung.add(res);
    res.on('close', () => deps.hung.delete(res));
    return;
  }
  if (fault?.kind === 'reset') {
    entry.fault = 'reset';
    if (fault.mode === 'immediate') {
      // Reset before the emulator did anything: the request had no effect.
      req.socket.destroy();
      return;
    }
    truncated.add(res);
  }
  if (fault?.kind === 'oddAnswer') {
    entry.fault = 'oddAnswer';
    oddAnswers.set(res, { answer: fault.answer, status: fault.status });
  }
  if (fault?.kind === 'fail') {
    entry.fault = 'fail';
    sendApiError(res, injectedError(fault.spec));
    return;
  }
  const retryAfter = deps.rateLimiter.check();
  if (retryAfter !== undefined) {
    entry.fault = 'rateLimit';
    sendApiError(
      res,
      new ApiError(
        429,
        'REQUEST_LIMITED',
        DEFAULT_MESSAGES[429],
        [
          // The spec types innerError.retryAfter as a date-time: when to try again.
          {
            code: 'LIMIT_EXCEEDED',
            message: 'Too many requests',
            innerError: { retryAfter: new Date(Date.now() + retryAfter * 1000).toISOString() },
          },
        ],
        { 'Retry-After': String(retryAfter) }
      )
    );
    return;
  }

  let bodyPromise: Promise<Buffer> | undefined;
  const rawBody = (max: number): Promise<Buffer> => {
    if (!bodyPromise) onBody((bodyPromise = readBody(req, max)));
    return bodyPromise;
  };

  const tokenMatch = TOKEN_PATH.exec(url.pathname);
  if (tokenMatch) {
    try {
      if (method !== 'POST') throw new OAuthError(405, 'invalid_request', 'The token endpoint accepts POST only');
      const { token, clientId } = issueToken(core, req, decodeURIComponent(tokenMatch[1]), await rawBody(64 * 1024));
      entry.authenticated = true;
      entry.clientId = clientId;
      sendJson(res, 200, token, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    } catch (error) {
      if (error instanceof OAuthError) {
        sendJson(
          res,
          error.status,
          { error: error.error, error_description: error.description },
          error.status === 401 ? { 'WWW-Authenticate': 'Basic realm="PingOne"' } : {}
        );
      } else if (error instanceof ApiError) sendApiError(res, error);
      else throw error;
    }
    return;
  }

  const isApi = url.pathname === '/v1' || url.pathname.startsWith('/v1/');
  const router = isApi ? deps.api : deps.assets;
  try {
    const match = router.match(method, url.pathname);
    const ctx: RequestContext = {
      core,
      req,
      method,
      url,
      params: {},
      correlationId,
      rawBody,
      json: async () => readJson(req, await rawBody(MAX_JSON_BODY_BYTES)),
    };
    if (isApi) {
      // Authenticate before revealing whether a route/method exists.
      ctx.actor = authenticate(core, req);
      entry.authenticated = true;
      entry.clientId = ctx.actor.clientId;
    }
    if (match.kind === 'notFound') throw new ApiError(404, 'NOT_FOUND', DEFAULT_MESSAGES[404]);
    if (match.kind === 'methodNotAllowed') {
      throw new ApiError(405, 'METHOD_NOT_ALLOWED', DEFAULT_MESSAGES[405], [], { Allow: match.allowed.join(', ') });
    }
    ctx.params = match.params;
    sendReply(res, await match.handler(ctx));
  } catch (error) {
    if (error instanceof ApiError) sendApiError(res, error);
    else throw error;
  }
}
