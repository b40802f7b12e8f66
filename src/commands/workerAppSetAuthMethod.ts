import type { CommandDefinition } from './registry';
import { setTokenEndpointAuthMethod } from '../pingone/applications';
import type { AppTokenEndpointAuthMethod } from '../pingone/models';
import { appTargetOf, resolveApp } from '../flows/appContext';
import { answered } from '../ui/prompter';

const METHODS: Array<{ value: AppTokenEndpointAuthMethod; label: string; detail: string }> = [
  { value: 'CLIENT_SECRET_POST', label: 'Client Secret Post', detail: 'Secret in the token request body. What PingDataSync expects.' },
  { value: 'CLIENT_SECRET_BASIC', label: 'Client Secret Basic', detail: 'Secret in the HTTP Authorization header.' },
  { value: 'CLIENT_SECRET_JWT', label: 'Client Secret JWT', detail: 'A JWT signed with the client secret.' },
  { value: 'PRIVATE_KEY_JWT', label: 'Private Key JWT', detail: 'A JWT signed with a private key; the app needs a JWKS or JWKS URL.' },
  { value: 'NONE', label: 'None', detail: 'No client authentication (public clients only; not for workers).' },
];

export const setAuthMethodCommand: CommandDefinition = {
  id: 'pingone.workerApp.setAuthMethod',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Set Token Endpoint Auth Method', { oidcOnly: true });
    const { app } = ctx;
    if (app.protocol !== 'OPENID_CONNECT') throw new Error(`"${app.name}" is a ${app.protocol} app; only OpenID Connect apps have a token endpoint auth method.`);
    const hasJwks = typeof app.jwks === 'string' || typeof app.jwksUrl === 'string';
    const items = METHODS.filter((m) => m.value !== 'PRIVATE_KEY_JWT' || hasJwks)
      .filter((m) => m.value !== 'NONE' || app.type !== 'WORKER')
      .map((m) => ({ label: m.label, description: m.value === app.tokenEndpointAuthMethod ? 'current' : undefined, detail: m.detail, value: m.value }));
    const method = answered(
      await services.prompter.get().pick<AppTokenEndpointAuthMethod>({
        title: `Token endpoint auth method of "${app.name}"`,
        placeholder: `Now: ${app.tokenEndpointAuthMethod ?? 'not set'}`,
        items,
        selected: (v) => v === app.tokenEndpointAuthMethod,
      })
    );
    if (method === app.tokenEndpointAuthMethod) {
      services.prompter.get().status(`"${app.name}" already uses ${method}`);
      return;
    }
    const updated = await services.prompter
      .get()
      .progress({ title: 'Changing the token endpoint auth method…', location: 'window' }, (_r, signal) =>
        setTokenEndpointAuthMethod(ctx.client, ctx.target.environmentId, app.id, method, { signal })
      );
    services.logger.info(`Set the token endpoint auth method of "${app.name}" (${app.id}) to ${method}.`);
    services.prompter.get().status(`"${app.name}" now uses ${method}`);
    await services.explorer.appChanged(appTargetOf(ctx), updated);
  },
};
