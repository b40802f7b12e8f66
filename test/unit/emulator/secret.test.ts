import assert from 'node:assert/strict';
import { Api, appId, assertError, envId, tokenRequest, useEmulator } from './helpers';

describe('emulator: application secret', () => {
  const ctx = useEmulator();
  let admin: Api;
  let staging: string;
  let syncWorker: string;
  before(async () => {
    const em = ctx.get();
    admin = await Api.admin(em);
    staging = envId(em, 'Sync Staging');
    syncWorker = appId(em, 'Sync Staging', 'PingDataSync Worker');
  });
  const secretPath = (app = syncWorker) => `/environments/${staging}/applications/${app}/secret`;
  const canLogIn = async (secret: string) =>
    (await tokenRequest(ctx.get(), { grant_type: 'client_credentials', client_id: syncWorker, client_secret: secret }, { envId: staging }))
      .status === 200;

  it('reads the current secret, which works at the token endpoint', async () => {
    const res = await admin.get(secretPath());
    assert.equal(res.status, 200);
    assert.equal(typeof res.body.secret, 'string');
    assert.equal(res.body.environment.id, staging);
    assert.equal(res.body.previous, undefined);
    assert.ok(res.body._links.self.href.endsWith('/secret'));
    assert.ok(await canLogIn(res.body.secret));
  });

  it('rotates without a body: the old secret stops working at once', async () => {
    const old = (await admin.get(secretPath())).body.secret;
    const res = await admin.post(secretPath());
    assert.equal(res.status, 200);
    assert.notEqual(res.body.secret, old);
    assert.equal(res.body.previous, undefined);
    assert.equal(await canLogIn(old), false);
    assert.ok(await canLogIn(res.body.secret));
  });

  it('rotates keeping the previous secret until previous.expiresAt', async () => {
    const old = (await admin.get(secretPath())).body.secret;
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const res = await admin.post(secretPath(), { previous: { expiresAt } });
    assert.equal(res.status, 200);
    assert.equal(res.body.previous.secret, old);
    assert.equal(Date.parse(res.body.previous.expiresAt), Date.parse(expiresAt));
    assert.ok(await canLogIn(old), 'previous secret still valid');
    assert.ok(await canLogIn(res.body.secret));
    assert.equal((await admin.get(secretPath())).body.previous.secret, old);
  });

  it('deletes the previous secret (204), after which it no longer works', async () => {
    const before = (await admin.get(secretPath())).body;
    assert.ok(before.previous);
    assert.equal((await admin.delete(secretPath())).status, 204);
    assert.equal((await admin.get(secretPath())).body.previous, undefined);
    assert.equal(await canLogIn(before.previous.secret), false);
  });

  it('refuses previous.expiresAt outside 1 minute..30 days or not a date', async () => {
    // Exactly 1 minute or 30 days from the client's clock is already just outside when it arrives.
    for (const expiresAt of [new Date(Date.now() + 60_000 - 1).toISOString(), new Date(Date.now() + 30 * 86400_000 + 1000).toISOString()]) {
      const err = assertError(await admin.post(secretPath(), { previous: { expiresAt } }), 400, 'INVALID_DATA');
      assert.equal(err.details[0].code, 'OUT_OF_RANGE');
      assert.equal(err.details[0].target, 'previous.expiresAt');
      assert.deepEqual(err.details[0].innerError, { rangeMinimumValue: 60, rangeMaximumValue: 2_592_000 });
    }
    assert.equal(
      assertError(await admin.post(secretPath(), { previous: { expiresAt: 'tomorrow' } }), 400, 'INVALID_DATA').details[0].code,
      'INVALID_VALUE'
    );
  });

  it('does not let a worker read or rotate its own secret', async () => {
    const em = ctx.get();
    const adminSecret = `/environments/${em.environmentId}/applications/${em.clientId}/secret`;
    assertError(await admin.get(adminSecret), 403, 'ACCESS_FAILED');
    assertError(await admin.post(adminSecret), 403, 'ACCESS_FAILED');
  });

  it("needs a superset of the target's roles", async () => {
    const em = ctx.get();
    const devOnly = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Client Application Developer', scopeType: 'ENVIRONMENT', scopeId: staging }] }),
      em.environmentId
    );
    const denied = assertError(await devOnly.get(secretPath()), 403, 'ACCESS_FAILED');
    assert.deepEqual(denied.details[0], {
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'Actor does not have permissions to access worker application client secrets',
    });
    // A worker with no roles is readable by the same developer.
    assert.equal((await devOnly.get(secretPath(appId(em, 'Sync Staging', 'Legacy Sync Worker')))).status, 200);
    const devAndIda = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, {
        roles: [
          { roleName: 'Client Application Developer', scopeType: 'ENVIRONMENT', scopeId: staging },
          { roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: staging },
        ],
      }),
      em.environmentId
    );
    assert.equal((await devAndIda.get(secretPath())).status, 200);
  });

  it('refuses callers without secret permissions and apps without a secret', async () => {
    const em = ctx.get();
    const ida = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: staging }] }),
      em.environmentId
    );
    assertError(await ida.get(secretPath(appId(em, 'Sync Staging', 'Legacy Sync Worker'))), 403, 'ACCESS_FAILED');
    assertError(await admin.get(secretPath(appId(em, 'Sync Staging', 'HR SAML Connector'))), 400, 'INVALID_REQUEST');
    assertError(await admin.get(secretPath('5b1d1b0e-0000-4000-8000-000000000000')), 404, 'NOT_FOUND');
  });
});
