import { invalidData, type ErrorDetail } from './errors';

/** Validation of application create/replace bodies (PingOne Platform API, Applications; PingOne docs, Platform limits). */
export const APPLICATION_TYPES = [
  'WEB_APP',
  'NATIVE_APP',
  'SINGLE_PAGE_APP',
  'WORKER',
  'SERVICE',
  'CUSTOM_APP',
  'PING_ONE_SELF_SERVICE',
  'PING_ONE_ADMIN_CONSOLE',
  'PING_ONE_PORTAL',
  'TEMPLATE_APP',
  'PORTAL_LINK_APP',
];
export const APPLICATION_PROTOCOLS = ['OPENID_CONNECT', 'SAML', 'WS_FED', 'EXTERNAL_LINK'];
export const GRANT_TYPES = [
  'AUTHORIZATION_CODE',
  'IMPLICIT',
  'REFRESH_TOKEN',
  'CLIENT_CREDENTIALS',
  'DEVICE_CODE',
  'TOKEN_EXCHANGE',
  'CIBA',
];
export const TOKEN_ENDPOINT_AUTH_METHODS = ['NONE', 'CLIENT_SECRET_BASIC', 'CLIENT_SECRET_POST', 'PRIVATE_KEY_JWT', 'CLIENT_SECRET_JWT'];

/** Server-owned fields: ignored when a client sends them (UNCONFIRMED whether PingOne rejects them, PingOne Platform API, Applications). */
export const READ_ONLY_APPLICATION_FIELDS = ['id', '_links', '_embedded', 'environment', 'createdAt', 'updatedAt'];
/** UNCONFIRMED (PingOne docs, Platform limits): no documented max; 256 as the resource-link console page says. */
export const MAX_APPLICATION_NAME_LENGTH = 256;
/** PingOne Platform API, Applications; PingOne docs, Platform limits: 1000 applications per environment. */
export const MAX_APPLICATIONS_PER_ENVIRONMENT = 1000;

export interface ValidatedApplication {
  body: Record<string, unknown>;
  assignActorRoles: boolean;
}

/**
 * Returns the client-owned fields to store. `mode: 'replace'` is a PUT: everything omitted is cleared,
 * `enabled` is required, type/protocol cannot change, and `assignActorRoles` is ignored.
 */
