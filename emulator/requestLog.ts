/** One handled request. Holds no secrets or tokens: no headers, no bodies, sensitive query values redacted. */
export interface RequestLogEntry {
  time: string;
  method: string;
  host: string;
  path: string;
  query: Record<string, string>;
  status: number;
  correlationId: string;
  /** The request carried valid credentials (a bearer token, or client credentials at the token endpoint). */
  authenticated: boolean;
  clientId?: string;
  durationMs?: number;
  /** Set when an injected fault decided the answer. */
  fault?: 'fail' | 'reset' | 'hang' | 'rateLimit' | 'oddAnswer';
}

const SENSITIVE_QUERY_KEY = /secret|token|password|assertion|code|key/i;

export function sanitizeQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = SENSITIVE_QUERY_KEY.test(key) ? '[redacted]' : value;
  return out;
}
