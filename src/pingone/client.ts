/**
 * The PingOne Management API client for one connection: auth, retries,
 * timeouts, cancellation, origin checks and logging. Resource modules
 * (environments.ts, applications.ts, …) build on `call`.
 */
import type { Dispatcher } from 'undici';
import type { Connection, ResolvedEndpoints } from './connection';
import { resolveEndpoints } from './connection';
import { PingOneError, badResponseError, errorFromApiResponse, isScopePropagationError, refusedError } from './errors';
import type { Logger } from './logger';
import { redactingLogger, silentLogger } from './logger';
import { RecentChanges, applicationKey, changedApplicationKey, isPermanentRefusal } from './propagation';
import type { ProxySettings } from './proxy';
import { createDispatcher } from './proxy';
import { Redactor } from './redact';
import type { Clock, RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, backoffDelayMs, parseRetryAfterSeconds, systemClock } from './retry';
import { TokenProvider } from './tokens';
import type { HttpMethod, HttpResponse } from './transport';
import { headerValue, pathOf, sendHttp, wasNeverSent } from './transport';
import { DEFAULT_TOOLKIT_VERSION, userAgentFor } from './version';

export interface PingOneClientOptions {
  connection: Connection;
  /** Called when a token is needed; the secret is never stored by the client. */
  getSecret: () => string | Promise<string>;
  /** Sent as `User-Agent: pingone-sync-toolkit/<version>`. */
  toolkitVersion?: string;
  logger?: Logger;
  /** Proxy settings; ignored when `dispatcher` is given. */
  proxy?: ProxySettings;
  /** A shared dispatcher (not closed by `close()`). */
  dispatcher?: Dispatcher;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
}

/**
 * Which eventual-consistency errors this call may see (PingOne API docs on
 * environments and role assignments; the Terraform provider retries the same).
 * 403s are retried only within PROPAGATION_WINDOW_MS of a change this client
 * made to the target app or to its own worker, and never when permanent.
 */
export interface PropagationRetry {
  /** 404 for something just created (environment, application). */
  notFound?: boolean;
  /** 403 "The actor attempting to perform the request is not authorized." right after a change to the target app. */
  notAuthorized?: boolean;
  /** "Must have role at the same or broader scope" right after a change to the actor's own roles. */
  scope?: boolean;
}

export interface ApiRequest<T> {
  method: HttpMethod;
  /** Relative to the API base URL, e.g. `/environments/{id}/applications`. */
  path?: string;
  /** Absolute URL (a `next` link); must be on the connection's API origin. */
  url?: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  raw?: { bytes: Uint8Array; contentType: string; headers?: Record<string, string> };
  /** Verb phrase for messages: "assign role Identity Data Admin to app X". */
  operation: string;
  signal?: AbortSignal;
  /** Default: every method except POST. Only idempotent calls are retried after 5xx/resets. */
  idempotent?: boolean;
  /**
   * For creates: after an ambiguous failure (5xx, reset, timeout) look for
   * what was created instead of POSTing again blindly.
   */
  recover?: (signal?: AbortSignal) => Promise<T | undefined>;
  propagation?: PropagationRetry;
  /** What the worker needs for this call, used in 403 messages. */
  permissionHint?: string;
  /**
   * The shape the caller relies on in a 2xx body. A body without it is a
   * `bad-response` PingOneError naming the endpoint; after a create (POST
   * that is not idempotent) it is an unknown outcome, handled like a lost
   * answer: look up with `recover`, never POST again.
   */
  expect?: ResponseShape;
}

export interface ResponseShape {
  /** What the body should be, for messages: "a JSON object with a string id". */
  description: string;
  matches(body: unknown): boolean;
}

/** A JSON object whose listed members are strings (e.g. `id`). */
export function objectWithStrings(...members: string[]): ResponseShape {
  return {
    description: members.length ? `a JSON object with ${members.map((m) => `a string "${m}"`).join(' and ')}` : 'a JSON object',
    matches: (body) => isJsonObject(body) && members.every((m) => typeof body[m] === 'string'),
  };
}

export function isJsonObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

function describeBody(body: unknown): string {
  if (body === undefined) return 'an empty body';
  if (typeof body === 'string') return 'a body that is not JSON';
  return 'JSON of another shape';
}

export class PingOneClient {
  readonly connection: Connection;
  readonly endpoints: ResolvedEndpoints;
  readonly policy: RetryPolicy;
  readonly logger: Logger;
  readonly redactor = new Redactor();
  private readonly clock: Clock;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly userAgent: string;
  private readonly tokens: TokenProvider;
  /** Apps this client changed lately: a 403 on them may be propagation. */
  private readonly recentChanges: RecentChanges;

