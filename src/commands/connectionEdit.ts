import { runConnectionFlow } from '../flows/connectionFlow';
import { pickConnection } from '../flows/pickers';
import type { CommandDefinition } from './registry';

/** The add flow, prefilled; the secret may be left empty to keep the saved one. */
export const connectionEdit: CommandDefinition = {
  id: 'pingone.connection.edit',
  async run(services, arg) {
    const existing = await pickConnection(services, arg, 'Edit PingOne Connection');
    const id = existing.id;
    const connection = await runConnectionFlow({ ...services, prompter: services.prompter.get() }, existing);
    void services.explorer.refresh({ kind: 'connection', connectionId: id });
    services.prompter.get().status(`Connection "${connection.name}" saved`);
    return connection.id;
  },
};
