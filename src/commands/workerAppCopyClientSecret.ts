import type { CommandDefinition } from './registry';
import { pickApp } from '../flows/pickers';
import { readApplicationSecret } from '../pingone/secrets';
import { copyToClipboard } from '../flows/copy';

/**
 * Fetches the secret only now, when asked, and puts it on the clipboard. It
 * is never kept, shown or logged (the client registers it with its redactor).
 */
export const copyClientSecretCommand: CommandDefinition = {
  id: 'pingone.workerApp.copyClientSecret',
  async run(services, arg) {
    const target = await pickApp(services, arg, 'Copy Client Secret', (type) => type !== 'PORTAL_LINK_APP');
    const client = services.clients.forConnection(target.connectionId);
    const name = target.application?.name;
    const secret = await services.prompter.get().progress({ title: 'Reading the client secret…', location: 'window' }, (_r, signal) =>
      readApplicationSecret(client, target.environmentId, target.applicationId, { signal, appName: name })
    );
    await copyToClipboard(services, secret.secret, name ? `Client secret of "${name}"` : 'Client secret');
  },
};
