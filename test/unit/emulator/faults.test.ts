import assert from 'node:assert/strict';
import { request } from 'node:http';
import { pathMatches } from '../../../emulator/faults';
import { startEmulator } from '../../../emulator/index';
import { Api, assertError, envId, sleep, useEmulator, type Json } from './helpers';

describe('emulator: fault injection (programmatic)', () => {
  const ctx = useEmulator();
  let admin: Api;
  before(async () => {
    admin = await Api.admin(ctx.get());
  });
  afterEach(() => ctx.get().faults.clear());

  it('failNext answers the chosen status for the next N matching requests', async () => {
    const em = ctx.get();
    em.faults.failNext({ method: 'GET', path: '/v1/environments', status: 503, count: 2 });
    assertError(await admin.get('/environments'), 503, 'UNEXPECTED_ERROR');
    assertError(await admin.get('/environments'), 503, 'UNEXPECTED_ERROR');
    assert.equal((await admin.get('/environments')).status, 200);
  });

  it('failNext with 429 carries Retry-After and REQUEST_LIMITED', async () => {
    ctx.get().faults.failNext({ path: '/v1/environments', status: 429, retryAfterSeconds: 3 });
    const res = await admin.get('/environments');
    assertError(res, 429, 'REQUEST_LIMITED');
    assert.equal(res.headers.get('retry-after'), '3');
  });

  it('failNext uses the given code, message and details and matches only its method and path', async () => {
    const em = ctx.get();
    em.faults.failNext({
      method: 'POST',
      path: '/v1/environments/*/applications',
      status: 400,
      code: 'INVALID_DATA',
      message: 'custom',
      details: [{ code: 'INVALID_VALUE', target: 'name', message: 'bad' }],
    });
    const staging = envId(em, 'Sync Staging');
    assert.equal((await admin.get(`/environments/${staging}/applications?limit=1`)).status, 200, 'GET does not match');
    const res = await admin.post(`/environments/${staging}/applications`, {});
    assert.equal(assertError(res, 400, 'INVALID_DATA').message, 'custom');
    assert.equal(res.body.details[0].target, 'name');
  });

  it('matches paths by substring, glob and RegExp', () => {
    assert.ok(pathMatches('/applications', '/v1/environments/x/applications'));
    assert.ok(pathMatches('/v1/environments/*/applications', '/v1/environments/x/applications'));
    assert.ok(!pathMatches('/v1/environments/*/applications', '/v1/environments/x/applications/y'));
    assert.ok(pathMatches('/v1/**/secret', '/v1/environments/x/applications/y/secret'));
    assert.ok(pathMatches(/\/secret$/, '/v1/environments/x/applications/y/secret'));
    assert.ok(!pathMatches('/users', '/v1/environments'));
    assert.ok(pathMatches('/v1/a.b(*', '/v1/a.b(c') && !pathMatches('/v1/a.b*', '/v1/axbc'), 'only * is special in a glob');
  });

  it('matches a hostile glob in linear time', () => {
    // A backtracking RegExp built from this glob takes minutes on such a path.
    const started = performance.now();
    assert.ok(!pathMatches('/v1/**/*a*a*a*a*a*a*a*a*a*a*b', `/v1/x/${'a'.repeat(8_000)}`));
    assert.ok(performance.now() - started < 500, `${performance.now() - started} ms`);
  });

  it('can fail the token endpoint too', async () => {
    const em = ctx.get();
    em.faults.failNext({ path: '/as/token', status: 500 });
    const res = await fetch(em.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.timeout(5000),
    });
    assert.equal(res.status, 500);
    assert.equal(((await res.json()) as Json).code, 'UNEXPECTED_ERROR');
  });

  it('resetNext destroys the connection before answering', async () => {
    ctx.get().faults.resetNext({ path: '/v1/environments' });
    await assert.rejects(admin.get('/environments'));
    assert.equal((await admin.get('/environments')).status, 200);
  });

  it('resetNext in midResponse mode handles the request, sends headers and part of the body, then resets', async () => {
    const em = ctx.get();
    em.faults.resetNext({ path: '/v1/roles', mode: 'midResponse' });
    const token = await (async () => {
      const a = await Api.admin(em);
      return (a as Json).token as string;
    })();
    const res = await fetch(`${em.apiBaseUrl}/roles`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5000) });
    assert.equal(res.status, 200);
    await assert.rejects(res.text());
  });

  it('resetNext in midResponse mode on a POST: the app exists although the answer was lost', async () => {
    const em = ctx.get();
    const staging = envId(em, 'Sync Staging');
    em.faults.resetNext({ method: 'POST', path: '**/applications', mode: 'midResponse' });
    await assert.rejects(
      admin.post(`/environments/${staging}/applications`, {
        name: 'Lost Answer',
        type: 'WEB_APP',
        protocol: 'OPENID_CONNECT',
        grantTypes: ['AUTHORIZATION_CODE'],
        tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
      })
    );
    assert.equal(em.state.applicationsIn(staging).filter((a) => a.body.name === 'Lost Answer').length, 1);
  });

  it('hangNext never answers until the client gives up', async () => {
    const em = ctx.get();
    em.faults.hangNext({ path: '/v1/environments' });
    await assert.rejects(fetch(`${em.apiBaseUrl}/environments`, { signal: AbortSignal.timeout(300) }), /abort|timeout/i);
    assert.equal((await admin.get('/environments')).status, 200);
  });

  it('setLatency delays every answer', async () => {
    ctx.get().faults.setLatency(150);
    const started = Date.now();
    await admin.get('/roles');
    assert.ok(Date.now() - started >= 140);
  });

  it('expireAllTokens makes current tokens answer 401', async () => {
    const em = ctx.get();
    const api = await Api.admin(em);
    em.faults.expireAllTokens();
    assertError(await api.get('/environments'), 401, 'ACCESS_FAILED');
    admin = await Api.admin(em);
    assert.equal((await admin.get('/environments')).status, 200);
  });

  it('a new app answers 404 until the consistency delay has passed', async () => {
    const em = ctx.get();
    em.faults.setConsistencyDelay({ newResourcesMs: 400 });
    const staging = envId(em, 'Sync Staging');
    const created = await admin.post(`/environments/${staging}/applications`, {
      name: 'Slow',
      type: 'WEB_APP',
      protocol: 'OPENID_CONNECT',
      grantTypes: ['AUTHORIZATION_CODE'],
      tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
    });
    assert.equal(created.status, 201);
    assertError(await admin.get(`/environments/${staging}/applications/${created.body.id}`), 404, 'NOT_FOUND');
    await sleep(450);
    assert.equal((await admin.get(`/environments/${staging}/applications/${created.body.id}`)).status, 200);
  });

  it('a new environment answers 404 itself and 403 on sub-resources for a while', async () => {
    const em = ctx.get();
    em.faults.setConsistencyDelay({ newResourcesMs: 400 });
    const env = em.addEnvironment({ name: 'Fresh Env' });
    assertError(await admin.get(`/environments/${env.id}`), 404, 'NOT_FOUND');
    assertError(await admin.get(`/environments/${env.id}/applications`), 403, 'ACCESS_FAILED');
    await sleep(450);
    assert.equal((await admin.get(`/environments/${env.id}`)).status, 200);
    assert.equal((await admin.get(`/environments/${env.id}/applications`)).status, 200);
    assert.equal((await admin.get(`/environments/${env.id}/users`)).status, 200, 'creator roles were granted');
  });

  it('a new role assignment authorizes only after roleChangesMs', async () => {
    const em = ctx.get();
    em.faults.setConsistencyDelay({ roleChangesMs: 400 });
    const staging = envId(em, 'Sync Staging');
    const fresh = em.addWorker(em.environmentId);
    const api = await Api.forWorker(em, fresh, em.environmentId);
    const ida = em.findRoleByName('Identity Data Admin')!.id;
    const res = await admin.post(`/environments/${em.environmentId}/applications/${fresh.clientId}/roleAssignments`, {
      role: { id: ida },
      scope: { id: staging, type: 'ENVIRONMENT' },
    });
    assert.equal(res.status, 201);
    assertError(await api.get(`/environments/${staging}/users?limit=1`), 403, 'ACCESS_FAILED');
    await sleep(450);
    assert.equal((await api.get(`/environments/${staging}/users?limit=1`)).status, 200);
  });

  it('clear() removes pending faults and delays', async () => {
    const em = ctx.get();
    em.faults.failNext({ status: 500, count: 5 });
    em.faults.setLatency(1000);
    em.faults.clear();
    const started = Date.now();
    assert.equal((await admin.get('/environments')).status, 200);
    assert.ok(Date.now() - started < 500);
  });

  it('refuses a count below 1', () => {
    assert.throws(() => ctx.get().faults.failNext({ status: 500, count: 0 }));
  });

  it('close() ends hanging requests', async () => {
    const em = await startEmulator({ rateLimit: false });
    em.faults.hangNext({});
    const outcome = new Promise<string>((resolve) => {
      const req = request(`${em.apiBaseUrl}/environments`, (res) => resolve(`status ${res.statusCode}`));
      req.on('error', () => resolve('error'));
      req.end();
    });
    await sleep(50);
    await em.close();
    assert.equal(await outcome, 'error');
  });
});
