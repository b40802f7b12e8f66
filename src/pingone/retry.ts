/**
 * Retry timing: exponential backoff with jitter, Retry-After handling and a
 * cancellable sleep. Everything time-related is injectable so tests run fast.
 */
import { cancelledError } from './errors';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, rejects with a `cancelled` PingOneError when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => abortableDelay(ms, signal),
};

export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError('wait before retrying', signal.reason));
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms)
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError('wait before retrying', signal?.reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryPolicy {
  /** Total attempts for one call, including the first (429, 5xx and resets share it). */
  maxAttempts: number;
  /** First backoff delay; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we honour; longer ones are cut to this (the SDK uses 30 s). */
  maxRetryAfterMs: number;
  /** Extra attempts for documented propagation delays (role just assigned, app just created). */
  maxPropagationRetries: number;
  /** First delay for propagation retries; doubles, capped at maxDelayMs. */
  propagationBaseDelayMs: number;
  /** Per-request timeout (headers and body). */
  timeoutMs: number;
  /** Returns [0, 1); injectable so jitter is deterministic in tests. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  maxPropagationRetries: 6,
  propagationBaseDelayMs: 1_000,
  timeoutMs: 30_000,
  random: Math.random,
};

/** "Equal jitter": half fixed, half random, so retries from many clients spread out. */
export function backoffDelayMs(
  retryNumber: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
  base = policy.baseDelayMs
): number {
  const exp = Math.min(policy.maxDelayMs, base * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(exp / 2 + (exp / 2) * policy.random());
}

/** Retry-After as seconds or an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function parseRetryAfterSeconds(header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - nowMs) / 1000);
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 500, 502, 503, 504]);
