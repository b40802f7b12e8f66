import assert from 'node:assert/strict';
import type { Clock } from '../../../src/pingone';
import {
  PingOneError,
  backoffDelayMs,
  collect,
  createApplicationRoleAssignment,
  findRoleByName,
  createWorkerApplication,
  deleteApplication,
  getApplication,
  listEnvironments,
  parseRetryAfterSeconds,
  readApplicationSecret,
  systemClock,
  uploadImage,
} from '../../../src/pingone';
import type { Emulator } from './helpers';
import { PNG_BYTES, appIdByName, clientFor, envIdByName, requestCounter, startLossyForwarder, startTestEmulator } from './helpers';

/** Real time, but records every wait the client asks for. */
function recordingClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    now: () => Date.now(),
    sleep: (ms, signal) => {
      waits.push(ms);
      return systemClock.sleep(ms, signal);
    },
  };
}

const appsNamed = (emu: Emulator, env: string, name: string) =>
  [...emu.state.applications.values()].filter((a) => a.environmentId === env && a.body.name === name);

describe('pingone: retries, timeouts and cancellation', () => {
  let emu: Emulator;
  let staging: string;
  before(async () => {
    emu = await startTestEmulator();
    staging = envIdByName(emu, 'Sync Staging');
  });
  after(async () => {
    await emu.close();
  });
  afterEach(() => emu.faults.clear());

  it('computes backoff with jitter and reads Retry-After', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0 };
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, policy)),
      [50, 100, 200, 400, 500]
    );
    assert.equal(backoffDelayMs(1, { ...policy, random: () => 0.999 }), 100);
    assert.equal(parseRetryAfterSeconds('7', 0), 7);
    assert.equal(parseRetryAfterSeconds(new Date(10_000).toUTCString(), 4_000), 6);
    assert.equal(parseRetryAfterSeconds('soon', 0), undefined);
  });

  it('429: waits Retry-After (capped) and retries, even a POST', async () => {
    const clock = recordingClock();
    const client = clientFor(emu, { clock });
    await client.verify();
    emu.faults.failNext({ method: 'POST', path: '**/applications', status: 429, retryAfterSeconds: 5, count: 2 });
    const counter = requestCounter(emu);
    const started = Date.now();
    const app = await createWorkerApplication(client, staging, { name: 'Rate Limited Worker' });
    assert.ok(app.id);
    assert.deepEqual(clock.waits, [30, 30], 'Retry-After 5 s capped at maxRetryAfterMs');
    assert.ok(Date.now() - started < 1000);
    assert.deepEqual(
      counter.calls().map((c) => c.status),
      [429, 429, 201]
    );
    assert.equal(appsNamed(emu, staging, 'Rate Limited Worker').length, 1);
    await client.close();
  });

  it('5xx on an idempotent call: retried with exponential backoff', async () => {
    const clock = recordingClock();
    const client = clientFor(emu, { clock });
    await client.verify();
    emu.faults.failNext({ path: '/v1/environments', status: 503, count: 1 });
    emu.faults.failNext({ path: '/v1/environments', status: 500, count: 1 });
    emu.faults.failNext({ path: '/v1/environments', status: 504, count: 1 });
    const envs = await collect(listEnvironments(client));
    assert.equal(envs.length, 3);
    assert.deepEqual(clock.waits, [2, 3, 6], 'base 2 ms doubling, half jittered (random 0.5)');
    await client.close();
  });

  it('408 is retried too', async () => {
    const client = clientFor(emu);
    emu.faults.failNext({ path: '/v1/environments', status: 408 });
    assert.equal((await collect(listEnvironments(client))).length, 3);
    await client.close();
  });

  it('connection reset on an idempotent call: retried', async () => {
    const client = clientFor(emu);
    await client.verify();
    emu.faults.resetNext({ path: '/v1/environments' });
    const counter = requestCounter(emu);
    assert.equal((await collect(listEnvironments(client))).length, 3);
    assert.ok(counter.calls().filter((c) => c.path === '/v1/environments').length >= 1);
    await client.close();
  });

  it('5xx on a POST without a lookup: not repeated, and the message says the outcome is unknown', async () => {
    const client = clientFor(emu);
    await client.verify();
    emu.faults.failNext({ method: 'POST', path: '**/images', status: 500, count: 5 });
    const counter = requestCounter(emu);
    await assert.rejects(uploadImage(client, staging, { bytes: PNG_BYTES, fileName: 'i.png', format: 'png' }), (e: unknown) => {
      assert.ok(e instanceof PingOneError);
      assert.equal(e.kind, 'unavailable');
      assert.match(e.message, /may or may not have completed it/);
      return true;
    });
    assert.equal(counter.calls().filter((c) => c.method === 'POST').length, 1);
    await client.close();
  });

  it('create: response lost after PingOne made the app → finds it instead of POSTing again', async () => {
    let dropNext = true;
    const lossy = await startLossyForwarder(emu.baseUrl, (method, path) => {
      const hit = dropNext && method === 'POST' && path.endsWith('/applications');
      if (hit) dropNext = false;
      return hit;
    });
    const client = clientFor(emu, { connection: { authBaseUrl: lossy.baseUrl, apiBaseUrl: `${lossy.baseUrl}/v1` } });
    try {
      const counter = requestCounter(emu);
      const app = await createWorkerApplication(client, staging, { name: 'Ambiguous Worker' });
      assert.equal(lossy.dropped, 1);
      const created = appsNamed(emu, staging, 'Ambiguous Worker');
      assert.equal(created.length, 1, 'exactly one app');
      assert.equal(app.id, created[0].id);
      assert.equal(counter.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/applications')).length, 1);
    } finally {
      await client.close();
      await lossy.close();
    }
  });

  it('create: connection reset before PingOne handled it → looks, finds nothing, does not POST again', async () => {
    const client = clientFor(emu);
    await client.verify();
    emu.faults.resetNext({ method: 'POST', path: '**/applications' });
    const counter = requestCounter(emu);
    await assert.rejects(createWorkerApplication(client, staging, { name: 'Reset Worker' }), (e: unknown) => {
      assert.ok(e instanceof PingOneError);
      assert.equal(e.kind, 'network');
      assert.match(e.message, /Nothing was found in PingOne afterwards/);
      return true;
    });
    assert.equal(counter.calls().filter((c) => c.method === 'POST').length, 1);
    await client.close();
  });

  it('create: 503 with nothing created → looks, finds nothing, does not POST again', async () => {
    const client = clientFor(emu);
    await client.verify();
    emu.faults.failNext({ method: 'POST', path: '**/applications', status: 503, count: 5 });
    const counter = requestCounter(emu);
    await assert.rejects(createWorkerApplication(client, staging, { name: 'Never Made' }), (e: unknown) => {
      assert.ok(e instanceof PingOneError);
      assert.equal(e.kind, 'unavailable');
      assert.match(e.message, /Nothing was found in PingOne afterwards/);
      return true;
    });
    assert.equal(counter.calls().filter((c) => c.method === 'POST').length, 1);
    assert.equal(appsNamed(emu, staging, 'Never Made').length, 0);
    await client.close();
  });

  it('a DELETE whose answer was lost counts as done when the retry finds nothing', async () => {
    const client = clientFor(emu);
    const app = await createWorkerApplication(client, staging, { name: 'Delete Me' });
    emu.faults.resetNext({ method: 'DELETE', mode: 'midResponse' });
    await deleteApplication(client, staging, app.id);
    assert.equal(appsNamed(emu, staging, 'Delete Me').length, 0);
    await client.close();
  });

  it('propagation: a just-created app that 404s is retried for a bounded time', async () => {
    const client = clientFor(emu, { retry: { maxDelayMs: 50, propagationBaseDelayMs: 20 } });
    emu.faults.setConsistencyDelay({ newResourcesMs: 60 });
    const app = await createWorkerApplication(client, staging, { name: 'Slow To Appear' });
    await assert.rejects(getApplication(client, staging, app.id), (e: unknown) => e instanceof PingOneError && e.kind === 'not-found');
    const read = await getApplication(client, staging, app.id, { propagation: { notFound: true } });
    assert.equal(read.id, app.id);
    await client.close();
  });

  it('propagation: 403 "not authorized" right after a role change is retried', async () => {
    const client = clientFor(emu);
    const app = await createWorkerApplication(client, staging, { name: 'Secret Soon' });
    emu.faults.failNext({ path: '**/secret', status: 403, count: 2 });
    const secret = await readApplicationSecret(client, staging, app.id, { propagation: { notAuthorized: true } });
    assert.ok(secret.secret);
    await client.close();
  });

  it('propagation: the same 403 on an app this client did not just change fails at once', async () => {
    const client = clientFor(emu);
    const appId = appIdByName(emu, staging, 'PingDataSync Worker');
    emu.faults.failNext({ path: '**/secret', status: 403, count: 1 });
    const counter = requestCounter(emu);
    await assert.rejects(
      readApplicationSecret(client, staging, appId, { propagation: { notAuthorized: true } }),
      (e: unknown) => e instanceof PingOneError && e.kind === 'forbidden'
    );
    assert.equal(counter.calls().filter((c) => c.path.endsWith('/secret')).length, 1, 'no retry');
    await client.close();
  });

  it('propagation: a refusal that waiting cannot fix is not retried even right after our change', async () => {
    const client = clientFor(emu);
    const app = await createWorkerApplication(client, staging, { name: 'Hidden Secret' });
    emu.faults.failNext({
      path: '**/secret',
      status: 403,
      count: 5,
      details: [
        { code: 'INSUFFICIENT_PERMISSIONS', message: 'Actor does not have permissions to access worker application client secrets' },
      ],
    });
    const counter = requestCounter(emu);
    await assert.rejects(
      readApplicationSecret(client, staging, app.id, { propagation: { notAuthorized: true } }),
      /waiting will not change that/
    );
    assert.equal(counter.calls().filter((c) => c.path.endsWith('/secret')).length, 1);
    await client.close();
  });

  it('propagation: "same or broader scope" is retried only right after this client changed its own worker\'s roles', async () => {
    const client = clientFor(emu);
    const target = appIdByName(emu, staging, 'Reporting Reader Worker');
    const helpDesk = (await findRoleByName(client, 'Help Desk Admin'))!;
    const spec = { roleId: helpDesk.id, roleName: helpDesk.name, scopeType: 'ENVIRONMENT' as const, scopeId: staging };
    const scopeRefusal = {
      method: 'POST',
      path: /roleAssignments$/,
      status: 403,
      count: 1,
      details: [{ code: 'INSUFFICIENT_PERMISSIONS', message: 'Must have role at the same or broader scope to assign it' }],
    };
    emu.faults.failNext(scopeRefusal);
    await assert.rejects(
      createApplicationRoleAssignment(client, staging, target, spec),
      /may not assign that role there: only Environment Admin/
    );
    // Now this client grants its own worker a role: a scope refusal right after may be propagation.
    await createApplicationRoleAssignment(client, emu.environmentId, emu.clientId, { ...spec, scopeId: envIdByName(emu, 'Production') });
    emu.faults.failNext(scopeRefusal);
    const assigned = await createApplicationRoleAssignment(client, staging, target, spec);
    assert.equal(assigned.role.id, helpDesk.id);
    await client.close();
  });

  it('cancellation during backoff stops at once', async () => {
    const client = clientFor(emu, { retry: { baseDelayMs: 5_000, maxDelayMs: 5_000, maxAttempts: 5 } });
    await client.verify();
    emu.faults.failNext({ path: '/v1/environments', status: 503, count: 10 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await assert.rejects(
      collect(listEnvironments(client, { signal: controller.signal })),
      (e: unknown) => e instanceof PingOneError && e.kind === 'cancelled'
    );
    assert.ok(Date.now() - started < 1000);
    await client.close();
  });

  it('cancellation during a Retry-After wait stops at once', async () => {
    const client = clientFor(emu, { retry: { maxRetryAfterMs: 10_000 } });
    await client.verify();
    emu.faults.failNext({ path: '/v1/environments', status: 429, retryAfterSeconds: 10, count: 3 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await assert.rejects(
      collect(listEnvironments(client, { signal: controller.signal })),
      (e: unknown) => e instanceof PingOneError && e.kind === 'cancelled'
    );
    assert.ok(Date.now() - started < 1000);
    await client.close();
  });

  it('cancellation during a hung request stops at once', async () => {
    const client = clientFor(emu);
    await client.verify();
    emu.faults.hangNext({ path: '/v1/environments' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(
      collect(listEnvironments(client, { signal: controller.signal })),
      (e: unknown) => e instanceof PingOneError && e.kind === 'cancelled'
    );
    await client.close();
  });
});
