import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RunningEmulator } from '../../../emulator';
import type { AppTarget, DetailTarget, EnvironmentTarget } from '../../../src/explorer/targets';
import type { ReadinessReport } from '../../../src/pingone/workerApps';
import type { Services } from '../../../src/services';
import type { CreateOutcome } from '../../../src/flows/createWorkerApp';
import { appsNamed as appsNamedIn } from '../../shared/emulatorQueries';
import { type EmulatorConnection, startEmulatorConnection } from '../helpers/emulatorConnection';
import { type Answer, ScriptedPrompter } from '../helpers/scriptedPrompter';

const IDA = 'Identity Data Admin';

describe('Worker app commands (against the emulator)', function () {
  this.timeout(60_000);
  let ec: EmulatorConnection;
  let emu: RunningEmulator;
  let services: Services;
  let connectionId: string;
  let staging: string;
  let production: string;
  let restoreClipboard: (() => void) | undefined;
  // Records what the commands copy and passes it on to VS Code's clipboard. Reading
  // that back is no check: the headless browser grants or refuses clipboard access
  // from run to run (and within a run), so a read can return '' or an older text.
  const seamClipboard = {
    value: '',
    writeText: async (v: string) => {
      seamClipboard.value = v;
      await vscode.env.clipboard.writeText(v);
    },
    readText: async () => seamClipboard.value,
  };
  const prompters: ScriptedPrompter[] = [];
  const logLines: string[] = [];
  const restoreLogger: Array<() => void> = [];
  const workspaceDir = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const iconUri = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'icons', name);

  before(async () => {
    ec = await startEmulatorConnection({ name: 'Emulator (worker app tests)', rateLimit: false, retry: { maxAttempts: 3 } });
    ({ services, emulator: emu } = ec);
    connectionId = ec.connection.id;
    staging = envIdByName('Sync Staging');
    production = envIdByName('Production');
    // Everything the extension logs, to check that no secret reaches the output channel.
    const logger = services.logger as unknown as Record<string, (m: string, f?: unknown) => void>;
    for (const level of ['debug', 'info', 'warn', 'error']) {
      const original = logger[level];
      logger[level] = (m: string, f?: unknown) => {
        logLines.push(`${m} ${f === undefined ? '' : JSON.stringify(f)}`);
        original.call(services.logger, m, f);
      };
      restoreLogger.push(() => void (logger[level] = original));
    }
    restoreClipboard = services.clipboard.use(seamClipboard);
  });

  afterEach(() => emu.faults.clear());

  after(async () => {
    restoreClipboard?.();
    restoreLogger.forEach((r) => r());
    await ec.cleanup();
  });

  function envIdByName(name: string): string {
    const env = [...emu.state.environments.values()].find((e) => e.name === name);
    assert.ok(env, `seeded environment ${name}`);
    return env.id;
  }
  const appsNamed = (envId: string, name: string) => appsNamedIn(emu, envId, name);
  function appByName(envId: string, name: string) {
    const apps = appsNamed(envId, name);
    assert.equal(apps.length, 1, `exactly one app "${name}"`);
    return apps[0];
  }
  const envTarget = (environmentId: string): EnvironmentTarget => ({ kind: 'environment', connectionId, environmentId });
  const appTarget = (environmentId: string, name: string): AppTarget => ({
    kind: 'app',
    connectionId,
    environmentId,
    applicationId: appByName(environmentId, name).id,
  });
  const assignmentsOf = (appId: string) => [...emu.state.roleAssignments.values()].filter((a) => a.applicationId === appId);
  const roleId = (name: string) => emu.findRoleByName(name)!.id;
  const clipboard = () => Promise.resolve(seamClipboard.value);

  async function run<T = unknown>(answers: Answer[], command: string, ...args: unknown[]): Promise<{ result: T; p: ScriptedPrompter }> {
    const p = new ScriptedPrompter(answers);
    prompters.push(p);
    const restore = services.prompter.use(p);
    try {
      const result = (await vscode.commands.executeCommand(command, ...args)) as T;
      return { result, p };
    } finally {
      restore();
    }
  }

  const pickLabel = (label: string): Answer => ({
    pick: (items) => items.find((i) => i.label === label || i.label.endsWith(label))?.value,
  });
  const keepPreselected: Answer = { pickMany: (items, o) => items.filter((i) => o.selected?.(i.value)).map((i) => i.value) };
  const createAnswers = (name: string, icon: Answer[] = [pickLabel('No icon')], description = ''): Answer[] => [
    { input: name },
    { input: description },
    ...icon,
    keepPreselected,
  ];

  it('creates a worker app without an icon with the minimum API calls, and offers the values to copy', async () => {
    const before = emu.requestLog.length;
    const { result, p } = await run<CreateOutcome>(
      [...createAnswers('Sync Destination A', undefined, 'PingDataSync destination'), { message: 'Copy Client Secret' }],
      'pingone.workerApp.create',
      envTarget(staging)
    );
    assert.deepEqual(p.messages('error'), []);
    const app = appByName(staging, 'Sync Destination A');
    assert.equal(result.clientId, app.id);
    assert.equal(result.environmentId, staging);
    assert.deepEqual(
      {
        type: app.body.type,
        protocol: app.body.protocol,
        enabled: app.body.enabled,
        grantTypes: app.body.grantTypes,
        auth: app.body.tokenEndpointAuthMethod,
        description: app.body.description,
      },
      {
        type: 'WORKER',
        protocol: 'OPENID_CONNECT',
        enabled: true,
        grantTypes: ['CLIENT_CREDENTIALS'],
        auth: 'CLIENT_SECRET_POST',
        description: 'PingDataSync destination',
      }
    );
    const roles = assignmentsOf(app.id);
    assert.equal(roles.length, 1, 'only the role asked for (assignActorRoles: false)');
    assert.deepEqual({ role: roles[0].roleId, scope: roles[0].scope }, { role: roleId(IDA), scope: { type: 'ENVIRONMENT', id: staging } });
    assert.equal(await clipboard(), emu.state.secrets.get(app.id)!.current, 'Copy Client Secret put the new secret on the clipboard');
    assert.ok(p.messages('status').some((m) => /Client secret of "Sync Destination A" copied/.test(m)));

    const all = emu.requestLog
      .slice(before)
      .map((e) => `${e.method} ${e.path.replace(staging, '{env}').replace(app.id, '{app}').replace(emu.environmentId, '{adminEnv}')}`);
    // The command's own calls end with the secret read; what follows is the explorer reloading to reveal the new app.
    const calls = all.slice(0, all.indexOf('GET /v1/environments/{env}/applications/{app}/secret') + 1);
    console.log(
      `[worker apps] create flow API calls (${calls.length}):\n  ${calls.join('\n  ')}\n  then the explorer's reveal: ${all.slice(calls.length).join(', ') || 'none'}`
    );
    const workflow = calls.filter((c) => !c.startsWith('GET /v1/environments/{env}/applications') || c.includes('{app}'));
    // Prompt phase: the app list once (duplicate-name warning, paged) and GET /roles once (role choices, cached).
    // Workflow: POST app, POST role assignment, GET secret; nothing else (no GET /roles again, no listing of the new app's roles).
    assert.deepEqual(
      workflow
        .filter((c) => !c.endsWith('/as/token'))
        .map((c) => c.replace(`/applications/${ec.connection.clientId}/`, '/applications/{self}/')),
      // The check first reads the connection's own worker's roles (in its own environment).
      [
        'GET /v1/roles',
        'GET /v1/environments/{adminEnv}/applications/{self}/roleAssignments',
        'POST /v1/environments/{env}/applications',
        'POST /v1/environments/{env}/applications/{app}/roleAssignments',
        'GET /v1/environments/{env}/applications/{app}/secret',
      ]
    );
    assert.ok(calls.filter((c) => c.endsWith('/as/token')).length <= 1, 'at most one token request');
    assert.ok(
      calls.filter((c) => c === 'GET /v1/environments/{env}/applications').length <= 2,
      'the app list is read once (two pages in Sync Staging)'
    );
  });

  it('warns (not refuses) when an app of that name exists, and creates a PNG-icon app', async () => {
    const { p } = await run<CreateOutcome>(
      createAnswers('Legacy Sync Worker ', [pickLabel('Choose an image file…'), { file: iconUri('icon.png') }]),
      'pingone.workerApp.create',
      envTarget(staging)
    );
    const nameAsk = p.asked.find((a) => a.kind === 'input');
    assert.ok(nameAsk?.validation && typeof nameAsk.validation === 'object' && /already exists/.test(nameAsk.validation.warning));
    const apps = appsNamed(staging, 'Legacy Sync Worker');
    assert.equal(apps.length, 2, 'the duplicate name was allowed');
    const created = apps.find((a) => a.body.type === 'WORKER' && a.body.icon)!;
    const icon = created.body.icon as { id: string; href: string };
    const image = emu.state.images.get(icon.id);
    assert.ok(image, 'the icon image was uploaded');
    assert.equal(image.format, 'png');
    assert.ok(icon.href.length > 0);
  });

  it('refuses a too-large and a fake-extension icon, then accepts a GIF (and a JPEG)', async () => {
    const dir = path.join(workspaceDir(), 'icons', 'generated');
    mkdirSync(dir, { recursive: true });
    const big = Buffer.alloc(1024 * 1024 + 10);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(big);
    writeFileSync(path.join(dir, 'big.png'), big);
    const choose = pickLabel('Choose an image file…');
    const { p } = await run<CreateOutcome>(
      createAnswers('Icon Checks Worker', [
        choose,
        { file: vscode.Uri.file(path.join(dir, 'big.png')) },
        choose,
        { file: iconUri('fake.png') },
        choose,
        { file: iconUri('icon.gif') },
      ]),
      'pingone.workerApp.create',
      envTarget(staging)
    );
    const errors = p.messages('error');
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.match(errors[0], /big\.png.*at most 1 MB/);
    assert.match(errors[1], /fake\.png.*not a/);
    const app = appByName(staging, 'Icon Checks Worker');
    assert.equal(emu.state.images.get((app.body.icon as { id: string }).id)?.format, 'gif');

    await run(
      createAnswers('Jpeg Icon Worker', [choose, { file: iconUri('icon.jpeg') }]),
      'pingone.workerApp.create',
      envTarget(production)
    );
    assert.equal(emu.state.images.get((appByName(production, 'Jpeg Icon Worker').body.icon as { id: string }).id)?.format, 'jpg');
  });

  it('after a role assignment failure mid-create, says what exists and Resume finishes on the same app', async () => {
    emu.faults.failNext({
      method: 'POST',
      path: '**/roleAssignments',
      status: 400,
      code: 'INVALID_DATA',
      message: 'Injected failure',
      details: [{ code: 'INVALID_VALUE', message: 'Injected failure' }],
    });
    const { result, p } = await run<CreateOutcome>(
      [...createAnswers('Resumable Worker'), { message: 'Resume' }],
      'pingone.workerApp.create',
      envTarget(staging)
    );
    const [error] = p.messages('error');
    assert.match(
      error,
      /The worker app "Resumable Worker" exists in PingOne \(client ID [0-9a-f-]+\) with no roles yet; not yet assigned: Identity Data Admin/
    );
    assert.match(error, /Resume finishes the remaining steps on this same app/);
    const app = appByName(staging, 'Resumable Worker');
    assert.equal(result?.clientId, app.id, 'Resume finished the same app');
    assert.deepEqual(
      assignmentsOf(app.id).map((a) => a.roleId),
      [roleId(IDA)]
    );
    assert.equal(
      services.context.workspaceState.get<unknown[]>('pingone.workerApp.pendingCreates.v1', []).length,
      0,
      'nothing left to resume'
    );
  });

  it('after a failed app create, Resume reuses the uploaded icon (one image, one app)', async () => {
    emu.faults.failNext({
      method: 'POST',
      path: '/v1/environments/*/applications',
      status: 400,
      code: 'INVALID_DATA',
      message: 'Injected failure',
    });
    const imagesBefore = emu.state.images.size;
    const { result, p } = await run<CreateOutcome>(
      [
        ...createAnswers('Icon Resume Worker', [pickLabel('Choose an image file…'), { file: iconUri('icon.png') }], 'kept'),
        { message: 'Resume' },
      ],
      'pingone.workerApp.create',
      envTarget(staging)
    );
    assert.match(
      p.messages('error')[0],
      /No application was created in PingOne\. An icon image was uploaded but is not used by any app yet\./
    );
    const app = appByName(staging, 'Icon Resume Worker');
    assert.equal(result.clientId, app.id);
    assert.equal(app.body.description, 'kept');
    assert.equal(emu.state.images.size, imagesBefore + 1, 'the icon was uploaded once');
    assert.ok(emu.state.images.has((app.body.icon as { id: string }).id));
  });

  it('keeps an interrupted create for pingone.workerApp.resumeCreate later (exactly one app)', async () => {
    emu.faults.failNext({ method: 'POST', path: '**/roleAssignments', status: 400, code: 'INVALID_DATA', message: 'Injected failure' });
    const { p } = await run([...createAnswers('Resumed Later Worker')], 'pingone.workerApp.create', envTarget(staging));
    assert.equal(p.messages('error').length, 1);
    assert.equal(appsNamed(staging, 'Resumed Later Worker').length, 1);
    const pending = services.context.workspaceState.get<Array<Record<string, unknown>>>('pingone.workerApp.pendingCreates.v1', []);
    assert.equal(pending.length, 1);
    const secrets = [emu.clientSecret, ...[...emu.state.secrets.values()].map((s) => s.current)];
    assert.ok(!secrets.some((s) => JSON.stringify(pending).includes(s)), 'the resume state holds no secret');
    const { result } = await run<CreateOutcome>([], 'pingone.workerApp.resumeCreate');
    const app = appByName(staging, 'Resumed Later Worker');
    assert.equal(result.clientId, app.id);
    assert.deepEqual(
      assignmentsOf(app.id).map((a) => a.roleId),
      [roleId(IDA)]
    );
  });

  it('checks readiness of "Legacy Sync Worker", configures it for sync keeping every other field, and checks again', async () => {
    const legacy = [...emu.state.applications.values()].find(
      (a) => a.environmentId === staging && a.body.name === 'Legacy Sync Worker' && a.body.enabled === false
    )!;
    const target: AppTarget = { kind: 'app', connectionId, environmentId: staging, applicationId: legacy.id };
    const beforeBody = structuredClone(legacy.body);

    const { result: before, p: p1 } = await run<ReadinessReport>([{ pick: () => undefined }], 'pingone.workerApp.checkReadiness', target);
    const verdict = (r: ReadinessReport) => Object.fromEntries(r.checks.map((c) => [c.id, c.passed]));
    assert.deepEqual(verdict(before), {
      'worker-type': true,
      enabled: false,
      'client-credentials': true,
      'client-secret-post': false,
      'identity-data-admin': false,
      'secret-readable': true,
    });
    const listed = p1.asked.find((a) => a.kind === 'pick')!.items!;
    assert.ok(
      listed.some((l) => l.startsWith('$(error) Enabled')) && listed.some((l) => l.includes('Configure for Sync')),
      listed.join('\n')
    );

    const { p: p2 } = await run([{ message: 'Apply' }], 'pingone.workerApp.configureForSync', target);
    const confirm = p2.asked.find((a) => a.kind === 'warn')!;
    assert.match(confirm.title, /3 changes/);
    const after: Record<string, unknown> = emu.state.applications.get(legacy.id)!.body;
    assert.deepEqual(after.syncToolkitNotes, { owner: 'iam-team', ticket: 'IAM-1234' });
    assert.deepEqual(
      after,
      { ...beforeBody, enabled: true, tokenEndpointAuthMethod: 'CLIENT_SECRET_POST' },
      'only the planned fields changed; unknown and optional fields kept'
    );
    assert.deepEqual(
      assignmentsOf(legacy.id).map((a) => [a.roleId, a.scope.type, a.scope.id]),
      [[roleId(IDA), 'ENVIRONMENT', staging]]
    );

    const { result: afterReport } = await run<ReadinessReport>([pickLabel('Open the report')], 'pingone.workerApp.checkReadiness', target);
    assert.equal(afterReport.ready, true, JSON.stringify(afterReport.checks));
    const report = vscode.window.activeTextEditor?.document;
    assert.equal(report?.languageId, 'markdown');
    assert.match(
      report!.getText(),
      /# Sync readiness: Legacy Sync Worker[\s\S]*ready for PingDataSync[\s\S]*\| Identity Data Admin at environment scope \| pass \|/
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('runs a readiness fix from the report (Enable)', async () => {
    const target = appTarget(staging, 'Sync Destination A');
    await run([], 'pingone.workerApp.disable', target);
    assert.equal(appByName(staging, 'Sync Destination A').body.enabled, false);
    const { result } = await run<ReadinessReport>(
      [pickLabel('Enabled'), { pick: () => undefined }],
      'pingone.workerApp.checkReadiness',
      target
    );
    assert.equal(result.ready, true, 'the second report (after the fix) is ready');
    assert.equal(appByName(staging, 'Sync Destination A').body.enabled, true);
  });

  it('sets the token endpoint auth method keeping the other fields', async () => {
    const app = appByName(staging, 'Sync Destination A');
    const before = structuredClone(app.body);
    await run([pickLabel('Client Secret Basic')], 'pingone.workerApp.setAuthMethod', appTarget(staging, 'Sync Destination A'));
    assert.deepEqual(emu.state.applications.get(app.id)!.body, { ...before, tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC' });
    await run([pickLabel('Client Secret Post')], 'pingone.workerApp.setAuthMethod', appTarget(staging, 'Sync Destination A'));
    assert.equal(emu.state.applications.get(app.id)!.body.tokenEndpointAuthMethod, 'CLIENT_SECRET_POST');
  });

  it('assigns a role at a population and removes it from its tree row', async () => {
    const target = appTarget(staging, 'Sync Destination A');
    const contractors = [...emu.state.populations.values()].find((p) => p.environmentId === staging && p.name === 'Contractors')!;
    await run(
      [pickLabel('Identity Data Read Only'), pickLabel('One population of this environment'), pickLabel('Contractors')],
      'pingone.workerApp.assignRole',
      target
    );
    const added = assignmentsOf(target.applicationId).find((a) => a.roleId === roleId('Identity Data Read Only'));
    assert.deepEqual(added?.scope, { type: 'POPULATION', id: contractors.id });
    const row: DetailTarget = {
      kind: 'detail',
      detail: 'roleAssignment',
      connectionId,
      environmentId: staging,
      applicationId: target.applicationId,
      roleAssignmentId: added!.id,
    };
    await run([{ message: 'Remove' }], 'pingone.workerApp.removeRole', row);
    assert.deepEqual(
      assignmentsOf(target.applicationId).map((a) => a.roleId),
      [roleId(IDA)]
    );
  });

  it('rotates the secret with a grace period (1 minute to 30 days) and copies the new one', async () => {
    const target = appTarget(staging, 'Sync Destination A');
    const oldSecret = emu.state.secrets.get(target.applicationId)!.current;
    const started = Date.now();
    const { p } = await run(
      [{ input: '31d' }, { input: '30s' }, { input: '2h' }, { message: 'Rotate' }, { message: 'Copy Client Secret' }],
      'pingone.workerApp.rotateSecret',
      target
    );
    const validations = p.asked.filter((a) => a.kind === 'input').map((a) => a.validation);
    assert.match(String(validations[0]), /at most 30 days/);
    assert.match(String(validations[1]), /30m|at least 1 minute/);
    const stored = emu.state.secrets.get(target.applicationId)!;
    assert.notEqual(stored.current, oldSecret);
    assert.equal(stored.previous?.secret, oldSecret);
    const expected = started + 2 * 3_600_000;
    assert.ok(
      Math.abs(stored.previous!.expiresAt - expected) < 60_000,
      `previous.expiresAt ≈ now + 2h (got ${new Date(stored.previous!.expiresAt).toISOString()})`
    );
    assert.equal(await clipboard(), stored.current);
    assert.match(
      p.messages('warn')[0] ?? '',
      /keeps working for 2 hours, until .+, then stops/,
      'the confirmation names the grace period and its end'
    );
    assert.doesNotMatch([...p.messages('warn'), ...p.messages('info')].join('\n'), /\d{4}-\d\d-\d\dT\d\d:/, 'no ISO UTC time shown');
  });

  it('copies Client ID, Environment ID and (fetched on demand) the Client Secret', async () => {
    const target = appTarget(staging, 'Sync Destination A');
    await run([], 'pingone.workerApp.copyClientId', target);
    assert.equal(await clipboard(), target.applicationId);
    await run([], 'pingone.workerApp.copyEnvironmentId', target);
    assert.equal(await clipboard(), staging);
    const before = emu.requestLog.length;
    const { p } = await run([], 'pingone.workerApp.copyClientSecret', target);
    assert.equal(await clipboard(), emu.state.secrets.get(target.applicationId)!.current);
    // Before the read: the connection's worker's roles and the app's, to explain a refusal up front.
    assert.deepEqual(
      emu.requestLog.slice(before).map((e) => `${e.method} ${e.path.split('/').pop()}`),
      ['GET roleAssignments', 'GET roleAssignments', 'GET secret'],
      'only when asked'
    );
    assert.deepEqual(p.messages('status'), ['Client secret copied to the clipboard']);
  });

  it('copies PingDataSync dsconfig for a destination (secret as a variable) and a source (secret included)', async () => {
    const target = appTarget(staging, 'Sync Destination A');
    const defaultPop = [...emu.state.populations.values()].find((p) => p.environmentId === staging && p.default)!;
    const keepDefault: Answer = { pick: (items, o) => items.find((i) => o.selected?.(i.value))?.value };
    const { p } = await run(
      [
        pickLabel('Sync destination'),
        keepDefault,
        { input: 'PingOne Staging' },
        pickLabel(`Use the shell variable $PINGONE_CLIENT_SECRET`),
        { message: 'Open in Editor' },
      ],
      'pingone.workerApp.copyDsconfig',
      target
    );
    const text = await clipboard();
    // The opened document and the active tab, not `activeTextEditor`: after this
    // second untitled editor opens, VS Code 1.90 can still report the earlier
    // untitled readiness report as the active (and only visible) text editor.
    const opened = vscode.workspace.textDocuments.find((d) => d.getText() === text);
    assert.ok(opened, 'Open in Editor opens a document with the same text');
    assert.equal(opened.languageId, 'shellscript');
    const active = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(
      active instanceof vscode.TabInputText && active.uri.toString() === opened.uri.toString(),
      'Open in Editor shows it in the active tab'
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.match(text, /dsconfig create-sync-destination/);
    assert.match(text, /--type ping-one-customer/);
    assert.ok(text.includes(`--set api-url:${emu.apiBaseUrl}`), text);
    assert.ok(text.includes(`--set auth-url:${emu.authBaseUrl}/${staging}/as/token`), text);
    assert.ok(text.includes(`--set environment-id:${staging}`));
    assert.ok(text.includes(`--set oauth-client-id:${target.applicationId}`));
    assert.ok(text.includes('--set "oauth-client-secret:${PINGONE_CLIENT_SECRET}"'));
    assert.ok(text.includes(`--set default-population-id:${defaultPop.id}`));
    assert.ok(!text.includes(emu.state.secrets.get(target.applicationId)!.current), 'no secret unless asked');
    assert.match(p.messages('info')[0], /Set \$PINGONE_CLIENT_SECRET/);

    await run(
      [
        pickLabel('Sync source'),
        { pickMany: (items) => items.filter((i) => i.label === 'Contractors').map((i) => i.value) },
        { input: 'PingOne Staging Source' },
        pickLabel('Include the client secret'),
      ],
      'pingone.workerApp.copyDsconfig',
      target
    );
    const source = await clipboard();
    assert.match(source, /dsconfig create-sync-source/);
    const contractors = [...emu.state.populations.values()].find((x) => x.environmentId === staging && x.name === 'Contractors')!;
    assert.ok(source.includes(`--set population-to-synchronize:${contractors.id}`));
    assert.ok(source.includes(`oauth-client-secret:${emu.state.secrets.get(target.applicationId)!.current}`), 'included on request');
  });

  it('opens the app in the console of its region, and explains when there is no console (emulator)', async () => {
    const target = appTarget(staging, 'Sync Destination A');
    const { result, p } = await run<string | undefined>([], 'pingone.workerApp.openInConsole', target);
    assert.equal(result, undefined);
    assert.match(p.messages('info')[0], /no admin console/);
    const euId = `it-eu-${randomUUID()}`;
    await services.connections.save({
      id: euId,
      name: 'EU (console link test)',
      region: 'EU',
      environmentId: staging,
      clientId: emu.clientId,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    });
    try {
      const { result: url } = await run<string>([], 'pingone.workerApp.openInConsole', { ...target, connectionId: euId });
      assert.equal(url, `https://console.pingone.eu/?env=${staging}#/connections/applications?selectedAppId=${target.applicationId}`);
    } finally {
      await services.connections.remove(euId);
    }
  });

  it('deletes only after the exact name is typed', async () => {
    const target = appTarget(staging, 'Icon Checks Worker');
    const { p } = await run([{ input: 'Icon Checks' }, { input: undefined }], 'pingone.workerApp.delete', target);
    assert.match(String(p.asked[0].validation), /Type "Icon Checks Worker" exactly/);
    assert.equal(appsNamed(staging, 'Icon Checks Worker').length, 1, 'a wrong confirmation deletes nothing');
    await run([{ input: 'Icon Checks Worker' }], 'pingone.workerApp.delete', target);
    assert.equal(appsNamed(staging, 'Icon Checks Worker').length, 0);
    assert.equal(emu.state.secrets.has(target.applicationId), false);
  });

  /** Labels, descriptions and tooltips of the explorer rows down to a worker app's details (when the explorer is there). */
  async function treeTexts(appName: string): Promise<string[]> {
    type Node = { kind: string; label?: string };
    const tree = (
      services.explorer as unknown as
        { tree?: { getChildren(n?: Node): Promise<Node[]>; getTreeItem(n: Node): vscode.TreeItem } } | undefined
    )?.tree;
    if (!tree) return [];
    const texts: string[] = [];
    const textOf = (n: Node) => {
      const item = tree.getTreeItem(n);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
      const t = `${label} ${String(item.description ?? '')} ${tooltip}`;
      texts.push(t);
      return t;
    };
    const conn = (await tree.getChildren()).find((n) => textOf(n).includes('Emulator (worker app tests)'));
    if (!conn) return texts;
    for (const env of await tree.getChildren(conn)) {
      if (!textOf(env).includes('Sync Staging')) continue;
      for (const app of await tree.getChildren(env)) {
        if (!textOf(app).includes(appName)) continue;
        for (const detail of await tree.getChildren(app)) textOf(detail);
      }
    }
    return texts;
  }

  it('never showed or logged a secret', async () => {
    const secrets = [emu.clientSecret, ...[...emu.state.secrets.values()].flatMap((s) => [s.current, s.previous?.secret])].filter(
      (s): s is string => !!s
    );
    const tree = await treeTexts('Sync Destination A');
    console.log(`[worker apps] explorer rows checked for secrets: ${tree.length}`);
    for (const secret of secrets) assert.ok(!tree.some((t) => t.includes(secret)), 'a secret appeared in the explorer');
    const shown = prompters.flatMap((p) => p.shownTexts());
    assert.ok(shown.length > 20 && logLines.length > 10, `${shown.length} texts shown, ${logLines.length} log lines`);
    for (const secret of secrets) {
      assert.ok(!shown.some((t) => t.includes(secret)), 'a secret appeared in a message, prompt or status text');
      assert.ok(!logLines.some((l) => l.includes(secret)), 'a secret appeared in the output channel');
    }
  });
});
