import assert from 'node:assert/strict';
import type { CreateWorkerAppProgress, CreateWorkerAppResumeState } from '../../../src/pingone';
import {
  IDENTITY_DATA_ADMIN,
  MAX_ICON_BYTES,
  PingOneError,
  WorkflowError,
  applyConfigureForSync,
  checkSyncReadiness,
  createWorkerApp,
  detectImageFormat,
  findRoleByName,
  getApplication,
  listApplicationRoleAssignments,
  parseGracePeriod,
  planConfigureForSync,
  readApplicationSecret,
  rotateSecret,
  validateIcon,
} from '../../../src/pingone';
import type { Emulator } from './helpers';
import { PNG_BYTES, appIdByName, clientFor, envIdByName, requestCounter, startTestEmulator } from './helpers';

const appsNamed = (emu: Emulator, env: string, name: string) =>
  [...emu.state.applications.values()].filter((a) => a.environmentId === env && a.body.name === name);

describe('pingone: worker-app workflows', () => {
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

  describe('icon validation', () => {
    it('accepts PNG, JPEG and GIF by content', () => {
      assert.equal(detectImageFormat(PNG_BYTES), 'png');
      assert.equal(detectImageFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0])), 'jpg');
      assert.equal(detectImageFormat(Buffer.from('GIF89a....')), 'gif');
      const ok = validateIcon({ bytes: PNG_BYTES, fileName: '/home/me/logo.PNG' });
      assert.deepEqual(ok.ok && [ok.format, ok.contentType, ok.fileName], ['png', 'image/png', 'logo.PNG']);
      const jpegNamedPng = validateIcon({ bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]), fileName: 'photo.png' });
      assert.ok(jpegNamedPng.ok && jpegNamedPng.format === 'jpg' && /really a JPEG/.test(jpegNamedPng.note ?? ''));
    });

    it('refuses other extensions, fake images, empty and too-large files with clear messages', () => {
      const wrongExt = validateIcon({ bytes: PNG_BYTES, fileName: 'logo.svg' });
      assert.ok(!wrongExt.ok && wrongExt.reason === 'extension' && /not a JPG, JPEG, GIF or PNG/.test(wrongExt.message));
      const fake = validateIcon({ bytes: Buffer.from('hello, not an image'), fileName: 'logo.png' });
      assert.ok(!fake.ok && fake.reason === 'content' && /named \.png but its content is not/.test(fake.message));
      const empty = validateIcon({ bytes: Buffer.alloc(0), fileName: 'a.gif' });
      assert.ok(!empty.ok && empty.reason === 'empty');
      const big = Buffer.concat([PNG_BYTES, Buffer.alloc(MAX_ICON_BYTES)]);
      const tooBig = validateIcon({ bytes: big, fileName: 'big.png' });
      assert.ok(!tooBig.ok && tooBig.reason === 'too-large' && /at most 1 MB/.test(tooBig.message));
      assert.ok(
        validateIcon({ bytes: Buffer.concat([PNG_BYTES, Buffer.alloc(MAX_ICON_BYTES - PNG_BYTES.length)]), fileName: 'edge.png' }).ok,
        'exactly 1 MB is fine'
      );
    });
  });

  describe('createWorkerApp', () => {
    it('normal path: minimal API calls, exact body, roles, secret', async () => {
      const fresh = clientFor(emu);
      const ida = (await findRoleByName(client, IDENTITY_DATA_ADMIN))!;
      const progress: CreateWorkerAppProgress[] = [];
      const counter = requestCounter(emu);
      const result = await createWorkerApp(
        fresh,
        {
          environmentId: staging,
          name: 'Sync Worker A',
          description: 'for PingDataSync',
          roles: [{ roleId: ida.id, scopeType: 'ENVIRONMENT', scopeId: staging }],
        },
        { onProgress: (p) => progress.push(p) }
      );
      const calls = counter.calls().map((c) => `${c.method} ${c.path.replace(staging, '{env}').replace(result.clientId, '{app}')}`);
      assert.deepEqual(
        calls,
        [
          `POST /${emu.environmentId}/as/token`,
          'POST /v1/environments/{env}/applications',
          'POST /v1/environments/{env}/applications/{app}/roleAssignments',
          'GET /v1/environments/{env}/applications/{app}/secret',
        ],
        'token + 3 API calls when the role ID is known'
      );
      assert.equal(result.clientId, result.app.id);
      assert.equal(result.environmentId, staging);
      assert.equal(result.clientSecret, (await readApplicationSecret(client, staging, result.clientId)).secret);
      const stored = emu.state.applications.get(result.clientId)!.body;
      assert.equal(stored.type, 'WORKER');
      assert.equal(stored.tokenEndpointAuthMethod, 'CLIENT_SECRET_POST');
      assert.deepEqual(stored.grantTypes, ['CLIENT_CREDENTIALS']);
      assert.equal(stored.enabled, true);
      assert.deepEqual(
        progress.map((p) => p.step),
        ['validate', 'resolve-roles', 'create-app', 'assign-roles', 'read-secret']
      );
      assert.deepEqual(
        (await listApplicationRoleAssignments(client, staging, result.clientId)).map((a) => a.role.id),
        [ida.id]
      );
      await fresh.close();
    });

    it('with an icon and a role by name: uploads the icon first and looks the role up once', async () => {
      const fresh = clientFor(emu);
      await fresh.verify();
      const counter = requestCounter(emu);
      const result = await createWorkerApp(fresh, {
        environmentId: staging,
        name: 'Sync Worker Icon',
        icon: { bytes: PNG_BYTES, fileName: 'logo.png' },
        roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT', scopeId: staging }],
      });
      assert.deepEqual(
        counter.calls().map((c) => `${c.method} ${c.path.split('/').pop()}`),
        ['GET roles', 'POST images', 'POST applications', 'POST roleAssignments', 'GET secret']
      );
      assert.ok(result.app.icon?.id && result.app.icon.href);
      await fresh.close();
    });

    it('refuses a fake icon or unknown role before creating anything', async () => {
      await assert.rejects(
        createWorkerApp(client, {
          environmentId: staging,
          name: 'Fake Icon',
          icon: { bytes: Buffer.from('text'), fileName: 'x.png' },
          roles: [],
        }),
        (e: unknown) => e instanceof WorkflowError && e.failedStep === 'validate' && /No application was created/.test(e.message)
      );
      await assert.rejects(
        createWorkerApp(client, {
          environmentId: staging,
          name: 'Bad Role',
          roles: [{ roleName: 'No Such Role', scopeType: 'ENVIRONMENT', scopeId: staging }],
        }),
        (e: unknown) => e instanceof WorkflowError && e.failedStep === 'resolve-roles'
      );
      await assert.rejects(
        createWorkerApp(client, {
          environmentId: staging,
          name: 'Bad Scope',
          roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'APPLICATION', scopeId: staging }],
        }),
        (e: unknown) => e instanceof WorkflowError && /cannot be assigned at application scope/.test(e.message)
      );
      assert.equal(
        appsNamed(emu, staging, 'Fake Icon').length +
          appsNamed(emu, staging, 'Bad Role').length +
          appsNamed(emu, staging, 'Bad Scope').length,
        0
      );
    });

    it('role assignment fails mid-create → says what exists → Resume finishes on the same app', async () => {
      const input = {
        environmentId: staging,
        name: 'Resumable Worker',
        roles: [
          { roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging },
          { roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT' as const, scopeId: staging },
        ],
      };
      emu.faults.failNext({ method: 'POST', path: '**/roleAssignments', status: 400, code: 'INVALID_DATA', message: 'Injected failure' });
      let state: CreateWorkerAppResumeState | undefined;
      await assert.rejects(createWorkerApp(client, input), (e: unknown) => {
        assert.ok(e instanceof WorkflowError);
        assert.equal(e.failedStep, 'assign-roles');
        assert.ok(e.cause instanceof PingOneError);
        assert.match(
          e.whatExists,
          /The worker app "Resumable Worker" exists in PingOne \(client ID [0-9a-f-]{36}\) with no roles yet; not yet assigned: Identity Data Admin at environment scope, Identity Data Read Only at environment scope; its secret has not been read yet\. Resume finishes the remaining steps on this same app\./
        );
        state = JSON.parse(JSON.stringify(e.resumeState)) as CreateWorkerAppResumeState;
        return true;
      });
      assert.ok(state?.appId);
      assert.ok(!JSON.stringify(state).includes(emu.clientSecret));
      const counter = requestCounter(emu);
      const result = await createWorkerApp(client, input, {}, state);
      assert.equal(result.clientId, state!.appId);
      assert.equal(appsNamed(emu, staging, 'Resumable Worker').length, 1, 'exactly one app');
      assert.equal(counter.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/applications')).length, 0);
      assert.equal((await listApplicationRoleAssignments(client, staging, result.clientId)).length, 2);
    });

    it('resume skips a role assignment that already exists', async () => {
      const input = {
        environmentId: staging,
        name: 'Half Assigned',
        roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging }],
      };
      emu.faults.failNext({ method: 'GET', path: '**/secret', status: 500, count: 10 });
      let state: CreateWorkerAppResumeState | undefined;
      await assert.rejects(createWorkerApp(client, input), (e: unknown) => {
        assert.ok(e instanceof WorkflowError && e.failedStep === 'read-secret');
        assert.match(e.whatExists, /with Identity Data Admin at environment scope; its secret has not been read yet/);
        state = e.resumeState as CreateWorkerAppResumeState;
        return true;
      });
      emu.faults.clear();
      const counter = requestCounter(emu);
      await createWorkerApp(client, input, {}, state);
      assert.deepEqual(
        counter.calls().map((c) => `${c.method} ${c.path.split('/').pop()}`),
        ['GET secret']
      );
      assert.equal(appsNamed(emu, staging, 'Half Assigned').length, 1);
    });

    it('create outcome unknown → resume looks for the app and never makes a second one', async () => {
      const input = { environmentId: staging, name: 'Unknown Outcome', roles: [] };
      // The emulator's reset fires before handling, so nothing is created, but the client cannot know that.
      emu.faults.resetNext({ method: 'POST', path: '**/applications' });
      let state: CreateWorkerAppResumeState | undefined;
      await assert.rejects(createWorkerApp(client, input), (e: unknown) => {
        assert.ok(e instanceof WorkflowError && e.failedStep === 'create-app');
        assert.match(e.whatExists, /did not confirm whether the app "Unknown Outcome" was created.*never makes a second one/);
        state = e.resumeState as CreateWorkerAppResumeState;
        return true;
      });
      assert.ok(state?.createStartedAt);
      // Not listed, so Resume cannot tell "not created" from "not listed yet": it creates nothing.
      await assert.rejects(
        createWorkerApp(client, input, {}, state),
        (e: unknown) => e instanceof WorkflowError && /Create Anyway/.test(e.whatExists)
      );
      assert.equal(appsNamed(emu, staging, 'Unknown Outcome').length, 0);
      // The user checked PingOne and says Create Anyway: exactly one app.
      const result = await createWorkerApp(client, input, { createAnyway: true }, state);
      assert.equal(appsNamed(emu, staging, 'Unknown Outcome').length, 1);
      // And resuming again (e.g. a double click) adopts the same app.
      const again = await createWorkerApp(client, input, {}, { ...state!, completedSteps: state!.completedSteps });
      assert.equal(again.clientId, result.clientId);
      assert.equal(appsNamed(emu, staging, 'Unknown Outcome').length, 1);
    });

    it('cancellation mid-workflow reports what exists', async () => {
      const controller = new AbortController();
      emu.faults.failNext({ method: 'POST', path: '**/roleAssignments', status: 503, count: 1 });
      emu.faults.hangNext({ method: 'GET', path: '**/roleAssignments' });
      setTimeout(() => controller.abort(), 300);
      await assert.rejects(
        createWorkerApp(
          client,
          {
            environmentId: staging,
            name: 'Cancelled Worker',
            roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT', scopeId: staging }],
          },
          { signal: controller.signal }
        ),
        (e: unknown) => e instanceof WorkflowError && e.cancelled && /"Cancelled Worker" exists/.test(e.whatExists)
      );
    });
  });

  describe('configure for sync and readiness', () => {
    it('plans the changes for the half-configured Legacy Sync Worker', async () => {
      const legacyId = appIdByName(emu, staging, 'Legacy Sync Worker');
      const app = await getApplication(client, staging, legacyId);
      const ida = (await findRoleByName(client, IDENTITY_DATA_ADMIN))!;
      const plan = planConfigureForSync(app, await listApplicationRoleAssignments(client, staging, legacyId), ida);
      assert.deepEqual(
        plan.changes.map((c) => c.id),
        ['set-client-secret-post', 'enable-app', 'assign-identity-data-admin']
      );
      assert.match(plan.changes[0].description, /from CLIENT_SECRET_BASIC to CLIENT_SECRET_POST/);
      assert.equal(plan.environmentId, staging);
    });

    it('readiness before, configure (keeping unknown fields), readiness after', async () => {
      const legacyId = appIdByName(emu, staging, 'Legacy Sync Worker');
      const before = await checkSyncReadiness(client, staging, legacyId);
      assert.equal(before.ready, false);
      const failing = Object.fromEntries(before.checks.map((c) => [c.id, c.passed ? 'pass' : c.fixId]));
      assert.deepEqual(failing, {
        'worker-type': 'pass',
        enabled: 'enable-app',
        'client-credentials': 'pass',
        'client-secret-post': 'set-client-secret-post',
        'identity-data-admin': 'assign-identity-data-admin',
        'secret-readable': 'pass',
      });

      const original = await getApplication(client, staging, legacyId);
      const result = await applyConfigureForSync(client, { environmentId: staging, applicationId: legacyId });
      assert.equal(result.plan.changes.length, 3);
      const after = await getApplication(client, staging, legacyId);
      for (const field of [
        'description',
        'hiddenFromAppPortal',
        'accessControl',
        'supportUnsignedRequestObject',
        'syncToolkitNotes',
        'grantTypes',
        'name',
        'type',
        'protocol',
      ]) {
        assert.deepEqual(after[field], original[field], `${field} kept`);
      }
      assert.equal(after.enabled, true);
      assert.equal(after.tokenEndpointAuthMethod, 'CLIENT_SECRET_POST');

      const ready = await checkSyncReadiness(client, staging, legacyId);
      assert.equal(ready.ready, true, JSON.stringify(ready.checks.filter((c) => !c.passed)));
      const again = await applyConfigureForSync(client, { environmentId: staging, applicationId: legacyId });
      assert.deepEqual(again.plan.changes, [], 'idempotent');
    });

    it('adds the Client Credentials grant keeping the other grants', async () => {
      const worker = emu.addWorker(staging, { name: 'Grantless Worker', grantTypes: ['AUTHORIZATION_CODE'] });
      const before = await checkSyncReadiness(client, staging, worker.clientId);
      assert.equal(before.checks.find((c) => c.id === 'client-credentials')?.fixId, 'add-client-credentials-grant');
      await applyConfigureForSync(client, { environmentId: staging, applicationId: worker.clientId });
      const after = await getApplication(client, staging, worker.clientId);
      assert.deepEqual(after.grantTypes, ['AUTHORIZATION_CODE', 'CLIENT_CREDENTIALS']);
    });

    it("readiness flags non-workers and an unreadable secret (the connection's own worker)", async () => {
      const portal = appIdByName(emu, staging, 'Customer Portal');
      const report = await checkSyncReadiness(client, staging, portal);
      assert.equal(report.checks.find((c) => c.id === 'worker-type')?.fixId, 'create-worker-app');
      const own = await checkSyncReadiness(client, emu.environmentId, emu.clientId);
      assert.equal(own.checks.find((c) => c.id === 'secret-readable')?.fixId, 'use-another-connection');
    });

    it('refuses to configure a SAML app', async () => {
      const saml = appIdByName(emu, staging, 'HR SAML Connector');
      await assert.rejects(applyConfigureForSync(client, { environmentId: staging, applicationId: saml }), /only OpenID Connect apps/);
    });
  });

  describe('rotate secret', () => {
    it('parses and validates grace periods (1 minute to 30 days)', () => {
      assert.deepEqual(parseGracePeriod(''), { ms: undefined });
      assert.deepEqual(parseGracePeriod('30m'), { ms: 1_800_000 });
      assert.deepEqual(parseGracePeriod('1d 12h'), { ms: 129_600_000 });
      assert.deepEqual(parseGracePeriod('30d'), { ms: 2_592_000_000 });
      assert.match((parseGracePeriod('31d') as { error: string }).error, /at most 30 days/);
      assert.match((parseGracePeriod('0.5m') as { error: string }).error, /at least 1 minute/);
      assert.match((parseGracePeriod('soon') as { error: string }).error, /such as 30m/);
    });

    it('rotates with a grace period: the previous secret keeps working until then', async () => {
      const worker = emu.addWorker(staging, { name: 'Rotate Me' });
      const result = await rotateSecret(client, staging, worker.clientId, { gracePeriodMs: 2 * 3600_000 });
      assert.notEqual(result.secret, worker.clientSecret);
      const secret = await readApplicationSecret(client, staging, worker.clientId);
      assert.equal(secret.previous?.secret, worker.clientSecret);
      assert.ok(Math.abs(Date.parse(secret.previous!.expiresAt!) - result.previousExpiresAt!.getTime()) < 1000);
      await assert.rejects(
        rotateSecret(client, staging, worker.clientId, { gracePeriodMs: 1000 }),
        (e: unknown) => e instanceof PingOneError && e.kind === 'invalid-request'
      );
      // Exactly 1 minute or 30 days on our clock would arrive just outside PingOne's bounds: the margin keeps them inside.
      for (const gracePeriodMs of [60_000, 30 * 86_400_000]) {
        const edge = await rotateSecret(client, staging, worker.clientId, { gracePeriodMs });
        assert.ok(edge.previousExpiresAt);
      }
      const noGrace = await rotateSecret(client, staging, worker.clientId);
      assert.equal(noGrace.previousExpiresAt, undefined);
      assert.equal((await readApplicationSecret(client, staging, worker.clientId)).previous, undefined);
    });
  });
});
