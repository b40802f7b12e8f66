import { UserCancelled } from '../ui/prompter';
import { pickConnectionId } from '../flows/pickers';
import type { CommandDefinition } from './registry';

/** Removes the connection and deletes its client secret from SecretStorage, after a confirmation. */
export const connectionRemove: CommandDefinition = {
  id: 'pingone.connection.remove',
  async run(services, arg) {
    const id = await pickConnectionId(services, arg, 'Remove PingOne Connection');
    const existing = services.connections.get(id);
    if (!existing) throw new Error('That connection no longer exists.');
    const answer = await services.prompter.get().warn(
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