export function validateApplication(
  input: Record<string, unknown>,
  mode: 'create' | 'replace',
  existing?: Record<string, unknown>
): ValidatedApplication {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (READ_ONLY_APPLICATION_FIELDS.includes(key) || key === 'assignActorRoles') continue;
    if (value === null) continue; // sending null clears the attribute (PingOne Platform API, Applications)
    body[key] = value;
  }
  const details: ErrorDetail[] = [];
  const fail = (code: string, target: string, message: string, innerError?: Record<string, unknown>) =>
    details.push({ code, target, message, ...(innerError ? { innerError } : {}) });

  if (body.name === undefined) fail('REQUIRED_VALUE', 'name', 'name is required');
  else if (typeof body.name !== 'string' || body.name.trim() === '') fail('INVALID_VALUE', 'name', 'name must be a non-empty string');
  else if ([...body.name].length > MAX_APPLICATION_NAME_LENGTH) {
    fail('SIZE_LIMIT_EXCEEDED', 'name', `name must be at most ${MAX_APPLICATION_NAME_LENGTH} characters`, {
      maximumValue: MAX_APPLICATION_NAME_LENGTH,
    });
  }
  if (body.description !== undefined && typeof body.description !== 'string')
    fail('INVALID_VALUE', 'description', 'description must be a string');

  if (body.enabled === undefined) {
    if (mode === 'create')
      body.enabled = false; // PingOne Platform API, Applications: defaults to false
    else fail('REQUIRED_VALUE', 'enabled', 'enabled is required');
  } else if (typeof body.enabled !== 'boolean') fail('INVALID_VALUE', 'enabled', 'enabled must be a boolean');

  if (body.type === undefined) fail('REQUIRED_VALUE', 'type', 'type is required');
  else if (!APPLICATION_TYPES.includes(body.type as string))
    fail('INVALID_VALUE', 'type', 'type is not supported', { allowedValues: APPLICATION_TYPES });
  if (body.protocol === undefined) fail('REQUIRED_VALUE', 'protocol', 'protocol is required');
  else if (!APPLICATION_PROTOCOLS.includes(body.protocol as string))
    fail('INVALID_VALUE', 'protocol', 'protocol is not supported', { allowedValues: APPLICATION_PROTOCOLS });
  if (body.type === 'WORKER' && body.protocol !== undefined && body.protocol !== 'OPENID_CONNECT') {
    fail('INVALID_VALUE', 'protocol', 'WORKER applications support only the OPENID_CONNECT protocol', {
      allowedValues: ['OPENID_CONNECT'],
    });
  }
  if (existing && body.type !== undefined && body.type !== existing.type) fail('INVALID_VALUE', 'type', 'type cannot be changed');
  if (existing && body.protocol !== undefined && body.protocol !== existing.protocol)
    fail('INVALID_VALUE', 'protocol', 'protocol cannot be changed');

  if (body.protocol === 'OPENID_CONNECT') {
    if (body.tokenEndpointAuthMethod === undefined)
      fail('REQUIRED_VALUE', 'tokenEndpointAuthMethod', 'tokenEndpointAuthMethod is required');
    else if (!TOKEN_ENDPOINT_AUTH_METHODS.includes(body.tokenEndpointAuthMethod as string)) {
      fail('INVALID_VALUE', 'tokenEndpointAuthMethod', 'tokenEndpointAuthMethod is not supported', {
        allowedValues: TOKEN_ENDPOINT_AUTH_METHODS,
      });
    } else if (body.tokenEndpointAuthMethod === 'PRIVATE_KEY_JWT' && body.jwks === undefined && body.jwksUrl === undefined) {
      fail('REQUIRED_VALUE', 'jwks', 'PRIVATE_KEY_JWT requires jwks or jwksUrl');
    }
    // UNCONFIRMED how strict PingOne is; the emulator requires a non-empty list of known grant types.
    if (body.grantTypes === undefined) fail('REQUIRED_VALUE', 'grantTypes', 'grantTypes is required');
    else if (!Array.isArray(body.grantTypes) || body.grantTypes.length === 0)
      fail('INVALID_VALUE', 'grantTypes', 'grantTypes must be a non-empty array');
    else if (body.grantTypes.some((g) => !GRANT_TYPES.includes(g as string))) {
      fail('INVALID_VALUE', 'grantTypes', 'grantTypes contains an unsupported value', { allowedValues: GRANT_TYPES });
    }
    // Terraform's provider defaults pkceEnforcement to OPTIONAL for every OIDC app.
    if (body.pkceEnforcement === undefined) body.pkceEnforcement = 'OPTIONAL';
  }

  if (body.protocol === 'SAML') {
    // Required by the spec's ApplicationSAML schema.
    for (const field of ['spEntityId', 'acsUrls', 'assertionDuration']) {
      if (body[field] === undefined) fail('REQUIRED_VALUE', field, `${field} is required`);
    }
    if (body.assertionDuration !== undefined && !Number.isInteger(body.assertionDuration))
      fail('INVALID_VALUE', 'assertionDuration', 'assertionDuration must be an integer (seconds)');
  }

  if (body.icon !== undefined) {
    const icon = body.icon as Record<string, unknown>;
    if (
      typeof icon !== 'object' ||
      Array.isArray(icon) ||
      typeof icon.id !== 'string' ||
      typeof icon.href !== 'string' ||
      !/^https?:\/\//.test(icon.href)
    ) {
      fail('INVALID_VALUE', 'icon', 'icon must have an id and an http(s) href');
    }
  }

  let assignActorRoles = true; // PingOne Platform API, Applications: the API default copies the creator's roles
  if (mode === 'create' && input.assignActorRoles !== undefined && input.assignActorRoles !== null) {
    if (typeof input.assignActorRoles !== 'boolean') fail('INVALID_VALUE', 'assignActorRoles', 'assignActorRoles must be a boolean');
    else assignActorRoles = input.assignActorRoles;
  }
  if (details.length > 0) throw invalidData(details);
  return { body, assignActorRoles };
}
