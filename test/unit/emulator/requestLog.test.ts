import assert from 'node:assert/strict';
import { Api, appId, envId, PNG_3x2, tokenRequest, useEmulator, type Json } from './helpers';

describe('emulator: request log', () => {
  const ctx = useEmulator();

  it('records each request without secrets or tokens', async () => {
    const em = ctx.get();
    const staging = envId(em, 'Sync Staging');
    const basic = em.addWorker(em.environmentId, {
      tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
      roles: [{ roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT', scopeId: staging }],
    });
    const basicToken = await tokenRequest(em, { grant_type: 'client_credentials' }, { basic: [basic.clientId, basic.clientSecret] });
    await tokenRequest(em, { grant_type: 'client_credentials', client_id: em.clientId, client_secret: 'wrong' });
    const admin = await Api.admin(em);
    const worker = appId(em, 'Sync Staging', 'PingDataSync Worker');
    const read = await admin.get(`/environments/${staging}/applications/${worker}/secret`);
    const rotated = await admin.post(`/environments/${staging}/applications/${worker}/secret`, {
      previous: { expiresAt: new Date(Date.now() + 120_000).toISOString() },
    });
    await admin.request('POST', `/environments/${staging}/images`, PNG_3x2, { 'content-type': 'image/png' });
    await admin.get(`/environments?access_token=${basicToken.body.access_token}&client_secret=${em.clientSecret}&limit=2`);
    const created = await admin.post(`/environments/${staging}/applications`, {
      name: 'Logged',
      type: 'WORKER',
      protocol: 'OPENID_CONNECT',
      grantTypes: ['CLIENT_CREDENTIALS'],
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
      assignActorRoles: false,
    });
    const createdSecret = (await admin.get(`/environments/${staging}/applications/${created.body.id}/secret`)).body.secret;

    const text = JSON.stringify(em.requestLog);
    const adminToken = (admin as Json).token as string;
    for (const secret of [
      em.clientSecret,
      basic.clientSecret,
      basicToken.body.access_token,
      adminToken,
      read.body.secret,
      rotated.body.secret,
      createdSecret,
    ]) {
      assert.ok(secret && !text.includes(secret), 'the log must not contain secrets or tokens');
    }
    const entry = em.requestLog.find((e) => e.path.endsWith('/secret') && e.method === 'GET')!;
    assert.equal(entry.status, 200);
    assert.equal(entry.authenticated, true);
    assert.equal(entry.clientId, em.clientId);
    assert.match(entry.correlationId, /^[0-9a-f-]{36}$/);
    assert.ok(entry.host.startsWith('127.0.0.1:'));
    const redacted = em.requestLog.find((e) => e.query.limit === '2')!;
    assert.equal(redacted.query.access_token, '[redacted]');
    assert.equal(redacted.query.client_secret, '[redacted]');
    const failedToken = em.requestLog.find((e) => e.path.endsWith('/as/token') && e.status === 401)!;
    assert.equal(failedToken.authenticated, false);
  });

  it('logs unauthenticated calls and faults', async () => {
    const em = ctx.get();
    em.faults.failNext({ path: '/v1/roles', status: 502 });
    await fetch(`${em.apiBaseUrl}/roles`, { signal: AbortSignal.timeout(5000) }).then((r) => r.arrayBuffer());
    await fetch(`${em.apiBaseUrl}/environments`, { signal: AbortSignal.timeout(5000) }).then((r) => r.arrayBuffer());
    const last = em.requestLog.slice(-2);
    assert.deepEqual(
      last.map((e) => [e.path, e.status, e.authenticated, e.fault]),
      [
        ['/v1/roles', 502, false, 'fail'],
        ['/v1/environments', 401, false, undefined],
      ]
    );
  });
});
