import assert from 'node:assert/strict';
import type { PingOneErrorKind } from '../../../src/pingone';
import {
  IDENTITY_DATA_ADMIN,
  isRoleAssignableToWorker,
  PingOneError,
  buildWorkerApplicationBody,
  collect,
  createApplicationRoleAssignment,
  createWorkerApplication,
  deleteApplication,
  deleteApplicationRoleAssignment,
  deleteConfirmationMatches,
  findApplicationsByName,
  findRoleByName,
  findUsersByUsernames,
  getApplication,
  getEnvironment,
  listApplicationRoleAssignments,
  listApplications,
  listBuiltInRoles,
  listEnvironmentRoles,
  listEnvironments,
  listPopulations,
  readApplicationSecret,
  revokePreviousApplicationSecret,
  rolesApplicableTo,
  rotateApplicationSecret,
  setApplicationEnabled,
  setTokenEndpointAuthMethod,
  updateApplication,
  uploadImage,
  usernameFilter,
} from '../../../src/pingone';
import type { Emulator } from './helpers';
import { PNG_BYTES, appIdByName, clientFor, envIdByName, requestCounter, startTestEmulator } from './helpers';

async function expectKind(promise: Promise<unknown>, kind: PingOneErrorKind, message?: RegExp): Promise<PingOneError> {
  let caught: PingOneError | undefined;
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof PingOneError, `expected PingOneError, got ${e}`);
    assert.equal(e.kind, kind, e.message);
    if (message) assert.match(e.message, message);
    caught = e;
    return true;
  });
  return caught!;
}

