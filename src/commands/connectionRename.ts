import { BACK, UserCancelled } from '../ui/prompter';
import { pickConnectionId } from '../flows/pickers';
import type { CommandDefinition } from './registry';

export const connectionRename: CommandDefinition = {
  id: 'pingone.connection.rename',
  async run(services, arg) {
    const id = await pickConnectionId(services, arg, 'Rename PingOne Connection');
    const existing = services.connections.get(id);
    if (!existing) throw new Error('That connection no longer exists.');
    const others = services.connections.list().filter((c) => c.id !== id);
    const name = await services.prompter.get().input({
      title: `Rename Connection "${existing.name}"`,
      prompt: 'New name',
      value: existing.name,
      validate: (v) => {
        const n = v.trim();
        if (!n) return 'Enter a name.';
        if (n.length > 100) return 'Use at most 100 characters.';
        if (others.some((c) => c.name.toLowerCase() === n.toLowerCase())) return `There is already a connection named "${n}".`;
        return undefined;
      },
    });
    if (name === undefined || name === BACK) throw new UserCancelled();
    await services.connections.rename(id, name.trim());
    services.prompter.get().status(`Connection renamed to "${name.trim()}"`);
    return undefined;
  },
};
