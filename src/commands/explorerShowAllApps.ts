import { hasViewActions } from '../explorer/controller';
import type { CommandDefinition } from './registry';

export const explorerShowAllApps: CommandDefinition = {
  id: 'pingone.explorer.showAllApps',
  async run(services) {
    if (hasViewActions(services.explorer)) await services.explorer.setWorkersOnly(false);
  },
};
