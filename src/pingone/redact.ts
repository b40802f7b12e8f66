/**
 * Scrubs secrets and tokens out of anything that may be logged or shown.
 * Two layers: known values registered at run time (the connection's secret,
 * every access token we receive) and patterns for what we cannot know.
 */
export const REDACTED = '[REDACTED]';

const SENSITIVE_KEY = /secret|token|password|authorization|credential|cookie|^code$|assertion/i;

const PATTERNS: Array<[RegExp, string]> = [
  // Authorization header values, in any text.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // Form or query parameters: client_secret=…&, access_token=…
  [/\b(client_secret|access_token|refresh_token|id_token|password|secret)=([^&\s"']*)/gi, `$1=${REDACTED}`],
  // JSON members: "secret":"…", "clientSecret": "…", "access_token":"…"
  [/("(?:[A-Za-z_]*(?:secret|token|password)[A-Za-z_]*)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
  // Header lines in dumps: "authorization: …"
  [/\b(authorization|proxy-authorization)\s*:\s*[^\r\n,}]+/gi, `$1: ${REDACTED}`],
  // Anything shaped like a JWT.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
];

export class Redactor {
  private readonly known = new Set<string>();

  /** Remember a value that must never appear in output (short values are ignored to avoid mangling text). */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 6) this.known.add(value);
  }

  redactText(text: string): string {
    let out = text;
    for (const value of this.known) {
      if (out.includes(value)) out = out.split(value).join(REDACTED);
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /** Deep copy with sensitive keys blanked and every string scrubbed. */
  redactValue(value: unknown, depth = 0): unknown {
    if (depth > 8) return '[…]';
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((v) => this.redactValue(v, depth + 1));
    if (value instanceof Error) return this.redactText(`${value.name}: ${value.message}`);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        out[key] = SENSITIVE_KEY.test(key) && v !== undefined && v !== null && typeof v !== 'boolean' && typeof v !== 'number'
          ? REDACTED
          : this.redactValue(v, depth + 1);
      }
      return out;
    }
    return value;
  }
}

/** Pattern-only redaction for callers without a Redactor. */
export const defaultRedactor = new Redactor();

export function redactText(text: string): string {
  return defaultRedactor.redactText(text);
}
