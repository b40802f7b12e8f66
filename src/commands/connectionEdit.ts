import { runConnectionFlow } from '../flows/connectionFlow';
import { pickConnectionId } from '../flows/pickers';
import type { CommandDefinition } from './registry';

/** The add flow, prefilled; the secret may be left empty to keep the saved one. */
export const connectionEdit: CommandDefinition = {
  id: 'pingone.connection.edit',
  async run(services, arg) {
    const id = await pickConnectionId(services, arg, 'Edit PingOne Connection');
    const existing = services.connections.get(id);
    if (!existing) throw new Error('That connection no longer exists.');
    const connection = await runConnectionFlow({ ...services, prompter: services.prompter.get() }, existing);
    void services.explorer.refresh({ kind: 'connection', connectionId: id });
    services.prompter.get().status(`Connection "${connection.name}" saved`);
    return connection.id;
  },
};
