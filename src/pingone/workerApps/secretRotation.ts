/** "Rotate Secret…" with an optional grace period for the previous secret (1 minute to 30 days). */
import type { PingOneClient } from '../client';
import { PingOneError } from '../errors';
import { MAX_GRACE_PERIOD_MS, MIN_GRACE_PERIOD_MS, rotateApplicationSecret, validateGracePeriodMs } from '../secrets';

const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses what the user types: `30m`, `12h`, `7d`, `1d 12h`; empty = no grace
 * period. Returns milliseconds, or a message saying what is wrong.
 */
export function parseGracePeriod(text: string): { ms: number | undefined } | { error: string } {
  const value = text.trim().toLowerCase();
  if (!value || value === '0' || value === 'none') return { ms: undefined };
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)\s*(min|m|h|d)\b/g)];
  const consumed = parts
    .map((p) => p[0])
    .join('')
    .replace(/\s+/g, '');
  if (!parts.length || consumed !== value.replace(/\s+/g, '')) {
    return {
      error: 'Enter a grace period such as 30m, 12h or 7d (minutes, hours, days), or leave it empty to end the old secret at once.',
    };
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
  const problem = validateGracePeriodMs(ms);
  return problem ? { error: problem } : { ms };
}

/**
 * PingOne checks 1 minute to 30 days (Update Application Secret docs) against
 * its own clock when the request arrives, so exactly 1 minute or 30 days from
 * our clock lands just outside. Keep this margin inside both bounds; it also
 * absorbs modest clock skew (PingOne's tolerance is UNCONFIRMED).
 */
export const GRACE_PERIOD_MARGIN_MS = 30_000;

export function withinServerBounds(gracePeriodMs: number): number {
  return Math.min(MAX_GRACE_PERIOD_MS - GRACE_PERIOD_MARGIN_MS, Math.max(MIN_GRACE_PERIOD_MS + GRACE_PERIOD_MARGIN_MS, gracePeriodMs));
}

export interface RotateSecretResult {
  /** Held in memory only; offer Copy, never display. */
  secret: string;
  /** Until when the previous secret keeps working, if a grace period was given. */
  previousExpiresAt?: Date;
}

export async function rotateSecret(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  options: { gracePeriodMs?: number; signal?: AbortSignal; appName?: string; now?: () => number } = {}
): Promise<RotateSecretResult> {
  let previousExpiresAt: Date | undefined;
  if (options.gracePeriodMs !== undefined) {
    const problem = validateGracePeriodMs(options.gracePeriodMs);
    if (problem) throw new PingOneError({ kind: 'invalid-request', operation: 'rotate the client secret', explanation: problem });
    previousExpiresAt = new Date((options.now ?? Date.now)() + withinServerBounds(options.gracePeriodMs));
  }
  const result = await rotateApplicationSecret(client, environmentId, applicationId, {
    previousExpiresAt,
    signal: options.signal,
    appName: options.appName,
  });
  return { secret: result.secret, previousExpiresAt };
}
