import assert from 'node:assert/strict';
import { startEmulator } from '../../../emulator/index';
import { Api, appId, assertError, envId, useEmulator, type Json } from './helpers';

const WORKER = {
  name: 'New Sync Worker',
  type: 'WORKER',
  protocol: 'OPENID_CONNECT',
  grantTypes: ['CLIENT_CREDENTIALS'],
  tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
};

describe('emulator: applications', () => {
  const ctx = useEmulator();
  let admin: Api;
  let staging: string;
  before(async () => {
    admin = await Api.admin(ctx.get());
    staging = envId(ctx.get(), 'Sync Staging');
  });
  const apps = () => `/environments/${staging}/applications`;

  it('lists all of Sync Staging in one page, as PingOne does, whatever limit is sent', async () => {
    const first = await admin.get(apps());
    assert.equal(first.status, 200);
    assert.equal(first.body.size, 131);
    assert.equal(first.body.count, 131);
    assert.equal(first.body._links.next, undefined);
    const limited = await admin.get(`${apps()}?limit=10`);
    assert.equal(limited.body._embedded.applications.length, 131, 'an undeclared limit is ignored');
    assert.equal(limited.body._links.next, undefined);
    const all = first.body._embedded.applications as Json[];
    assert.equal(new Set(all.map((a: Json) => a.id)).size, all.length);
    const types = new Set(all.map((a: Json) => a.type));
    for (const t of ['WEB_APP', 'SINGLE_PAGE_APP', 'NATIVE_APP', 'WORKER']) assert.ok(types.has(t), t);
    assert.ok(!all.some((a: Json) => a.type === 'PINGFEDERATE_SSO'), 'the hidden system app is never returned');
  });

  it('exposes the seeded half-configured worker with its optional and unknown fields', async () => {
    const res = await admin.get(`${apps()}/${appId(ctx.get(), 'Sync Staging', 'Legacy Sync Worker')}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.enabled, false);
    assert.equal(res.body.tokenEndpointAuthMethod, 'CLIENT_SECRET_BASIC');
    assert.deepEqual(res.body.syncToolkitNotes, { owner: 'iam-team', ticket: 'IAM-1234' });
    assert.equal(res.body.environment.id, staging);
    assert.ok(res.body._links.secret.href.endsWith('/secret'));
  });

  it('creates a worker: 201, enabled defaults to false, id is the client id', async () => {
    const res = await admin.post(apps(), { ...WORKER, assignActorRoles: false });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.enabled, false);
    assert.equal(res.body.type, 'WORKER');
    assert.match(res.body.id, /^[0-9a-f-]{36}$/);
    assert.ok(res.body.createdAt);
    assert.equal(res.body.assignActorRoles, undefined);
    assert.equal(res.body.pkceEnforcement, 'OPTIONAL', "Terraform's default for every OIDC app");
    const roles = await admin.get(`${apps()}/${res.body.id}/roleAssignments`);
    assert.equal(roles.body._embedded.roleAssignments.length, 0);
  });

  it("copies the caller's roles to a new worker unless assignActorRoles is false", async () => {
    const em = ctx.get();
    const res = await admin.post(apps(), { ...WORKER, name: 'Inheriting Worker', enabled: true });
    assert.equal(res.status, 201);
    const copied = await admin.get(`${apps()}/${res.body.id}/roleAssignments`);
    const adminRoles = em.state
      .assignmentsOf(em.clientId)
      .map((a) => `${a.roleId}/${a.scope.id}`)
      .sort();
    assert.deepEqual(copied.body._embedded.roleAssignments.map((a: Json) => `${a.role.id}/${a.scope.id}`).sort(), adminRoles);
  });

  it('validates create bodies with PingOne error details', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...WORKER, name: undefined }, 'name', 'REQUIRED_VALUE'],
      [{ ...WORKER, name: '   ' }, 'name', 'INVALID_VALUE'],
      [{ ...WORKER, name: 'x'.repeat(257) }, 'name', 'SIZE_LIMIT_EXCEEDED'],
      [{ ...WORKER, type: undefined }, 'type', 'REQUIRED_VALUE'],
      [{ ...WORKER, type: 'ROBOT' }, 'type', 'INVALID_VALUE'],
      [{ ...WORKER, protocol: 'SAML' }, 'protocol', 'INVALID_VALUE'],
      [{ ...WORKER, tokenEndpointAuthMethod: undefined }, 'tokenEndpointAuthMethod', 'REQUIRED_VALUE'],
      [{ ...WORKER, tokenEndpointAuthMethod: 'PRIVATE_KEY_JWT' }, 'jwks', 'REQUIRED_VALUE'],
      [{ ...WORKER, grantTypes: [] }, 'grantTypes', 'INVALID_VALUE'],
      [{ ...WORKER, grantTypes: ['MAGIC'] }, 'grantTypes', 'INVALID_VALUE'],
      [{ ...WORKER, enabled: 'yes' }, 'enabled', 'INVALID_VALUE'],
      [{ ...WORKER, icon: { id: 'x' } }, 'icon', 'INVALID_VALUE'],
      [{ ...WORKER, assignActorRoles: 'no' }, 'assignActorRoles', 'INVALID_VALUE'],
      [
        { name: 'SAML', enabled: true, type: 'WEB_APP', protocol: 'SAML', spEntityId: 'urn:x', acsUrls: ['https://x.example/acs'] },
        'assertionDuration',
        'REQUIRED_VALUE',
      ],
    ];
    for (const [body, target, code] of cases) {
      const err = assertError(await admin.post(apps(), body), 400, 'INVALID_DATA');
      assert.ok(
        err.details.some((d: Json) => d.target === target && d.code === code),
        `${target}/${code}: ${JSON.stringify(err)}`
      );
    }
  });

  it('refuses bodies that are not JSON objects', async () => {
    assertError(await admin.request('POST', apps(), undefined, {}), 400, 'INVALID_REQUEST');
    const notJson = await admin.request('POST', apps(), Buffer.from('{"name":'), { 'content-type': 'application/json' });
    assertError(notJson, 400, 'INVALID_REQUEST');
    const text = await admin.request('POST', apps(), Buffer.from('name=x'), { 'content-type': 'text/plain' });
    assertError(text, 415, 'INVALID_REQUEST');
  });

  it('PUT replaces the whole app: omitted fields cleared, unknown kept, read-only ignored', async () => {
    const em = ctx.get();
    const legacy = appId(em, 'Sync Staging', 'Legacy Sync Worker');
    const before = (await admin.get(`${apps()}/${legacy}`)).body;
    const { description: _omitted, ...rest } = before;
    const body = {
      ...rest,
      enabled: true,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
      id: 'ignored',
      createdAt: '1999-01-01T00:00:00Z',
      extraClientField: 42,
    };
    const res = await admin.put(`${apps()}/${legacy}`, body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.id, legacy);
    assert.equal(res.body.createdAt, before.createdAt);
    assert.equal(res.body.enabled, true);
    assert.equal(res.body.tokenEndpointAuthMethod, 'CLIENT_SECRET_POST');
    assert.equal(res.body.description, undefined, 'omitted description is cleared');
    assert.deepEqual(res.body.syncToolkitNotes, before.syncToolkitNotes);
    assert.equal(res.body.hiddenFromAppPortal, true);
    assert.equal(res.body.extraClientField, 42);
    const reread = await admin.get(`${apps()}/${legacy}`);
    assert.equal(reread.body.description, undefined);
    assert.equal(reread.body.extraClientField, 42);
  });

  it('PUT requires enabled and refuses a change of type or protocol', async () => {
    const em = ctx.get();
    const id = appId(em, 'Sync Staging', 'Dashboard SPA');
    const current = (await admin.get(`${apps()}/${id}`)).body;
    const { enabled: _e, ...noEnabled } = current;
    assert.ok(
      assertError(await admin.put(`${apps()}/${id}`, noEnabled), 400, 'INVALID_DATA').details.some((d: Json) => d.target === 'enabled')
    );
    assert.ok(
      assertError(await admin.put(`${apps()}/${id}`, { ...current, type: 'NATIVE_APP' }), 400, 'INVALID_DATA').details.some(
        (d: Json) => d.target === 'type'
      )
    );
  });

  it('ignores assignActorRoles on PUT', async () => {
    const created = await admin.post(apps(), { ...WORKER, name: 'Put Worker', assignActorRoles: false });
    const res = await admin.put(`${apps()}/${created.body.id}`, { ...WORKER, name: 'Put Worker', enabled: true, assignActorRoles: true });
    assert.equal(res.status, 200);
    assert.equal((await admin.get(`${apps()}/${created.body.id}/roleAssignments`)).body._embedded.roleAssignments.length, 0);
  });

  it('deletes an app (204), after which it is 404', async () => {
    const created = await admin.post(apps(), { ...WORKER, name: 'Short-lived', assignActorRoles: false });
    assert.equal((await admin.delete(`${apps()}/${created.body.id}`)).status, 204);
    assertError(await admin.get(`${apps()}/${created.body.id}`), 404, 'NOT_FOUND');
    assertError(await admin.delete(`${apps()}/${created.body.id}`), 404, 'NOT_FOUND');
    assertError(await admin.put(`${apps()}/${created.body.id}`, { ...WORKER, enabled: true }), 404, 'NOT_FOUND');
  });

  it('answers 404 for an app of another environment and 400 for a filter', async () => {
    const em = ctx.get();
    const prodWorker = appId(em, 'Production', 'Production Sync Worker');
    assertError(await admin.get(`${apps()}/${prodWorker}`), 404, 'NOT_FOUND');
    assert.equal(
      assertError(await admin.get(`${apps()}?filter=${encodeURIComponent('type eq "WORKER"')}`), 400, 'INVALID_DATA').details[0].code,
      'INVALID_FILTER'
    );
  });

  it('lets a Client Application Developer manage apps but not an Identity Data Admin', async () => {
    const em = ctx.get();
    const dev = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Client Application Developer', scopeType: 'ENVIRONMENT', scopeId: staging }] }),
      em.environmentId
    );
    const created = await dev.post(apps(), { ...WORKER, name: 'Dev Worker', assignActorRoles: false });
    assert.equal(created.status, 201);
    const ida = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: staging }] }),
      em.environmentId
    );
    const denied = assertError(await ida.get(apps()), 403, 'ACCESS_FAILED');
    assert.equal(denied.details[0].code, 'INSUFFICIENT_PERMISSIONS');
    assertError(await ida.post(apps(), WORKER), 403, 'ACCESS_FAILED');
    assertError(await dev.get(`/environments/${envId(em, 'Production')}/applications`), 403, 'ACCESS_FAILED');
  });

  it('shows an Application Owner only its own application', async () => {
    const em = ctx.get();
    const portal = appId(em, 'Sync Staging', 'Customer Portal');
    const owner = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Application Owner', scopeType: 'APPLICATION', scopeId: portal }] }),
      em.environmentId
    );
    const list = await owner.get(apps());
    assert.deepEqual(
      list.body._embedded.applications.map((a: Json) => a.id),
      [portal]
    );
    assertError(await owner.get(`${apps()}/${appId(em, 'Sync Staging', 'Dashboard SPA')}`), 403, 'ACCESS_FAILED');
  });

  it('enforces the 1000-applications limit', async () => {
    const em = await startEmulator({ seed: 'large', rateLimit: false });
    try {
      const api = await Api.admin(em);
      const full = envId(em, 'Benchmark Full');
      const res = await api.get(`/environments/${full}/applications?limit=1`);
      assert.equal(res.body.count, 1000);
      const err = assertError(await api.post(`/environments/${full}/applications`, WORKER), 400, 'INVALID_DATA');
      assert.equal(err.details[0].code, 'SIZE_LIMIT_EXCEEDED');
    } finally {
      await em.close();
    }
  });
});
