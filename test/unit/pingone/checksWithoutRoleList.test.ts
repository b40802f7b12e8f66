/**
 * The checks before Create Worker App, Assign Role and Copy Client Secret
 * when PingOne's role list (`GET /roles`) cannot be read: each goes ahead
 * and says it could not check, and none hides a cancellation.
 */
import assert from 'node:assert/strict';
import { PingOneError, checkAssignRole, checkCopySecret, checkCreateWorkerApp } from '../../../src/pingone';
import type { Answer, SeenRequest } from './scriptedApi';
import { CLIENT, ENV, scriptedClient, scriptedServers } from './scriptedApi';

const REFUSED = { status: 403, body: { id: 'err-1', code: 'ACCESS_FAILED', message: 'The request could not be completed.' } };
const IDA_SPEC = { roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT' as const, scopeId: ENV };

describe('pingone: permission checks when the role list cannot be read', () => {
  const servers = scriptedServers();

  it('Assign Role goes ahead, unchecked, and says why', async () => {
    const api = await servers.start(() => REFUSED);
    const { client } = scriptedClient(api);
    const check = await checkAssignRole(client, ENV, { roleId: 'role-ida', ...IDA_SPEC });
    assert.deepEqual(check, {
      allowed: true,
      hidesSecret: false,
      checked: false,
      message: "Could not check what the connection's worker may assign (the PingOne role list could not be read); going ahead.",
    });
    assert.deepEqual(
      api.apiRequests().map((r) => r.url),
      ['/v1/roles'],
      'nothing else is read once the catalogue fails'
    );
    await client.close();
  });

  it('Create Worker App plans with an unknown actor that names the reason', async () => {
    const api = await servers.start(() => REFUSED);
    const { client } = scriptedClient(api);
    const plan = await checkCreateWorkerApp(client, { environmentId: ENV, roles: [IDA_SPEC] });
    assert.deepEqual(plan.actor, { known: false, held: [], unknownReason: 'the PingOne role list could not be read' });
    await client.close();
  });

  it('Copy Client Secret does not guess a refusal, but still knows a worker never reads its own secret', async () => {
    const api = await servers.start(() => REFUSED);
    const { client } = scriptedClient(api);
    assert.equal(await checkCopySecret(client, ENV, 'some-other-app'), undefined);
    assert.equal(
      await checkCopySecret(client, ENV, CLIENT),
      "The connection's worker cannot read its own secret (PingOne never lets a worker do that): use another connection to read it."
    );
    await client.close();
  });

  it('a cancelled check is a cancellation, not "could not check"', async () => {
    const api = await servers.start(() => REFUSED);
    const { client } = scriptedClient(api);
    const stop = new AbortController();
    stop.abort(new Error('closed'));
    for (const run of [
      () => checkAssignRole(client, ENV, { roleId: 'role-ida', ...IDA_SPEC }, { signal: stop.signal }),
      () => checkCreateWorkerApp(client, { environmentId: ENV, roles: [] }, { signal: stop.signal }),
      () => checkCopySecret(client, ENV, 'some-other-app', { signal: stop.signal }),
    ]) {
      await assert.rejects(run(), (e: unknown) => e instanceof PingOneError && e.kind === 'cancelled');
    }
    await client.close();
  });

  describe('when the role list is read but something else is not', () => {
    const IDA_ROLE = { id: 'role-ida', name: 'Identity Data Admin', applicableTo: ['ENVIRONMENT', 'ORGANIZATION'] };
    const ENV_ADMIN_ROLE = { id: 'role-env-admin', name: 'Environment Admin', applicableTo: ['ENVIRONMENT', 'ORGANIZATION'] };
    const actorAssignments = `/v1/environments/${ENV}/applications/${CLIENT}/roleAssignments`;
    const appAssignments = `/v1/environments/${ENV}/applications/other-app/roleAssignments`;
    /**
     * The role list and the connection's own worker read fine: the worker holds Identity Data Admin, which may
     * not read secrets, so a check that got this far would refuse; `app` answers the other app's roles.
     */
    const script = (app: () => Answer | Promise<Answer>) => (r: SeenRequest) => {
      if (r.url.startsWith('/v1/roles')) return { body: { _embedded: { roles: [IDA_ROLE] } } };
      if (r.url.startsWith(actorAssignments))
        return {
          body: { _embedded: { roleAssignments: [{ id: 'ra-0', role: { id: IDA_ROLE.id }, scope: { id: ENV, type: 'ENVIRONMENT' } }] } },
        };
      if (r.url.startsWith(appAssignments)) return app();
      return { status: 599, body: { message: `unscripted ${r.url}` } };
    };

    it('Assign Role of a role the list does not name goes ahead, unchecked, and says so without a reason', async () => {
      const api = await servers.start(script(() => ({ status: 599 })));
      const { client } = scriptedClient(api);
      const check = await checkAssignRole(client, ENV, {
        roleId: 'role-custom',
        roleName: 'Sync Custom',
        scopeType: 'ENVIRONMENT',
        scopeId: ENV,
      });
      assert.deepEqual(check, {
        allowed: true,
        hidesSecret: false,
        checked: false,
        message: "Could not check what the connection's worker may assign; going ahead.",
      });
      await client.close();
    });

    it('Assign Role of a role the worker holds there itself: allowed, checked, and nothing to warn about', async () => {
      const api = await servers.start((r) => {
        if (r.url.startsWith('/v1/roles')) return { body: { _embedded: { roles: [IDA_ROLE, ENV_ADMIN_ROLE] } } };
        // Environment Admin to assign it, and the role itself, so the app's secret stays readable.
        const held = [ENV_ADMIN_ROLE.id, IDA_ROLE.id].map((id) => ({
          id: `ra-${id}`,
          role: { id },
          scope: { id: ENV, type: 'ENVIRONMENT' },
        }));
        return r.url.startsWith(actorAssignments) ? { body: { _embedded: { roleAssignments: held } } } : { status: 599 };
      });
      const { client } = scriptedClient(api);
      const check = await checkAssignRole(client, ENV, {
        roleId: IDA_ROLE.id,
        roleName: IDA_ROLE.name,
        scopeType: 'ENVIRONMENT',
        scopeId: ENV,
      });
      assert.deepEqual(check, { allowed: true, hidesSecret: false, checked: true, message: undefined });
      await client.close();
    });

    it("Copy Client Secret guesses no refusal when the app's own roles cannot be read", async () => {
      const api = await servers.start(script(() => REFUSED));
      const { client } = scriptedClient(api);
      assert.equal(await checkCopySecret(client, ENV, 'other-app'), undefined);
      assert.ok(
        api.apiRequests().some((r) => r.url.startsWith(appAssignments)),
        "the app's roles were asked for"
      );
      // The same worker, the app's roles read: the refusal is known, and said.
      const readable = await servers.start(script(() => ({ body: { _embedded: { roleAssignments: [] } } })));
      const second = scriptedClient(readable).client;
      const said = await checkCopySecret(second, ENV, 'other-app');
      assert.match(said ?? 'no refusal', /^The connection's worker may not read/);
      await second.close();
      await client.close();
    });

    it('a cancel while the app\'s own roles are read is a cancellation, not "cannot check"', async () => {
      const stop = new AbortController();
      const api = await servers.start(
        script(() => {
          stop.abort(new Error('closed'));
          return 'hang';
        })
      );
      const { client } = scriptedClient(api);
      await assert.rejects(
        checkCopySecret(client, ENV, 'other-app', { signal: stop.signal }),
        (e: unknown) => e instanceof PingOneError && e.kind === 'cancelled'
      );
      await client.close();
    });
  });
});
