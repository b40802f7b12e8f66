import { RE2JS } from 're2js';
import type { ErrorDetail } from './errors';

/** Anything with `test(path)`: a RegExp from trusted code, or a linear-time RE2 pattern from the control endpoint. */
export interface PathTester {
  test(path: string): boolean;
}

export interface RequestMatcher {
  method?: string;
  /** A string is a glob (`*` = one path segment part, `**` = anything) when it has `*`, else a substring. */
  path?: string | PathTester;
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

/** What a real server (or a proxy in front of it) can send instead of the answer the client expects. */
export type OddAnswer = 'empty' | 'notJson' | 'wrongShape' | 'oversized';
export const ODD_ANSWERS: readonly OddAnswer[] = ['empty', 'notJson', 'wrongShape', 'oversized'];

export interface OddAnswerNextSpec extends RequestMatcher {
  answer: OddAnswer;
  /** Status of the odd answer; default: the real answer's status when 2xx, else 200. */
  status?: number;
  count?: number;
}

export interface ConsistencyDelay {
  newResourcesMs?: number;
  roleChangesMs?: number;
}

export type FaultAction =
  | { kind: 'fail'; spec: FailNextSpec }
  | { kind: 'reset'; mode: 'immediate' | 'midResponse' }
  | { kind: 'hang' }
  | { kind: 'oddAnswer'; answer: OddAnswer; status?: number };

interface PendingFault {
  matcher: RequestMatcher;
  remaining: number;
  action: FaultAction;
}

/**
 * Patterns can arrive from any local process through the control endpoint,
 * so they are compiled with RE2 (re2js), whose matching time is linear in the
 * path for every pattern; a JavaScript RegExp would backtrack on `*a*a*a*a*b`.
 */
export function compilePathRegex(source: string): PathTester {
  return RE2JS.compile(source);
}

function globToPathTester(glob: string): PathTester {
  const literal = (text: string) => text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
  const source = glob
    .split('**')
    .map((part) => part.split('*').map(literal).join('[^/]*'))
    .join('.*');
  return compilePathRegex(`^${source}$`);
}

/** A string with `*` becomes a compiled glob; other strings stay substrings. */
function compilePath(pattern: string | PathTester | undefined): string | PathTester | undefined {
  return typeof pattern === 'string' && pattern.includes('*') ? globToPathTester(pattern) : pattern;
}

export function pathMatches(pattern: string | PathTester | undefined, path: string): boolean {
  const compiled = compilePath(pattern);
  if (compiled === undefined) return true;
  return typeof compiled === 'string' ? path.includes(compiled) : compiled.test(path);
}

/** Fault injection knobs shared by the programmatic API and the `/__emulator` control endpoint. */
export class FaultController {
  latencyMs = 0;
  consistency: Required<ConsistencyDelay> = { newResourcesMs: 0, roleChangesMs: 0 };
  private pending: PendingFault[] = [];

  constructor(
    private readonly onExpireAllTokens: () => void,
    initialLatencyMs = 0
  ) {
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

  /** The request is handled in full (state changes), then answered with an odd 2xx instead of the real answer. */
  oddAnswerNext(spec: OddAnswerNextSpec): void {
    if (!ODD_ANSWERS.includes(spec.answer)) throw new Error(`answer must be one of ${ODD_ANSWERS.join(', ')}`);
    if (spec.status !== undefined && !(spec.status >= 200 && spec.status < 300)) throw new Error('status must be a 2xx');
    this.add(spec, spec.count, { kind: 'oddAnswer', answer: spec.answer, status: spec.status });
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
      (f) => (!f.matcher.method || f.matcher.method.toUpperCase() === method.toUpperCase()) && pathMatches(f.matcher.path, path)
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
    this.pending.push({ matcher: { method: matcher.method, path: compilePath(matcher.path) }, remaining, action });
  }
}
