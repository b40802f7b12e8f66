import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { RunningEmulator } from '../../../emulator';
import type { AppTarget, EnvironmentTarget } from '../../../src/explorer/targets';
import { type CreateOutcome, pendingCreates } from '../../../src/flows/createWorkerApp';
import type { Connection } from '../../../src/pingone/connection';
import type { ReadinessReport } from '../../../src/pingone/workerApps';
import type { Services } from '../../../src/services';
import type { ProgressOptions, ProgressReporter } from '../../../src/ui/prompter';
import { appsNamed } from '../../shared/emulatorQueries';
import { type EmulatorConnection, startEmulatorConnection } from '../helpers/emulatorConnection';
import { type Answer, ScriptedPrompter } from '../helpers/scriptedPrompter';
import { treeOf } from '../helpers/tree';
import type { PermissionLineNode, PermissionsNode } from '../../../src/explorer/permissionsNode';

const IDA = 'Identity Data Admin';
const CHECK_TITLE = "Checking what the connection's worker may";

/** Times the permission check (its progress task), to hold it to the 2 s the user waits at most. */
class TimedPrompter extends ScriptedPrompter {
  checkMs: number[] = [];
  override async progress<R>(o: ProgressOptions, task: (reporter: ProgressReporter, signal: AbortSignal) => Promise<R>): Promise<R> {
    const started = Date.now();
    try {
      return await super.progress(o, task);
    } finally {
      if (o.title.startsWith(CHECK_TITLE)) this.checkMs.push(Date.now() - started);
    }
  }
}

