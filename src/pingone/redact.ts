/**
 * Scrubs secrets and tokens out of anything that may be logged or shown.
 * Two layers: known values registered at run time (the connection's secret,
 * every access token we receive) and patterns for what we cannot know.
 */
export const REDACTED = '[REDACTED]';

const SENSITIVE_KEY = /secret|token|password|authorization|credential|cookie|^code$|assertion/i;

/** JSON member names that hold a secret: `secret`, `clientSecret`, `access_token`, `password`, … */
const SENSITIVE_JSON_KEY = /secret|token|password/i;

/**
 * Each pattern ends in one greedy run with nothing after it and starts at a
 * word, so it never backtracks: linear in the text. The two shapes that need
 * more (JSON members, JWTs) are scanned by hand below, because a RegExp for
 * them backtracks one character at a time on text that almost matches and
 * overflows V8's backtrack stack on a long string.
 */
const PATTERNS: Array<[RegExp, string]> = [
  // Authorization header values, in any text.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // Form or query parameters: client_secret=…&, access_token=…
  [/\b(client_secret|access_token|refresh_token|id_token|password|secret)=([^&\s"']*)/gi, `$1=${REDACTED}`],
  // Header lines in dumps: "authorization: …"
  [/\b(authorization|proxy-authorization)\s*:\s*[^\r\n,}]+/gi, `$1: ${REDACTED}`],
];

function isNameChar(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

function skipWhiteSpace(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || (c > 0x7f && /\s/.test(text[i])))) break;
  }
  return i;
}

/** End (after the closing quote) of the JSON string opening at `open`, or -1 when it never closes. */
function jsonStringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return -1;
}

/**
 * JSON members whose name holds a secret: `"secret":"…"`, `"clientSecret": "…"`,
 * `"access_token":"…"`. Every member with a string value is read whole, as a
 * JSON reader would, so a value's text is never taken for a member name.
 * Each character is read a bounded number of times: a string that never
 * closes can only contain escaped quotes, and no member starts at those.
 */
function redactJsonMembers(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (let quote = text.indexOf('"'); quote >= 0;) {
    let nameEnd = quote + 1;
    while (nameEnd < text.length && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    const colon = text[nameEnd] === '"' ? skipWhiteSpace(text, nameEnd + 1) : -1;
    const open = colon >= 0 && text[colon] === ':' ? skipWhiteSpace(text, colon + 1) : -1;
    const end = open >= 0 && text[open] === '"' ? jsonStringEnd(text, open) : -1;
    if (end < 0) {
      quote = text.indexOf('"', quote + 1);
      continue;
    }
    if (SENSITIVE_JSON_KEY.test(text.slice(quote + 1, nameEnd))) {
      parts.push(text.slice(copiedUpTo, open), `"${REDACTED}"`);
      copiedUpTo = end;
    }
    quote = text.indexOf('"', end);
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

function isBase64Url(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x2d || code === 0x5f
  );
}

function base64UrlRunEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && isBase64Url(text.charCodeAt(end))) end++;
  return end;
}

/**
 * Anything shaped like a JWT (RFC 7519): `eyJ` + base64url, `.`, base64url
 * (5+), `.`, base64url. A scan rather than a RegExp: the RegExp started again
 * at every `-eyJ` of a long run without a dot and rescanned the run (quadratic);
 * here each run is read once.
 */
function redactJwts(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (let start = text.indexOf('eyJ'); start >= 0;) {
    // At a word start, as `\beyJ` would be; an `eyJ` inside a word is part of something else.
    if (start > 0 && isBase64Url(text.charCodeAt(start - 1)) && text[start - 1] !== '-') {
      start = text.indexOf('eyJ', start + 1);
      continue;
    }
    const firstEnd = base64UrlRunEnd(text, start);
    // Every later `eyJ` in this run ends where this one does, so if this one fails they all do.
    const secondEnd = text[firstEnd] === '.' ? base64UrlRunEnd(text, firstEnd + 1) : firstEnd;
    if (firstEnd - start >= 8 && secondEnd - firstEnd - 1 >= 5 && text[secondEnd] === '.') {
      parts.push(text.slice(copiedUpTo, start), REDACTED);
      copiedUpTo = base64UrlRunEnd(text, secondEnd + 1);
      start = text.indexOf('eyJ', copiedUpTo);
    } else {
      start = text.indexOf('eyJ', firstEnd);
    }
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

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
    out = redactJwts(redactJsonMembers(out));
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
        out[key] =
          SENSITIVE_KEY.test(key) && v !== undefined && v !== null && typeof v !== 'boolean' && typeof v !== 'number'
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
