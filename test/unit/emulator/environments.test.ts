import assert from 'node:assert/strict';
import { Api, assertError, envId, useEmulator, type Json } from './helpers';

describe('emulator: environments', () => {
  const ctx = useEmulator();
  let admin: Api;
  before(async () => {
    admin = await Api.admin(ctx.get());
  });

  it('lists the environments of the organization for an Organization Admin', async () => {
    const res = await admin.get('/environments');
    assert.equal(res.status, 200);
    const names = res.body._embedded.environments.map((e: Json) => e.name);
    assert.deepEqual(names, ['Administrators', 'Sync Staging', 'Production']);
    assert.equal(res.body.count, 3);
    assert.equal(res.body.size, 3);
    const staging = res.body._embedded.environments[1];
    assert.equal(staging.type, 'SANDBOX');
    assert.equal(staging.region, 'NA');
    assert.equal(staging.organization.id, ctx.get().state.organization.id);
    assert.equal(res.body._links.self.href, `${ctx.get().apiBaseUrl}/environments`);
  });

  it('lists only environments a restricted worker holds a role in', async () => {
    const em = ctx.get();
    const staging = envId(em, 'Sync Staging');
    const worker = em.addWorker(em.environmentId, {
      roles: [{ roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: staging }],
    });
    const api = await Api.forWorker(em, worker, em.environmentId);
    const res = await api.get('/environments');
    assert.deepEqual(
      res.body._embedded.environments.map((e: Json) => e.name),
      ['Sync Staging']
    );
    assertError(await api.get(`/environments/${envId(em, 'Production')}`), 403, 'ACCESS_FAILED');
  });

  it('filters with SCIM name sw and id eq (joined with and/or)', async () => {
    const em = ctx.get();
    const sw = await admin.get(`/environments?filter=${encodeURIComponent('name sw "sync"')}`);
    assert.deepEqual(
      sw.body._embedded.environments.map((e: Json) => e.name),
      ['Sync Staging']
    );
    const prod = envId(em, 'Production');
    const or = await admin.get(`/environments?filter=${encodeURIComponent(`id eq "${prod}" or name sw "Admin"`)}`);
    assert.deepEqual(
      or.body._embedded.environments.map((e: Json) => e.name),
      ['Administrators', 'Production']
    );
    const and = await admin.get(
      `/environments?filter=${encodeURIComponent(`(name sw "P") and organization.id eq "${em.state.organization.id}"`)}`
    );
    assert.deepEqual(
      and.body._embedded.environments.map((e: Json) => e.name),
      ['Production']
    );
  });

  it('refuses unsupported filter attributes and syntax with 400 INVALID_FILTER', async () => {
    for (const filter of ['type eq "SANDBOX"', 'name co "x"', 'name sw', '(name sw "x"']) {
      const body = assertError(await admin.get(`/environments?filter=${encodeURIComponent(filter)}`), 400, 'INVALID_DATA');
      assert.equal(body.details[0].code, 'INVALID_FILTER');
    }
  });

  it('pages with limit and follows next to the end', async () => {
    const first = await admin.get('/environments?limit=2');
    assert.equal(first.body.size, 2);
    assert.equal(first.body.count, 3);
    assert.equal(first.body.limit, 2);
    assert.ok(first.body._links.next.href.startsWith(ctx.get().apiBaseUrl));
    const second = await admin.get(first.body._links.next.href);
    assert.equal(second.body.size, 1);
    assert.equal(second.body._links.next, undefined);
    assert.ok(second.body._links.prev);
  });

  it('reads one environment, 404 for an unknown one', async () => {
    const em = ctx.get();
    const res = await admin.get(`/environments/${envId(em, 'Production')}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.name, 'Production');
    assert.equal(res.body.type, 'PRODUCTION');
    assertError(await admin.get('/environments/3b9f0d5e-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
  });

  it('answers 403 for sub-resources of an unknown environment', async () => {
    assertError(await admin.get('/environments/3b9f0d5e-0000-4000-8000-000000000000/applications'), 403, 'ACCESS_FAILED');
  });

  it('needs a bearer token (401 ACCESS_FAILED / INVALID_TOKEN)', async () => {
    const em = ctx.get();
    const none = await fetch(`${em.apiBaseUrl}/environments`, { signal: AbortSignal.timeout(5000) });
    assert.equal(none.status, 401);
    const body = (await none.json()) as Json;
    assert.equal(body.code, 'ACCESS_FAILED');
    assert.equal(body.details[0].code, 'INVALID_TOKEN');
    const bogus = new Api(em, 'not-a-token');
    assertError(await bogus.get('/environments'), 401, 'ACCESS_FAILED');
  });

  it('answers 405 for an unsupported method on a known path', async () => {
    const res = await admin.request('PATCH', '/environments');
    assertError(res, 405, 'METHOD_NOT_ALLOWED');
    assert.match(res.headers.get('allow') ?? '', /GET/);
  });
});
