import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PingOneExplorer } from '../../../src/explorer/explorer';
import type { AppNode, ExplorerNode } from '../../../src/explorer/nodes';
import { type EmulatorConnection, startEmulatorConnection } from '../helpers/emulatorConnection';
import { type Answer, ScriptedPrompter } from '../helpers/scriptedPrompter';
import { treeOf } from '../helpers/tree';

const STAGING = 'Sync Staging';
const pickLabel = (label: string): Answer => ({ pick: (items) => items.find((i) => i.label === label)?.value });

/**
 * Every command that changes an app leaves the tree, its tooltips and its
 * context values showing the new state, with no manual refresh; what was
 * loaded stays loaded after a delete or an environment refresh.
 */
describe('Explorer after a change', function () {
  this.timeout(60_000);
  let env: EmulatorConnection;
  let explorer: PingOneExplorer;
  let tree: ReturnType<typeof treeOf>;

  const tooltip = (node: ExplorerNode) => {
    const t = tree.item(node).tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  };
  const appRequests = () => env.emulator.requestLog.filter((r) => r.method === 'GET' && r.path.endsWith('/applications'));

  async function run(command: string, arg: unknown, ...answers: Answer[]): Promise<ScriptedPrompter> {
    const p = new ScriptedPrompter(answers);
    const restore = env.services.prompter.use(p);
    try {
      await vscode.commands.executeCommand(command, arg);
    } finally {
      restore();
    }
    assert.deepEqual(p.messages('error'), [], `${command} succeeded`);
    return p;
  }

  before(async () => {
    env = await startEmulatorConnection({ name: 'Tree State Emulator', rateLimit: false });
    explorer = env.services.explorer;
    tree = treeOf(explorer, env.connection.id);
    if (explorer.workersOnly) await explorer.setWorkersOnly(false);
  });

  after(async () => {
    await env?.cleanup();
  });

  it('Configure for Sync: the row, tooltip, context value and details show the configured, enabled, ready app', async () => {
    const before = await tree.details(STAGING, 'Legacy Sync Worker');
    assert.ok(before.includes('Enabled: No') && before.some((d) => /^Sync readiness: Not ready/.test(d)), before.join(' | '));
    await run('pingone.workerApp.configureForSync', await tree.app(STAGING, 'Legacy Sync Worker'), { message: 'Apply' });
    const app = await tree.app(STAGING, 'Legacy Sync Worker');
    assert.equal(tree.item(app).contextValue, 'pingone.app.worker.enabled');
    assert.equal(tree.item(app).description, 'Worker');
    assert.match(tooltip(app), /Client Secret Post/);
    assert.doesNotMatch(tooltip(app), /disabled/);
    const after = await tree.details(STAGING, 'Legacy Sync Worker');
    for (const row of ['Enabled: Yes', 'Token endpoint auth method: Client Secret Post', 'Sync readiness: Ready for PingDataSync'])
      assert.ok(after.includes(row), `${row} in ${after.join(' | ')}`);
    assert.ok(
      after.some((d) => d.startsWith('Identity Data Admin: ')),
      'the new role assignment is listed'
    );
  });

  it('Disable and Enable: the context value offers the other action and the details follow', async () => {
    await run('pingone.workerApp.disable', await tree.app(STAGING, 'PingDataSync Worker'));
    let app = await tree.app(STAGING, 'PingDataSync Worker');
    assert.equal(tree.item(app).contextValue, 'pingone.app.worker.disabled', 'the menu offers Enable, not Disable');
    assert.match(String(tree.item(app).description), /disabled/);
    let rows = await tree.details(STAGING, 'PingDataSync Worker');
    assert.ok(rows.includes('Enabled: No') && rows.some((d) => /^Sync readiness: Not ready/.test(d)), rows.join(' | '));

    await run('pingone.workerApp.enable', app);
    app = await tree.app(STAGING, 'PingDataSync Worker');
    assert.equal(tree.item(app).contextValue, 'pingone.app.worker.enabled');
    rows = await tree.details(STAGING, 'PingDataSync Worker');
    assert.ok(rows.includes('Enabled: Yes') && rows.includes('Sync readiness: Ready for PingDataSync'), rows.join(' | '));
  });

  it('Set Token Endpoint Auth Method: the detail row and the tooltip show the new method', async () => {
    await run('pingone.workerApp.setAuthMethod', await tree.app(STAGING, 'Reporting Reader Worker'), {
      pick: (items) => items.find((i) => i.value === 'CLIENT_SECRET_BASIC')?.value,
    });
    const app = await tree.app(STAGING, 'Reporting Reader Worker');
    assert.match(tooltip(app), /Client Secret Basic/);
    assert.ok((await tree.details(STAGING, 'Reporting Reader Worker')).includes('Token endpoint auth method: Client Secret Basic'));
  });

  it('Assign Role and Remove Role: the role rows follow', async () => {
    await run(
      'pingone.workerApp.assignRole',
      await tree.app(STAGING, 'Reporting Reader Worker'),
      pickLabel('Identity Data Admin'),
      pickLabel('This environment')
    );
    let rows = await tree.details(STAGING, 'Reporting Reader Worker');
    assert.ok(
      rows.some((d) => d.startsWith('Identity Data Admin: Environment')),
      rows.join(' | ')
    );
    const row = (await tree.children(await tree.app(STAGING, 'Reporting Reader Worker'))).find(
      (n) => n.kind === 'detail' && n.label === 'Identity Data Admin'
    );
    await run('pingone.workerApp.removeRole', row, { message: 'Remove' });
    rows = await tree.details(STAGING, 'Reporting Reader Worker');
    assert.ok(!rows.some((d) => d.startsWith('Identity Data Admin')), rows.join(' | '));
  });

  it('keeps every loaded app after a delete and after an environment refresh', async () => {
    const staging = await tree.environment(STAGING);
    const first = await tree.children(staging);
    const more = first.find((n) => n.kind === 'loadMore');
    assert.ok(more, 'Sync Staging spans two pages');
    await vscode.commands.executeCommand('pingone.explorer.loadMore', more);
    const all = await tree.apps(STAGING);
    assert.equal(all.length, 131);

    const requests = appRequests().length;
    await run(
      'pingone.workerApp.delete',
      all.find((n) => n.application.name === 'Generated App 005'),
      { input: 'Generated App 005' }
    );
    const afterDelete = await tree.apps(STAGING);
    assert.equal(afterDelete.length, 130, 'the deleted app left; page 2 stayed');
    assert.ok(!(await tree.children(staging)).some((n) => n.kind === 'loadMore'));
    assert.equal(appRequests().length, requests, 'a delete lists nothing again');

    await vscode.commands.executeCommand('pingone.explorer.refreshNode', await tree.environment(STAGING));
    assert.equal((await tree.apps(STAGING)).length, 130, 'a refresh fetches again as many as were shown');
  });

  it('reveals a created app even when it lands beyond the first page', async () => {
    await vscode.commands.executeCommand('pingone.explorer.refreshNode', await tree.root());
    const first = await tree.apps(STAGING);
    assert.equal(first.length, 100, 'the reset connection shows the first page');
    await run(
      'pingone.workerApp.create',
      await tree.environment(STAGING),
      { input: 'Revealed Worker' },
      { input: '' },
      pickLabel('No icon'),
      { pickMany: (items, o) => items.filter((i) => o.selected?.(i.value)).map((i) => i.value) }
    );
    let shown: AppNode | undefined;
    for (let i = 0; i < 100 && !shown; i++) {
      shown = (await tree.apps(STAGING)).find((n) => n.application.name === 'Revealed Worker');
      if (!shown) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(shown, 'the new app is in the tree without Load more');
    assert.ok((await tree.apps(STAGING)).length > 100, 'the window widened to include it');
  });
});
