import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type EmulatorConnection, startEmulatorConnection } from '../helpers/emulatorConnection';
import { ScriptedPrompter } from '../helpers/scriptedPrompter';
import { treeOf } from '../helpers/tree';

/** The command registry's one error policy, as the user meets it. */
describe('Command errors', function () {
  this.timeout(60_000);
  let env: EmulatorConnection;

  async function run(p: ScriptedPrompter, command: string, ...args: unknown[]): Promise<unknown> {
    const restore = env.services.prompter.use(p);
    try {
      return await vscode.commands.executeCommand(command, ...args);
    } finally {
      restore();
    }
  }

  before(async () => {
    env = await startEmulatorConnection({ name: 'Command Errors Emulator', rateLimit: false });
  });

  after(async () => {
    await env?.cleanup();
  });

  it('a failure is shown once, with its cause and a Show Log action', async () => {
    const p = new ScriptedPrompter();
    await run(p, 'pingone.workerApp.openInConsole', { kind: 'app', connectionId: 'gone', environmentId: 'e', applicationId: 'a' });
    const errors = p.asked.filter((a) => a.kind === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].title, /no longer exists/);
    assert.deepEqual(errors[0].actions, ['Show Log']);
  });

  it('a Configure for Sync cancelled while it runs is silent', async () => {
    const tree = treeOf(env.services.explorer, env.connection.id);
    const p = new ScriptedPrompter([{ message: 'Apply' }]);
    p.cancelProgressWhen = () => true; // the user presses Cancel at the first progress step
    await run(p, 'pingone.workerApp.configureForSync', await tree.app('Sync Staging', 'Legacy Sync Worker'));
    assert.deepEqual(p.messages('error'), [], 'no "it was cancelled" error');
  });
});
