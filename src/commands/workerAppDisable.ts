import type { CommandDefinition } from './registry';
import { setEnabledFromCommand } from '../workerApps/setEnabled';

export const disableCommand: CommandDefinition = {
  id: 'pingone.workerApp.disable',
  run: (services, arg) => setEnabledFromCommand(services, arg, false),
};
