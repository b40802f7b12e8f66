import { randomUUID } from 'node:crypto';

/** One entry of PingOne's `details[]` array (PingOne Platform API, Error codes). */
export interface ErrorDetail {
  code: string;
  target?: string;
  message: string;
  innerError?: Record<string, unknown>;
}

/** PingOne's error body `{id, code, message, details[]}` (PingOne Platform API, Error codes). */
export interface PingOneErrorBody {
  id: string;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

/** Legacy wording per status (PingOne Platform API, Error codes "Legacy response-code wording"). */
export const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'The request could not be completed. One or more validation errors were in the request.',
  401: 'The request could not be completed. You do not have access to this resource.',
  403: 'The actor attempting to perform the request is not authorized.',
  404: 'The requested resource was not found.',
  405: 'The request method is not supported for this resource.',
  409: 'The request could not be completed due to a conflict.',
  413: 'The request body is too large.',
  415: 'The request could not be completed. The content type is not supported.',
  429: 'The request could not be completed. Too many requests.',
  500: 'An unexpected error occurred.',
  502: 'The service is temporarily unavailable.',
  503: 'The service is temporarily unavailable.',
  504: 'The service did not answer in time.',
};

/** Top-level `code` per status, from the PingOne OpenAPI error catalogue (pingone-go-client) (PingOne Platform API, Error codes). */
export function defaultCodeFor(status: number): string {
  switch (status) {
    case 400:
      return 'INVALID_DATA';
    case 401:
      return 'ACCESS_FAILED';
    case 403:
      return 'ACCESS_FAILED';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'INVALID_DATA';
    case 413:
      return 'INVALID_REQUEST';
    case 415:
      return 'INVALID_REQUEST';
    case 429:
      return 'REQUEST_LIMITED';
    default:
      return 'UNEXPECTED_ERROR';
  }
}

/** Thrown by handlers; the server turns it into PingOne's error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }

  toBody(): PingOneErrorBody {
    const body: PingOneErrorBody = { id: randomUUID(), code: this.code, message: this.message };
    if (this.details.length > 0) body.details = this.details;
    return body;
  }
}

export function invalidData(details: ErrorDetail[], message = DEFAULT_MESSAGES[400]): ApiError {
  return new ApiError(400, 'INVALID_DATA', message, details);
}

export function invalidValue(target: string, message: string, innerError?: Record<string, unknown>): ApiError {
  return invalidData([{ code: 'INVALID_VALUE', target, message, ...(innerError ? { innerError } : {}) }]);
}

export function requiredValue(target: string): ApiError {
  return invalidData([{ code: 'REQUIRED_VALUE', target, message: `${target} is required` }]);
}

export function invalidRequest(message: string, status = 400): ApiError {
  return new ApiError(status, 'INVALID_REQUEST', message);
}

export function notFound(what = 'resource'): ApiError {
  return new ApiError(404, 'NOT_FOUND', `Unable to find ${what}. ${DEFAULT_MESSAGES[404]}`);
}

export function forbidden(
  details: ErrorDetail[] = [
    {
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'Actor does not have permissions to access this resource',
    },
  ]
): ApiError {
  return new ApiError(403, 'ACCESS_FAILED', DEFAULT_MESSAGES[403], details);
}

export function unauthorized(message = 'Access token is missing, invalid or expired'): ApiError {
  return new ApiError(401, 'ACCESS_FAILED', DEFAULT_MESSAGES[401], [{ code: 'INVALID_TOKEN', message }]);
}

export function uniquenessViolation(target: string, message: string): ApiError {
  return invalidData([{ code: 'UNIQUENESS_VIOLATION', target, message }]);
}

/** RFC 6749 token-endpoint error (PingOne Platform API, Token (client_credentials), format UNCONFIRMED for PingOne). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string
  ) {
    super(description);
  }
}
