import type { CommandDefinition } from './registry';

/** PingOne: Clear Environment Check Results. */
export const clearEnvironmentCheck: CommandDefinition = {
  id: 'pingone.usernames.clearEnvironmentCheck',
  run(services) {
    services.usernames.environment.clear();
  },
};
