import type { CommandDefinition } from './registry';
import { setTokenEndpointAuthMethod } from '../pingone/applications';
import { appTargetOf, resolveApp } from '../flows/appContext';
import { askAuthMethod } from '../flows/authMethod';

export const setAuthMethodCommand: CommandDefinition = {
  id: 'pingone.workerApp.setAuthMethod',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Set Token Endpoint Auth Method', { oidcOnly: true });
    const { app } = ctx;
    const method = await askAuthMethod(services.prompter.get(), app);
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
