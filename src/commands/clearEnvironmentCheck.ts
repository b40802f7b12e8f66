import { usernameFeatureOf } from '../diagnostics';
import type { CommandDefinition } from './registry';

/** PingOne: Clear Environment Check Results. */
export const clearEnvironmentCheck: CommandDefinition = {
  id: 'pingone.usernames.clearEnvironmentCheck',
  run(services) {
    usernameFeatureOf(services).environment.clear();
  },
};