describe("Permissions of the connection's worker (against the emulator)", function () {
  this.timeout(60_000);
  let ec: EmulatorConnection;
  let emu: RunningEmulator;
  let services: Services;
  let staging: string;
  const saved: string[] = [];
  const clip = { value: '', writeText: async (v: string) => void (clip.value = v), readText: async () => clip.value };
  let restoreClipboard: (() => void) | undefined;
  const conn: Record<'admin' | 'envAdmin' | 'developer' | 'reader', string> = { admin: '', envAdmin: '', developer: '', reader: '' };
  const secrets: string[] = [];

  async function saveConnection(name: string, w: { clientId: string; clientSecret: string; environmentId?: string }): Promise<string> {
    const c: Connection = {
      id: `emulator-${randomUUID()}`,
      name,
      authBaseUrl: emu.authBaseUrl,
      apiBaseUrl: emu.apiBaseUrl,
      environmentId: w.environmentId ?? emu.environmentId,
      clientId: w.clientId,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    };
    await services.connections.save(c, w.clientSecret);
    saved.push(c.id);
    secrets.push(w.clientSecret);
    return c.id;
  }

  before(async () => {
    ec = await startEmulatorConnection({ name: 'Emulator (permissions tests)', rateLimit: false });
    ({ services, emulator: emu } = ec);
    staging = [...emu.state.environments.values()].find((e) => e.name === 'Sync Staging')!.id;
    conn.admin = ec.connection.id;
    const [envAdminOnly, developerOnly] = emu.extraAdminWorkers;
    conn.envAdmin = await saveConnection('Environment Admin only', envAdminOnly);
    conn.developer = await saveConnection('Client Application Developer only', developerOnly);
    // A worker whose own role assignments PingOne will not show it (Identity Data Read Only reads users, not roles).
    conn.reader = await saveConnection(
      'Identity Data Read Only',
      emu.addWorker(emu.environmentId, {
        name: 'Read Only Admin',
        roles: [{ roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT', scopeId: staging }],
      })
    );
    restoreClipboard = services.clipboard.use(clip);
  });

  after(async () => {
    restoreClipboard?.();
    const store = pendingCreates(services);
    for (const p of store.list()) if (saved.includes(p.connectionId)) await store.remove(p.id);
    for (const id of saved) if (services.connections.get(id)) await services.connections.remove(id);
    await ec.cleanup();
  });

  async function run<T = unknown>(
    answers: Answer[],
    command: string,
    ...args: unknown[]
  ): Promise<{ result: T; p: TimedPrompter; calls: string[]; ms: number }> {
    const p = new TimedPrompter(answers);
    const restore = services.prompter.use(p);
    const before = emu.requestLog.length;
    const started = Date.now();
    try {
      const result = (await vscode.commands.executeCommand(command, ...args)) as T;
      const ms = Date.now() - started;
      const calls = emu.requestLog.slice(before).map((e) => `${e.method} ${e.path}`);
      if (p.checkMs.length) console.log(`[permissions] ${command}: permission check ${p.checkMs.join(', ')} ms, whole command ${ms} ms`);
      return { result, p, calls, ms };
    } finally {
      restore();
    }
  }

  const envTarget = (connectionId: string): EnvironmentTarget => ({ kind: 'environment', connectionId, environmentId: staging });
  const appTarget = (connectionId: string, applicationId: string): AppTarget => ({
    kind: 'app',
    connectionId,
    environmentId: staging,
    applicationId,
  });
  const pickLabel = (label: string): Answer => ({ pick: (items) => items.find((i) => i.label === label)?.value });
  const onlyIda: Answer = { pickMany: (items) => items.filter((i) => i.label === IDA).map((i) => i.value) };
  const createAnswers = (name: string): Answer[] => [{ input: name }, { input: '' }, pickLabel('No icon'), onlyIda];
  /** The create workflow's writes and secret reads, in order, with IDs replaced. */
  const workflow = (calls: string[]) =>
    calls
      .filter((c) => c.startsWith('POST /v1/') || c.endsWith('/secret'))
      .map((c) => c.replace(/^(\w+) .*\/(applications|roleAssignments|secret)$/, '$1 $2'));
  const appNamed = (name: string) => {
    const apps = appsNamed(emu, staging, name);
    assert.equal(apps.length, 1, `exactly one app "${name}"`);
    return apps[0];
  };
  const secretOf = (appId: string) => emu.state.secrets.get(appId)!.current;

  it('the tree shows, under each connection and only when expanded, what its worker may do', async () => {
    const ownRoleReads = (clientId: string) =>
      emu.requestLog.filter((e) => e.method === 'GET' && e.path.endsWith(`/applications/${clientId}/roleAssignments`)).length;
    const linesOf = async (connectionId: string) => {
      const tree = treeOf(services.explorer, connectionId);
      const clientId = services.connections.get(connectionId)!.clientId;
      const before = ownRoleReads(clientId);
      const node = (await tree.children(await tree.root())).find((n): n is PermissionsNode => n.kind === 'permissions');
      assert.ok(node, 'a Worker permissions row under the connection');
      assert.equal(tree.labelOf(node), 'Worker permissions');
      assert.equal(ownRoleReads(clientId), before, 'nothing read until the row is expanded');
      const rows = await tree.children(node);
      for (const r of rows)
        for (const secret of [...secrets, emu.clientSecret]) assert.ok(!tree.labelOf(r).includes(secret), 'no secret in a label');
      console.log(`[permissions] tree under ${services.connections.get(connectionId)!.name}: ${rows.map(tree.labelOf).join(' | ')}`);
      return rows.map((r) => (r.kind === 'permissionLine' ? (r as PermissionLineNode).label : `${r.kind}: ${tree.labelOf(r)}`));
    };
    const admin = await linesOf(conn.admin);
    assert.ok(admin.includes('Identity Data Admin at environment "Sync Staging"'), admin.join('\n'));
    assert.ok(
      admin.some((l) => l.startsWith('Can assign: ') && l !== 'Can assign: no roles'),
      admin.join('\n')
    );
    const envAdmin = await linesOf(conn.envAdmin);
    assert.ok(envAdmin.includes('Environment Admin at organization scope'), envAdmin.join('\n'));
    assert.ok(
      envAdmin.some((l) => l.startsWith('Can assign: every role except Organization Admin')),
      envAdmin.join('\n')
    );
    const developer = await linesOf(conn.developer);
    assert.ok(developer.includes('Can assign: no roles'), developer.join('\n'));
    const reader = await linesOf(conn.reader);
    assert.deepEqual(reader, ["Permissions not checked: PingOne refused to show the worker's own role assignments"]);
  });

  it('default admin: creates with Identity Data Admin, roles then secret, and offers Copy Client Secret', async () => {
    const { p, calls } = await run<CreateOutcome>(
      [...createAnswers('Perm Default Worker'), { message: 'Copy Client Secret' }],
      'pingone.workerApp.create',
      envTarget(conn.admin)
    );
    assert.deepEqual([p.messages('error'), p.messages('warn')], [[], []]);
    assert.ok(p.checkMs.length === 1 && p.checkMs[0] < 2_000, `the check took ${p.checkMs.join()} ms`);
    assert.deepEqual(workflow(calls), ['POST applications', 'POST roleAssignments', 'GET secret']);
    const done = p.asked.find((a) => a.kind === 'info' && a.title.startsWith('Created worker app "Perm Default Worker"'));
    assert.ok(done?.actions?.includes('Copy Client Secret'), JSON.stringify(p.asked));
    assert.equal(clip.value, secretOf(appNamed('Perm Default Worker').id));
  });

  it('Environment Admin only: says the secret is read first, creates secret then role, and Copy works; afterwards the secret is hidden', async () => {
    const name = 'Perm EnvAdmin Worker';
    const { p, calls } = await run<CreateOutcome>(
      [...createAnswers(name), { message: 'Copy Client Secret' }],
      'pingone.workerApp.create',
      envTarget(conn.envAdmin)
    );
    assert.deepEqual(p.messages('error'), []);
    assert.ok(p.checkMs[0] < 2_000, `the check took ${p.checkMs.join()} ms`);
    assert.ok(
      p
        .messages('info')[0]
        .startsWith(
          "The connection's worker can assign Identity Data Admin, but will then no longer see the app's secret: the secret is read and handed to you before the role is assigned."
        ),
      p.messages('info')[0]
    );
    assert.deepEqual(workflow(calls), ['POST applications', 'GET secret', 'POST roleAssignments']);
    const app = appNamed(name);
    assert.equal(clip.value, secretOf(app.id), 'the secret read before the role hid it was copied');

    clip.value = '';
    const copy = await run([], 'pingone.workerApp.copyClientSecret', appTarget(conn.envAdmin, app.id));
    assert.match(
      copy.p.messages('error')[0] ?? '',
      /cannot read this app's secret: the app holds Identity Data Admin, which the connection's worker does not hold there/
    );
    assert.equal(clip.value, '', 'nothing copied');
    assert.ok(!copy.calls.some((c) => c.endsWith('/secret')), 'the secret was not even requested');

    const { result } = await run<ReadinessReport>(
      [{ pick: () => undefined }],
      'pingone.workerApp.checkReadiness',
      appTarget(conn.envAdmin, app.id)
    );
    const readable = result.checks.find((c) => c.id === 'secret-readable');
    assert.deepEqual([readable?.label, readable?.passed, readable?.fixId], ['Client secret can be read', false, 'use-another-connection']);
  });

  it('Client Application Developer only: reports in under 2 s that it cannot assign Identity Data Admin, with the fix, and sends no POST', async () => {
    const name = 'Perm Developer Worker';
    const { p, calls, ms } = await run<CreateOutcome>(createAnswers(name), 'pingone.workerApp.create', envTarget(conn.developer));
    const error = p.asked.find((a) => a.kind === 'error');
    assert.ok(
      error?.title.startsWith(
        "The connection's worker can create the app but cannot assign Identity Data Admin: ask someone with Environment Admin or Identity Data Admin to assign Identity Data Admin to the new app"
      ),
      error?.title
    );
    assert.deepEqual(error?.actions, ['Create Without Roles']);
    assert.deepEqual(
      calls.filter((c) => !c.startsWith('GET ') && !c.endsWith('/as/token')),
      [],
      'nothing written'
    );
    assert.equal(appsNamed(emu, staging, name).length, 0);
    assert.ok(ms < 2_000, `reported after ${ms} ms`);
  });

  it('a worker that cannot read its own role assignments: says the check could not be made and goes ahead', async () => {
    const { p } = await run<CreateOutcome>(createAnswers('Perm Reader Worker'), 'pingone.workerApp.create', envTarget(conn.reader));
    assert.ok(
      p
        .messages('warn')[0]
        ?.startsWith(
          "Could not check what the connection's worker may do (PingOne refused to show the worker's own role assignments); going ahead"
        ),
      p.messages('warn').join('\n')
    );
    assert.ok(p.checkMs[0] < 2_000, `the check took ${p.checkMs.join()} ms`);
  });

  it('Assign Role as the developer: cannot assign Identity Data Admin, and no POST is sent', async () => {
    const target = emu.addWorker(staging, { name: 'Perm Assign Target' });
    const { p, calls } = await run(
      [pickLabel(IDA), pickLabel('This environment')],
      'pingone.workerApp.assignRole',
      appTarget(conn.developer, target.clientId)
    );
    assert.match(p.messages('error')[0] ?? '', /cannot assign Identity Data Admin/);
    assert.deepEqual(
      calls.filter((c) => c.startsWith('POST /v1/')),
      []
    );
    assert.equal([...emu.state.roleAssignments.values()].filter((a) => a.applicationId === target.clientId).length, 0);
  });
});
