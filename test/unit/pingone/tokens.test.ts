import assert from 'node:assert/strict';
import type { Clock } from '../../../src/pingone';
import { PingOneError, collect, listEnvironments, listPopulations, systemClock } from '../../../src/pingone';
import type { Emulator } from './helpers';
import { RecordingLogger, clientFor, envIdByName, requestCounter, startTestEmulator } from './helpers';

const tokenCalls = (calls: Emulator['requestLog']) => calls.filter((c) => c.path.endsWith('/as/token'));

async function expectError(promise: Promise<unknown>, check: (e: PingOneError) => void): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof PingOneError, `expected PingOneError, got ${e}`);
    check(e);
    return true;
  });
}

describe('pingone: tokens', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startTestEmulator();
  });
  after(async () => {
    await emu.close();
  });
  afterEach(() => emu.faults.clear());

  it('reuses one token across calls', async () => {
    const client = clientFor(emu);
    const counter = requestCounter(emu);
    await collect(listEnvironments(client));
    await collect(listEnvironments(client));
    assert.equal(tokenCalls(counter.calls()).length, 1);
    await client.close();
  });

  it('concurrent callers share one token request', async () => {
    const client = clientFor(emu);
    emu.faults.setLatency(30);
    const counter = requestCounter(emu);
    await Promise.all(Array.from({ length: 8 }, () => collect(listEnvironments(client))));
    assert.equal(tokenCalls(counter.calls()).length, 1);
    await client.close();
  });

  it('refreshes the token shortly before it expires', async () => {
    let now = Date.now();
    const clock: Clock = { now: () => now, sleep: systemClock.sleep };
    const client = clientFor(emu, { clock });
    const counter = requestCounter(emu);
    await collect(listEnvironments(client));
    now += 3600_000 - 30_000; // inside the 60 s margin of a 1 h token
    await collect(listEnvironments(client));
    assert.equal(tokenCalls(counter.calls()).length, 2);
    await client.close();
  });

  it('on a 401 gets one fresh token and retries once', async () => {
    const client = clientFor(emu);
    const staging = envIdByName(emu, 'Sync Staging');
    await listPopulations(client, staging);
    emu.faults.expireAllTokens();
    const counter = requestCounter(emu);
    const pops = await listPopulations(client, staging);
    assert.ok(pops.length >= 3);
    const calls = counter.calls();
    assert.deepEqual(
      calls.map((c) => c.status),
      [401, 200, 200]
    );
    assert.equal(tokenCalls(calls).length, 1);
    await client.close();
  });

  it('a second 401 in a row becomes bad-credentials (no loop)', async () => {
    const client = clientFor(emu);
    emu.faults.failNext({ path: '/v1/environments', status: 401, count: 2 });
    await expectError(collect(listEnvironments(client)), (e) => {
      assert.equal(e.kind, 'bad-credentials');
      assert.equal(e.status, 401);
      assert.match(e.message, /PingOne error id [0-9a-f-]{36}/);
    });
    await client.close();
  });

  it('supports Client Secret Basic', async () => {
    const staging = envIdByName(emu, 'Sync Staging');
    const worker = emu.addWorker(staging, {
      tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
      roles: [{ roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT' }],
    });
    const client = clientFor(emu, {
      connection: { environmentId: staging, clientId: worker.clientId, tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC' },
      secret: worker.clientSecret,
    });
    const pops = await listPopulations(client, staging);
    assert.ok(pops.length > 0);
    await client.close();
  });

  describe('token endpoint errors', () => {
    const verify = (emuOverrides: Parameters<typeof clientFor>[1]) => {
      const client = clientFor(emu, emuOverrides);
      return client.verify().finally(() => client.close());
    };

    it('wrong secret → bad-credentials with a hint', async () => {
      await expectError(verify({ secret: 'wrong-secret-value' }), (e) => {
        assert.equal(e.kind, 'bad-credentials');
        assert.equal(e.code, 'invalid_client');
        assert.match(e.message, /Could not get an access token.*client secret/);
        assert.ok(!e.message.includes('wrong-secret-value'));
      });
    });

    it('unknown client → bad-credentials', async () => {
      await expectError(verify({ connection: { clientId: '00000000-0000-4000-8000-000000000000' } }), (e) =>
        assert.equal(e.kind, 'bad-credentials')
      );
    });

    it("wrong environment → bad-credentials mentioning the worker's environment", async () => {
      await expectError(verify({ connection: { environmentId: envIdByName(emu, 'Production') } }), (e) => {
        assert.equal(e.kind, 'bad-credentials');
        assert.match(e.message, /environment/);
      });
    });

    it('disabled app → bad-credentials saying it is disabled', async () => {
      const staging = envIdByName(emu, 'Sync Staging');
      const worker = emu.addWorker(staging, { enabled: false });
      await expectError(verify({ connection: { environmentId: staging, clientId: worker.clientId }, secret: worker.clientSecret }), (e) => {
        assert.equal(e.kind, 'bad-credentials');
        assert.match(e.message, /disabled/);
      });
    });

    it('wrong auth method → bad-credentials saying which method', async () => {
      const staging = envIdByName(emu, 'Sync Staging');
      const worker = emu.addWorker(staging, { tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC' });
      await expectError(verify({ connection: { environmentId: staging, clientId: worker.clientId }, secret: worker.clientSecret }), (e) => {
        assert.equal(e.kind, 'bad-credentials');
        assert.match(e.message, /does not accept CLIENT_SECRET_POST/);
      });
    });

    it('unauthorized_client → the app lacks the Client Credentials grant', async () => {
      const staging = envIdByName(emu, 'Sync Staging');
      const worker = emu.addWorker(staging, { grantTypes: ['AUTHORIZATION_CODE'] });
      await expectError(verify({ connection: { environmentId: staging, clientId: worker.clientId }, secret: worker.clientSecret }), (e) => {
        assert.equal(e.kind, 'bad-credentials');
        assert.equal(e.code, 'unauthorized_client');
        assert.match(e.message, /Client Credentials grant/);
      });
    });

    it('retries a 503 from the token endpoint, then succeeds', async () => {
      emu.faults.failNext({ path: '**/as/token', status: 503 });
      await verify({});
    });
  });

  it('never logs the secret or the token', async () => {
    const logger = new RecordingLogger();
    const client = clientFor(emu, { logger });
    emu.faults.failNext({ path: '/v1/environments', status: 503 });
    await collect(listEnvironments(client));
    await assert.rejects(clientFor(emu, { logger, secret: 'bad-secret-xyz' }).verify());
    const text = logger.text();
    assert.ok(logger.lines.length > 2);
    assert.ok(!text.includes(emu.clientSecret));
    assert.ok(!text.includes('bad-secret-xyz'));
    for (const token of emu.state.tokens.keys()) assert.ok(!text.includes(token));
    await client.close();
  });
});
