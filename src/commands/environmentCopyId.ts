import { copyToClipboard } from '../flows/copy';
import { pickEnvironment } from '../flows/pickers';
import type { CommandDefinition } from './registry';

export const environmentCopyId: CommandDefinition = {
  id: 'pingone.environment.copyId',
  async run(services, arg) {
    const target = await pickEnvironment(services, arg, 'Copy Environment ID');
    await copyToClipboard(services, target.environmentId, `Environment ID of ${target.environment?.name ?? target.environmentId}`);
    return target.environmentId;
  },
};
