import type { CommandDefinition } from './registry';
import { setEnabledFromCommand } from '../flows/setEnabled';

export const enableCommand: CommandDefinition = {
  id: 'pingone.workerApp.enable',
  run: (services, arg) => setEnabledFromCommand(services, arg, true),
};
