import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Actor, EmulatorCore } from './context';
import { OAuthError, unauthorized } from './errors';
import { newAccessToken } from './ids';
import type { Application } from './state';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Reads client credentials from Basic or from the form body (PingOne Platform API, Token (client_credentials)); both at once is refused. */
function clientCredentials(
  req: IncomingMessage,
  form: URLSearchParams
): { method: 'CLIENT_SECRET_BASIC' | 'CLIENT_SECRET_POST'; clientId: string; secret: string } | undefined {
  const header = req.headers.authorization;
  const basic = header && /^basic\s+/i.test(header) ? header.replace(/^basic\s+/i, '') : undefined;
  const bodySecret = form.get('client_secret');
  if (basic !== undefined) {
    if (bodySecret !== null) {
      throw new OAuthError(400, 'invalid_request', 'Only one client authentication method may be used in a request');
    }
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError(401, 'invalid_client', 'Malformed Basic authorization header');
    return {
      method: 'CLIENT_SECRET_BASIC',
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  }
  const clientId = form.get('client_id');
  if (clientId !== null && bodySecret !== null) return { method: 'CLIENT_SECRET_POST', clientId, secret: bodySecret };
  return undefined;
}

/** Checks a presented secret against the current one or a not-yet-expired previous one. */
function secretAccepted(core: EmulatorCore, app: Application, presented: string): boolean {
  const stored = core.state.secrets.get(app.id);
  if (!stored) return false;
  const now = Date.now();
  if (sameSecret(stored.current, presented)) {
    stored.lastUsed = new Date(now).toISOString();
    return true;
  }
  if (stored.previous && stored.previous.expiresAt > now && sameSecret(stored.previous.secret, presented)) {
    stored.previous.lastUsed = new Date(now).toISOString();
    return true;
  }
  return false;
}

/**
 * `POST /{envId}/as/token`, client_credentials only (PingOne Platform API, Token (client_credentials)). Unknown client, wrong secret,
 * disabled app, wrong environment and a different auth method than the app's all give 401 invalid_client.
 */
export function issueToken(
  core: EmulatorCore,
  req: IncomingMessage,
  environmentId: string,
  body: Buffer
): { token: TokenResponse; clientId: string } {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(body.toString('utf8'));
  const grantType = form.get('grant_type');
  if (!grantType) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
  if (grantType !== 'client_credentials') {
    throw new OAuthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
  }
  const credentials = clientCredentials(req, form);
  if (!credentials) throw new OAuthError(401, 'invalid_client', 'Client authentication is required');

  const app = core.state.applications.get(credentials.clientId);
  // Wrong environment looks exactly like a bad secret (PingOne Platform API, Token (client_credentials), third-party claim).
  if (!app || app.hidden || app.environmentId !== environmentId || !secretAccepted(core, app, credentials.secret)) {
    throw new OAuthError(401, 'invalid_client', 'Invalid client credentials');
  }
  if (app.body.tokenEndpointAuthMethod !== credentials.method) {
    throw new OAuthError(401, 'invalid_client', 'Unsupported authentication method for this client');
  }
  if (app.body.enabled !== true) throw new OAuthError(401, 'invalid_client', 'The client is disabled');
  const grants = Array.isArray(app.body.grantTypes) ? app.body.grantTypes : [];
  if (!grants.includes('CLIENT_CREDENTIALS')) {
    throw new OAuthError(400, 'unauthorized_client', 'The client is not authorized to use the client_credentials grant');
  }

  const accessToken = newAccessToken();
  const ttl = core.options.tokenTtlSeconds;
  core.state.tokens.set(accessToken, { clientId: app.id, environmentId, expiresAt: Date.now() + ttl * 1000 });
  return { token: { access_token: accessToken, token_type: 'Bearer', expires_in: ttl }, clientId: app.id };
}

/** Resolves `Authorization: Bearer …` to the calling worker, or throws 401 ACCESS_FAILED/INVALID_TOKEN. */
export function authenticate(core: EmulatorCore, req: IncomingMessage): Actor {
  const header = req.headers.authorization ?? '';
  const match = /^bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('Missing bearer token');
  const token = core.state.tokens.get(match[1]);
  if (!token) throw unauthorized('Invalid access token');
  if (token.expiresAt <= Date.now()) {
    core.state.tokens.delete(match[1]);
    throw unauthorized('The access token has expired');
  }
  const app = core.state.applications.get(token.clientId);
  // A deleted or disabled worker's tokens stop working.
  if (!app || app.body.enabled !== true) throw unauthorized('The client of this access token is no longer valid');
  return { clientId: token.clientId, environmentId: token.environmentId };
}
