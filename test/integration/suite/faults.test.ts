// Faults in the real VS Code host: each fault scenario driven through the
// extension's own commands and tree against the emulator. The Node-level
// versions are in test/unit/faults/faults.test.ts; the 503 error row + Retry
// is in explorer.test.ts and a role failure mid-create + Resume in workerApp.test.ts.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PingOneExplorer } from '../../../src/explorer/explorer';
import type { AppNode, ConnectionNode, EnvironmentNode, ExplorerNode } from '../../../src/explorer/nodes';
import type { EnvironmentTarget } from '../../../src/explorer/targets';
import type { CreateOutcome } from '../../../src/flows/createWorkerApp';
import type { PendingCreate } from '../../../src/flows/pendingCreates';
import { appsNamed as appsNamedIn } from '../../shared/emulatorQueries';
import { type EmulatorConnection, startEmulatorConnection } from '../helpers/emulatorConnection';
import { type Answer, ScriptedPrompter } from '../helpers/scriptedPrompter';

const IDA = 'Identity Data Admin';
const PAGE_SIZE = 20;
const PENDING_KEY = 'pingone.workerApp.pendingCreates.v1';

describe('Faults in the host (against the emulator)', function () {
  this.timeout(90_000);
  let env: EmulatorConnection;
  let explorer: PingOneExplorer;
  let staging: string;
  let previousPageSize: number | undefined;

  const item = (node: ExplorerNode) => explorer.tree.getTreeItem(node);
  const children = (node?: ExplorerNode) => explorer.tree.getChildren(node);
  const tokenRequests = () => env.emulator.requestLog.filter((r) => r.path.endsWith('/as/token'));
  const appPageRequests = () =>
    env.emulator.requestLog.filter((r) => r.method === 'GET' && r.path.endsWith(`/environments/${staging}/applications`));

  async function environment(name: string): Promise<EnvironmentNode> {
    const roots = await children();
    const root = roots.find((n): n is ConnectionNode => n.kind === 'connection' && n.connectionId === env.connection.id);
    assert.ok(root, 'the connection is a root of the tree');
    const envs = await children(root);
    const node = envs.find((n): n is EnvironmentNode => n.kind === 'environment' && n.environment.name === name);
    assert.ok(node, `environment ${name} is listed`);
    return node;
  }

  /** Presses Load more until the list ends; returns every row shown at the end. `beforeEach` runs before each press. */
  async function pageToEnd(node: EnvironmentNode, beforeEach?: (press: number) => void): Promise<ExplorerNode[]> {
    let rows = await children(node);
    for (let press = 0; press < 50; press++) {
      assert.ok(
        !rows.some((n) => n.kind === 'error'),
        `no error row (got ${rows
          .filter((n) => n.kind === 'error')
          .map((n) => String(item(n).label))
          .join('; ')})`
      );
      const more = rows.find((n) => n.kind === 'loadMore');
      if (!more) return rows;
      beforeEach?.(press);
      await vscode.commands.executeCommand('pingone.explorer.loadMore', more);
      rows = await children(node);
    }
    assert.fail('the list never ended');
  }

  function seededStagingAppIds(): string[] {
    return [...env.emulator.state.applications.values()].filter((a) => a.environmentId === staging && !a.hidden).map((a) => a.id);
  }

  const appsNamed = (name: string) => appsNamedIn(env.emulator, staging, name);
  const assignmentsOf = (appId: string) => [...env.emulator.state.roleAssignments.values()].filter((a) => a.applicationId === appId);
  const envTarget = (): EnvironmentTarget => ({ kind: 'environment', connectionId: env.connection.id, environmentId: staging });
  const pending = () => env.services.context.workspaceState.get<PendingCreate[]>(PENDING_KEY, []);

  const pickLabel = (label: string): Answer => ({ pick: (items) => items.find((i) => i.label === label)?.value });
  const keepPreselected: Answer = { pickMany: (items, o) => items.filter((i) => o.selected?.(i.value)).map((i) => i.value) };
  const createAnswers = (name: string): Answer[] => [{ input: name }, { input: '' }, pickLabel('No icon'), keepPreselected];

  async function run<T>(p: ScriptedPrompter, command: string, ...args: unknown[]): Promise<T> {
    const restore = env.services.prompter.use(p);
    try {
      return (await vscode.commands.executeCommand(command, ...args)) as T;
    } finally {
      restore();
    }
  }

  function assertFinished(name: string, outcome: CreateOutcome | undefined): void {
    const apps = appsNamed(name);
    assert.equal(apps.length, 1, `exactly one app "${name}"`);
    assert.equal(outcome?.clientId, apps[0].id, 'Resume finished the same app');
    const roleId = env.emulator.findRoleByName(IDA)!.id;
    assert.deepEqual(
      assignmentsOf(apps[0].id).map((a) => ({ role: a.roleId, scope: a.scope })),
      [{ role: roleId, scope: { type: 'ENVIRONMENT', id: staging } }],
      `${IDA} assigned once`
    );
    assert.ok(!pending().some((p) => p.input.name === name), 'nothing left to resume');
  }

  before(async () => {
    // Retry-After is honoured up to 1.5 s here (the helper's default caps it at 100 ms).
    env = await startEmulatorConnection({
      name: 'Faults Emulator',
      pageSize: PAGE_SIZE,
      rateLimit: false,
      retry: { maxRetryAfterMs: 1_500 },
    });
    explorer = env.services.explorer as PingOneExplorer;
    assert.ok(explorer?.tree, 'the explorer is registered');
    if (explorer.workersOnly) await explorer.setWorkersOnly(false);
    const config = vscode.workspace.getConfiguration('pingone.explorer');
    previousPageSize = config.inspect<number>('pageSize')?.globalValue;
    await config.update('pageSize', PAGE_SIZE, vscode.ConfigurationTarget.Global);
    explorer.refresh();
    const node = [...env.emulator.state.environments.values()].find((e) => e.name === 'Sync Staging');
    assert.ok(node);
    staging = node.id;
  });

  afterEach(() => env.emulator.faults.clear());

  after(async () => {
    await vscode.workspace.getConfiguration('pingone.explorer').update('pageSize', previousPageSize, vscode.ConfigurationTarget.Global);
    await env?.cleanup();
  });

  it('a 429 with Retry-After on the applications list: waits, then lists every app exactly once (no error row)', async () => {
    // The connection's refresh drops the loaded apps, so expanding asks for them again.
    await explorer.refresh({ kind: 'connection', connectionId: env.connection.id });
    const node = await environment('Sync Staging');
    const logBefore = appPageRequests().length;
    env.emulator.faults.failNext({ method: 'GET', path: /applications$/, status: 429, count: 1, retryAfterSeconds: 1 });
    const startedAt = Date.now();
    const rows = await pageToEnd(node);
    const requests = appPageRequests().slice(logBefore);
    assert.deepEqual(
      requests.map((r) => r.status),
      [429, 200],
      'one 429, then the same list asked again and answered'
    );
    assert.deepEqual(requests[1].query, {}, 'no paging parameters on the applications list');
    const waitedMs = Date.parse(requests[1].time) - startedAt;
    assert.ok(waitedMs >= 900, `waited for Retry-After (${waitedMs} ms)`);
    const ids = rows.filter((n): n is AppNode => n.kind === 'app').map((n) => n.application.id);
    const expected = seededStagingAppIds();
    console.log(`[faults] 429 on the applications list: ${requests.length} requests, waited ${waitedMs} ms, ${ids.length} apps`);
    assert.equal(ids.length, expected.length, 'every app listed');
    assert.equal(new Set(ids).size, ids.length, 'no app listed twice');
    assert.deepEqual([...ids].sort(), [...expected].sort());
    assert.ok(!rows.some((n) => n.kind === 'error' || n.kind === 'loadMore'));
  });

  it('a token that expires between expanding two environments: the second lists with exactly one new token', async () => {
    await explorer.refresh({ kind: 'connection', connectionId: env.connection.id });
    const first = await children(await environment('Sync Staging'));
    assert.equal(first.filter((n) => n.kind === 'app').length, PAGE_SIZE, 'the first environment listed');
    const tokensBefore = tokenRequests().length;
    const logBefore = env.emulator.requestLog.length;
    env.emulator.faults.expireAllTokens();
    const production = await environment('Production');
    const rows = await children(production);
    assert.ok(
      !rows.some((n) => n.kind === 'error'),
      `no error row (got ${rows
        .filter((n) => n.kind === 'error')
        .map((n) => String(item(n).label))
        .join('; ')})`
    );
    const expected = [...env.emulator.state.applications.values()]
      .filter((a) => a.environmentId === production.environmentId && !a.hidden)
      .map((a) => a.id);
    assert.deepEqual(
      rows
        .filter((n): n is AppNode => n.kind === 'app')
        .map((n) => n.application.id)
        .sort(),
      expected.sort(),
      'the second environment listed'
    );
    const rejected = env.emulator.requestLog.slice(logBefore).filter((r) => r.status === 401);
    assert.ok(rejected.length >= 1, 'the expired token was refused');
    const tokens = tokenRequests().slice(tokensBefore);
    console.log(`[faults] token expired between environments: ${tokens.length} new token request(s), ${rejected.length} 401(s)`);
    assert.equal(tokens.length, 1, 'exactly one new token');
    assert.ok(tokens.every((t) => t.status === 200));
  });

  it('the user cancels mid-create: says what exists now, and Resume finishes it on the same app', async () => {
    const name = 'Host Cancelled Worker';
    const p = new ScriptedPrompter([...createAnswers(name), { message: 'Resume' }]);
    let cancelled = false;
    // The user presses Cancel when the progress reaches the role assignment (once: Resume goes through).
    p.cancelProgressWhen = (message) => {
      if (cancelled || !/Assigning /.test(message)) return false;
      cancelled = true;
      return true;
    };
    const outcome = await run<CreateOutcome | undefined>(p, 'pingone.workerApp.create', envTarget());
    assert.ok(cancelled, `the role step was reached (progress: ${p.messages('progress').join(' | ')})`);
    assert.deepEqual(p.messages('error'), [], 'a cancel is not an error');
    const shown = p.asked.find((a) => a.kind === 'warn' && /cancelled/.test(a.title));
    assert.ok(shown, `a cancel message (shown: ${p.asked.map((a) => `${a.kind}: ${a.title}`).join(' | ')})`);
    console.log(`[faults] cancel mid-create: "${shown.title}"`);
    assert.match(shown.title, /Creating "Host Cancelled Worker" was cancelled\./);
    assert.match(
      shown.title,
      /The worker app "Host Cancelled Worker" exists in PingOne \(client ID [0-9a-f-]+\) with no roles yet; not yet assigned: Identity Data Admin/
    );
    assert.deepEqual(shown.actions, ['Resume']);
    assert.ok(
      p.messages('progress').some((m) => /^Resuming: creating worker app "Host Cancelled Worker"/.test(m)),
      'Resume ran'
    );
    assertFinished(name, outcome);
  });

  it('the network goes away during Create Worker App after the app exists: says what exists, offers Resume, Resume finishes', async () => {
    const name = 'Host Network Loss Worker';
    // Every role assignment call is cut off: the app is made, then the network is gone.
    env.emulator.faults.resetNext({ method: 'POST', path: /roleAssignments$/, count: 10 });
    const p = new ScriptedPrompter(createAnswers(name)); // the error notification is dismissed
    const failed = await run<CreateOutcome | undefined>(p, 'pingone.workerApp.create', envTarget());
    assert.equal(failed, undefined);
    const resets = env.emulator.requestLog.filter((r) => r.fault === 'reset');
    assert.ok(resets.length >= 1, 'the role assignment call met a reset');
    assert.equal(appsNamed(name).length, 1, 'the app exists');
    const errors = p.asked.filter((a) => a.kind === 'error');
    assert.equal(errors.length, 1, errors.map((e) => e.title).join('\n'));
    console.log(`[faults] network loss mid-create (${resets.length} reset(s)): "${errors[0].title}"`);
    assert.match(
      errors[0].title,
      /The worker app "Host Network Loss Worker" exists in PingOne \(client ID [0-9a-f-]+\) with no roles yet; not yet assigned: Identity Data Admin/
    );
    assert.match(errors[0].title, /Resume finishes the remaining steps on this same app/);
    assert.deepEqual(errors[0].actions, ['Resume']);
    const saved = pending().find((x) => x.input.name === name);
    assert.ok(saved, 'the interrupted create is kept for Resume');

    env.emulator.faults.clear(); // the network is back
    const resume = new ScriptedPrompter();
    const outcome = await run<CreateOutcome | undefined>(resume, 'pingone.workerApp.resumeCreate', saved.id);
    assert.deepEqual(resume.messages('error'), []);
    assertFinished(name, outcome);
  });

  it('an empty 201 answer to the create: the app is looked up, not created again; the command finishes on it', async () => {
    const name = 'Host Odd Answer Worker';
    const posts = () =>
      env.emulator.requestLog.filter((r) => r.method === 'POST' && r.path.endsWith(`/environments/${staging}/applications`)).length;
    const before = posts();
    env.emulator.faults.oddAnswerNext({ method: 'POST', path: /applications$/, answer: 'empty', status: 201 });
    const p = new ScriptedPrompter(createAnswers(name));
    const outcome = await run<CreateOutcome | undefined>(p, 'pingone.workerApp.create', envTarget());
    assert.deepEqual(p.messages('error'), [], 'no error shown');
    assert.ok(
      env.emulator.requestLog.some((r) => r.fault === 'oddAnswer'),
      'the odd answer was sent'
    );
    assert.equal(posts() - before, 1, 'one create sent');
    assertFinished(name, outcome);
  });
});
