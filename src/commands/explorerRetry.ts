import type { CommandDefinition } from './registry';

/** An error row's click and inline action: repeat the load that failed. */
export const explorerRetry: CommandDefinition = {
  id: 'pingone.explorer.retry',
  run(services, node) {
    services.explorer.retry(node);
  },
};