  constructor(options: PingOneClientOptions) {
    this.connection = options.connection;
    this.endpoints = resolveEndpoints(options.connection);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.clock = options.clock ?? systemClock;
    this.recentChanges = new RecentChanges(() => this.clock.now());
    this.logger = redactingLogger(options.logger ?? silentLogger, this.redactor);
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? createDispatcher(options.proxy);
    this.userAgent = userAgentFor(options.toolkitVersion ?? DEFAULT_TOOLKIT_VERSION);
    this.tokens = new TokenProvider({
      connection: this.connection,
      endpoints: this.endpoints,
      getSecret: options.getSecret,
      dispatcher: this.dispatcher,
      userAgent: this.userAgent,
      policy: this.policy,
      clock: this.clock,
      logger: this.logger,
      redactor: this.redactor,
    });
  }

  /** Waits `ms` on the client's clock (the retry waits' clock), or rejects as cancelled when `signal` aborts. */
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return this.clock.sleep(ms, signal);
  }

  /** Fetches a token: proves the connection's URLs, client ID and secret work. */
  async verify(signal?: AbortSignal): Promise<void> {
    await this.tokens.getToken(signal);
  }

  /** Forget the cached token (e.g. after the connection's secret changed). */
  resetToken(): void {
    this.tokens.reset();
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** Absolute URL for an API path, checked against the connection's API origin. */
  resolveUrl(pathOrUrl: string, query?: ApiRequest<unknown>['query']): string {
    const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl);
    const url = new URL(isAbsolute ? pathOrUrl : `${this.endpoints.apiBaseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** The access token goes only to the API origin: never to a `next` link or href elsewhere. */
  assertApiOrigin(url: string, operation: string): void {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      throw refusedError(operation, `"${url}" is not a valid URL`);
    }
    if (origin !== this.endpoints.apiOrigin) {
      throw refusedError(
        operation,
        `PingOne pointed to ${origin}, which is not this connection's API (${this.endpoints.apiOrigin}); the request was not sent so the access token stays private`
      );
    }
  }

  /** Performs one API call with auth, retries and error mapping; returns the parsed body. */
  async call<T>(req: ApiRequest<T>): Promise<T> {
    const { policy, clock, logger } = this;
    const url = this.resolveUrl(req.url ?? req.path ?? '/', req.query);
    this.assertApiOrigin(url, req.operation);
    const idempotent = req.idempotent ?? req.method !== 'POST';
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent };
    let body: string | Uint8Array | undefined;
    if (req.raw) {
      body = req.raw.bytes;
      headers['content-type'] = req.raw.contentType;
      Object.assign(headers, req.raw.headers);
    } else if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }

    let attempt = 0;
    let refreshedAfter401 = false;
    let propagationRetries = 0;
    for (;;) {
      attempt++;
      const token = await this.tokens.getToken(req.signal);
      const started = clock.now();
      let res: HttpResponse;
      try {
        res = await sendHttp(this.dispatcher, {
          method: req.method,
          url,
          headers: { ...headers, authorization: `Bearer ${token}` },
          body,
          signal: req.signal,
          timeoutMs: policy.timeoutMs,
          operation: req.operation,
        });
      } catch (error) {
        if (!(error instanceof PingOneError) || error.kind === 'cancelled') throw error;
        logger.warn(`${req.method} ${url} failed`, { kind: error.kind, code: error.code, attempt });
        const canRepeat = error.kind === 'network' && attempt < policy.maxAttempts && (idempotent || wasNeverSent(error));
        if (canRepeat) {
          await clock.sleep(backoffDelayMs(attempt, policy), req.signal);
          continue;
        }
        if (!idempotent && !wasNeverSent(error)) return this.afterAmbiguousFailure(req, error);
        throw error;
      }

      const correlationId = headerValue(res.headers, 'correlation-id');
      logger.debug(`${req.method} ${url} → ${res.status}`, { ms: clock.now() - started, correlationId, attempt });
      if (res.status >= 200 && res.status < 300) {
        if (!req.expect || req.expect.matches(res.body)) {
          this.recentChanges.note(changedApplicationKey(req.method, url, res.body));
          return res.body as T;
        }
        const error = badResponseError(
          req.operation,
          `${req.method} ${pathOf(url)}`,
          `answered ${res.status} with ${describeBody(res.body)} where ${req.expect.description} was expected`
        );
        logger.warn('PingOne answered with an unexpected body', { status: res.status, correlationId });
        if (!idempotent) return this.afterAmbiguousFailure(req, error);
        throw error;
      }
      // A repeated DELETE finding nothing means an earlier attempt (whose answer we lost) did it.
      if (req.method === 'DELETE' && res.status === 404 && attempt > 1) return undefined as T;

      if (res.status === 401 && !refreshedAfter401) {
        // The token may have expired or been revoked: one fresh token, one retry.
        refreshedAfter401 = true;
        this.tokens.invalidate(token);
        attempt--;
        continue;
      }
      const retryAfter = parseRetryAfterSeconds(headerValue(res.headers, 'retry-after'), clock.now());
      if (res.status === 429 && attempt < policy.maxAttempts) {
        // 429 means PingOne did not process the request, so even a POST may be repeated.
        const delay = retryAfter !== undefined ? Math.min(retryAfter * 1000, policy.maxRetryAfterMs) : backoffDelayMs(attempt, policy);
        logger.warn('Rate limited by PingOne; waiting', { delayMs: delay, attempt });
        await clock.sleep(delay, req.signal);
        continue;
      }
      const error = errorFromApiResponse({
        status: res.status,
        body: res.body,
        operation: req.operation,
        correlationId,
        retryAfterSeconds: retryAfter,
        maxRetryAfterSeconds: policy.maxRetryAfterMs / 1000,
        permissionHint: req.permissionHint,
      });
      if (RETRYABLE_STATUSES.has(res.status)) {
        if (idempotent && attempt < policy.maxAttempts) {
          logger.warn('PingOne returned a retryable status; retrying', { status: res.status, attempt, correlationId });
          await clock.sleep(backoffDelayMs(attempt, policy), req.signal);
          continue;
        }
        if (!idempotent) return this.afterAmbiguousFailure(req, error);
      }
      if (this.isPropagationDelay(error, url, req.propagation) && propagationRetries < policy.maxPropagationRetries) {
        propagationRetries++;
        const delay = backoffDelayMs(propagationRetries, policy, policy.propagationBaseDelayMs);
        logger.info('PingOne has not caught up with a recent change yet; retrying', {
          status: res.status,
          retry: propagationRetries,
          delayMs: delay,
        });
        await clock.sleep(delay, req.signal);
        continue;
      }
      throw error;
    }
  }

  private isPropagationDelay(error: PingOneError, url: string, propagation: PropagationRetry | undefined): boolean {
    if (!propagation) return false;
    if (propagation.notFound && error.kind === 'not-found') return true;
    if (isPermanentRefusal(error)) return false;
    const ownWorkerChanged = this.recentChanges.isRecent(`${this.connection.environmentId}/${this.connection.clientId}`);
    if (isScopePropagationError(error)) return !!propagation.scope && ownWorkerChanged;
    // UNCONFIRMED which exact 403 texts PingOne sends during propagation: any other 403 counts, if we just changed that app.
    if (propagation.notAuthorized && error.kind === 'forbidden') {
      return ownWorkerChanged || this.recentChanges.isRecent(applicationKey(url));
    }
    return false;
  }

  /**
   * A POST failed without a clear answer (5xx, reset, timeout). With a
   * `recover` lookup we check what exists and use it. We never POST again
   * here: a just-created resource can be invisible to lists for a while
   * (eventual consistency), so "not found" does not prove "not created".
   */
  private async afterAmbiguousFailure<T>(req: ApiRequest<T>, error: PingOneError): Promise<T> {
    if (!req.recover) throw error.withNote('PingOne may or may not have completed it; check before trying again.');
    this.logger.info('Outcome of a create is unknown; checking what exists', { operation: req.operation });
    for (let look = 1; look <= 2; look++) {
      let found: T | undefined;
      try {
        found = await req.recover(req.signal);
      } catch (lookupError) {
        if (lookupError instanceof PingOneError && lookupError.kind === 'cancelled') throw lookupError;
        this.logger.warn('Could not check what was created', { error: lookupError });
        throw error.withNote('PingOne may or may not have completed it, and checking failed too; look in PingOne before trying again.');
      }
      if (found !== undefined) {
        this.logger.info('Found what the failed create had made; using it', { operation: req.operation });
        return found;
      }
      // One more look after a pause, in case the new resource is not listed yet.
      if (look === 1) await this.clock.sleep(this.policy.propagationBaseDelayMs, req.signal);
    }
    throw error.withNote(
      'Nothing was found in PingOne afterwards, but a new resource can take a while to be listed, so it may still have been done; look again before trying again.'
    );
  }
}
