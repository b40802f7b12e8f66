import assert from 'node:assert/strict';
import { startEmulator } from '../../../emulator/index';
import { Api, assertError, envId, useEmulator, type Json } from './helpers';

describe('emulator: errors, headers, paging and rate limit', () => {
  const ctx = useEmulator();
  let admin: Api;
  before(async () => {
    admin = await Api.admin(ctx.get());
  });

  it('puts a unique Correlation-Id on every response, errors included', async () => {
    const em = ctx.get();
    const responses = [await admin.get('/environments'), await admin.get('/nope'), await new Api(em, 'bad').get('/environments')];
    const raw = await fetch(`${em.baseUrl}/unknown`, { signal: AbortSignal.timeout(5000) });
    const ids = [...responses.map((r) => r.headers.get('correlation-id')), raw.headers.get('correlation-id')];
    assert.ok(ids.every((id) => typeof id === 'string' && id.length > 0));
    assert.equal(new Set(ids).size, ids.length);
  });

  it("answers unknown paths with 404 NOT_FOUND in PingOne's error body", async () => {
    const body = assertError(await admin.get('/organizations/x/things'), 404, 'NOT_FOUND');
    assert.deepEqual(Object.keys(body).sort(), ['code', 'id', 'message']);
  });

  it('refuses bad limit and cursor values with 400 INVALID_PARAMETER', async () => {
    for (const q of ['limit=0', 'limit=abc', 'cursor=garbage']) {
      const err = assertError(await admin.get(`/roles?${q}`), 400, 'INVALID_DATA');
      assert.equal(err.details[0].code, 'INVALID_PARAMETER');
    }
  });

  it('lowers limits above the maximum and keeps the filter in next links', async () => {
    const staging = envId(ctx.get(), 'Sync Staging');
    const capped = await admin.get(`/environments/${staging}/users?limit=5000`);
    assert.equal(capped.body.limit, 1000);
    const filtered = await admin.get(`/environments/${staging}/users?limit=5&filter=${encodeURIComponent('username sw "user.1"')}`);
    const next = new URL(filtered.body._links.next.href);
    assert.equal(next.searchParams.get('filter'), 'username sw "user.1"');
    const page2 = await admin.get(filtered.body._links.next.href);
    assert.ok(page2.body._embedded.users.every((u: Json) => u.username.startsWith('user.1')));
    assert.equal(page2.body._links.prev.href.includes('cursor='), true);
  });

  it('rate-limits with 429 REQUEST_LIMITED and Retry-After in seconds', async () => {
    const em = await startEmulator({ rateLimit: { requestsPerSecond: 3 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`${em.apiBaseUrl}/environments`, { signal: AbortSignal.timeout(5000) });
        statuses.push(res.status);
        if (res.status === 429) {
          retryAfter = res.headers.get('retry-after');
          const body = (await res.json()) as Json;
          assert.equal(body.code, 'REQUEST_LIMITED');
          // The error spec types innerError.retryAfter as a date-time.
          assert.ok(!Number.isNaN(Date.parse(body.details[0].innerError.retryAfter)), body.details[0].innerError.retryAfter);
        } else await res.arrayBuffer();
      }
      assert.ok(statuses.includes(429), statuses.join());
      assert.match(retryAfter ?? '', /^[1-9]\d*$/);
    } finally {
      await em.close();
    }
  });

  it('applies a generous rate limit by default', async () => {
    const em = await startEmulator();
    try {
      const api = await Api.admin(em);
      for (let i = 0; i < 20; i++) assert.equal((await api.get('/roles?limit=1')).status, 200);
    } finally {
      await em.close();
    }
  });
});
