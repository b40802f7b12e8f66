import type { Application, AppTokenEndpointAuthMethod } from '../pingone/models';
import { type Prompter, answered } from '../ui/prompter';

const METHODS: Array<{ value: AppTokenEndpointAuthMethod; label: string; detail: string }> = [
  { value: 'CLIENT_SECRET_POST', label: 'Client Secret Post', detail: 'Secret in the token request body. What PingDataSync expects.' },
  { value: 'CLIENT_SECRET_BASIC', label: 'Client Secret Basic', detail: 'Secret in the HTTP Authorization header.' },
  { value: 'CLIENT_SECRET_JWT', label: 'Client Secret JWT', detail: 'A JWT signed with the client secret.' },
  { value: 'PRIVATE_KEY_JWT', label: 'Private Key JWT', detail: 'A JWT signed with a private key; the app needs a JWKS or JWKS URL.' },
  { value: 'NONE', label: 'None', detail: 'No client authentication (public clients only; not for workers).' },
];

/**
 * Set Token Endpoint Auth Method's question: the methods this app can use
 * (Private Key JWT only with a JWKS, None never for a worker), the current one
 * marked. Throws for an app without a token endpoint, UserCancelled on Escape.
 */
export async function askAuthMethod(prompter: Prompter, app: Application): Promise<AppTokenEndpointAuthMethod> {
  if (app.protocol !== 'OPENID_CONNECT')
    throw new Error(`"${app.name}" is a ${app.protocol} app; only OpenID Connect apps have a token endpoint auth method.`);
  const hasJwks = typeof app.jwks === 'string' || typeof app.jwksUrl === 'string';
  const items = METHODS.filter((m) => m.value !== 'PRIVATE_KEY_JWT' || hasJwks)
    .filter((m) => m.value !== 'NONE' || app.type !== 'WORKER')
    .map((m) => ({
      label: m.label,
      description: m.value === app.tokenEndpointAuthMethod ? 'current' : undefined,
      detail: m.detail,
      value: m.value,
    }));
  return answered(
    await prompter.pick<AppTokenEndpointAuthMethod>({
      title: `Token endpoint auth method of "${app.name}"`,
      placeholder: `Now: ${app.tokenEndpointAuthMethod ?? 'not set'}`,
      items,
      selected: (v) => v === app.tokenEndpointAuthMethod,
    })
  );
}
