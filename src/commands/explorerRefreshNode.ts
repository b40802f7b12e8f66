import type { CommandDefinition } from './registry';

/** Inline on connections, environments and apps: reload that node and what is under it. */
export const explorerRefreshNode: CommandDefinition = {
  id: 'pingone.explorer.refreshNode',
  run(services, node) {
    services.explorer.refreshNode(node);
  },
};
