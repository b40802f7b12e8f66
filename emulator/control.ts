import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './context';
import { compilePathRegex, type FaultController, type OddAnswer, type RequestMatcher } from './faults';
import type { RequestLogEntry } from './requestLog';
import type { ScopeType } from './roleCatalogue';
import type { EmulatorState, Environment } from './state';

/** What the control endpoint can drive; implemented by the running emulator. */
export interface ControlTarget {
  faults: FaultController;
  state: EmulatorState;
  requestLog: RequestLogEntry[];
  info(): Record<string, unknown>;
  addWorker(environmentId: string, options: WorkerOptions): { clientId: string; clientSecret: string };
  addEnvironment(options: { name: string; type?: 'PRODUCTION' | 'SANDBOX'; region?: string }): Environment;
}

export interface WorkerOptions {
  name?: string;
  roles?: Array<{ roleName: string; scopeType: ScopeType; scopeId?: string }>;
  tokenEndpointAuthMethod?: 'CLIENT_SECRET_POST' | 'CLIENT_SECRET_BASIC';
  enabled?: boolean;
  grantTypes?: string[];
}

/** Only the local machine may drive the emulator. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8' });
  res.end(text);
}

/**
 * JSON cannot carry a RegExp, so the control endpoint takes `pathRegex` as a
 * string. It is compiled with RE2 (linear-time matching, no backtracking),
 * never as a JavaScript RegExp; RE2 lacks lookaround and backreferences.
 */
function matcherFrom(body: Record<string, unknown>): RequestMatcher {
  return {
    method: typeof body.method === 'string' ? body.method : undefined,
    path: typeof body.pathRegex === 'string' ? compilePathRegex(body.pathRegex) : typeof body.path === 'string' ? body.path : undefined,
  };
}

/** A refusal the handler answers with its own status. */
class ControlRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string
  ) {
    super(message);
  }
}

/**
 * A web page can POST to loopback as a "simple" cross-site request (no
 * preflight) only with a form or text/plain body (Fetch Standard, CORS-
 * safelisted request headers), and a browser names the page in `Origin`.
 * So a body must be JSON, and a request from a page is refused outright;
 * no CORS header is ever sent, so a page cannot read an answer either.
 */
function refuseBrowserOrNonJson(req: IncomingMessage): void {
  if (req.headers.origin !== undefined)
    throw new ControlRefusal(403, 'forbidden', 'The control endpoint does not accept requests from web pages');
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const type = req.headers['content-type'];
  if ((hasBody || type !== undefined) && !/^application\/json\s*(;|$)/i.test(type ?? '')) {
    throw new ControlRefusal(415, 'unsupported_media_type', 'The control endpoint accepts application/json bodies only');
  }
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req, 64 * 1024);
  if (raw.length === 0) return {};
  const parsed: unknown = JSON.parse(raw.toString('utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** `/__emulator/…` routes (documented in emulator/README.md). */
export function createControlHandler(target: ControlTarget): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  return (req, res, url) => {
    if (!isLoopback(req.socket.remoteAddress)) {
      send(res, 403, { error: 'forbidden', message: 'The control endpoint accepts loopback clients only' });
      return;
    }
    const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/$/, '')}`;
    void (async () => {
      refuseBrowserOrNonJson(req);
      const body = req.method === 'POST' ? await jsonBody(req) : {};
      switch (route) {
        case 'GET /__emulator/health':
          return send(res, 200, target.info());
        case 'GET /__emulator/requests':
          return send(res, 200, { requests: target.requestLog });
        case 'DELETE /__emulator/requests':
          target.requestLog.length = 0;
          return send(res, 204);
        case 'GET /__emulator/state/summary':
          return send(res, 200, {
            ...target.state.summary(),
            organization: target.state.organization,
            environmentNames: [...target.state.environments.values()].slice(0, 50).map((e) => ({ id: e.id, name: e.name, type: e.type })),
            pendingFaults: target.faults.pendingCount(),
          });
        case 'POST /__emulator/faults': {
          const matcher = matcherFrom(body);
          const count = typeof body.count === 'number' ? body.count : undefined;
          if (body.type === 'failNext') {
            if (typeof body.status !== 'number') return send(res, 400, { error: 'invalid_request', message: 'status is required' });
            target.faults.failNext({
              ...matcher,
              count,
              status: body.status,
              code: typeof body.code === 'string' ? body.code : undefined,
              message: typeof body.message === 'string' ? body.message : undefined,
              retryAfterSeconds: typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : undefined,
              details: Array.isArray(body.details) ? (body.details as never) : undefined,
            });
          } else if (body.type === 'resetNext') {
            target.faults.resetNext({ ...matcher, count, mode: body.mode === 'midResponse' ? 'midResponse' : 'immediate' });
          } else if (body.type === 'hangNext') {
            target.faults.hangNext({ ...matcher, count });
          } else if (body.type === 'oddAnswerNext') {
            target.faults.oddAnswerNext({
              ...matcher,
              count,
              answer: body.answer as OddAnswer,
              status: typeof body.status === 'number' ? body.status : undefined,
            });
          } else if (body.type === 'latency') {
            target.faults.setLatency(Number(body.ms ?? 0));
          } else if (body.type === 'consistencyDelay') {
            target.faults.setConsistencyDelay({
              newResourcesMs: body.newResourcesMs as number | undefined,
              roleChangesMs: body.roleChangesMs as number | undefined,
            });
          } else {
            return send(res, 400, {
              error: 'invalid_request',
              message: 'type must be failNext, resetNext, hangNext, oddAnswerNext, latency or consistencyDelay',
            });
          }
          return send(res, 204);
        }
        case 'POST /__emulator/latency':
          target.faults.setLatency(Number(body.ms ?? 0));
          return send(res, 204);
        case 'POST /__emulator/consistency':
          target.faults.setConsistencyDelay({
            newResourcesMs: body.newResourcesMs as number | undefined,
            roleChangesMs: body.roleChangesMs as number | undefined,
          });
          return send(res, 204);
        case 'POST /__emulator/expire-tokens':
          target.faults.expireAllTokens();
          return send(res, 204);
        case 'POST /__emulator/clear-faults':
          target.faults.clear();
          return send(res, 204);
        case 'POST /__emulator/workers': {
          if (typeof body.environmentId !== 'string')
            return send(res, 400, { error: 'invalid_request', message: 'environmentId is required' });
          return send(res, 201, target.addWorker(body.environmentId, body as WorkerOptions));
        }
        case 'POST /__emulator/environments': {
          if (typeof body.name !== 'string') return send(res, 400, { error: 'invalid_request', message: 'name is required' });
          const env = target.addEnvironment({
            name: body.name,
            type: body.type as 'PRODUCTION' | 'SANDBOX' | undefined,
            region: body.region as string | undefined,
          });
          return send(res, 201, { id: env.id, name: env.name, type: env.type, region: env.region });
        }
        default:
          return send(res, 404, { error: 'not_found', message: `No control route ${route}` });
      }
    })().catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof ControlRefusal) {
        send(res, error.status, { error: error.error, message: error.message });
        return;
      }
      send(res, 400, { error: 'invalid_request', message: error instanceof Error ? error.message : String(error) });
    });
  };
}
