import { hasViewActions } from '../explorer/controller';
import type { CommandDefinition } from './registry';

export const explorerShowWorkersOnly: CommandDefinition = {
  id: 'pingone.explorer.showWorkersOnly',
  async run(services) {
    if (hasViewActions(services.explorer)) await services.explorer.setWorkersOnly(true);
  },
};
