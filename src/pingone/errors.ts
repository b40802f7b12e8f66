/**
 * One error type for everything the client can fail with. `kind` is what
 * callers branch on; `message` is what a person reads (and can act on).
 * Messages are built only from redacted text: never a secret or token.
 */
import { redactText } from './redact';

export type PingOneErrorKind =
  | 'bad-credentials'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid-request'
  | 'rate-limited'
  | 'unavailable'
  | 'network'
  | 'timeout'
  | 'cancelled'
  /** Our own safety refusal: cross-origin link, plain HTTP to a remote host, … */
  | 'refused'
  /** A 2xx whose body is not what the call relies on (empty, not JSON, wrong shape, too large). */
  | 'bad-response';

/**
 * Which part of a connection a token request refusal points at, so the add
 * connection flow can reopen that step without reading the message text.
 * Set only on token endpoint errors; PingOne's token error wording is
 * UNCONFIRMED, so an unrecognised refusal is `credentials-rejected` (the
 * secret is then the safest step to ask again).
 */
export type PingOneErrorReason =
  'unknown-environment' | 'unknown-client' | 'client-disabled' | 'grant-not-allowed' | 'auth-method-rejected' | 'credentials-rejected';

export interface PingOneErrorDetail {
  code?: string;
  target?: string;
  message?: string;
  innerError?: Record<string, unknown>;
}

