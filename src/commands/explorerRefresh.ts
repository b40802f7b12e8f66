import type { CommandDefinition } from './registry';

/** View title: reload everything (no request until nodes are expanded again). */
export const explorerRefresh: CommandDefinition = {
  id: 'pingone.explorer.refresh',
  run(services) {
    void services.explorer.refresh();
  },
};
