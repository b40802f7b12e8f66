/**
 * Access tokens for one connection (client_credentials). Cached until shortly
 * before expiry; concurrent callers share one in-flight token request; the
 * client calls `invalidate` after a 401 to force exactly one fresh token.
 */
import type { Dispatcher } from 'undici';
import type { Connection, ResolvedEndpoints } from './connection';
import { PingOneError, cancelledError, errorFromTokenResponse, refusedError } from './errors';
import type { Logger } from './logger';
import type { Redactor } from './redact';
import type { Clock, RetryPolicy } from './retry';
import { RETRYABLE_STATUSES, backoffDelayMs, parseRetryAfterSeconds } from './retry';
import type { HttpResponse } from './transport';
import { headerValue, sendHttp, wasNeverSent } from './transport';

export interface TokenProviderDeps {
  connection: Connection;
  endpoints: ResolvedEndpoints;
  getSecret: () => string | Promise<string>;
  dispatcher: Dispatcher;
  userAgent: string;
  policy: RetryPolicy;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

/** Refresh this long before expiry (or a tenth of the lifetime for short-lived tokens). */
const MAX_EXPIRY_MARGIN_MS = 60_000;

export class TokenProvider {
  private cached?: CachedToken;
  private inflight?: Promise<CachedToken>;

  constructor(private readonly deps: TokenProviderDeps) {}

  async getToken(signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) throw cancelledError('get an access token', signal.reason);
    if (this.cached && this.deps.clock.now() < this.cached.expiresAt) return this.cached.accessToken;
    if (!this.inflight) {
      // Not tied to any one caller's signal: others may be waiting on it too.
      this.inflight = this.fetchToken().finally(() => {
        this.inflight = undefined;
      });
    }
    const token = await raceAbort(this.inflight, signal, 'get an access token');
    return token.accessToken;
  }

  /** Drop the cached token if it is still `token` (a concurrent refresh may have replaced it already). */
  invalidate(token: string): void {
    if (this.cached?.accessToken === token) this.cached = undefined;
  }

  /** Forget everything, e.g. after the secret changed. */
  reset(): void {
    this.cached = undefined;
  }

  private async fetchToken(): Promise<CachedToken> {
    const { connection, endpoints, policy, clock, logger, redactor } = this.deps;
    const url = endpoints.tokenUrl;
    if (new URL(url).origin !== endpoints.authOrigin) {
      throw refusedError('get an access token', "the token URL is not on the connection's auth origin");
    }
    const secret = await this.deps.getSecret();
    redactor.addSecret(secret);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': this.deps.userAgent,
    };
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (connection.tokenEndpointAuthMethod === 'CLIENT_SECRET_BASIC') {
      // RFC 6749 §2.3.1: form-encode each part before base64.
      const pair = `${encodeURIComponent(connection.clientId)}:${encodeURIComponent(secret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', connection.clientId);
      form.set('client_secret', secret);
    }
    const operation = `get an access token for client ${connection.clientId}`;
    for (let attempt = 1; ; attempt++) {
      const started = clock.now();
      let res: HttpResponse;
      try {
        res = await sendHttp(this.deps.dispatcher, {
          method: 'POST',
          url,
          headers,
          body: form.toString(),
          timeoutMs: policy.timeoutMs,
          operation,
        });
      } catch (error) {
        // A token request is safe to repeat, but a timeout already cost the user timeoutMs: surface it.
        if (error instanceof PingOneError && error.kind === 'network' && attempt < policy.maxAttempts) {
          logger.warn('Token request failed; retrying', { attempt, code: error.code, neverSent: wasNeverSent(error) });
          await clock.sleep(backoffDelayMs(attempt, policy));
          continue;
        }
        throw error;
      }
      const correlationId = headerValue(res.headers, 'correlation-id');
      logger.debug('POST token', { status: res.status, ms: clock.now() - started, correlationId });
      if (
        res.status === 200 &&
        res.body &&
        typeof res.body === 'object' &&
        typeof (res.body as { access_token?: unknown }).access_token === 'string'
      ) {
        const body = res.body as { access_token: string; expires_in?: number };
        redactor.addSecret(body.access_token);
        const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600) * 1000;
        const margin = Math.min(MAX_EXPIRY_MARGIN_MS, lifetimeMs / 10);
        const token = { accessToken: body.access_token, expiresAt: clock.now() + lifetimeMs - margin };
        this.cached = token;
        return token;
      }
      const retryAfter = parseRetryAfterSeconds(headerValue(res.headers, 'retry-after'), clock.now());
      if ((res.status === 429 || RETRYABLE_STATUSES.has(res.status)) && attempt < policy.maxAttempts) {
        const delay =
          res.status === 429 && retryAfter !== undefined
            ? Math.min(retryAfter * 1000, policy.maxRetryAfterMs)
            : backoffDelayMs(attempt, policy);
        logger.warn('Token request got a retryable status; retrying', { status: res.status, attempt, delayMs: delay });
        await clock.sleep(delay);
        continue;
      }
      throw errorFromTokenResponse({
        status: res.status,
        body: res.body,
        clientId: connection.clientId,
        environmentId: connection.environmentId,
        authHost: new URL(url).host,
        authMethod: connection.tokenEndpointAuthMethod,
        correlationId,
        retryAfterSeconds: retryAfter,
        maxRetryAfterSeconds: policy.maxRetryAfterMs / 1000,
      });
    }
  }
}

/** Waits for `promise` unless `signal` aborts first (the promise keeps running for others). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, operation: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelledError(operation, signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError(operation, signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      }
    );
  });
}
