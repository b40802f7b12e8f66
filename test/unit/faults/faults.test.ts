// Each fault a user of an identity tool must be able to trust us
// through, as one scenario against the real emulator: the operation recovers,
// or fails with a clear, specific message, and nothing is lost or duplicated.
import assert from 'node:assert/strict';
import {
  type CreateWorkerAppResumeState,
  IDENTITY_DATA_ADMIN,
  PingOneError,
  WorkflowError,
  collect,
  createWorkerApp,
  findRoleByName,
  getApplication,
  listApplicationRoleAssignments,
  listApplications,
  createApplicationRoleAssignment,
  fetchPage,
  createWorkerApplication,
  getEnvironment,
  readApplicationSecret,
} from '../../../src/pingone';
import { appsNamed } from '../../shared/emulatorQueries';
import {
  type Emulator,
  appIdByName,
  clientFor,
  envIdByName,
  requestCounter,
  startLossyForwarder,
  startTestEmulator,
} from '../pingone/helpers';

async function rejects(p: Promise<unknown>): Promise<PingOneError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof PingOneError, `expected a PingOneError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

/** Runs Create Worker App, then Resume, expecting both to stop with the create unconfirmed; returns the resume state. */
async function twiceUnconfirmed(
  client: ReturnType<typeof clientFor>,
  input: Parameters<typeof createWorkerApp>[1],
  message?: RegExp
): Promise<CreateWorkerAppResumeState> {
  let resume: CreateWorkerAppResumeState | undefined;
  for (let run = 0; run < 2; run++) {
    try {
      await createWorkerApp(client, input, {}, resume);
      assert.fail('expected the create to stop');
    } catch (e) {
      assert.ok(e instanceof WorkflowError, String(e));
      resume = (e as WorkflowError<CreateWorkerAppResumeState>).resumeState;
      assert.ok(resume.createStartedAt && !resume.appId, 'the create stays unconfirmed');
      if (message) assert.match((e as Error).message, message);
    }
  }
  return resume!;
}

describe('Fault scenarios against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let staging: string;

  beforeEach(async () => {
    emu = await startTestEmulator({ seed: 'default', pageSize: 20 });
    staging = envIdByName(emu, 'Sync Staging');
  });
  afterEach(async () => {
    await emu.close();
  });

  it('1. 429 with Retry-After during a paged list: waits, then lists every app exactly once', async () => {
    const client = clientFor(emu, { retry: { maxRetryAfterMs: 1_500 } });
    const expected = (await collect(listApplications(client, staging))).length;
    // The third page is rate limited once, with Retry-After: 1.
    emu.faults.failNext({ method: 'GET', path: /applications$/, status: 429, count: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    const apps = await collect(listApplications(client, staging));
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    assert.equal(apps.length, expected);
    assert.equal(new Set(apps.map((a) => a.id)).size, expected, 'no duplicates across pages');
    await client.close();
  });

  it('2a. a burst of 500s shorter than the retry budget: recovered', async () => {
    const client = clientFor(emu);
    emu.faults.failNext({ method: 'GET', path: `/environments/${staging}`, status: 500, count: 2, code: 'UNEXPECTED_ERROR' });
    const app = await getApplication(client, staging, appIdByName(emu, staging, 'Legacy Sync Worker'));
    assert.equal(app.name, 'Legacy Sync Worker');
    await client.close();
  });

  it('2b. a burst of 503s longer than the budget: a clear "unavailable" error with the operation, status and error id', async () => {
    const client = clientFor(emu, { retry: { maxAttempts: 3 } });
    emu.faults.failNext({ method: 'GET', path: '/environments', status: 503, count: 10 });
    const err = await rejects(collect(listApplications(client, staging)));
    assert.equal(err.kind, 'unavailable');
    assert.equal(err.status, 503);
    assert.ok(err.errorId, 'PingOne error id kept');
    assert.match(err.message, /list applications|applications/i);
    assert.ok(err.message.includes(err.errorId!), `message quotes the error id: ${err.message}`);
    await client.close();
  });

  it('3. a connection reset mid-response on a read: retried, same result', async () => {
    const client = clientFor(emu);
    const appId = appIdByName(emu, staging, 'Legacy Sync Worker');
    emu.faults.resetNext({ method: 'GET', path: `/applications/${appId}`, count: 1, mode: 'midResponse' });
    const app = await getApplication(client, staging, appId);
    assert.equal(app.id, appId);
    const gets = emu.requestLog.filter((r) => r.method === 'GET' && r.path.endsWith(`/applications/${appId}`));
    assert.equal(gets.length, 2, 'one reset attempt, one good attempt');
    await client.close();
  });

  it('4. a request that hangs past the timeout: a "timeout" error naming the operation, in bounded time', async () => {
    const client = clientFor(emu, { retry: { timeoutMs: 300, maxAttempts: 1 } });
    emu.faults.hangNext({ method: 'GET', path: '/environments', count: 5 });
    const started = Date.now();
    const err = await rejects(collect(listApplications(client, staging)));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /timed out|did not answer|timeout/i);
    assert.ok(Date.now() - started < 5_000);
    await client.close();
  });

  it('5. the token expires between pages: one new token, the list completes', async () => {
    const client = clientFor(emu);
    const pages = listApplications(client, staging)[Symbol.asyncIterator]();
    const seen = new Set<string>();
    let first = await pages.next();
    for (let i = 0; i < 20 && !first.done; i++) {
      seen.add(first.value.id);
      first = await pages.next();
    }
    const tokensBefore = emu.requestLog.filter((r) => r.path.endsWith('/as/token')).length;
    emu.faults.expireAllTokens();
    for (let r = first; !r.done; r = await pages.next()) seen.add(r.value.id);
    const expected = (await collect(listApplications(client, staging))).length;
    assert.equal(seen.size, expected);
    const tokensAfter = emu.requestLog.filter((r) => r.path.endsWith('/as/token')).length;
    assert.equal(tokensAfter - tokensBefore, 1, 'exactly one fresh token');
    await client.close();
  });

  it('6. a new app answers 404 for a while: the create flow waits it out and finishes', async () => {
    const client = clientFor(emu, { retry: { propagationBaseDelayMs: 100, maxPropagationRetries: 8, maxDelayMs: 400 } });
    emu.faults.setConsistencyDelay({ newResourcesMs: 600 });
    const result = await createWorkerApp(client, {
      environmentId: staging,
      name: 'Eventually Consistent',
      roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT', scopeId: staging }],
    });
    assert.equal(appsNamed(emu, staging, 'Eventually Consistent').length, 1);
    assert.equal(result.roleAssignments.length, 1);
    assert.ok(result.clientSecret.length > 0);
    await client.close();
  });

  it('7. a role assignment rejected while a just-created app propagates: retried until accepted, one assignment', async () => {
    const client = clientFor(emu, { retry: { propagationBaseDelayMs: 50, maxPropagationRetries: 6 } });
    // Only a refusal right after this client's own change can be propagation.
    const appId = (await createWorkerApplication(client, staging, { name: 'Propagating Worker' })).id;
    const role = await findRoleByName(client, IDENTITY_DATA_ADMIN);
    emu.faults.failNext({
      method: 'POST',
      path: /roleAssignments$/,
      status: 403,
      count: 2,
      code: 'ACCESS_FAILED',
      message: 'The actor attempting to perform the request is not authorized.',
    });
    await createApplicationRoleAssignment(
      client,
      staging,
      appId,
      { roleId: role!.id, scopeType: 'ENVIRONMENT', scopeId: staging },
      { propagation: { notAuthorized: true, scope: true } }
    );
    const assignments = await listApplicationRoleAssignments(client, staging, appId);
    assert.equal(assignments.filter((a) => a.role.id === role!.id).length, 1);
    await client.close();
  });

  it('8. a duplicate role assignment: accepted as already done, still exactly one', async () => {
    const client = clientFor(emu);
    const appId = appIdByName(emu, staging, 'Legacy Sync Worker');
    const role = await findRoleByName(client, IDENTITY_DATA_ADMIN);
    const spec = { roleId: role!.id, scopeType: 'ENVIRONMENT' as const, scopeId: staging };
    const first = await createApplicationRoleAssignment(client, staging, appId, spec);
    const second = await createApplicationRoleAssignment(client, staging, appId, spec);
    assert.equal(second.id, first.id);
    const assignments = await listApplicationRoleAssignments(client, staging, appId);
    assert.equal(assignments.length, 1);
    await client.close();
  });

  it('9. the network goes away during Create Worker App, then Resume: one app, every step done', async () => {
    // The answer to the create is lost after PingOne made the app, and the network stays down.
    const forwarder = await startLossyForwarder(emu.baseUrl, (method, path) => method === 'POST' && path.endsWith('/applications'));
    const client = clientFor(emu, {
      connection: { apiBaseUrl: `${forwarder.baseUrl}/v1`, authBaseUrl: forwarder.baseUrl },
      retry: { maxAttempts: 2, propagationBaseDelayMs: 20, maxPropagationRetries: 2 },
    });
    emu.faults.setConsistencyDelay({ newResourcesMs: 1_500 }); // the lookup right after the loss cannot see the app yet
    const input = {
      environmentId: staging,
      name: 'Sync Worker Net Loss',
      roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging }],
    };
    let resume: CreateWorkerAppResumeState | undefined;
    try {
      await createWorkerApp(client, input);
      assert.fail('the create should have failed');
    } catch (e) {
      assert.ok(e instanceof WorkflowError, String(e));
      resume = (e as WorkflowError<CreateWorkerAppResumeState>).resumeState;
      assert.match((e as Error).message, /Sync Worker Net Loss/);
    }
    assert.equal(forwarder.dropped, 1, 'the create reached PingOne once');
    assert.equal(appsNamed(emu, staging, 'Sync Worker Net Loss').length, 1);
    // Network back, but PingOne does not list the new app yet: Resume looks, finds nothing, and creates nothing.
    await forwarder.close();
    emu.faults.clear();
    const direct = clientFor(emu, { retry: { propagationBaseDelayMs: 20, maxPropagationRetries: 2 } });
    const posts = () => emu.requestLog.filter((r) => r.method === 'POST' && r.path.endsWith('/applications')).length;
    const postsBefore = posts();
    try {
      await createWorkerApp(direct, input, {}, resume);
      assert.fail('Resume should not finish before the app is listed');
    } catch (e) {
      assert.ok(e instanceof WorkflowError, String(e));
      assert.match((e as Error).message, /did not confirm whether the app "Sync Worker Net Loss" was created/);
      resume = (e as WorkflowError<CreateWorkerAppResumeState>).resumeState;
    }
    assert.equal(posts(), postsBefore, 'no second create was sent');
    assert.equal(appsNamed(emu, staging, 'Sync Worker Net Loss').length, 1);
    // Once PingOne lists it, Resume finds the app instead of creating another.
    await new Promise((r) => setTimeout(r, 1_600));
    const result = await createWorkerApp(direct, input, {}, resume);
    const apps = appsNamed(emu, staging, 'Sync Worker Net Loss');
    assert.equal(apps.length, 1, 'exactly one app after Resume');
    assert.equal(result.app.id, apps[0].id);
    assert.equal(result.roleAssignments.length, 1);
    await client.close();
    await direct.close();
  });

  it('9b. a create that never reached PingOne: Resume creates nothing until the user says Create Anyway, then exactly one app', async () => {
    const client = clientFor(emu, { retry: { maxAttempts: 2, propagationBaseDelayMs: 10, maxPropagationRetries: 1 } });
    // The connection drops before PingOne handles the create: nothing is made, but the client cannot know.
    emu.faults.resetNext({ method: 'POST', path: /applications$/, count: 1, mode: 'immediate' });
    const input = {
      environmentId: staging,
      name: 'Never Created',
      roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging }],
    };
    const resume = await twiceUnconfirmed(client, input);
    assert.equal(appsNamed(emu, staging, 'Never Created').length, 0);
    const result = await createWorkerApp(client, input, { createAnyway: true }, resume);
    assert.equal(appsNamed(emu, staging, 'Never Created').length, 1);
    assert.equal(result.roleAssignments.length, 1);
    await client.close();
  });

  it('10. the user cancels mid-create: a "cancelled" outcome that says what exists, and Resume finishes it', async () => {
    const client = clientFor(emu);
    const controller = new AbortController();
    const input = {
      environmentId: staging,
      name: 'Cancelled Worker',
      roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging }],
    };
    emu.faults.setLatency(150);
    let resume: CreateWorkerAppResumeState | undefined;
    try {
      await createWorkerApp(client, input, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.step === 'assign-roles') controller.abort();
        },
      });
      assert.fail('the create should have been cancelled');
    } catch (e) {
      assert.ok(e instanceof WorkflowError, String(e));
      resume = (e as WorkflowError<CreateWorkerAppResumeState>).resumeState;
      assert.match((e as Error).message, /Cancelled Worker/);
      assert.ok(resume.appId, 'the app made before the cancel is recorded');
    }
    emu.faults.clear();
    const counter = requestCounter(emu);
    await createWorkerApp(client, input, {}, resume);
    assert.equal(appsNamed(emu, staging, 'Cancelled Worker').length, 1);
    assert.ok(!counter.calls().some((c) => c.method === 'POST' && c.path.endsWith('/applications')), 'Resume created no app');
    await client.close();
  });

  it('11. a next link to another origin is refused before anything is sent there', async () => {
    const other = await startTestEmulator({ seed: 'empty' });
    const client = clientFor(emu);
    // A next link (as a hostile or broken server could hand out) on another origin.
    const err = await rejects(
      fetchPage(client, { pathOrUrl: `${other.apiBaseUrl}/environments`, embeddedKey: 'environments', operation: 'list environments' })
    );
    assert.equal(err.kind, 'refused');
    assert.equal(other.requestLog.length, 0, 'the other origin received nothing');
    await other.close();
    await client.close();
  });

  const posts = () => emu.requestLog.filter((r) => r.method === 'POST' && r.path.endsWith('/applications')).length;

  for (const answer of ['empty', 'notJson', 'wrongShape'] as const) {
    it(`12. a create answered 2xx with ${answer} body: the app is looked up, not created again; exactly one`, async () => {
      const client = clientFor(emu, { retry: { propagationBaseDelayMs: 20 } });
      emu.faults.oddAnswerNext({ method: 'POST', path: /applications$/, answer });
      const name = `Odd Create ${answer}`;
      const result = await createWorkerApp(client, {
        environmentId: staging,
        name,
        roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT', scopeId: staging }],
      });
      const apps = appsNamed(emu, staging, name);
      assert.equal(apps.length, 1);
      assert.equal(result.app.id, apps[0].id);
      assert.equal(result.roleAssignments.length, 1);
      assert.equal(posts(), 1, 'one POST');
      await client.close();
    });
  }

  it('13. an odd 2xx on a create while PingOne does not list the app yet: uncertain; Resume looks and never POSTs again', async () => {
    const client = clientFor(emu, { retry: { propagationBaseDelayMs: 20, maxPropagationRetries: 1 } });
    // Long enough that both runs below end before PingOne lists the app, even on a busy machine.
    const unlistedMs = 5_000;
    const createdBy = Date.now() + unlistedMs;
    emu.faults.setConsistencyDelay({ newResourcesMs: unlistedMs });
    emu.faults.oddAnswerNext({ method: 'POST', path: /applications$/, answer: 'empty', status: 201 });
    const input = {
      environmentId: staging,
      name: 'Odd Unlisted',
      roles: [{ roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging }],
    };
    const resume = await twiceUnconfirmed(client, input, /did not confirm whether the app "Odd Unlisted" was created/);
    assert.equal(posts(), 1, 'Resume sent no second create');
    await new Promise((r) => setTimeout(r, Math.max(0, createdBy - Date.now()) + 200));
    const result = await createWorkerApp(client, input, {}, resume);
    assert.equal(appsNamed(emu, staging, 'Odd Unlisted').length, 1);
    assert.equal(result.app.id, appsNamed(emu, staging, 'Odd Unlisted')[0].id);
    assert.equal(posts(), 1);
    await client.close();
  });

  it('14. a secret read answered 200 with an empty body: a clear error naming the endpoint, not undefined', async () => {
    const client = clientFor(emu);
    const appId = appIdByName(emu, staging, 'PingDataSync Worker');
    emu.faults.oddAnswerNext({ method: 'GET', path: /\/secret$/, answer: 'empty', status: 200 });
    const err = await rejects(readApplicationSecret(client, staging, appId));
    assert.equal(err.kind, 'bad-response');
    assert.ok(err.message.includes(`GET /v1/environments/${staging}/applications/${appId}/secret`), err.message);
    assert.match(err.message, /empty body where a JSON object with a string "secret" was expected/);
    await client.close();
  });

  const oddPages = [
    { answer: 'wrongShape', says: /GET \/v1\/environments\/[^ ]+\/applications answered 200 with JSON of another shape/ },
    { answer: 'notJson', says: /answered 200 with a body that is not JSON/ },
    { answer: 'oversized', says: /answered 200 with a body larger than 16 MiB/ },
  ] as const;
  for (const { answer, says } of oddPages) {
    it(`15. a list page answered with ${answer}: a clear error naming the endpoint, no item silently lost`, async () => {
      // A generous timeout: 16 MiB must arrive before the cap is reached, even on a busy machine.
      const client = clientFor(emu, { retry: { timeoutMs: 30_000 } });
      emu.faults.oddAnswerNext({ method: 'GET', path: /applications$/, answer });
      const err = await rejects(collect(listApplications(client, staging)));
      assert.equal(err.kind, 'bad-response');
      assert.match(err.message, says);
      await client.close();
    });
  }

  it('16. a read answered with a body that is not JSON: a clear error', async () => {
    const client = clientFor(emu);
    emu.faults.oddAnswerNext({ method: 'GET', path: `/v1/environments/${staging}`, answer: 'notJson' });
    assert.equal((await rejects(getEnvironment(client, staging))).kind, 'bad-response');
    await client.close();
  });

  it('17. a Retry-After far in the future: the message says what the client does (waits at most 30 s)', async () => {
    // The default cap (30 s); one attempt, so the test does not wait it out.
    const client = clientFor(emu, { retry: { maxAttempts: 1, maxRetryAfterMs: 30_000 } });
    emu.faults.failNext({ method: 'GET', path: '/v1/environments', status: 429, retryAfterSeconds: 2_300_211_072 });
    const err = await rejects(collect(listApplications(client, staging)));
    assert.equal(err.kind, 'rate-limited');
    assert.match(
      err.message,
      /asked to wait more than a year \(Retry-After\); the toolkit waits at most 30 s before a retry, so it stopped\. Try again later/
    );
    assert.ok(!/2300211/.test(err.message), err.message);
    await client.close();
  });
});