export interface PingOneErrorInit {
  kind: PingOneErrorKind;
  reason?: PingOneErrorReason;
  /** Sentence after "Could not <operation>: ". */
  explanation: string;
  operation: string;
  status?: number;
  code?: string;
  details?: PingOneErrorDetail[];
  errorId?: string;
  correlationId?: string;
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class PingOneError extends Error {
  override readonly name = 'PingOneError';
  readonly kind: PingOneErrorKind;
  readonly reason?: PingOneErrorReason;
  readonly operation: string;
  readonly status?: number;
  readonly code?: string;
  readonly details: PingOneErrorDetail[];
  readonly errorId?: string;
  readonly correlationId?: string;
  readonly retryAfterSeconds?: number;
  /** The sentence after "Could not <operation>: " (kept so a note can be added). */
  readonly explanation: string;

  constructor(init: PingOneErrorInit) {
    super(composeMessage(init), init.cause !== undefined ? { cause: init.cause } : undefined);
    this.kind = init.kind;
    this.reason = init.reason;
    this.operation = init.operation;
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.errorId = init.errorId;
    this.correlationId = init.correlationId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.explanation = init.explanation;
  }

  /** A copy with one more sentence, e.g. what state PingOne may be in now. */
  withNote(note: string): PingOneError {
    return new PingOneError({
      kind: this.kind,
      reason: this.reason,
      operation: this.operation,
      status: this.status,
      code: this.code,
      details: this.details,
      errorId: this.errorId,
      correlationId: this.correlationId,
      retryAfterSeconds: this.retryAfterSeconds,
      cause: this.cause,
      explanation: `${this.explanation.replace(/\s*\.?$/, '')}. ${note}`,
    });
  }

  /** Detail codes and messages, for matching (e.g. UNIQUENESS_VIOLATION). */
  hasDetailCode(code: string): boolean {
    return this.details.some((d) => d.code === code);
  }

  /** All PingOne-provided text (message + detail messages), for pattern checks. */
  get pingOneText(): string {
    return [this.code, ...this.details.map((d) => `${d.code ?? ''} ${d.target ?? ''} ${d.message ?? ''}`)].join(' ');
  }
}

export function isPingOneError(error: unknown, kind?: PingOneErrorKind): error is PingOneError {
  return error instanceof PingOneError && (kind === undefined || error.kind === kind);
}

function composeMessage(init: PingOneErrorInit): string {
  const ids: string[] = [];
  if (init.errorId) ids.push(`PingOne error id ${init.errorId}`);
  if (init.correlationId) ids.push(`correlation id ${init.correlationId}`);
  const suffix = ids.length ? ` (${ids.join(', ')})` : '';
  const explanation = init.explanation.replace(/\s*\.?$/, '');
  return redactText(`Could not ${init.operation}: ${explanation}${suffix}.`);
}

/** The PingOne error body (PingOne Platform API, Error codes); lenient about shape. */
export interface PingOneErrorBody {
  id?: string;
  code?: string;
  message?: string;
  details?: PingOneErrorDetail[];
  /** RFC 6749 token endpoint errors. */
  error?: string;
  error_description?: string;
}

export function parseErrorBody(body: unknown): PingOneErrorBody {
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const details = Array.isArray(b.details)
    ? b.details
        .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object')
        .map((d) => ({
          code: str(d.code),
          target: str(d.target),
          message: str(d.message),
          innerError: d.innerError && typeof d.innerError === 'object' ? (d.innerError as Record<string, unknown>) : undefined,
        }))
    : undefined;
  return {
    id: str(b.id),
    code: str(b.code),
    message: str(b.message),
    details,
    error: str(b.error),
    error_description: str(b.error_description),
  };
}

const SCOPE_PROPAGATION = /must have role at the same or broader scope/i;
/** PingOne's wording when the target worker holds permissions the actor lacks (Application Secret docs). */
const SECRET_HIDDEN = /does not have permissions to access worker application client secrets/i;
const NOT_AUTHORIZED = /actor attempting to perform the request is not authorized|you do not have access to this resource/i;

export interface ApiErrorContext {
  status: number;
  body: unknown;
  operation: string;
  correlationId?: string;
  retryAfterSeconds?: number;
  /** The longest Retry-After the client waits (its policy's cap), so the message can say what it did. */
  maxRetryAfterSeconds?: number;
  /** What the connection's worker needs for this call, e.g. "the Identity Data Admin role at environment scope". */
  permissionHint?: string;
}

/** Maps a non-2xx API response to a PingOneError with an actionable message. */
export function errorFromApiResponse(ctx: ApiErrorContext): PingOneError {
  const body = parseErrorBody(ctx.body);
  const text = [body.message, ...(body.details ?? []).map((d) => d.message)].filter(Boolean).join(' ');
  const pingOneSays = body.message ? ` PingOne says: "${summarise(body)}"` : '';
  const common = {
    operation: ctx.operation,
    status: ctx.status,
    code: body.code,
    details: body.details,
    errorId: body.id,
    correlationId: ctx.correlationId,
  };
  const status = ctx.status;
  const isUniqueness = (body.details ?? []).some((d) => d.code === 'UNIQUENESS_VIOLATION');

  if (status === 409 || (status === 400 && isUniqueness)) {
    return new PingOneError({ ...common, kind: 'conflict', explanation: `it already exists in PingOne.${pingOneSays}` });
  }
  if (status === 401) {
    return new PingOneError({
      ...common,
      kind: 'bad-credentials',
      explanation: `PingOne refused the connection's access token, even a freshly fetched one. Check that the connection's worker app still exists and is enabled.${pingOneSays}`,
    });
  }
  if (status === 403 || (status === 400 && SCOPE_PROPAGATION.test(text))) {
    let explanation: string;
    if (SCOPE_PROPAGATION.test(text)) {
      // PingOne's "Can Assign" rules (Roles Management docs): who may assign which role, within the scope it holds.
      explanation =
        "the connection's worker may not assign that role there: only Environment Admin (any role but Organization Admin), Identity Data Admin (Identity Data Admin, Identity Data Read Only, Help Desk Admin) and Organization Admin (Environment Admin) may assign roles, within the scope where they hold them. Ask an Environment Admin to assign it, or give this worker such a role";
    } else if ((body.details ?? []).some((d) => SECRET_HIDDEN.test(d.message ?? ''))) {
      explanation =
        "the app holds roles the connection's worker does not hold, so PingOne hides its secret from this worker (waiting will not change that). Ask an admin whose worker holds every role of this app to copy the secret, or use such a connection";
    } else if ((body.details ?? []).some((d) => d.code === 'LICENSE_EXCEEDED')) {
      explanation = 'the PingOne license does not allow this';
    } else if (ctx.permissionHint) {
      explanation = `the connection's worker lacks ${ctx.permissionHint}`;
    } else {
      explanation = "the connection's worker lacks a role needed for this (or the environment does not exist)";
    }
    return new PingOneError({ ...common, kind: 'forbidden', explanation: `${explanation}.${pingOneSays}` });
  }
  if (status === 404) {
    return new PingOneError({
      ...common,
      kind: 'not-found',
      explanation: `PingOne has no such resource (it may have been deleted, or the ID is wrong).${pingOneSays}`,
    });
  }
  if (status === 429) {
    const wait = retryAfterAdvice(ctx.retryAfterSeconds, ctx.maxRetryAfterSeconds);
    return new PingOneError({
      ...common,
      kind: 'rate-limited',
      retryAfterSeconds: ctx.retryAfterSeconds,
      explanation: `PingOne's rate limit was reached and retries did not get through.${wait}`,
    });
  }
  if (status === 408) {
    return new PingOneError({ ...common, kind: 'timeout', explanation: 'PingOne timed out handling the request (HTTP 408). Try again.' });
  }
  if (status >= 500) {
    return new PingOneError({
      ...common,
      kind: 'unavailable',
      explanation: `PingOne is unavailable or failed unexpectedly (HTTP ${status}). Try again in a moment.${pingOneSays}`,
    });
  }
  // Remaining 4xx: the request itself was rejected.
  const scopeDetail = (body.details ?? []).find((d) => d.target === 'scope');
  const explanation = scopeDetail
    ? `incompatible role and scope combination: this role cannot be assigned at that scope.${pingOneSays}`
    : `PingOne rejected the request (HTTP ${status}).${pingOneSays}`;
  return new PingOneError({ ...common, kind: 'invalid-request', explanation });
}

/** A wait in words: "40 s", "12 min", "3 h", "5 days", "more than a year". */
function duration(seconds: number): string {
  if (seconds < 120) return `${Math.ceil(seconds)} s`;
  if (seconds < 2 * 3600) return `${Math.ceil(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${Math.round(seconds / 3600)} h`;
  if (seconds <= 365 * 86_400) return `${Math.round(seconds / 86_400)} days`;
  return 'more than a year';
}

/** What a 429 message says about waiting: what PingOne asked for, and what the client did with it. */
function retryAfterAdvice(retryAfterSeconds: number | undefined, maxRetryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return ' Try again shortly.';
  if (maxRetryAfterSeconds !== undefined && retryAfterSeconds > maxRetryAfterSeconds) {
    return ` PingOne asked to wait ${duration(retryAfterSeconds)} (Retry-After); the toolkit waits at most ${duration(maxRetryAfterSeconds)} before a retry, so it stopped. Try again later.`;
  }
  return ` Try again in ${duration(retryAfterSeconds)}.`;
}

export function isScopePropagationError(error: PingOneError): boolean {
  return SCOPE_PROPAGATION.test(error.message) || SCOPE_PROPAGATION.test(error.pingOneText);
}

export function isSecretHiddenError(error: PingOneError): boolean {
  return error.kind === 'forbidden' && error.details.some((d) => SECRET_HIDDEN.test(d.message ?? ''));
}

export function isNotAuthorizedPropagationError(error: PingOneError): boolean {
  return error.kind === 'forbidden' && (NOT_AUTHORIZED.test(error.message) || NOT_AUTHORIZED.test(error.pingOneText));
}

function summarise(body: PingOneErrorBody): string {
  const details = (body.details ?? []).map((d) => [d.target, d.message].filter(Boolean).join(': ')).filter(Boolean);
  const text = details.length ? `${body.message ?? ''} ${details.join('; ')}` : (body.message ?? '');
  return text.trim().slice(0, 500);
}

export interface TokenErrorContext {
  status: number;
  body: unknown;
  clientId: string;
  environmentId: string;
  authHost: string;
  authMethod: string;
  correlationId?: string;
  retryAfterSeconds?: number;
  maxRetryAfterSeconds?: number;
}

/**
 * Token endpoint failures. PingOne's token error format is UNCONFIRMED
 * (PingOne Platform API, Token (client_credentials)): RFC 6749 `error`/`error_description` is assumed, with the
 * PingOne error body accepted too.
 */
export function errorFromTokenResponse(ctx: TokenErrorContext): PingOneError {
  const body = parseErrorBody(ctx.body);
  const operation = `get an access token for client ${ctx.clientId}`;
  const description = (body.error_description ?? body.message ?? '').slice(0, 300);
  const common = {
    operation,
    status: ctx.status,
    code: body.error ?? body.code,
    details: body.details,
    errorId: body.id,
    correlationId: ctx.correlationId,
  };
  if (ctx.status === 429 || ctx.status >= 500 || ctx.status === 408) {
    return errorFromApiResponse({
      status: ctx.status,
      body: ctx.body,
      operation,
      correlationId: ctx.correlationId,
      retryAfterSeconds: ctx.retryAfterSeconds,
      maxRetryAfterSeconds: ctx.maxRetryAfterSeconds,
    });
  }
  const says = description ? ` PingOne says: "${description}"` : '';
  if (body.error === 'unauthorized_client') {
    return new PingOneError({
      ...common,
      kind: 'bad-credentials',
      reason: 'grant-not-allowed',
      explanation: `the app ${ctx.clientId} is not allowed to use the Client Credentials grant. Add the Client Credentials grant type to it in PingOne.${says}`,
    });
  }
  if (body.error === 'invalid_client' || ctx.status === 401 || ctx.status === 404) {
    const hint = invalidClientHint(ctx, description);
    return new PingOneError({ ...common, kind: 'bad-credentials', reason: hint.reason, explanation: `${hint.text}${says}` });
  }
  return new PingOneError({
    ...common,
    kind: 'invalid-request',
    explanation: `the token endpoint rejected the request (${body.error ?? `HTTP ${ctx.status}`}).${says}`,
  });
}

function invalidClientHint(ctx: TokenErrorContext, description: string): { reason: PingOneErrorReason; text: string } {
  const d = description.toLowerCase();
  if (ctx.status === 404) {
    return {
      reason: 'unknown-environment',
      text: `no environment ${ctx.environmentId} was found at ${ctx.authHost}. Check the environment ID (the one that holds the worker) and the region.`,
    };
  }
  if (/disabled|not enabled/.test(d))
    return { reason: 'client-disabled', text: `the app ${ctx.clientId} is disabled. Enable it in PingOne.` };
  if (/auth(entication)? method|token_endpoint_auth|client_secret_(basic|post)/.test(d)) {
    return {
      reason: 'auth-method-rejected',
      text: `the app does not accept ${ctx.authMethod}. Set the connection's token endpoint auth method to the one configured on the app.`,
    };
  }
  if (/not found|unknown|does not exist/.test(d)) {
    return {
      reason: 'unknown-client',
      text: `PingOne does not know client ${ctx.clientId} in environment ${ctx.environmentId}. Check the client ID and that the environment ID is the worker's own environment.`,
    };
  }
  return {
    reason: 'credentials-rejected',
    text: `PingOne rejected the client credentials (invalid_client). Check the client secret (it may have been rotated), that app ${ctx.clientId} lives in environment ${ctx.environmentId}, that it is enabled, and that its token endpoint auth method is ${ctx.authMethod}.`,
  };
}

/** PingOne answered, but not with what the call needs; `endpoint` is `METHOD /path`. */
export function badResponseError(operation: string, endpoint: string, problem: string): PingOneError {
  return new PingOneError({ kind: 'bad-response', operation, explanation: `${endpoint} ${problem}` });
}

export function cancelledError(operation: string, cause?: unknown): PingOneError {
  return new PingOneError({ kind: 'cancelled', operation, explanation: 'it was cancelled', cause });
}

export function timeoutError(operation: string, timeoutMs: number, host: string): PingOneError {
  return new PingOneError({
    kind: 'timeout',
    operation,
    explanation: `${host} did not answer within ${Math.round(timeoutMs / 100) / 10} s. PingOne may be slow, or a proxy or firewall may be holding the connection`,
  });
}

export function refusedError(operation: string, explanation: string): PingOneError {
  return new PingOneError({ kind: 'refused', operation, explanation });
}

export function networkError(operation: string, host: string, cause: unknown): PingOneError {
  const code = (cause as { code?: string })?.code;
  return new PingOneError({
    kind: 'network',
    operation,
    code,
    cause,
    explanation: `could not reach ${host}${code ? ` (${code})` : ''}. Check the network connection, the proxy settings (http.proxy) and the connection's URLs`,
  });
}
