import type { CommandDefinition } from './registry';
import { choosePending, runCreate } from '../flows/createWorkerApp';

/**
 * Finishes an interrupted Create Worker App on the app already made (never a
 * second app). Args: the pending create's id; `{ createAnyway: true }` once the
 * user has confirmed an unconfirmed create did not happen.
 */
export const resumeCreateCommand: CommandDefinition = {
  id: 'pingone.workerApp.resumeCreate',
  async run(services, id, options) {
    const pending = await choosePending(services, id);
    const createAnyway = typeof options === 'object' && options !== null && (options as { createAnyway?: unknown }).createAnyway === true;
    return runCreate(services, pending, { createAnyway });
  },
};
