/**
 * The checks before Create Worker App, Assign Role and Copy Client Secret
 * when PingOne's role list (`GET /roles`) cannot be read: each goes ahead
 * and says it could not check, and none hides a cancellation.
 */
import assert from 'node:assert/strict';
import { PingOneError, checkAssignRole, checkCopySecret, checkCreateWorkerApp } from '../../../src/pingone';
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
});
