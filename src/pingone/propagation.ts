/**
 * When a refusal can be PingOne catching up with a change (eventual
 * consistency, Terraform provider's retry on "not authorized" right after a
 * role change) and when it is final. Only changes this client made count, and
 * only for a short while, so a real "no" reaches the user at once.
 */
import type { PingOneError } from './errors';
import { isSecretHiddenError } from './errors';

/** How long after our own change a refusal may still be propagation. UNCONFIRMED: PingOne documents no bound. */
export const PROPAGATION_WINDOW_MS = 2 * 60_000;

const APPLICATION_PATH = /\/environments\/([^/?#]+)\/applications\/([^/?#]+)/;
const APPLICATIONS_COLLECTION = /\/environments\/([^/?#]+)\/applications\/?(?:[?#]|$)/;

/** `env/app` for any URL under one application (the app, its secret, its role assignments). */
export function applicationKey(url: string): string | undefined {
  const match = APPLICATION_PATH.exec(new URL(url).pathname);
  return match ? `${decodeURIComponent(match[1])}/${decodeURIComponent(match[2])}` : undefined;
}

/** The key of what a successful change touched: the app in the URL, or the app a create returned. */
export function changedApplicationKey(method: string, url: string, body: unknown): string | undefined {
  if (method === 'GET') return undefined;
  const key = applicationKey(url);
  if (key) return key;
  const collection = APPLICATIONS_COLLECTION.exec(new URL(url).pathname);
  const id = (body as { id?: unknown } | undefined)?.id;
  return collection && method === 'POST' && typeof id === 'string' ? `${decodeURIComponent(collection[1])}/${id}` : undefined;
}

export class RecentChanges {
  private readonly changedAt = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly windowMs = PROPAGATION_WINDOW_MS
  ) {}

  note(key: string | undefined): void {
    if (!key) return;
    this.changedAt.set(key, this.now());
    // Bounded: forget what is out of the window.
    for (const [k, at] of this.changedAt) if (this.now() - at > this.windowMs) this.changedAt.delete(k);
  }

  isRecent(key: string | undefined): boolean {
    const at = key === undefined ? undefined : this.changedAt.get(key);
    return at !== undefined && this.now() - at <= this.windowMs;
  }
}

/** Refusals no wait can fix: a licence limit, or a secret hidden by the target's roles. */
export function isPermanentRefusal(error: PingOneError): boolean {
  return error.hasDetailCode('LICENSE_EXCEEDED') || isSecretHiddenError(error);
}
