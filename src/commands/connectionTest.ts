import { fetchEnvironmentsPage } from '../pingone/environments';
import { isCancellation } from '../util/cancellation';
import { describeError } from '../util/errors';
import { pickConnection } from '../flows/pickers';
import type { CommandDefinition } from './registry';

/** Fetches a fresh token and reads one page of environments: proves both the credentials and the roles. */
export const connectionTest: CommandDefinition = {
  id: 'pingone.connection.test',
  async run(services, arg) {
    const connection = await pickConnection(services, arg, 'Test PingOne Connection');
    const id = connection.id;
    const prompter = services.prompter.get();
    const result = await prompter.progress({ title: `Testing "${connection.name}"…`, cancellable: true }, async (_r, signal) => {
      const client = services.clients.forConnection(id);
      client.resetToken(); // prove the saved secret still works, not a cached token
      try {
        await client.verify(signal);
        const page = await fetchEnvironmentsPage(client, { limit: 10, signal });
        return {
          ok: true as const,
          environments: page.count ?? page.items.length,
          more: page.nextUrl !== undefined && page.count === undefined,
        };
      } catch (e) {
        if (isCancellation(e)) throw e;
        return { ok: false as const, error: e };
      }
    });
    if (!result.ok) {
      const action = await prompter.error(
        `Connection "${connection.name}" does not work: ${describeError(result.error)}`,
        {},
        'Edit Connection'
      );
      if (action === 'Edit Connection') {
        const vscode = await import('vscode');
        await vscode.commands.executeCommand('pingone.connection.edit', { kind: 'connection', connectionId: id });
      }
      return false;
    }
    const n = `${result.environments}${result.more ? '+' : ''}`;
    await prompter.info(
      result.environments === 0
        ? `Connection "${connection.name}" works, but its worker sees no environments: give it a role on the environments you manage.`
        : `Connection "${connection.name}" works: a token was issued and ${n} environment${result.environments === 1 ? ' is' : 's are'} visible.`
    );
    return true;
  },
};