describe('pingone: operations', () => {
  let emu: Emulator;
  let client: ReturnType<typeof clientFor>;
  let staging: string;
  before(async () => {
    emu = await startTestEmulator();
    client = clientFor(emu);
    staging = envIdByName(emu, 'Sync Staging');
  });
  after(async () => {
    await client.close();
    await emu.close();
  });
  afterEach(() => emu.faults.clear());

  it('lists and reads environments', async () => {
    const envs = await collect(listEnvironments(client));
    assert.deepEqual(envs.map((e) => e.name).sort(), ['Administrators', 'Production', 'Sync Staging']);
    const env = await getEnvironment(client, staging);
    assert.equal(env.name, 'Sync Staging');
    assert.equal(env.type, 'SANDBOX');
    const filtered = await collect(listEnvironments(client, { filter: 'name sw "Sync"' }));
    assert.deepEqual(
      filtered.map((e) => e.name),
      ['Sync Staging']
    );
  });

  it('lists, reads and finds applications', async () => {
    const apps = await collect(listApplications(client, staging));
    assert.ok(apps.length > 100);
    assert.ok(!apps.some((a) => a.type === 'PINGFEDERATE_SSO'));
    const legacy = await findApplicationsByName(client, staging, 'legacy sync worker');
    assert.equal(legacy.length, 1);
    const read = await getApplication(client, staging, legacy[0].id);
    assert.equal(read.tokenEndpointAuthMethod, 'CLIENT_SECRET_BASIC');
  });

  it('creates a worker with the exact WORKER body, updates it keeping every field, deletes it', async () => {
    assert.deepEqual(buildWorkerApplicationBody({ name: 'W' }), {
      name: 'W',
      enabled: true,
      type: 'WORKER',
      protocol: 'OPENID_CONNECT',
      grantTypes: ['CLIENT_CREDENTIALS'],
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
      assignActorRoles: false,
    });
    const app = await createWorkerApplication(client, staging, { name: 'Ops Worker', description: 'made by a test' });
    assert.equal(app.type, 'WORKER');
    assert.equal(app.enabled, true);
    assert.deepEqual(await listApplicationRoleAssignments(client, staging, app.id), [], 'assignActorRoles:false → no inherited roles');

    const disabled = await setApplicationEnabled(client, staging, app.id, false);
    assert.equal(disabled.enabled, false);
    assert.equal(disabled.description, 'made by a test', 'PUT kept the description');
    const basic = await setTokenEndpointAuthMethod(client, staging, app.id, 'CLIENT_SECRET_BASIC');
    assert.equal(basic.tokenEndpointAuthMethod, 'CLIENT_SECRET_BASIC');
    assert.equal(basic.enabled, false);

    // Unknown fields survive read–change–replace.
    const legacyId = appIdByName(emu, staging, 'Legacy Sync Worker');
    const before = await getApplication(client, staging, legacyId);
    const after = await updateApplication(client, staging, legacyId, (a) => {
      a.description = 'renamed';
    });
    assert.deepEqual(after.syncToolkitNotes, before.syncToolkitNotes);
    assert.deepEqual(after.accessControl, before.accessControl);
    assert.equal(after.hiddenFromAppPortal, true);
    assert.equal(after.description, 'renamed');

    assert.ok(deleteConfirmationMatches('Ops Worker', ' Ops Worker '));
    assert.ok(!deleteConfirmationMatches('Ops Worker', 'ops worker'));
    await deleteApplication(client, staging, app.id, { name: 'Ops Worker' });
    await expectKind(
      getApplication(client, staging, app.id),
      'not-found',
      /Could not read application .*no such resource.*PingOne error id/
    );
  });

  it('reads, rotates (with a grace period) and revokes secrets', async () => {
    const app = await createWorkerApplication(client, staging, { name: 'Secret Worker' });
    const first = await readApplicationSecret(client, staging, app.id);
    assert.ok(first.secret.length > 0);
    const expiresAt = new Date(Date.now() + 3600_000);
    const rotated = await rotateApplicationSecret(client, staging, app.id, { previousExpiresAt: expiresAt });
    assert.notEqual(rotated.secret, first.secret);
    const now = await readApplicationSecret(client, staging, app.id);
    assert.equal(now.previous?.secret, first.secret);
    await revokePreviousApplicationSecret(client, staging, app.id);
    assert.equal((await readApplicationSecret(client, staging, app.id)).previous, undefined);
    assert.ok(client.redactor.redactText(`x ${now.secret}`).includes('[REDACTED]'), 'secrets read are registered for redaction');
  });

  it('lists built-in and environment roles and finds one by exact name', async () => {
    const builtIn = await listBuiltInRoles(client, { fresh: true });
    assert.ok(builtIn.some((r) => r.name === IDENTITY_DATA_ADMIN));
    const ida = await findRoleByName(client, IDENTITY_DATA_ADMIN);
    assert.ok(ida);
    assert.equal(await findRoleByName(client, 'identity data admin'), undefined, 'exact match only');
    const custom = await listEnvironmentRoles(client, staging, { type: 'CUSTOM' });
    assert.deepEqual(
      custom.map((r) => r.name),
      ['Sync Auditor']
    );
    assert.ok(await findRoleByName(client, 'Sync Auditor', { environmentId: staging }));
    assert.ok(rolesApplicableTo(builtIn, 'ENVIRONMENT').some((r) => r.name === IDENTITY_DATA_ADMIN));
    assert.ok(!rolesApplicableTo(builtIn, 'APPLICATION').some((r) => r.name === IDENTITY_DATA_ADMIN));
  });

  it('creates, lists and deletes role assignments; a duplicate returns the existing one', async () => {
    const app = await createWorkerApplication(client, staging, { name: 'Role Worker' });
    const ida = (await findRoleByName(client, IDENTITY_DATA_ADMIN))!;
    const spec = { roleId: ida.id, roleName: ida.name, scopeType: 'ENVIRONMENT' as const, scopeId: staging };
    const created = await createApplicationRoleAssignment(client, staging, app.id, spec);
    assert.equal(created.role.id, ida.id);
    const again = await createApplicationRoleAssignment(client, staging, app.id, spec);
    assert.equal(again.id, created.id);
    assert.equal((await listApplicationRoleAssignments(client, staging, app.id)).length, 1);
    await deleteApplicationRoleAssignment(client, staging, app.id, created.id);
    assert.equal((await listApplicationRoleAssignments(client, staging, app.id)).length, 0);
  });

  it('lists populations', async () => {
    const pops = await listPopulations(client, staging);
    assert.deepEqual(pops.map((p) => p.name).sort(), ['Contractors', 'Default', 'Partners']);
  });

  it('finds users by usernames in batches, case-insensitively', async () => {
    const wanted = [
      'user.1',
      'USER.2',
      'Bob.Smith',
      'nobody-here',
      'José_Ünal-1',
      ...Array.from({ length: 20 }, (_, i) => `user.${100 + i}`),
    ];
    const counter = requestCounter(emu);
    const progress: number[] = [];
    const found = await findUsersByUsernames(client, staging, wanted, { batchSize: 10, onProgress: (n) => progress.push(n) });
    assert.equal(counter.calls().filter((c) => c.path.endsWith('/users')).length, 3);
    assert.deepEqual(progress, [10, 20, 25]);
    assert.equal(found.get('user.1')!.length, 1);
    assert.equal(found.get('USER.2')!.length, 1);
    assert.equal(found.get('Bob.Smith')![0].username, 'Bob.Smith');
    assert.equal(found.get('José_Ünal-1')!.length, 1);
    assert.deepEqual(found.get('nobody-here'), []);
    assert.equal(usernameFilter(['a"b']), 'username eq "a\\"b"');
  });

  it('uploads an image as raw bytes', async () => {
    const image = await uploadImage(client, staging, { bytes: PNG_BYTES, fileName: 'my icon.png', format: 'png' });
    assert.ok(image.id);
    assert.match(image.targets.original.href, /^https?:\/\//);
  });

  describe('error classes', () => {
    it('forbidden: a worker without the role, with what it lacks', async () => {
      const reader = emu.addWorker(staging, { roles: [{ roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT' }] });
      const limited = clientFor(emu, { connection: { environmentId: staging, clientId: reader.clientId }, secret: reader.clientSecret });
      const e = await expectKind(createWorkerApplication(limited, staging, { name: 'Nope' }), 'forbidden', /Client Application Developer/);
      assert.equal(e.status, 403);
      assert.ok(e.errorId);
      assert.ok(e.correlationId);
      assert.equal(e.operation, `create application "Nope" in environment ${staging}`);
      await limited.close();
    });

    it('forbidden: "same or broader scope" when assigning a role the actor may not assign fails at once (its own roles did not just change)', async () => {
      const dev = emu.addWorker(staging, {
        roles: [
          { roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT' },
          { roleName: 'Client Application Developer', scopeType: 'ENVIRONMENT' },
        ],
      });
      const limited = clientFor(emu, { connection: { environmentId: staging, clientId: dev.clientId }, secret: dev.clientSecret });
      const app = await createWorkerApplication(limited, staging, { name: 'Scope Worker' });
      const envAdmin = (await findRoleByName(limited, 'Environment Admin'))!;
      const counter = requestCounter(emu);
      const e = await expectKind(
        createApplicationRoleAssignment(limited, staging, app.id, {
          roleId: envAdmin.id,
          roleName: envAdmin.name,
          scopeType: 'ENVIRONMENT',
          scopeId: staging,
        }),
        'forbidden',
        /may not assign that role there.*Ask an Environment Admin to assign it/
      );
      assert.equal(e.status, 403);
      // The app was just created, but the refusal is about the actor's own roles, which did not change: no retry.
      assert.equal(counter.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/roleAssignments')).length, 1);
      await limited.close();
    });

    it('invalid-request: incompatible role and scope', async () => {
      const app = await createWorkerApplication(client, staging, { name: 'Bad Scope Worker' });
      const ida = (await findRoleByName(client, IDENTITY_DATA_ADMIN))!;
      const e = await expectKind(
        createApplicationRoleAssignment(client, staging, app.id, {
          roleId: ida.id,
          roleName: ida.name,
          scopeType: 'APPLICATION',
          scopeId: app.id,
        }),
        'invalid-request',
        /incompatible role and scope/
      );
      assert.equal(e.status, 400);
      assert.equal(e.details[0].target, 'scope');
    });

    it('conflict: a duplicate assignment sent raw', async () => {
      const app = await createWorkerApplication(client, staging, { name: 'Dup Worker' });
      const ida = (await findRoleByName(client, IDENTITY_DATA_ADMIN))!;
      const body = { role: { id: ida.id }, scope: { id: staging, type: 'ENVIRONMENT' } };
      const path = `/environments/${staging}/applications/${app.id}/roleAssignments`;
      await client.call({ method: 'POST', path, json: body, operation: 'assign' });
      const e = await expectKind(
        client.call({ method: 'POST', path, json: body, operation: 'assign again' }),
        'conflict',
        /already exists/
      );
      assert.ok(e.hasDetailCode('UNIQUENESS_VIOLATION'));
    });

    it('conflict: HTTP 409', async () => {
      emu.faults.failNext({ method: 'POST', path: '**/applications', status: 409 });
      await expectKind(createWorkerApplication(client, staging, { name: 'Conflicted' }), 'conflict');
    });

    it('rate-limited: 429 that never clears', async () => {
      emu.faults.failNext({ path: '/v1/environments', status: 429, retryAfterSeconds: 1, count: 10 });
      const e = await expectKind(collect(listEnvironments(client)), 'rate-limited', /rate limit/);
      assert.equal(e.retryAfterSeconds, 1);
    });

    it('unavailable: 5xx that never clears', async () => {
      emu.faults.failNext({ path: '/v1/environments', status: 502, count: 10 });
      await expectKind(collect(listEnvironments(client)), 'unavailable', /HTTP 502/);
    });

    it('timeout: a hung request', async () => {
      const quick = clientFor(emu, { retry: { timeoutMs: 150, maxAttempts: 1 } });
      await quick.verify();
      emu.faults.hangNext({ path: '/v1/environments' });
      await expectKind(collect(listEnvironments(quick)), 'timeout', /did not answer within 0\.2 s|did not answer within 0\.1 s/);
      await quick.close();
    });

    it('network: nothing listening', async () => {
      const dead = clientFor(emu, { connection: { authBaseUrl: 'http://127.0.0.1:9', apiBaseUrl: 'http://127.0.0.1:9/v1' } });
      const e = await expectKind(dead.verify(), 'network', /could not reach 127\.0\.0\.1:9 \(ECONNREFUSED\)/);
      assert.equal(e.code, 'ECONNREFUSED');
      await dead.close();
    });

    it('cancelled: an aborted signal', async () => {
      const controller = new AbortController();
      controller.abort();
      await expectKind(collect(listEnvironments(client, { signal: controller.signal })), 'cancelled');
    });

    it('refused: an absolute URL on another origin', async () => {
      await expectKind(
        client.call({ method: 'GET', url: 'https://evil.example.com/v1/environments', operation: 'list' }),
        'refused',
        /access token stays private/
      );
    });
  });
});

describe('roles a worker may hold', () => {
  it('leaves out the DaVinci roles PingOne refuses for workers, keeps the rest', () => {
    assert.equal(isRoleAssignableToWorker({ id: '1', name: 'DaVinci Admin' }), false);
    assert.equal(isRoleAssignableToWorker({ id: '2', name: 'DaVinci Admin Read Only' }), false);
    assert.equal(isRoleAssignableToWorker({ id: '3', name: 'Identity Data Admin' }), true);
  });
});
