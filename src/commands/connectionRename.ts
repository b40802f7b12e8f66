import { validateConnectionName } from '../flows/connectionFlow';
import { pickConnection } from '../flows/pickers';
import { answered } from '../ui/prompter';
import type { CommandDefinition } from './registry';

export const connectionRename: CommandDefinition = {
  id: 'pingone.connection.rename',
  async run(services, arg) {
    const existing = await pickConnection(services, arg, 'Rename PingOne Connection');
    const others = services.connections.list().filter((c) => c.id !== existing.id);
    const name = answered(
      await services.prompter.get().input({
        title: `Rename Connection "${existing.name}"`,
        prompt: 'New name',
        value: existing.name,
        validate: (v) => validateConnectionName(v, others),
      })
    );
    await services.connections.rename(existing.id, name.trim());
    services.prompter.get().status(`Connection renamed to "${name.trim()}"`);
    return undefined;
  },
};
