import type { CommandDefinition } from './registry';
import { pickApp } from '../flows/pickers';
import { readApplicationSecret } from '../pingone/secrets';
import { copyToClipboard } from '../flows/copy';
import { checkCopySecret } from '../pingone/workerApps';

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
    const prompter = services.prompter.get();
    // Says why PingOne would refuse (the app holds roles the connection's worker lacks) instead of a bare 403.
    const secret = await prompter.progress(
      { title: 'Reading the client secret…', location: 'window' },
      async (_r, signal) =>
        (await checkCopySecret(client, target.environmentId, target.applicationId, { signal })) ??
        readApplicationSecret(client, target.environmentId, target.applicationId, { signal, appName: name })
    );
    if (typeof secret === 'string') {
      await prompter.error(secret);
      return;
    }
    await copyToClipboard(services, secret.secret, name ? `Client secret of "${name}"` : 'Client secret');
  },
};
