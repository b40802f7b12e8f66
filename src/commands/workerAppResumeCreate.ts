import type { CommandDefinition } from './registry';
import { choosePending, runCreate } from '../workerApps/createFlow';

/** Finishes an interrupted Create Worker App on the app already made (never a second app). Arg: the pending create's id. */
export const resumeCreateCommand: CommandDefinition = {
  id: 'pingone.workerApp.resumeCreate',
  async run(services, id) {
    const pending = await choosePending(services, id);
    return runCreate(services, pending);
  },
};
