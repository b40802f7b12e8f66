import { UserCancelled } from '../ui/prompter';
import { pickConnection } from '../flows/pickers';
import type { CommandDefinition } from './registry';

/** Removes the connection and deletes its client secret from SecretStorage, after a confirmation. */
export const connectionRemove: CommandDefinition = {
  id: 'pingone.connection.remove',
  async run(services, arg) {
    const existing = await pickConnection(services, arg, 'Remove PingOne Connection');
    const id = existing.id;
    const answer = await services.prompter
      .get()
      .warn(
        `Remove the PingOne connection "${existing.name}"?`,
        { modal: true, detail: 'Its client secret is deleted from VS Code secret storage. Nothing changes in PingOne.' },
        'Remove'
      );
    if (answer !== 'Remove') throw new UserCancelled();
    await services.connections.remove(id);
    services.prompter.get().status(`Connection "${existing.name}" removed`);
    return undefined;
  },
};
