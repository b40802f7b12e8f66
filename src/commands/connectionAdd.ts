import { runConnectionFlow } from '../flows/connectionFlow';
import type { CommandDefinition } from './registry';

/** Palette, view title and welcome view: add a connection (verified before it is saved). */
export const connectionAdd: CommandDefinition = {
  id: 'pingone.connection.add',
  async run(services) {
    const connection = await runConnectionFlow({ ...services, prompter: services.prompter.get() });
    void services.explorer.refresh();
    services.prompter.get().status(`Connection "${connection.name}" added`);
    return connection.id;
  },
};
