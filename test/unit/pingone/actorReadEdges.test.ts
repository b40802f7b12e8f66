/**
 * Reading what the connection's own worker may do (Application Role Assignments docs) when PingOne
 * answers oddly or the user cancels, and the scope rule for scopes that are neither organization
 * nor environment (Roles Management docs).
 */
import assert from 'node:assert/strict';
import type { RoleAssignment } from '../../../src/pingone';
import { findRecentlyCreatedApplication, heldRolesFrom, matchesAssignment, readActorPermissions, scopeCovers } from '../../../src/pingone';
import { CLIENT, ENV, failure, scriptedClient, scriptedServers } from './scriptedApi';

describe("pingone: reading the worker's own roles, edge cases", () => {
  const servers = scriptedServers();

  it('cancelling while the role assignments are read stops the read (it is not reported as "could not check")', async () => {
    const api = await servers.start(() => 'hang');
    const { client } = scriptedClient(api);
    const cancel = new AbortController();
    const reading = readActorPermissions(client, { signal: cancel.signal, catalogue: [] });
    while (api.apiRequests().length < 1) await new Promise((r) => setTimeout(r, 5));
    cancel.abort(new Error('user'));
    const e = await failure(reading);
    assert.equal(e.kind, 'cancelled');
    assert.equal(api.apiRequests()[0].url, `/v1/environments/${ENV}/applications/${CLIENT}/roleAssignments`);
    await client.close();
  });

  it('a failed read says what failed, in the words of the error', async () => {
    const api = await servers.start(() => ({ status: 400, body: { code: 'INVALID_DATA', message: 'odd request' } }));
    const { client } = scriptedClient(api);
    const actor = await readActorPermissions(client, { catalogue: [] });
    assert.equal(actor.known, false);
    assert.deepEqual(actor.held, []);
    assert.match(
      actor.unknownReason ?? '',
      new RegExp(`^reading the worker's own role assignments failed: Could not list the role assignments of application ${CLIENT}: `)
    );
    await client.close();
  });

  it('the lookup after a lost create answer passes on the cancel signal', async () => {
    const api = await servers.start(() => ({ body: { _embedded: { applications: [] } } }));
    const { client } = scriptedClient(api);
    const e = await failure(findRecentlyCreatedApplication(client, ENV, { name: 'W', type: 'WORKER' }, 0, AbortSignal.abort()));
    assert.equal(e.kind, 'cancelled');
    assert.equal(api.apiRequests().length, 0);
    await client.close();
  });

  it('an assignment PingOne returned without a role still counts, with no role known', () => {
    const odd = [{ id: 'x', scope: { type: 'ENVIRONMENT', id: ENV } } as unknown as RoleAssignment];
    assert.deepEqual(heldRolesFrom(odd, [{ id: 'r', name: 'Environment Admin' }]), [
      { roleId: undefined, roleName: undefined, scope: { type: 'ENVIRONMENT', id: ENV }, permissions: undefined },
    ]);
  });

  it('an assignment PingOne returned without a scope is kept with no scope, and matches nothing', () => {
    const odd = { id: 'y', role: { id: 'r' } } as unknown as RoleAssignment;
    assert.deepEqual(heldRolesFrom([odd], []), [
      { roleId: 'r', roleName: undefined, scope: { type: undefined, id: undefined }, permissions: undefined },
    ]);
    assert.equal(matchesAssignment(odd, { roleId: 'r', scopeType: 'ENVIRONMENT', scopeId: ENV }), false);
  });

  it('a population or application scope covers only itself', () => {
    assert.equal(scopeCovers({ type: 'POPULATION', id: 'p' }, { type: 'POPULATION', id: 'p' }), true);
    assert.equal(scopeCovers({ type: 'POPULATION', id: 'p' }, { type: 'POPULATION', id: 'q' }), false);
    assert.equal(scopeCovers({ type: 'APPLICATION', id: 'a' }, { type: 'ENVIRONMENT', id: 'a' }), false);
  });
});
