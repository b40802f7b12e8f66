import assert from 'node:assert/strict';
import { startEmulator } from '../../../emulator/index';
import { largeAppCount } from '../../../emulator/seed';
import { Api, appId, envId, useEmulator, type Json } from './helpers';

describe('emulator: seeds', () => {
  const ctx = useEmulator();

  it('default: the admin worker holds org-wide and per-environment roles', () => {
    const em = ctx.get();
    const roles = em.state.assignmentsOf(em.clientId).map((a) => `${em.state.roles.get(a.roleId)!.name}@${a.scope.type}`);
    assert.ok(roles.includes('Organization Admin@ORGANIZATION'));
    assert.ok(roles.includes('Environment Admin@ORGANIZATION'));
    assert.equal(roles.filter((r) => r === 'Identity Data Admin@ENVIRONMENT').length, 3);
    assert.equal(roles.filter((r) => r === 'Client Application Developer@ENVIRONMENT').length, 3);
    assert.equal(em.state.applications.get(em.clientId)!.environmentId, em.environmentId);
    assert.equal(em.state.environments.get(em.environmentId)!.name, 'Administrators');
  });

  it('default: two restricted admin workers, Environment Admin at organization scope only and Client Application Developer only', async () => {
    const em = ctx.get();
    const rolesOf = (id: string) => em.state.assignmentsOf(id).map((a) => `${em.state.roles.get(a.roleId)!.name}@${a.scope.type}`);
    const [envAdmin, developer] = em.extraAdminWorkers;
    assert.deepEqual(rolesOf(envAdmin.clientId), ['Environment Admin@ORGANIZATION']);
    assert.deepEqual(rolesOf(developer.clientId), Array(3).fill('Client Application Developer@ENVIRONMENT'));
    assert.deepEqual(em.readyInfo().extraAdminWorkers, em.extraAdminWorkers);
    for (const w of em.extraAdminWorkers) {
      assert.equal(w.environmentId, em.environmentId);
      // Their credentials work for Add Connection.
      const api = await Api.forWorker(em, w, w.environmentId);
      assert.equal((await api.get('/environments')).status, 200);
    }
  });

  it('default: ready sync worker, half-configured legacy worker, environments and users', () => {
    const em = ctx.get();
    const sync = em.state.applications.get(appId(em, 'Sync Staging', 'PingDataSync Worker'))!;
    assert.deepEqual(
      [sync.body.enabled, sync.body.tokenEndpointAuthMethod, sync.body.grantTypes],
      [true, 'CLIENT_SECRET_POST', ['CLIENT_CREDENTIALS']]
    );
    assert.equal(em.state.assignmentsOf(sync.id).length, 1);
    const legacy = em.state.applications.get(appId(em, 'Sync Staging', 'Legacy Sync Worker'))!;
    assert.deepEqual([legacy.body.enabled, legacy.body.tokenEndpointAuthMethod], [false, 'CLIENT_SECRET_BASIC']);
    assert.equal(em.state.assignmentsOf(legacy.id).length, 0);
    assert.equal(em.state.environments.get(envId(em, 'Sync Staging'))!.type, 'SANDBOX');
    assert.equal(em.state.environments.get(envId(em, 'Production'))!.type, 'PRODUCTION');
    assert.ok(em.state.usersIn(envId(em, 'Sync Staging')).length >= 300);
  });

  it('default: the same seed gives the same environment and app IDs, but fresh secrets', async () => {
    const other = await startEmulator({ rateLimit: false });
    try {
      assert.equal(envId(other, 'Sync Staging'), envId(ctx.get(), 'Sync Staging'));
      assert.equal(other.clientId, ctx.get().clientId);
      assert.notEqual(other.clientSecret, ctx.get().clientSecret);
    } finally {
      await other.close();
    }
  });

  it('random option changes the IDs', async () => {
    let n = 0;
    const other = await startEmulator({ rateLimit: false, random: () => (n = (n * 9301 + 49297) % 233280) / 233280 });
    try {
      assert.notEqual(other.environmentId, ctx.get().environmentId);
    } finally {
      await other.close();
    }
  });

  it('empty: only Administrators with the admin worker', async () => {
    const em = await startEmulator({ seed: 'empty', rateLimit: false });
    try {
      const api = await Api.admin(em);
      assert.deepEqual(
        (await api.get('/environments')).body._embedded.environments.map((e: Json) => e.name),
        ['Administrators']
      );
    } finally {
      await em.close();
    }
  });

  it('large: starts fast with 500 environments and generates apps on demand', async () => {
    const started = Date.now();
    const em = await startEmulator({ seed: 'large', rateLimit: false });
    try {
      assert.ok(Date.now() - started < 2000, `started in ${Date.now() - started} ms`);
      const api = await Api.admin(em);
      const envs = await api.all('/environments?limit=500', 'environments');
      assert.equal(envs.length, 500);
      const target = envs[7];
      const apps = await api.get(`/environments/${target.id}/applications?limit=1`);
      assert.equal(apps.body.count, largeAppCount(7));
      assert.equal((await api.get(`/environments/${target.id}/users?limit=1`)).body.count, 20);
    } finally {
      await em.close();
    }
  });

  it('rejects an unknown seed', async () => {
    await assert.rejects(startEmulator({ seed: 'huge' as never }), /Unknown seed/);
  });
});
