import { pickApp } from './pickers';
import { setApplicationEnabled } from '../pingone/applications';
import type { Services } from '../services';
import { appTargetOf } from './appContext';

/** Enable / Disable: read–change–replace of `enabled`, every other field kept. */
export async function setEnabledFromCommand(services: Services, arg: unknown, enabled: boolean): Promise<void> {
  const verb = enabled ? 'Enable' : 'Disable';
  const target = await pickApp(services, arg, `${verb} App`);
  const client = services.clients.forConnection(target.connectionId);
  const app = await services.prompter
    .get()
    .progress({ title: `${verb.replace(/e$/, '')}ing the app…`, location: 'window' }, (_r, signal) =>
      setApplicationEnabled(client, target.environmentId, target.applicationId, enabled, { signal })
    );
  services.logger.info(`${enabled ? 'Enabled' : 'Disabled'} app "${app.name}" (${app.id}).`);
  services.prompter.get().status(`"${app.name}" ${enabled ? 'enabled' : 'disabled'}`);
  await services.explorer.appChanged(appTargetOf({ target }), app);
}
