import assert from 'node:assert/strict';
import { startEmulator } from '../../../emulator/index';
import { Api, assertError, envId, useEmulator, type Json } from './helpers';

describe('emulator: roles', () => {
  const ctx = useEmulator();
  let admin: Api;
  before(async () => {
    admin = await Api.admin(ctx.get());
  });

  it('GET /roles lists the built-in roles with applicableTo and permissions', async () => {
    const res = await admin.get('/roles');
    assert.equal(res.status, 200);
    const roles = res.body._embedded.roles as Json[];
    const names = roles.map((r) => r.name);
    for (const n of [
      'Organization Admin',
      'Environment Admin',
      'Identity Data Admin',
      'Identity Data Read Only',
      'Client Application Developer',
    ])
      assert.ok(names.includes(n), n);
    assert.ok(!names.includes('Sync Auditor'), 'custom roles are not in /roles');
    const ida = roles.find((r) => r.name === 'Identity Data Admin');
    assert.deepEqual(ida.applicableTo, ['ENVIRONMENT', 'POPULATION']);
    assert.ok(ida.permissions.some((p: Json) => p.id === 'directory:read:user'));
    assert.ok(roles.every((r) => r.type === 'PLATFORM'));
  });

  it('reads one role; an unknown role is 404', async () => {
    const role = ctx.get().findRoleByName('Environment Admin')!;
    const res = await admin.get(`/roles/${role.id}`);
    assert.equal(res.body.name, 'Environment Admin');
    assert.deepEqual(res.body.applicableTo, ['ORGANIZATION', 'ENVIRONMENT']);
    assertError(await admin.get('/roles/1d1d1d1d-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
  });

  it('gives built-in roles different random IDs in every run', async () => {
    const other = await startEmulator({ rateLimit: false });
    try {
      const a = ctx.get().findRoleByName('Identity Data Admin')!.id;
      const b = other.findRoleByName('Identity Data Admin')!.id;
      assert.notEqual(a, b);
      assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      await other.close();
    }
  });

  it('lists environment roles (built-in and custom) with filter type eq', async () => {
    const staging = envId(ctx.get(), 'Sync Staging');
    const all = await admin.get(`/environments/${staging}/roles`);
    assert.ok(all.body._embedded.roles.some((r: Json) => r.name === 'Sync Auditor' && r.type === 'CUSTOM'));
    const custom = await admin.get(`/environments/${staging}/roles?filter=${encodeURIComponent('type eq "CUSTOM"')}`);
    assert.deepEqual(
      custom.body._embedded.roles.map((r: Json) => r.name),
      ['Sync Auditor']
    );
    const platform = await admin.get(`/environments/${staging}/roles?filter=${encodeURIComponent('type eq "PLATFORM"')}`);
    assert.ok(platform.body._embedded.roles.every((r: Json) => r.type === 'PLATFORM'));
    const auditor = custom.body._embedded.roles[0];
    assert.equal((await admin.get(`/environments/${staging}/roles/${auditor.id}`)).body.name, 'Sync Auditor');
    const prod = envId(ctx.get(), 'Production');
    assert.ok(!(await admin.get(`/environments/${prod}/roles`)).body._embedded.roles.some((r: Json) => r.type === 'CUSTOM'));
  });

  it('refuses /roles to a worker without any role', async () => {
    const em = ctx.get();
    const api = await Api.forWorker(em, em.addWorker(em.environmentId), em.environmentId);
    assertError(await api.get('/roles'), 403, 'ACCESS_FAILED');
    assert.equal((await api.get('/environments')).body._embedded.environments.length, 0);
  });
});
