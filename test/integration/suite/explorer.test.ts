import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { environmentConsoleLink } from '../../../src/connections/consoleLinks';
import type { PingOneExplorer } from '../../../src/explorer/explorer';
import type { AppNode, ConnectionNode, EnvironmentNode, ExplorerNode } from '../../../src/explorer/nodes';
import { type EmulatorConnection, startEmulatorConnection } from '../helpers/emulatorConnection';
import { ScriptedPrompter } from '../helpers/scriptedPrompter';

function text(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'string' ? label : (label?.label ?? '');
}

describe('Explorer', function () {
  this.timeout(60_000);
  let env: EmulatorConnection;
  let explorer: PingOneExplorer;

  const item = (node: ExplorerNode) => explorer.tree.getTreeItem(node);
  const labelOf = (node: ExplorerNode) => text(item(node).label);
  const children = (node?: ExplorerNode) => explorer.tree.getChildren(node);
  const apiRequests = (filter: (path: string, method: string) => boolean = () => true) =>
    env.emulator.requestLog.filter((r) => !r.path.endsWith('/as/token') && filter(r.path, r.method));
  const tokenRequests = () => env.emulator.requestLog.filter((r) => r.path.endsWith('/as/token'));

  async function root(): Promise<ConnectionNode> {
    const roots = await children();
    const node = roots.find((n) => n.kind === 'connection' && n.connectionId === env.connection.id);
    assert.ok(node, 'the connection is a root of the tree');
    return node as ConnectionNode;
  }

  async function environment(name: string): Promise<EnvironmentNode> {
    const envs = await children(await root());
    const node = envs.find((n) => n.kind === 'environment' && n.environment.name === name);
    assert.ok(node, `environment ${name} is listed (got ${envs.map(labelOf).join(', ')})`);
    return node as EnvironmentNode;
  }

  async function app(envName: string, appName: string): Promise<AppNode> {
    const apps = await children(await environment(envName));
    const node = apps.find((n) => n.kind === 'app' && n.application.name === appName);
    assert.ok(node, `app ${appName} is listed`);
    return node as AppNode;
  }

  before(async () => {
    env = await startEmulatorConnection({ name: 'Explorer Emulator' });
    explorer = env.services.explorer as PingOneExplorer;
    assert.ok(explorer?.tree, 'the explorer is registered and exposes its tree');
    if (explorer.workersOnly) await explorer.setWorkersOnly(false);
  });

  after(async () => {
    await env?.cleanup();
  });

  afterEach(() => {
    env.emulator.faults.clear();
  });

  it('shows the connection without making any request until it is expanded', async () => {
    const node = await root();
    const ti = item(node);
    assert.equal(text(ti.label), 'Explorer Emulator');
    assert.equal(ti.contextValue, 'pingone.connection');
    assert.equal(ti.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.ok(ti.tooltip instanceof vscode.MarkdownString);
    assert.ok(!(ti.tooltip as vscode.MarkdownString).value.includes(env.emulator.clientSecret), 'no secret in the tooltip');
    assert.equal(env.emulator.requestLog.length, 0, 'nothing was requested');
  });

  it('lists the environments of the default seed with type, region and icons (one token + one list request)', async () => {
    const envs = await children(await root());
    const byName = new Map(envs.filter((n): n is EnvironmentNode => n.kind === 'environment').map((n) => [n.environment.name, n]));
    for (const name of ['Administrators', 'Sync Staging', 'Production']) assert.ok(byName.has(name), `${name} listed`);
    const staging = item(byName.get('Sync Staging')!);
    assert.equal(staging.description, 'Sandbox · NA');
    assert.equal(staging.contextValue, 'pingone.environment');
    assert.equal((staging.iconPath as vscode.ThemeIcon).id, 'beaker');
    const prod = item(byName.get('Production')!);
    assert.equal(prod.description, 'Production · NA');
    assert.equal((prod.iconPath as vscode.ThemeIcon).id, 'server-environment');
    assert.ok((staging.tooltip as vscode.MarkdownString).value.includes(byName.get('Sync Staging')!.environmentId));
    const lists = apiRequests((p) => p.endsWith('/environments'));
    console.log(`[explorer] expanding the connection: ${tokenRequests().length} token request(s), ${apiRequests().length} API request(s)`);
    assert.equal(lists.length, 1);
    assert.equal(tokenRequests().length, 1);
    assert.equal(lists[0].query.limit, '100', 'the page size setting is sent');
  });

  it('expanding the same environment twice while it loads makes one request; workers come first', async () => {
    const prod = await environment('Production');
    env.emulator.faults.setLatency(300);
    const before = apiRequests((p) => p.endsWith('/applications')).length;
    const [a, b] = await Promise.all([children(prod), children(prod)]);
    const after = apiRequests((p) => p.endsWith('/applications')).length;
    console.log(`[explorer] expanding an environment twice while loading: ${after - before} applications request(s)`);
    assert.equal(after - before, 1, 'one request for two expansions');
    assert.deepEqual(a.map(labelOf), b.map(labelOf));
    assert.deepEqual(a.map(labelOf), ['Production Sync Worker', 'Customer Portal']);
    assert.equal(item(a[0]).contextValue, 'pingone.app.worker.enabled');
    assert.equal(item(a[1]).contextValue, 'pingone.app.oidc.enabled');
    assert.equal((item(a[0]).iconPath as vscode.ThemeIcon).id, 'server-process');
    assert.equal((item(a[1]).iconPath as vscode.ThemeIcon).id, 'globe');
    // Expanding again once loaded costs nothing.
    await children(prod);
    assert.equal(apiRequests((p) => p.endsWith('/applications')).length, after);
  });

  it('pages a list larger than one page with Load more, locally (the applications request has no query)', async () => {
    const staging = await environment('Sync Staging');
    const listsBefore = apiRequests((p) => p.endsWith('/applications')).length;
    const first = await children(staging);
    const lists = apiRequests((p) => p.endsWith('/applications')).slice(listsBefore);
    assert.equal(lists.length, 1, 'one applications request');
    assert.deepEqual(lists[0].query, {}, 'no limit or cursor: PingOne declares none for this list');
    const apps = first.filter((n): n is AppNode => n.kind === 'app');
    assert.equal(apps.length, 100, 'first page of 100');
    const more = first[first.length - 1];
    assert.equal(more.kind, 'loadMore');
    assert.equal(labelOf(more), 'Load more…');
    assert.equal(item(more).description, '100 of 131 loaded');
    assert.equal(item(more).command?.command, 'pingone.explorer.loadMore');
    const firstNonWorker = apps.findIndex((n) => n.application.type !== 'WORKER');
    assert.ok(
      apps.slice(firstNonWorker).every((n) => n.application.type !== 'WORKER'),
      'workers first'
    );
    const legacy = apps.find((n) => n.application.name === 'Legacy Sync Worker');
    assert.ok(legacy);
    assert.equal(item(legacy).contextValue, 'pingone.app.worker.disabled');
    assert.match(String(item(legacy).description), /disabled/);

    const requestsBefore = apiRequests().length;
    await vscode.commands.executeCommand('pingone.explorer.loadMore', more);
    assert.equal(apiRequests().length, requestsBefore, 'Load more reveals what was fetched without a request');
    const all = await children(staging);
    assert.equal(all.filter((n) => n.kind === 'app').length, 131);
    assert.ok(!all.some((n) => n.kind === 'loadMore'), 'no Load more after the last page');
    const saml = all.find((n) => n.kind === 'app' && n.application.name === 'HR SAML Connector')!;
    assert.equal(item(saml).contextValue, 'pingone.app.other.enabled');
  });

  it('filters to worker apps without fetching again, and back', async () => {
    const staging = await environment('Sync Staging');
    await children(staging);
    const before = apiRequests().length;
    try {
      await vscode.commands.executeCommand('pingone.explorer.showWorkersOnly');
      assert.equal(explorer.workersOnly, true);
      assert.equal(vscode.workspace.getConfiguration('pingone.explorer').get('workersOnly'), true);
      const shown = (await children(staging)).filter((n): n is AppNode => n.kind === 'app');
      assert.ok(shown.length > 0);
      assert.ok(
        shown.every((n) => n.application.type === 'WORKER'),
        'only workers'
      );
      assert.ok(shown.some((n) => n.application.name === 'PingDataSync Worker'));
      assert.equal(shown.length, 34);
    } finally {
      await vscode.commands.executeCommand('pingone.explorer.showAllApps');
    }
    assert.equal(explorer.workersOnly, false);
    assert.equal((await children(staging)).filter((n) => n.kind === 'app').length, 131);
    assert.equal(apiRequests().length, before, 'filtering is local');
  });

  it("shows an app's details: IDs, enabled, grants, auth method, role assignments and sync readiness", async () => {
    const worker = await app('Sync Staging', 'PingDataSync Worker');
    const tip = item(worker).tooltip as vscode.MarkdownString;
    assert.ok(tip.value.includes(worker.applicationId) && tip.value.includes('Client Secret Post'), 'Markdown tooltip with the facts');
    const before = apiRequests().length;
    const rows = await children(worker);
    const requests = apiRequests().slice(before);
    console.log(
      `[explorer] expanding a worker app: ${requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, '{id}')}`).join(', ')}`
    );
    const byContext = new Map(rows.map((r) => [item(r).contextValue, item(r)]));
    assert.equal(byContext.get('pingone.detail.clientId')?.description, worker.applicationId);
    assert.equal(byContext.get('pingone.detail.environmentId')?.description, worker.environmentId);
    assert.equal(byContext.get('pingone.detail.enabled')?.description, 'Yes');
    assert.equal(byContext.get('pingone.detail.grantTypes')?.description, 'Client Credentials');
    assert.equal(byContext.get('pingone.detail.authMethod')?.description, 'Client Secret Post');
    const role = byContext.get('pingone.detail.roleAssignment');
    assert.equal(text(role?.label), 'Identity Data Admin');
    assert.equal(role?.description, 'Environment Sync Staging');
    assert.equal(byContext.get('pingone.detail.readiness.ready')?.description, 'Ready for PingDataSync');
    const roleRow = rows.find((r) => r.kind === 'detail' && r.detail === 'roleAssignment');
    assert.ok(roleRow && roleRow.kind === 'detail' && roleRow.roleAssignmentId, 'role rows carry their assignment id for Remove Role');
    assert.ok(requests.length <= 2, 'role assignments (+ the role catalogue once)');

    const legacyRows = await children(await app('Sync Staging', 'Legacy Sync Worker'));
    const readiness = legacyRows.map(item).find((i) => String(i.contextValue).startsWith('pingone.detail.readiness'));
    assert.equal(readiness?.contextValue, 'pingone.detail.readiness.notReady');
    assert.match((readiness?.tooltip as vscode.MarkdownString).value, /Enabled/);
    assert.equal(legacyRows.map(item).find((i) => i.contextValue === 'pingone.detail.roles')?.description, 'none');

    const portalBefore = apiRequests().length;
    const portalRows = await children(await app('Sync Staging', 'Customer Portal'));
    assert.equal(apiRequests().length, portalBefore, 'a non-worker app costs no request');
    assert.ok(portalRows.map(item).some((i) => i.contextValue === 'pingone.detail.readiness.notReady'));
  });

  it('shows an error row after repeated 503s and recovers with Retry', async () => {
    const admin = await environment('Administrators');
    env.emulator.faults.failNext({ method: 'GET', path: '/applications', status: 503, count: 20 });
    const failed = await children(admin);
    assert.equal(failed.length, 1);
    const error = failed[0];
    assert.equal(error.kind, 'error');
    const ti = item(error);
    assert.equal(ti.contextValue, 'pingone.error');
    assert.match(text(ti.label), /503/);
    assert.equal(ti.command?.command, 'pingone.explorer.retry');
    const attempts = apiRequests((p, m) => m === 'GET' && p.endsWith('/applications') && p.includes(admin.environmentId)).length;
    console.log(`[explorer] a 503 list: ${attempts} attempts before the error row`);
    assert.equal(attempts, 5, 'retried per pingone.api.maxRetries (4) before giving up');

    env.emulator.faults.clear();
    await vscode.commands.executeCommand('pingone.explorer.retry', error);
    const recovered = await children(admin);
    assert.ok(
      recovered.some((n) => n.kind === 'app' && n.application.name === 'Sync Toolkit Admin Worker'),
      'apps after retry'
    );
    assert.ok(!recovered.some((n) => n.kind === 'error'));
  });

  it('cancels a load when the node is collapsed or the view refreshed, and loads again on the next expand', async () => {
    const prod = await environment('Production');
    explorer.refresh({ kind: 'environment', connectionId: prod.connectionId, environmentId: prod.environmentId });
    env.emulator.faults.setLatency(1500);
    const started = Date.now();
    const pending = children(prod);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(prod.applications.state, 'loading');
    explorer.model.cancel(prod); // what onDidCollapseElement does
    assert.deepEqual(await pending, []);
    assert.ok(Date.now() - started < 1200, 'the awaited load ended at once');
    assert.equal(prod.applications.state, 'idle');

    const pending2 = children(prod);
    await new Promise((r) => setTimeout(r, 100));
    explorer.refresh(); // the view's Refresh
    assert.deepEqual(await pending2, []);

    env.emulator.faults.setLatency(0);
    const fresh = await environment('Production');
    const apps = await children(fresh);
    assert.deepEqual(apps.map(labelOf), ['Production Sync Worker', 'Customer Portal']);
  });

  it('runs at most four loads at once', async () => {
    const staging = await environment('Sync Staging');
    const workers = (await children(staging)).filter((n): n is AppNode => n.kind === 'app' && n.application.type === 'WORKER').slice(0, 10);
    for (const w of workers) w.facts.reset();
    env.emulator.faults.setLatency(150);
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, explorer.model.limiter.running)), 10);
    try {
      await Promise.all(workers.map((w) => children(w)));
    } finally {
      clearInterval(timer);
    }
    assert.ok(peak >= 2 && peak <= 4, `peak concurrency ${peak}`);
  });

  it('reveals an app for commands that created or changed it', async () => {
    await vscode.commands.executeCommand('pingone.explorer.focus');
    const target = await app('Production', 'Customer Portal');
    await explorer.reveal({
      kind: 'app',
      connectionId: target.connectionId,
      environmentId: target.environmentId,
      applicationId: target.applicationId,
    });
    assert.equal(explorer.view.selection[0]?.id, target.id);
  });

  it('refreshes one app after a change without reloading its list', async () => {
    const worker = await app('Production', 'Production Sync Worker');
    const stored = env.emulator.state.applications.get(worker.applicationId)!;
    stored.body.enabled = false;
    const listRequests = apiRequests((p) => p.endsWith('/applications')).length;
    await explorer.model.refreshApp(worker);
    assert.equal(item(worker).contextValue, 'pingone.app.worker.disabled');
    assert.equal(apiRequests((p) => p.endsWith('/applications')).length, listRequests);
    stored.body.enabled = true;
  });

  it('copies an environment ID and says there is no console for the emulator', async () => {
    const prod = await environment('Production');
    const prompter = new ScriptedPrompter();
    const restore = env.services.prompter.use(prompter);
    try {
      assert.equal(await vscode.commands.executeCommand('pingone.environment.copyId', prod), prod.environmentId);
      assert.ok(
        prompter.messages('status').includes('Environment ID of Production copied to the clipboard'),
        'the environment is named, not its ID'
      );
      assert.equal(await vscode.commands.executeCommand('pingone.environment.openInConsole', prod), undefined);
      assert.match(prompter.messages('info')[0] ?? '', /no admin console/);
    } finally {
      restore();
    }
  });

  it('opens an environment of a regional connection in that region’s console (no request made)', async () => {
    const id = 'console-eu-test';
    const envId = 'abcdef01-2345-4678-9abc-def012345678';
    await env.services.connections.save(
      { id, name: 'EU Org', region: 'EU', environmentId: envId, clientId: envId, tokenEndpointAuthMethod: 'CLIENT_SECRET_POST' },
      'unused'
    );
    try {
      const url = await vscode.commands.executeCommand('pingone.environment.openInConsole', {
        kind: 'environment',
        connectionId: id,
        environmentId: envId,
      });
      assert.equal(url, `https://console.pingone.eu/?env=${envId}`);
    } finally {
      await env.services.connections.remove(id);
    }
  });

  it('builds console links per region', () => {
    const base = {
      id: 'x',
      name: 'X',
      environmentId: '3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8',
      clientId: '3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8',
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST' as const,
    };
    const envId = 'abcdef01-2345-4678-9abc-def012345678';
    assert.deepEqual(environmentConsoleLink(base, envId), { url: `https://console.pingone.com/?env=${envId}` });
    assert.deepEqual(environmentConsoleLink({ ...base, region: 'AU' }, envId), { url: `https://console.pingone.com.au/?env=${envId}` });
    assert.deepEqual(environmentConsoleLink({ ...base, apiBaseUrl: 'https://api.pingone.eu/v1' }, envId), {
      url: `https://console.pingone.eu/?env=${envId}`,
    });
    assert.ok('noConsole' in environmentConsoleLink({ ...base, apiBaseUrl: 'http://localhost:9999/v1' }, envId));
  });

  // Near the end: it lists an environment's apps, which the request counts above must not see.
  it('shows a name with a bidi override or a zero-width character as <U+…> in its label and tooltip', async () => {
    const env = await environment('Sync Staging');
    const apps = (await children(env)).filter((n): n is AppNode => n.kind === 'app');
    const hostile = 'Prod\u202eWorker\u200b [x](https://evil.example)';
    // The same nodes (their class kept) with the name replaced.
    const renamed = <T extends object>(node: T, patch: Partial<T>): T =>
      Object.assign(Object.create(Object.getPrototypeOf(node)), node, patch);
    const appNode = renamed(apps[0], { application: { ...apps[0].application, name: hostile } });
    const envNode = renamed(env, { environment: { ...env.environment, name: hostile } });
    for (const node of [appNode, envNode]) {
      const shown = item(node);
      assert.equal(text(shown.label), 'Prod<U+202E>Worker<U+200B> [x](https://evil.example)');
      const tip = (shown.tooltip as vscode.MarkdownString).value;
      assert.doesNotMatch(tip, /[\u202e\u200b]|\]\(/, tip);
    }
  });

  it('drops the node of a removed connection', async () => {
    const node = await root();
    await env.services.connections.remove(env.connection.id);
    const roots = await children();
    assert.ok(!roots.some((n) => n.kind === 'connection' && n.connectionId === node.connectionId));
  });
});
