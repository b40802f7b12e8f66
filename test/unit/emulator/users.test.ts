import assert from 'node:assert/strict';
import { Api, assertError, envId, useEmulator, type Json } from './helpers';

describe('emulator: users and populations', () => {
  const ctx = useEmulator();
  let admin: Api;
  let staging: string;
  before(async () => {
    admin = await Api.admin(ctx.get());
    staging = envId(ctx.get(), 'Sync Staging');
  });
  const users = (query = '') => `/environments/${staging}/users${query}`;
  const byFilter = (filter: string) => users(`?filter=${encodeURIComponent(filter)}`);
  const names = (res: Json) => res.body._embedded.users.map((u: Json) => u.username);

  it('lists a few hundred users across pages', async () => {
    const first = await admin.get(users());
    assert.equal(first.status, 200);
    assert.ok(first.body.count >= 300);
    assert.equal(first.body.size, 100);
    assert.equal(first.body._embedded.users[0].username, 'user.0');
    const all = await admin.all(users('?limit=250'), 'users');
    assert.equal(all.length, first.body.count);
  });

  it('finds users by username eq, case-insensitively, several joined with or', async () => {
    assert.deepEqual(names(await admin.get(byFilter('username eq "ALICE@example.com"'))), ['alice@example.com']);
    assert.deepEqual(names(await admin.get(byFilter('username eq "bob.smith" or username eq "user.7" or username eq "nobody"'))), [
      'user.7',
      'Bob.Smith',
    ]);
    assert.deepEqual(names(await admin.get(byFilter('((username eq "José_Ünal-1"))'))), ['José_Ünal-1']);
    assert.equal((await admin.get(byFilter('username sw "user.29"'))).body.count, 11);
    assert.equal((await admin.get(byFilter('username eq "has \\"quote\\""'))).body.count, 0);
  });

  it('refuses unsupported user filters with 400 INVALID_FILTER', async () => {
    assert.equal(assertError(await admin.get(byFilter('name.family eq "x"')), 400, 'INVALID_DATA').details[0].code, 'INVALID_FILTER');
    assert.equal(assertError(await admin.get(byFilter('username co "x"')), 400, 'INVALID_DATA').details[0].code, 'INVALID_FILTER');
  });

  it('creates a user (201) and reads and deletes it', async () => {
    const res = await admin.post(users(), { username: 'new.person', email: 'new.person@example.com', name: { given: 'New' } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.username, 'new.person');
    assert.deepEqual(res.body.name, { given: 'New' });
    assert.ok(res.body.population.id);
    assert.equal((await admin.get(users(`/${res.body.id}`))).body.username, 'new.person');
    assert.equal((await admin.delete(users(`/${res.body.id}`))).status, 204);
    assertError(await admin.get(users(`/${res.body.id}`)), 404, 'NOT_FOUND');
  });

  it('refuses a username that clashes, also in another case', async () => {
    for (const username of ['alice@example.com', 'BOB.SMITH']) {
      const err = assertError(await admin.post(users(), { username }), 400, 'INVALID_DATA');
      assert.equal(err.details[0].code, 'UNIQUENESS_VIOLATION');
      assert.equal(err.details[0].target, 'username');
    }
    // Uniqueness is per environment: Production has its own alice, Sync Staging may get a new one.
    assert.equal((await admin.post(`/environments/${envId(ctx.get(), 'Production')}/users`, { username: 'user.0' })).status, 201);
  });

  it('applies the API username rules: required, 128 code points, allowed characters', async () => {
    assert.equal(assertError(await admin.post(users(), { email: 'x@example.com' }), 400, 'INVALID_DATA').details[0].code, 'REQUIRED_VALUE');
    assert.equal(assertError(await admin.post(users(), { username: '' }), 400, 'INVALID_DATA').details[0].code, 'REQUIRED_VALUE');
    assert.equal(
      assertError(await admin.post(users(), { username: 'a'.repeat(129) }), 400, 'INVALID_DATA').details[0].code,
      'SIZE_LIMIT_EXCEEDED'
    );
    assert.equal((await admin.post(users(), { username: 'b'.repeat(128) })).status, 201);
    assert.equal((await admin.post(users(), { username: '😀'.repeat(128) })).status, 201, '128 emoji = 128 code points');
    for (const bad of ['zw\u200Bj', 'tab\there', 'a\u2028b', '\uE000']) {
      const err = assertError(await admin.post(users(), { username: bad }), 400, 'INVALID_DATA');
      assert.equal(err.details[0].code, 'INVALID_VALUE');
      assert.ok(err.details[0].innerError.allowedPattern);
    }
    for (const good of ['José_Ünal-2', 'a b', '1234', '<script>', '\u00A0nbsp'])
      assert.equal((await admin.post(users(), { username: good })).status, 201, good);
  });

  it('checks population and email on create', async () => {
    assert.equal(
      assertError(
        await admin.post(users(), { username: 'p1', population: { id: '0f0f0f0f-0000-4000-8000-000000000000' } }),
        400,
        'INVALID_DATA'
      ).details[0].target,
      'population.id'
    );
    assert.equal(
      assertError(await admin.post(users(), { username: 'p2', email: 'not-an-email' }), 400, 'INVALID_DATA').details[0].target,
      'email'
    );
  });

  it('needs Identity Data roles: Environment Admin alone cannot read users; Read Only cannot create', async () => {
    const em = ctx.get();
    const envAdmin = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Environment Admin', scopeType: 'ENVIRONMENT', scopeId: staging }] }),
      em.environmentId
    );
    assertError(await envAdmin.get(users()), 403, 'ACCESS_FAILED');
    const reader = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT', scopeId: staging }] }),
      em.environmentId
    );
    assert.equal((await reader.get(byFilter('username eq "user.1"'))).body.count, 1);
    assertError(await reader.post(users(), { username: 'nope' }), 403, 'ACCESS_FAILED');
  });

  it('limits a population-scoped Identity Data Admin to its population', async () => {
    const em = ctx.get();
    const contractors = [...em.state.populations.values()].find((p) => p.environmentId === staging && p.name === 'Contractors')!;
    const api = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Identity Data Admin', scopeType: 'POPULATION', scopeId: contractors.id }] }),
      em.environmentId
    );
    const listed = await api.all(users('?limit=1000'), 'users');
    assert.equal(listed.length, 50);
    assert.ok(listed.every((u: Json) => u.population.id === contractors.id));
    const pops = await api.get(`/environments/${staging}/populations`);
    assert.deepEqual(
      pops.body._embedded.populations.map((p: Json) => p.name),
      ['Contractors']
    );
    assertError(await api.post(users(), { username: 'outsider' }), 403, 'ACCESS_FAILED');
    assert.equal((await api.post(users(), { username: 'insider', population: { id: contractors.id } })).status, 201);
  });

  it('lists, filters, reads and creates populations', async () => {
    const list = await admin.get(`/environments/${staging}/populations`);
    const pops = list.body._embedded.populations as Json[];
    assert.deepEqual(
      pops.map((p) => p.name),
      ['Default', 'Contractors', 'Partners']
    );
    assert.equal(pops[0].default, true);
    assert.ok(pops[1].userCount >= 50);
    const filtered = await admin.get(`/environments/${staging}/populations?filter=${encodeURIComponent('name sw "Part"')}`);
    assert.deepEqual(
      filtered.body._embedded.populations.map((p: Json) => p.name),
      ['Partners']
    );
    assert.equal((await admin.get(`/environments/${staging}/populations/${pops[2].id}`)).body.name, 'Partners');
    const created = await admin.post(`/environments/${staging}/populations`, { name: 'Vendors', description: 'Third parties' });
    assert.equal(created.status, 201);
    assert.equal(created.body.userCount, 0);
    assert.equal(
      assertError(await admin.post(`/environments/${staging}/populations`, { name: 'vendors' }), 400, 'INVALID_DATA').details[0].code,
      'UNIQUENESS_VIOLATION'
    );
    assert.equal(
      assertError(await admin.post(`/environments/${staging}/populations`, {}), 400, 'INVALID_DATA').details[0].code,
      'REQUIRED_VALUE'
    );
    assertError(await admin.get(`/environments/${staging}/populations/0f0f0f0f-0000-4000-8000-000000000000`), 404, 'NOT_FOUND');
  });
});
