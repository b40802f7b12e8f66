import type { RetryPolicy } from '../../src/pingone/retry';

/** Retries in milliseconds, not seconds, so every retry path runs fast (unit and in-host tests alike). */
export const FAST_RETRY: Partial<RetryPolicy> = {
  maxAttempts: 4,
  baseDelayMs: 2,
  maxDelayMs: 10,
  maxRetryAfterMs: 30,
  maxPropagationRetries: 4,
  propagationBaseDelayMs: 10,
  timeoutMs: 2_000,
  random: () => 0.5,
};
