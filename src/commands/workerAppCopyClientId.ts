import type { CommandDefinition } from './registry';
import { pickApp } from '../flows/pickers';
import { copyToClipboard } from '../flows/copy';

/** The Client ID is the app's `id` (PingOne Platform API docs, Applications: the client ID is the application ID): no API call when run from the tree. */
export const copyClientIdCommand: CommandDefinition = {
  id: 'pingone.workerApp.copyClientId',
  async run(services, arg) {
    const target = await pickApp(services, arg, 'Copy Client ID');
    const name = target.application?.name;
    await copyToClipboard(services, target.applicationId, name ? `Client ID of "${name}"` : 'Client ID');
  },
};
