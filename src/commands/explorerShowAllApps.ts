import type { CommandDefinition } from './registry';

export const explorerShowAllApps: CommandDefinition = {
  id: 'pingone.explorer.showAllApps',
  async run(services) {
    await services.explorer.setWorkersOnly(false);
  },
};
