import type { CommandDefinition } from './registry';

export const explorerShowWorkersOnly: CommandDefinition = {
  id: 'pingone.explorer.showWorkersOnly',
  async run(services) {
    await services.explorer.setWorkersOnly(true);
  },
};
