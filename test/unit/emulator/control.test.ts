import assert from 'node:assert/strict';
import { isLoopback } from '../../../emulator/control';
import { Api, assertError, envId, getToken, useEmulator, type Json } from './helpers';

describe('emulator: control endpoint /__emulator', () => {
  const ctx = useEmulator();
  let admin: Api;
  before(async () => {
    admin = await Api.admin(ctx.get());
  });
  afterEach(() => ctx.get().faults.clear());
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${ctx.get().baseUrl}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('reports health without the secret', async () => {
    const res = await control('GET', '/health');
    assert.equal(res.status, 200);
    assert.equal(res.body.ready, true);
    assert.equal(res.body.clientId, ctx.get().clientId);
    assert.equal(res.body.clientSecret, undefined);
    assert.ok(!JSON.stringify(res.body).includes(ctx.get().clientSecret));
  });

  it('injects failNext, including a RegExp given as pathRegex', async () => {
    assert.equal(
      (await control('POST', '/faults', { type: 'failNext', pathRegex: '^/v1/environments$', status: 429, retryAfterSeconds: 2 })).status,
      204
    );
    const res = await admin.get('/environments');
    assertError(res, 429, 'REQUEST_LIMITED');
    assert.equal(res.headers.get('retry-after'), '2');
  });

  it('injects resets, hangs, latency and consistency delays', async () => {
    assert.equal((await control('POST', '/faults', { type: 'resetNext', path: '/v1/roles' })).status, 204);
    await assert.rejects(admin.get('/roles'));
    assert.equal((await control('POST', '/faults', { type: 'hangNext', path: '/v1/roles' })).status, 204);
    await assert.rejects(fetch(`${ctx.get().apiBaseUrl}/roles`, { signal: AbortSignal.timeout(200) }));
    assert.equal((await control('POST', '/latency', { ms: 120 })).status, 204);
    const t = Date.now();
    await admin.get('/roles');
    assert.ok(Date.now() - t >= 110);
    assert.equal((await control('POST', '/consistency', { newResourcesMs: 5000, roleChangesMs: 10 })).status, 204);
    assert.deepEqual(ctx.get().faults.consistency, { newResourcesMs: 5000, roleChangesMs: 10 });
    assert.equal((await control('POST', '/faults', { type: 'consistencyDelay', newResourcesMs: 1 })).status, 204);
    assert.equal(ctx.get().faults.consistency.newResourcesMs, 1);
    assert.equal((await control('POST', '/faults', { type: 'latency', ms: 0 })).status, 204);
  });

  it('injects odd 2xx answers after handling the request', async () => {
    assert.equal((await control('POST', '/faults', { type: 'oddAnswerNext', path: '/v1/roles', answer: 'notJson' })).status, 204);
    const res = await fetch(`${ctx.get().apiBaseUrl}/roles`, {
      headers: { authorization: `Bearer ${await getToken(ctx.get())}` },
      signal: AbortSignal.timeout(5000),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.equal((await control('POST', '/faults', { type: 'oddAnswerNext', answer: 'weird' })).status, 400);
    assert.equal((await control('POST', '/faults', { type: 'oddAnswerNext', answer: 'empty', status: 500 })).status, 400);
  });

  it('expires tokens and clears faults', async () => {
    assert.equal((await control('POST', '/expire-tokens')).status, 204);
    assertError(await admin.get('/environments'), 401, 'ACCESS_FAILED');
    admin = await Api.admin(ctx.get());
    await control('POST', '/faults', { type: 'failNext', status: 500, count: 3 });
    assert.equal((await control('GET', '/state/summary')).body.pendingFaults, 3);
    assert.equal((await control('POST', '/clear-faults')).status, 204);
    assert.equal((await admin.get('/environments')).status, 200);
  });

  it('returns the request log and clears it', async () => {
    await admin.get('/environments');
    const log = await control('GET', '/requests');
    assert.ok(log.body.requests.some((r: Json) => r.path === '/v1/environments' && r.status === 200));
    assert.ok(!log.body.requests.some((r: Json) => r.path.startsWith('/__emulator')), 'control calls are not logged');
    assert.equal((await control('DELETE', '/requests')).status, 204);
    assert.equal((await control('GET', '/requests')).body.requests.length, 0);
  });

  it('summarizes the state', async () => {
    const res = await control('GET', '/state/summary');
    assert.equal(res.body.environments, 3);
    assert.ok(res.body.applications > 130);
    assert.ok(res.body.users >= 350);
    assert.ok(res.body.environmentNames.some((e: Json) => e.name === 'Sync Staging'));
  });

  it('adds restricted workers and environments', async () => {
    const em = ctx.get();
    const staging = envId(em, 'Sync Staging');
    const worker = await control('POST', '/workers', {
      environmentId: em.environmentId,
      roles: [{ roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT', scopeId: staging }],
    });
    assert.equal(worker.status, 201);
    const api = await Api.forWorker(em, worker.body, em.environmentId);
    assert.deepEqual(
      (await api.get('/environments')).body._embedded.environments.map((e: Json) => e.name),
      ['Sync Staging']
    );
    const env = await control('POST', '/environments', { name: 'Control Env', type: 'PRODUCTION' });
    assert.equal(env.status, 201);
    assert.equal((await admin.get(`/environments/${env.body.id}`)).body.name, 'Control Env');
  });

  it('answers bad control requests with 400/404', async () => {
    assert.equal((await control('POST', '/faults', { type: 'explode' })).status, 400);
    assert.equal((await control('POST', '/faults', { type: 'failNext' })).status, 400);
    assert.equal((await control('POST', '/workers', {})).status, 400);
    assert.equal((await control('GET', '/nothing')).status, 404);
    const broken = await fetch(`${ctx.get().baseUrl}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
      signal: AbortSignal.timeout(5000),
    });
    assert.equal(broken.status, 400);
  });

  it('refuses bodies that are not JSON (415) and requests from web pages (403), and allows no CORS', async () => {
    const url = `${ctx.get().baseUrl}/__emulator/faults`;
    const body = JSON.stringify({ type: 'failNext', status: 500, count: 5 });
    // What a web page can send cross-site without a preflight: text/plain or a form.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body, signal: AbortSignal.timeout(5000) });
      assert.equal(res.status, 415, type);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    }
    const fromPage = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body,
      signal: AbortSignal.timeout(5000),
    });
    assert.equal(fromPage.status, 403);
    const emptyFromPage = await fetch(`${ctx.get().baseUrl}/__emulator/expire-tokens`, {
      method: 'POST',
      headers: { origin: 'null' },
      signal: AbortSignal.timeout(5000),
    });
    assert.equal(emptyFromPage.status, 403);
    assert.equal(ctx.get().faults.pendingCount(), 0, 'no refused request took effect');
    assert.equal((await admin.get('/environments')).status, 200, 'tokens were not expired by the refused request');
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      signal: AbortSignal.timeout(5000),
    });
    assert.ok(![...preflight.headers.keys()].some((h) => h.startsWith('access-control-')), 'no CORS allowance');
  });

  it('matches pathRegex in linear time (RE2), never as a backtracking RegExp', async () => {
    assert.equal((await control('POST', '/faults', { type: 'failNext', pathRegex: '^/v1/(a+)+$', status: 500 })).status, 204);
    const started = Date.now();
    // With a JavaScript RegExp this path takes 2^40 steps and freezes the emulator.
    const res = await admin.get(`/${'a'.repeat(40)}!`);
    assert.equal(res.status, 404);
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
    assert.equal(ctx.get().faults.pendingCount(), 1, 'the fault did not match');
    const lookahead = await control('POST', '/faults', { type: 'failNext', pathRegex: '^(?=/v1)', status: 500 });
    assert.equal(lookahead.status, 400, 'RE2 syntax: no lookaround');
  });

  it('accepts loopback peers only', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.0.0.2']) assert.ok(isLoopback(a), a);
    for (const a of ['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', undefined, '']) assert.ok(!isLoopback(a), String(a));
  });
});
