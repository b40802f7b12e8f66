import assert from 'node:assert/strict';
import type { CreateWorkerAppResumeState } from '../../../src/pingone';
import {
  applyConfigureForSync,
  checkSyncReadiness,
  IDENTITY_DATA_ADMIN,
  PingOneError,
  WorkflowError,
  checkAssignRole,
  checkCopySecret,
  checkCreateWorkerApp,
  createApplicationRoleAssignment,
  createWorkerApp,
  findRoleByName,
  listApplicationRoleAssignments,
  readActorPermissions,
  readApplicationSecret,
} from '../../../src/pingone';
import type { Emulator } from './helpers';
import { clientFor, envIdByName, requestCounter, startTestEmulator } from './helpers';

type Worker = { clientId: string; clientSecret: string };

describe('pingone: real-tenant admin workers (seeded Environment Admin only, Client Application Developer only)', () => {
  let emu: Emulator;
  let staging: string;
  let envAdminOnly: Worker;
  let developerOnly: Worker;
  const clients: Array<ReturnType<typeof clientFor>> = [];
  const asWorker = (w: Worker, retry = {}) => {
    const c = clientFor(emu, { connection: { clientId: w.clientId }, secret: w.clientSecret, retry });
    clients.push(c);
    return c;
  };
  const adminClient = () => {
    const c = clientFor(emu);
    clients.push(c);
    return c;
  };
  const appsNamed = (name: string) =>
    [...emu.state.applications.values()].filter((a) => a.environmentId === staging && a.body.name === name);
  const idaRole = (name = 'x') => ({ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging, name });

  before(async () => {
    emu = await startTestEmulator();
    staging = envIdByName(emu, 'Sync Staging');
    [envAdminOnly, developerOnly] = emu.extraAdminWorkers;
  });
  after(async () => {
    for (const c of clients) await c.close();
    await emu.close();
  });
  afterEach(() => emu.faults.clear());

  it('Environment Admin only: plans secret-first, creates, hands the secret over, and assigns Identity Data Admin', async () => {
    const client = asWorker(envAdminOnly);
    const started = Date.now();
    const plan = await checkCreateWorkerApp(client, { environmentId: staging, roles: [idaRole()] });
    assert.ok(Date.now() - started < 2_000, 'checked in under 2 s');
    assert.deepEqual([plan.checked, plan.proceed, plan.order], [true, true, 'secret-then-roles']);
    assert.match(plan.messages[0], /can assign Identity Data Admin, but will then no longer see the app's secret/);

    const counter = requestCounter(emu);
    const result = await createWorkerApp(
      client,
      { environmentId: staging, name: 'EnvAdmin Sync Worker', roles: [idaRole()] },
      { order: plan.order }
    );
    assert.deepEqual(
      counter
        .calls()
        .filter((c) => !c.path.endsWith('/token'))
        .map((c) => `${c.method} ${c.path.split('/').pop()}`),
      ['POST applications', 'GET secret', 'POST roleAssignments']
    );
    assert.equal(result.clientSecret, emu.state.secrets.get(result.clientId)!.current);
    assert.equal((await listApplicationRoleAssignments(client, staging, result.clientId)).length, 1);

    // Afterwards the secret is hidden for good: a fast, clear refusal, not ~30 s of retries.
    const before = requestCounter(emu);
    const error = await readApplicationSecret(client, staging, result.clientId, { propagation: { notAuthorized: true } }).catch(
      (e: unknown) => e
    );
    assert.ok(error instanceof PingOneError && error.kind === 'forbidden');
    assert.match(
      error.message,
      /hides its secret from this worker \(waiting will not change that\)\. Ask an admin whose worker holds every role of this app/
    );
    assert.equal(before.calls().filter((c) => c.path.endsWith('/secret')).length, 1, 'not retried');
    assert.match(
      (await checkCopySecret(client, staging, result.clientId))!,
      /cannot read this app's secret: the app holds Identity Data Admin, which the connection's worker does not hold there/
    );
    assert.equal(await checkCopySecret(adminClient(), staging, result.clientId), undefined, 'the sandbox admin can');
    assert.match((await checkCopySecret(adminClient(), emu.environmentId, emu.clientId))!, /cannot read its own secret/);
    const readiness = await checkSyncReadiness(client, staging, result.clientId);
    assert.equal(readiness.checks.find((c) => c.id === 'secret-readable')?.fixId, 'use-another-connection');
  });

  it('the old order (roles first) fails at the last step on such a tenant: the case the plan avoids', async () => {
    const client = asWorker(envAdminOnly);
    await assert.rejects(
      createWorkerApp(client, { environmentId: staging, name: 'Roles First Worker', roles: [idaRole()] }, { order: 'roles-then-secret' }),
      (e: unknown) => e instanceof WorkflowError && e.failedStep === 'read-secret'
    );
  });

  it('Client Application Developer only: reports before creating anything what it cannot do and the fix', async () => {
    const client = asWorker(developerOnly);
    const started = Date.now();
    const counter = requestCounter(emu);
    const plan = await checkCreateWorkerApp(client, { environmentId: staging, roles: [idaRole()] });
    assert.ok(Date.now() - started < 2_000);
    assert.equal(plan.proceed, false);
    assert.match(
      plan.messages[0],
      /^The connection's worker can create the app but cannot assign Identity Data Admin: ask someone with Environment Admin or Identity Data Admin/
    );
    assert.ok(
      counter.calls().every((c) => c.method === 'GET' || c.path.endsWith('/token')),
      'nothing created'
    );
    // Without roles it can do it all.
    const bare = await checkCreateWorkerApp(client, { environmentId: staging, roles: [] });
    assert.equal(bare.proceed, true);
    const result = await createWorkerApp(client, { environmentId: staging, name: 'Developer Worker', roles: [] }, { order: bare.order });
    assert.ok(result.clientSecret);
  });

  it('Assign Role check: refuses for the developer at once; warns the Environment Admin about the secret', async () => {
    const ida = (await findRoleByName(asWorker(envAdminOnly), IDENTITY_DATA_ADMIN))!;
    const spec = { roleId: ida.id, roleName: ida.name, scopeType: 'ENVIRONMENT' as const, scopeId: staging };
    const dev = await checkAssignRole(asWorker(developerOnly), staging, spec);
    assert.equal(dev.allowed, false);
    assert.match(dev.message!, /cannot assign Identity Data Admin/);
    const envAdmin = await checkAssignRole(asWorker(envAdminOnly), staging, spec);
    assert.deepEqual([envAdmin.allowed, envAdmin.hidesSecret], [true, true]);
    assert.match(envAdmin.message!, /can no longer read this app's secret\. Copy the secret first/);
    // And if tried anyway, PingOne's refusal comes back at once (no propagation retries).
    const target = emu.addWorker(staging, { name: 'Refused Target' });
    const counter = requestCounter(emu);
    await assert.rejects(
      createApplicationRoleAssignment(asWorker(developerOnly), staging, target.clientId, spec),
      (e: unknown) => e instanceof PingOneError && e.kind === 'forbidden'
    );
    assert.equal(counter.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/roleAssignments')).length, 1);
  });

  it('Configure for Sync: the Environment Admin gets the secret before the role hides it; the developer is told it cannot assign', async () => {
    const half = emu.addWorker(staging, { name: 'Half Configured', enabled: false });
    const envAdmin = asWorker(envAdminOnly);
    const result = await applyConfigureForSync(
      envAdmin,
      { environmentId: staging, applicationId: half.clientId },
      { actor: await readActorPermissions(envAdmin) }
    );
    assert.equal(result.plan.readSecretFirst, true);
    assert.match(result.plan.warnings.join(' '), /can no longer read this app's secret: it is read first and handed to you/);
    assert.equal(result.clientSecret, half.clientSecret);
    assert.ok(result.roleAssignment);

    const other = emu.addWorker(staging, { name: 'Half Configured 2', enabled: false });
    const developer = asWorker(developerOnly);
    const refused = await applyConfigureForSync(
      developer,
      { environmentId: staging, applicationId: other.clientId },
      { actor: await readActorPermissions(developer) }
    );
    assert.equal(refused.plan.roleRefused?.roleName, IDENTITY_DATA_ADMIN);
    assert.deepEqual(
      refused.plan.changes.map((c) => c.id),
      ['enable-app']
    );
    assert.match(
      refused.plan.warnings.join(' '),
      /cannot assign Identity Data Admin: ask someone with Environment Admin or Identity Data Admin/
    );
    assert.equal(refused.roleAssignment, undefined);
  });

  it('the sandbox admin keeps the usual order', async () => {
    const plan = await checkCreateWorkerApp(adminClient(), { environmentId: staging, roles: [idaRole()] });
    assert.deepEqual([plan.proceed, plan.order, plan.messages], [true, 'roles-then-secret', []]);
  });

  it('when reading its own roles is refused: proceeds, says the check could not be made', async () => {
    const reader = emu.addWorker(emu.environmentId, {
      roles: [{ roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT', scopeId: staging }],
    });
    const client = asWorker(reader);
    assert.equal((await readActorPermissions(client)).known, false);
    const plan = await checkCreateWorkerApp(client, { environmentId: staging, roles: [idaRole()] });
    assert.deepEqual([plan.checked, plan.proceed, plan.order], [false, true, 'secret-then-roles']);
    assert.match(
      plan.messages[0],
      /Could not check what the connection's worker may do \(PingOne refused to show the worker's own role assignments\); going ahead/
    );
  });

  describe('Resume in secret-first order, at every interruption point', () => {
    const twoRoles = [
      { roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging },
      { roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT' as const, scopeId: staging },
    ];
    const input = (name: string) => ({ environmentId: staging, name, roles: twoRoles.map((r) => ({ ...r, scopeId: staging })) });
    const failOnce = async (name: string, fault: () => void): Promise<WorkflowError<CreateWorkerAppResumeState>> => {
      fault();
      const error = await createWorkerApp(asWorker(envAdminOnly), input(name), { order: 'secret-then-roles' }).catch((e: unknown) => e);
      emu.faults.clear();
      assert.ok(error instanceof WorkflowError);
      assert.ok(
        !JSON.stringify(error.resumeState).includes(emu.state.secrets.get(error.resumeState.appId ?? '')?.current ?? '-none-'),
        'no secret in the resume state'
      );
      assert.ok(!JSON.stringify(error).includes('clientSecret'), 'the secret is not serialised with the error');
      return error as WorkflowError<CreateWorkerAppResumeState>;
    };
    const resume = async (name: string, error: WorkflowError<CreateWorkerAppResumeState>) => {
      const state = JSON.parse(JSON.stringify(error.resumeState)) as CreateWorkerAppResumeState;
      const result = await createWorkerApp(asWorker(envAdminOnly), input(name), {}, state);
      assert.equal(appsNamed(name).length, 1, 'one app');
      assert.equal((await listApplicationRoleAssignments(adminClient(), staging, result.clientId)).length, 2, 'both roles');
      return result;
    };

    it('refused at create: resume creates it once, reads the secret, assigns', async () => {
      const error = await failOnce('Resume At Create', () =>
        emu.faults.failNext({ method: 'POST', path: /applications$/, status: 400, count: 1 })
      );
      assert.equal(error.failedStep, 'create-app');
      assert.equal(error.resumeState.order, 'secret-then-roles');
      const result = await resume('Resume At Create', error);
      assert.ok(result.clientSecret);
    });

    it('interrupted at the secret read: resume reads it, then assigns', async () => {
      const error = await failOnce('Resume At Secret', () =>
        emu.faults.failNext({ method: 'GET', path: '**/secret', status: 500, count: 10 })
      );
      assert.equal(error.failedStep, 'read-secret');
      assert.equal(error.clientSecret, undefined);
      const result = await resume('Resume At Secret', error);
      assert.equal(result.clientSecret, emu.state.secrets.get(result.clientId)!.current);
    });

    it('interrupted at the first role: the secret came with the error; resume reads it again (still visible) and assigns', async () => {
      const error = await failOnce('Resume At Role 1', () =>
        emu.faults.failNext({ method: 'POST', path: '**/roleAssignments', status: 400, count: 1 })
      );
      assert.equal(error.failedStep, 'assign-roles');
      assert.ok(error.clientSecret);
      assert.match(error.whatExists, /its secret was read and is offered to you now/);
      const result = await resume('Resume At Role 1', error);
      assert.equal(result.clientSecret, error.clientSecret);
    });

    it('interrupted at the second role (the first already hides the secret): resume finishes, the secret was handed over before', async () => {
      let posts = 0;
      const secondAssignment = /roleAssignments$/;
      secondAssignment.test = (path: string) => path.endsWith('/roleAssignments') && ++posts === 2;
      // The first assignment goes through, the second fails.
      const error = await failOnce('Resume At Role 2', () =>
        emu.faults.failNext({ method: 'POST', path: secondAssignment, status: 400, count: 1 })
      );
      assert.equal(error.failedStep, 'assign-roles');
      const secret = error.clientSecret;
      assert.ok(secret);
      const result = await resume('Resume At Role 2', error);
      assert.deepEqual([result.secretHandedOverEarlier, result.clientSecret], [true, '']);
      assert.equal(emu.state.secrets.get(result.clientId)!.current, secret, 'the secret handed over is the live one');
    });
  });
});
