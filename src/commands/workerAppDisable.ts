import type { CommandDefinition } from './registry';
import { setEnabledFromCommand } from '../flows/setEnabled';

export const disableCommand: CommandDefinition = {
  id: 'pingone.workerApp.disable',
  run: (services, arg) => setEnabledFromCommand(services, arg, false),
};
