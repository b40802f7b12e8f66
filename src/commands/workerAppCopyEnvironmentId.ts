import type { CommandDefinition } from './registry';
import { pickApp } from '../flows/pickers';
import { copyToClipboard } from '../flows/copy';

/** The ID of the environment that holds the app (PingDataSync's `environment-id`). */
export const copyEnvironmentIdCommand: CommandDefinition = {
  id: 'pingone.workerApp.copyEnvironmentId',
  async run(services, arg) {
    const target = await pickApp(services, arg, 'Copy Environment ID');
    await copyToClipboard(services, target.environmentId, 'Environment ID');
  },
};
