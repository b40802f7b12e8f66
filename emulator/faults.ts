import type { ErrorDetail } from './errors';

export interface RequestMatcher {
  method?: string;
  /** A string is a glob (`*` = one path segment part, `**` = anything) when it has `*`, else a substring. */
  path?: string | RegExp;
}

export interface FailNextSpec extends RequestMatcher {
  status: number;
  count?: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
  details?: ErrorDetail[];
}

export interface ResetNextSpec extends RequestMatcher {
  count?: number;
  /** 'immediate': reset before handling (no effect). 'midResponse': handled in full, then headers and part of the body, then reset. */
  mode?: 'immediate' | 'midResponse';
}

export interface HangNextSpec extends RequestMatcher {
  count?: number;
}

export interface ConsistencyDelay {
  newResourcesMs?: number;
  roleChangesMs?: number;
}

export type FaultAction =
  | { kind: 'fail'; spec: FailNextSpec }
  | { kind: 'reset'; mode: 'immediate' | 'midResponse' }
  | { kind: 'hang' };

interface PendingFault { matcher: RequestMatcher; remaining: number; action: FaultAction }

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*')}$`);
}

export function pathMatches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  if (pattern instanceof RegExp) return pattern.test(path);
  if (pattern.includes('*')) return globToRegExp(pattern).test(path);
  return path.includes(pattern);
}

/** Fault injection knobs shared by the programmatic API and the `/__emulator` control endpoint. */
export class FaultController {
  latencyMs = 0;
  consistency: Required<ConsistencyDelay> = { newResourcesMs: 0, roleChangesMs: 0 };
  private pending: PendingFault[] = [];

  constructor(private readonly onExpireAllTokens: () => void, initialLatencyMs = 0) {
    this.latencyMs = initialLatencyMs;
  }

  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  failNext(spec: FailNextSpec): void {
    this.add(spec, spec.count, { kind: 'fail', spec });
  }

  resetNext(spec: ResetNextSpec = {}): void {
    this.add(spec, spec.count, { kind: 'reset', mode: spec.mode ?? 'immediate' });
  }

  hangNext(spec: HangNextSpec = {}): void {
    this.add(spec, spec.count, { kind: 'hang' });
  }

  expireAllTokens(): void {
    this.onExpireAllTokens();
  }

  setConsistencyDelay(delay: ConsistencyDelay): void {
    this.consistency = {
      newResourcesMs: Math.max(0, delay.newResourcesMs ?? this.consistency.newResourcesMs),
      roleChangesMs: Math.max(0, delay.roleChangesMs ?? this.consistency.roleChangesMs),
    };
  }

  /** Removes every pending fault, latency and consistency delay. */
  clear(): void {
    this.pending = [];
    this.latencyMs = 0;
    this.consistency = { newResourcesMs: 0, roleChangesMs: 0 };
  }

  pendingCount(): number {
    return this.pending.reduce((n, f) => n + f.remaining, 0);
  }

  /** Takes the first pending fault matching the request, consuming one of its count. */
  take(method: string, path: string): FaultAction | undefined {
    const index = this.pending.findIndex(
      (f) => (!f.matcher.method || f.matcher.method.toUpperCase() === method.toUpperCase()) && pathMatches(f.matcher.path, path),
    );
    if (index < 0) return undefined;
    const fault = this.pending[index];
    fault.remaining--;
    if (fault.remaining <= 0) this.pending.splice(index, 1);
    return fault.action;
  }

  private add(matcher: RequestMatcher, count: number | undefined, action: FaultAction): void {
    const remaining = count === undefined ? 1 : Math.floor(count);
    if (!(remaining >= 1)) throw new Error('count must be at least 1');
    this.pending.push({ matcher: { method: matcher.method, path: matcher.path }, remaining, action });
  }
}
