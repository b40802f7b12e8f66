import assert from 'node:assert/strict';
import { startEmulator } from '../../../emulator/index';
import { Api, appId, envId, sleep, tokenRequest, useEmulator, type Json } from './helpers';

describe('emulator: token endpoint', () => {
  const ctx = useEmulator();
  const cc = (clientId: string, secret: string) => ({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });

  it('issues an opaque bearer token with Client Secret Post', async () => {
    const em = ctx.get();
    const res = await tokenRequest(em, cc(em.clientId, em.clientSecret));
    assert.equal(res.status, 200);
    assert.equal(res.body.token_type, 'Bearer');
    assert.equal(res.body.expires_in, 3600);
    assert.ok(res.body.access_token.length >= 32);
    assert.ok(res.headers.get('correlation-id'));
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  it('issues a token with Client Secret Basic when the app demands it', async () => {
    const em = ctx.get();
    const worker = em.addWorker(em.environmentId, {
      tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
      roles: [{ roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT' }],
    });
    const res = await tokenRequest(em, { grant_type: 'client_credentials' }, { basic: [worker.clientId, worker.clientSecret] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const api = new (Api as Json)(em, res.body.access_token) as Api;
    assert.equal((await api.get('/environments')).status, 200);
  });

  it('refuses Basic for an app that demands Client Secret Post (401 invalid_client)', async () => {
    const em = ctx.get();
    const res = await tokenRequest(em, { grant_type: 'client_credentials' }, { basic: [em.clientId, em.clientSecret] });
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_client');
    assert.equal(typeof res.body.error_description, 'string');
  });

  it('refuses Post for an app that demands Basic (401 invalid_client)', async () => {
    const em = ctx.get();
    const worker = em.addWorker(em.environmentId, { tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC' });
    const res = await tokenRequest(em, cc(worker.clientId, worker.clientSecret));
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_client');
  });

  it('refuses an unknown client, a wrong secret and the wrong environment alike', async () => {
    const em = ctx.get();
    for (const res of [
      await tokenRequest(em, cc('00000000-0000-4000-8000-000000000000', em.clientSecret)),
      await tokenRequest(em, cc(em.clientId, 'wrong-secret')),
      await tokenRequest(em, cc(em.clientId, em.clientSecret), { envId: envId(em, 'Sync Staging') }),
      await tokenRequest(em, cc(em.clientId, em.clientSecret), { envId: 'not-an-environment' }),
    ]) {
      assert.equal(res.status, 401);
      assert.equal(res.body.error, 'invalid_client');
    }
  });

  it('refuses a disabled app (the seeded Legacy Sync Worker) with 401 invalid_client', async () => {
    const em = ctx.get();
    const legacy = appId(em, 'Sync Staging', 'Legacy Sync Worker');
    const secret = em.state.secrets.get(legacy)!.current;
    const res = await tokenRequest(em, { grant_type: 'client_credentials' }, { basic: [legacy, secret], envId: envId(em, 'Sync Staging') });
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_client');
  });

  it('answers 400 unauthorized_client when the app lacks the Client Credentials grant', async () => {
    const em = ctx.get();
    const portal = appId(em, 'Sync Staging', 'Customer Portal');
    const secret = em.state.secrets.get(portal)!.current;
    const res = await tokenRequest(em, { grant_type: 'client_credentials' }, { basic: [portal, secret], envId: envId(em, 'Sync Staging') });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'unauthorized_client');
  });

  it('answers 400 invalid_request without grant_type, with two auth methods, or a JSON body', async () => {
    const em = ctx.get();
    const noGrant = await tokenRequest(em, { client_id: em.clientId, client_secret: em.clientSecret });
    assert.equal(noGrant.status, 400);
    assert.equal(noGrant.body.error, 'invalid_request');
    const both = await tokenRequest(em, cc(em.clientId, em.clientSecret), { basic: [em.clientId, em.clientSecret] });
    assert.equal(both.status, 400);
    assert.equal(both.body.error, 'invalid_request');
    const json = await tokenRequest(em, cc(em.clientId, em.clientSecret), { contentType: 'application/json' });
    assert.equal(json.status, 400);
    assert.equal(json.body.error, 'invalid_request');
  });

  it('answers 400 unsupported_grant_type for other grants', async () => {
    const em = ctx.get();
    const res = await tokenRequest(em, { grant_type: 'password', client_id: em.clientId, client_secret: em.clientSecret });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'unsupported_grant_type');
  });

  it('answers 401 invalid_client without any client credentials', async () => {
    const em = ctx.get();
    const res = await tokenRequest(em, { grant_type: 'client_credentials' });
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_client');
  });

  it('accepts POST only', async () => {
    const em = ctx.get();
    const res = await fetch(em.tokenUrl, { signal: AbortSignal.timeout(5000) });
    assert.equal(res.status, 405);
    assert.equal(((await res.json()) as Json).error, 'invalid_request');
  });

  it('expires tokens after the TTL (401 ACCESS_FAILED / INVALID_TOKEN)', async () => {
    const em = await startEmulator({ tokenTtlSeconds: 1, rateLimit: false });
    try {
      const api = await Api.admin(em);
      assert.equal((await api.get('/environments')).status, 200);
      await sleep(1100);
      const res = await api.get('/environments');
      assert.equal(res.status, 401);
      assert.equal(res.body.code, 'ACCESS_FAILED');
      assert.equal(res.body.details[0].code, 'INVALID_TOKEN');
    } finally {
      await em.close();
    }
  });

  it('stops accepting tokens of a worker that was disabled or deleted', async () => {
    const em = ctx.get();
    const worker = em.addWorker(em.environmentId, { roles: [{ roleName: 'Identity Data Read Only', scopeType: 'ENVIRONMENT' }] });
    const api = await Api.forWorker(em, worker, em.environmentId);
    assert.equal((await api.get('/environments')).status, 200);
    em.state.applications.get(worker.clientId)!.body.enabled = false;
    assert.equal((await api.get('/environments')).status, 401);
  });
});
