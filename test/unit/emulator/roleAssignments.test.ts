import assert from 'node:assert/strict';
import { Api, appId, assertError, envId, useEmulator, type Json } from './helpers';

describe('emulator: application role assignments', () => {
  const ctx = useEmulator();
  let admin: Api;
  let staging: string;
  let worker: string;
  let ida: string;
  before(async () => {
    const em = ctx.get();
    admin = await Api.admin(em);
    staging = envId(em, 'Sync Staging');
    const created = await admin.post(`/environments/${staging}/applications`, {
      name: 'Assignments Target',
      type: 'WORKER',
      protocol: 'OPENID_CONNECT',
      grantTypes: ['CLIENT_CREDENTIALS'],
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
      enabled: true,
      assignActorRoles: false,
    });
    worker = created.body.id;
    ida = em.findRoleByName('Identity Data Admin')!.id;
  });
  const path = () => `/environments/${staging}/applications/${worker}/roleAssignments`;
  const assign = (api: Api, roleId: string, type: string, id: string) => api.post(path(), { role: { id: roleId }, scope: { id, type } });

  it('assigns Identity Data Admin at environment scope (201) and lists and reads it', async () => {
    const res = await assign(admin, ida, 'ENVIRONMENT', staging);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.role, { id: ida });
    assert.deepEqual(res.body.scope, { id: staging, type: 'ENVIRONMENT' });
    assert.equal(res.body.environment.id, staging);
    assert.equal(res.body.readOnly, false);
    const list = await admin.get(path());
    assert.deepEqual(
      list.body._embedded.roleAssignments.map((a: Json) => a.id),
      [res.body.id]
    );
    assert.equal((await admin.get(`${path()}/${res.body.id}`)).body.role.id, ida);
  });

  it('refuses a duplicate with 400 INVALID_DATA / UNIQUENESS_VIOLATION', async () => {
    const err = assertError(await assign(admin, ida, 'ENVIRONMENT', staging), 400, 'INVALID_DATA');
    assert.deepEqual(err.details[0], { code: 'UNIQUENESS_VIOLATION', target: 'role', message: 'May not assign duplicate Role' });
  });

  it('accepts the same role at organization scope next to an environment one, but not the reverse', async () => {
    const envAdmin = ctx.get().findRoleByName('Environment Admin')!.id;
    assert.equal((await assign(admin, envAdmin, 'ENVIRONMENT', staging)).status, 201);
    assert.equal((await assign(admin, envAdmin, 'ORGANIZATION', ctx.get().state.organization.id)).status, 201);
    const err = assertError(await assign(admin, envAdmin, 'ENVIRONMENT', envId(ctx.get(), 'Production')), 400, 'INVALID_DATA');
    assert.equal(err.details[0].code, 'UNIQUENESS_VIOLATION', 'organization scope already covers Production');
  });

  it('refuses incompatible role and scope with a detail on target scope', async () => {
    const em = ctx.get();
    for (const [type, id] of [
      ['ORGANIZATION', em.state.organization.id],
      ['APPLICATION', worker],
    ]) {
      const err = assertError(await assign(admin, ida, type, id), 400, 'INVALID_DATA');
      assert.equal(err.details[0].target, 'scope');
      assert.match(err.details[0].message, /Incompatible role and scope/);
    }
  });

  it('accepts Identity Data Admin at population scope, unless the environment scope already covers it', async () => {
    const em = ctx.get();
    const population = [...em.state.populations.values()].find((p) => p.environmentId === staging && p.name === 'Contractors')!;
    const err = assertError(await assign(admin, ida, 'POPULATION', population.id), 400, 'INVALID_DATA');
    assert.equal(err.details[0].code, 'UNIQUENESS_VIOLATION');
    const other = em.addWorker(em.environmentId);
    const res = await admin.post(`/environments/${em.environmentId}/applications/${other.clientId}/roleAssignments`, {
      role: { id: ida },
      scope: { id: population.id, type: 'POPULATION' },
    });
    assert.equal(res.status, 201);
  });

  it('accepts Application Owner at environment scope (as PingOne does)', async () => {
    const owner = ctx.get().findRoleByName('Application Owner')!.id;
    assert.equal((await assign(admin, owner, 'ENVIRONMENT', staging)).status, 201);
  });

  it('follows the Can Assign table: Environment Admin alone may assign Identity Data Admin; Client Application Developer nothing', async () => {
    const em = ctx.get();
    const [envAdminOnly, developerOnly] = em.extraAdminWorkers;
    const target = em.addWorker(staging, { name: 'Can Assign Target' });
    const assignTo = (api: Api, roleName: string) =>
      api.post(`/environments/${staging}/applications/${target.clientId}/roleAssignments`, {
        role: { id: em.findRoleByName(roleName)!.id },
        scope: { id: staging, type: 'ENVIRONMENT' },
      });
    const developer = await Api.forWorker(em, developerOnly, em.environmentId);
    assertError(await assignTo(developer, 'Identity Data Admin'), 403, 'ACCESS_FAILED');
    const envAdmin = await Api.forWorker(em, envAdminOnly, em.environmentId);
    assert.equal((await assignTo(envAdmin, 'Identity Data Admin')).status, 201);
    assert.equal((await assignTo(envAdmin, 'Client Application Developer')).status, 201);
    const org = await envAdmin.post(`/environments/${staging}/applications/${target.clientId}/roleAssignments`, {
      role: { id: em.findRoleByName('Organization Admin')!.id },
      scope: { id: em.state.organization.id, type: 'ORGANIZATION' },
    });
    assertError(org, 403, 'ACCESS_FAILED');
  });

  it('refuses a malformed body, an unknown role, an unknown scope and a DaVinci role', async () => {
    const em = ctx.get();
    assertError(await admin.post(path(), { role: { id: ida } }), 400, 'INVALID_DATA');
    assertError(await admin.post(path(), { role: { id: ida }, scope: { id: staging, type: 'GALAXY' } }), 400, 'INVALID_DATA');
    assert.equal(
      assertError(await assign(admin, '7e7e7e7e-0000-4000-8000-000000000000', 'ENVIRONMENT', staging), 400, 'INVALID_DATA').details[0]
        .target,
      'role'
    );
    assert.equal(
      assertError(
        await assign(admin, em.findRoleByName('Identity Data Read Only')!.id, 'ENVIRONMENT', '7e7e7e7e-0000-4000-8000-000000000000'),
        400,
        'INVALID_DATA'
      ).details[0].target,
      'scope'
    );
    assert.equal(
      assertError(await assign(admin, em.findRoleByName('DaVinci Admin')!.id, 'ENVIRONMENT', staging), 400, 'INVALID_DATA').details[0]
        .target,
      'role'
    );
  });

  it('refuses role assignments on non-worker apps', async () => {
    const portal = appId(ctx.get(), 'Sync Staging', 'Customer Portal');
    const res = await admin.post(`/environments/${staging}/applications/${portal}/roleAssignments`, {
      role: { id: ida },
      scope: { id: staging, type: 'ENVIRONMENT' },
    });
    assertError(res, 400, 'INVALID_REQUEST');
  });

  it('answers 403 "Must have role at the same or broader scope" to an assigner without that role', async () => {
    const em = ctx.get();
    const idaOnly = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: staging }] }),
      em.environmentId
    );
    const prod = envId(em, 'Production');
    for (const res of [
      await assign(idaOnly, em.findRoleByName('Client Application Developer')!.id, 'ENVIRONMENT', staging),
      await assign(idaOnly, em.findRoleByName('Identity Data Read Only')!.id, 'ENVIRONMENT', prod),
    ]) {
      const err = assertError(res, 403, 'ACCESS_FAILED');
      assert.match(err.details[0].message, /^Must have role at the same or broader scope/);
    }
    // Identity Data Admin may grant Identity Data Read Only where it holds Identity Data Admin.
    assert.equal((await assign(idaOnly, em.findRoleByName('Identity Data Read Only')!.id, 'ENVIRONMENT', staging)).status, 201);
  });

  it('answers 403 INSUFFICIENT_PERMISSIONS to a caller that cannot manage assignments', async () => {
    const em = ctx.get();
    const dev = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Client Application Developer', scopeType: 'ENVIRONMENT', scopeId: staging }] }),
      em.environmentId
    );
    const err = assertError(
      await assign(dev, em.findRoleByName('Client Application Developer')!.id, 'ENVIRONMENT', staging),
      403,
      'ACCESS_FAILED'
    );
    assert.equal(err.details[0].code, 'INSUFFICIENT_PERMISSIONS');
    const norole = await Api.forWorker(em, em.addWorker(em.environmentId), em.environmentId);
    assertError(await norole.get(path()), 403, 'ACCESS_FAILED');
  });

  it('marks assignments the caller does not cover as readOnly and refuses to delete them', async () => {
    const em = ctx.get();
    const idaOnly = await Api.forWorker(
      em,
      em.addWorker(em.environmentId, { roles: [{ roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: staging }] }),
      em.environmentId
    );
    const list = (await idaOnly.get(path())).body._embedded.roleAssignments as Json[];
    const envAdminAssignment = list.find((a) => a.role.id === em.findRoleByName('Environment Admin')!.id);
    const idaAssignment = list.find((a) => a.role.id === ida && a.scope.type === 'ENVIRONMENT');
    assert.equal(envAdminAssignment.readOnly, true);
    assert.equal(idaAssignment.readOnly, false);
    const err = assertError(await idaOnly.delete(`${path()}/${envAdminAssignment.id}`), 403, 'ACCESS_FAILED');
    assert.match(err.details[0].message, /read only/);
  });

  it('deletes an assignment (204), then 404', async () => {
    const list = (await admin.get(path())).body._embedded.roleAssignments as Json[];
    const target = list[0];
    assert.equal((await admin.delete(`${path()}/${target.id}`)).status, 204);
    assertError(await admin.get(`${path()}/${target.id}`), 404, 'NOT_FOUND');
    assertError(await admin.delete(`${path()}/${target.id}`), 404, 'NOT_FOUND');
  });

  it('makes a new assignment authorize the worker right away', async () => {
    const em = ctx.get();
    const fresh = em.addWorker(em.environmentId);
    const api = await Api.forWorker(em, fresh, em.environmentId);
    assertError(await api.get(`/environments/${staging}/users?limit=1`), 403, 'ACCESS_FAILED');
    const res = await admin.post(`/environments/${em.environmentId}/applications/${fresh.clientId}/roleAssignments`, {
      role: { id: ida },
      scope: { id: staging, type: 'ENVIRONMENT' },
    });
    assert.equal(res.status, 201);
    assert.equal((await api.get(`/environments/${staging}/users?limit=1`)).status, 200);
  });
});
