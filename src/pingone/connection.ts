/**
 * A saved PingOne connection (without its secret) and the checks the VS Code
 * prompts run on what the user types. Validators return an error message, or
 * undefined when the value is fine (the `InputBox.validateInput` convention).
 */
import type { RegionCode } from './regions';
import { DEFAULT_REGION, isRegionCode, regionApiBaseUrl, regionAuthBaseUrl } from './regions';

export type TokenEndpointAuthMethod = 'CLIENT_SECRET_POST' | 'CLIENT_SECRET_BASIC';

export interface Connection {
  id: string;
  name: string;
  /** Used when the explicit base URLs below are absent. Defaults to NA. */
  region?: RegionCode;
  /** e.g. `https://auth.pingone.eu`; overrides the region's auth host. */
  authBaseUrl?: string;
  /** e.g. `https://api.pingone.eu/v1`; overrides the region's API base. */
  apiBaseUrl?: string;
  /** The environment that holds the admin worker (where the token is requested). */
  environmentId: string;
  clientId: string;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
}

/** Where a connection's credentials may go: nowhere else. */
export interface ResolvedEndpoints {
  authBaseUrl: string;
  apiBaseUrl: string;
  tokenUrl: string;
  /** The only origin that ever receives the client secret. */
  authOrigin: string;
  /** The only origin that ever receives the access token. */
  apiOrigin: string;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function validateEnvironmentId(value: string): string | undefined {
  const text = value.trim();
  if (!text)
    return 'Enter the environment ID (a UUID such as 3f1a2b4c-…), shown on the environment’s Settings page in the PingOne console.';
  if (text !== value) return 'Remove the spaces around the environment ID.';
  if (!isUuid(text))
    return `"${abbreviate(text)}" is not an environment ID: PingOne environment IDs are UUIDs like 3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8.`;
  return undefined;
}

export function validateClientId(value: string): string | undefined {
  const text = value.trim();
  if (!text) return 'Enter the worker app’s Client ID (a UUID, on the app’s Configuration tab).';
  if (!isUuid(text)) return `"${abbreviate(text)}" is not a Client ID: PingOne client IDs are UUIDs.`;
  return undefined;
}

/**
 * Loopback for plain HTTP: `localhost`, 127.0.0.0/8 and `::1`, literally.
 * Names under `.localhost` are left out: RFC 6761 asks resolvers to keep them
 * on loopback, but Node resolves them through DNS like any name, so a hostile
 * resolver could receive the token request (with the secret) in clear text.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

/**
 * HTTPS required; plain HTTP only to loopback (the local emulator). No user
 * info, query or fragment, because those would leak or be silently dropped.
 */
export function validateBaseUrl(value: string, what = 'base URL'): string | undefined {
  const text = value.trim();
  if (!text) return `Enter the ${what}, e.g. https://api.pingone.com/v1.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${abbreviate(text)}" is not a URL. Enter a full URL starting with https://.`;
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHostname(url.hostname)) {
      return `The ${what} must use HTTPS; plain HTTP is allowed only to this computer (localhost, 127.0.0.1, ::1).`;
    }
  } else if (url.protocol !== 'https:') {
    return `The ${what} must start with https:// (got ${url.protocol}//).`;
  }
  if (url.username || url.password) return `Remove the user name or password from the ${what}; credentials are never put in URLs.`;
  if (url.search || url.hash) return `Remove the query (?…) or fragment (#…) from the ${what}.`;
  return undefined;
}

/** Parses a region from a prompt; message when unknown. */
export function validateRegion(value: string): string | undefined {
  return isRegionCode(value.trim().toUpperCase())
    ? undefined
    : `Unknown region "${abbreviate(value)}". Use one of NA (pingone.com), EU (pingone.eu), CA (pingone.ca), AU (pingone.com.au), SG (pingone.sg), AP (pingone.asia).`;
}

/** Every problem with a connection, as messages; empty when usable. */
export function validateConnection(connection: Connection): string[] {
  const problems: string[] = [];
  const envProblem = validateEnvironmentId(connection.environmentId);
  if (envProblem) problems.push(envProblem);
  const clientProblem = validateClientId(connection.clientId);
  if (clientProblem) problems.push(clientProblem);
  if (connection.region !== undefined && !isRegionCode(connection.region)) problems.push(validateRegion(String(connection.region))!);
  if (connection.authBaseUrl !== undefined) {
    const p = validateBaseUrl(connection.authBaseUrl, 'auth base URL');
    if (p) problems.push(p);
  }
  if (connection.apiBaseUrl !== undefined) {
    const p = validateBaseUrl(connection.apiBaseUrl, 'API base URL');
    if (p) problems.push(p);
  }
  if (connection.tokenEndpointAuthMethod !== 'CLIENT_SECRET_POST' && connection.tokenEndpointAuthMethod !== 'CLIENT_SECRET_BASIC') {
    problems.push('The token endpoint auth method must be CLIENT_SECRET_POST or CLIENT_SECRET_BASIC.');
  }
  return problems;
}

/**
 * The connection's URLs. Explicit base URLs win over the region. Throws
 * (with every problem in the message) when the connection is not usable.
 */
export function resolveEndpoints(connection: Connection): ResolvedEndpoints {
  const problems = validateConnection(connection);
  if (problems.length) throw new Error(`Connection "${connection.name}" is not usable: ${problems.join(' ')}`);
  const region = connection.region ?? DEFAULT_REGION;
  const authBaseUrl = stripTrailingSlash(connection.authBaseUrl?.trim() ?? regionAuthBaseUrl(region));
  const apiBaseUrl = stripTrailingSlash(connection.apiBaseUrl?.trim() ?? regionApiBaseUrl(region));
  // UNCONFIRMED for custom domains (token URL without the env ID): not supported here.
  const tokenUrl = `${authBaseUrl}/${encodeURIComponent(connection.environmentId)}/as/token`;
  return {
    authBaseUrl,
    apiBaseUrl,
    tokenUrl,
    authOrigin: new URL(authBaseUrl).origin,
    apiOrigin: new URL(apiBaseUrl).origin,
  };
}

/** A loop, not `/\/+$/`: that RegExp rescans every run of slashes not at the end (quadratic). */
function stripTrailingSlash(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

function abbreviate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
