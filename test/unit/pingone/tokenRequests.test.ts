/**
 * The token request (OAuth 2.0 client_credentials, RFC 6749 §4.4; client authentication §2.3.1)
 * against a scripted token endpoint: the exact form and headers, how long a token is reused,
 * which failures are repeated and after how long, and cancellation of one waiting caller.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { raceAbort } from '../../../src/pingone/tokens';
import type { Answer, ScriptedApi } from './scriptedApi';
import { CLIENT, ENV, SECRET, scriptedClient, scriptedServers, failure } from './scriptedApi';

const ok = () => ({ body: {} });

describe('pingone: token requests', () => {
  let api: ScriptedApi | undefined;
  const servers = scriptedServers();

  it('Client Secret Post: the form holds the grant, the client ID and the secret; no Authorization header', async () => {
    api = await servers.start(ok);
    const { client } = scriptedClient(api);
    await client.verify();
    const [req] = api.tokenRequests();
    assert.equal(req.method, 'POST');
    assert.equal(req.body, `grant_type=client_credentials&client_id=${CLIENT}&client_secret=${SECRET}`);
    assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(req.headers.accept, 'application/json');
    assert.equal(req.headers['user-agent'], 'pingone-sync-toolkit/1.2.3');
    assert.equal(req.headers.authorization, undefined);
    await client.close();
  });

  it('Client Secret Basic: each part form-encoded before base64, nothing secret in the form', async () => {
    api = await servers.start(ok);
    const { client } = scriptedClient(api, { connection: { tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC' }, getSecret: () => 'a:b c/+%' });
    await client.verify();
    const [req] = api.tokenRequests();
    assert.equal(req.body, 'grant_type=client_credentials');
    assert.equal(req.headers.authorization, `Basic ${Buffer.from(`${CLIENT}:a%3Ab%20c%2F%2B%25`).toString('base64')}`);
    await client.close();
  });

  for (const [expiresIn, reusedForMs] of [
    [3600, 3_540_000],
    [100, 90_000],
    [600, 540_000],
    [undefined, 3_540_000],
    [0, 3_540_000],
    [-5, 3_540_000],
    ['100', 3_540_000],
  ] as const) {
    it(`a token with expires_in ${JSON.stringify(expiresIn)} is reused for ${reusedForMs / 1000} s, then renewed`, async () => {
      api = await servers.start(ok, (_r, n) => ({ body: { access_token: `t${n}`, expires_in: expiresIn } }));
      const { client, clock } = scriptedClient(api);
      const start = clock.nowMs;
      await client.call({ method: 'GET', path: '/x', operation: 'read' });
      clock.nowMs = start + reusedForMs - 1;
      await client.call({ method: 'GET', path: '/x', operation: 'read' });
      assert.equal(api.tokenRequests().length, 1, 'still the first token just before the margin');
      clock.nowMs = start + reusedForMs;
      await client.call({ method: 'GET', path: '/x', operation: 'read' });
      assert.equal(api.tokenRequests().length, 2);
      assert.deepEqual(
        api.apiRequests().map((r) => r.headers.authorization),
        ['Bearer t1', 'Bearer t1', 'Bearer t2']
      );
      await client.close();
    });
  }

  it('a dropped token request is repeated up to the attempts with the backoff, logging each, then fails', async () => {
    api = await servers.start(ok, () => 'destroy');
    const { client, clock, logger } = scriptedClient(api, { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000 } });
    const e = await failure(client.verify());
    assert.equal(e.kind, 'network');
    assert.equal(e.operation, `get an access token for client ${CLIENT}`);
    assert.equal(api.tokenRequests().length, 3);
    assert.deepEqual(clock.sleeps, [8, 15]);
    assert.deepEqual(
      logger.lines.filter((l) => l.level === 'warn').map((l) => [l.message, l.fields?.attempt, l.fields?.neverSent]),
      [
        ['Token request failed; retrying', 1, false],
        ['Token request failed; retrying', 2, false],
      ]
    );
    await client.close();
  });

  it('a token request with no answer times out once: it already cost the user the whole wait', async () => {
    api = await servers.start(ok, () => 'hang');
    const { client } = scriptedClient(api, { retry: { timeoutMs: 150, maxAttempts: 3 } });
    const e = await failure(client.verify());
    assert.equal(e.kind, 'timeout');
    assert.equal(api.tokenRequests().length, 1);
    await client.close();
  });

  it('a token endpoint that refuses connections is tried each attempt and marked never sent', async () => {
    api = await servers.start(ok);
    const { client, logger } = scriptedClient(api, { connection: { authBaseUrl: 'http://127.0.0.1:9' }, retry: { maxAttempts: 2 } });
    const e = await failure(client.verify());
    assert.equal(e.code, 'ECONNREFUSED');
    assert.deepEqual(
      logger.lines.filter((l) => l.level === 'warn').map((l) => l.fields?.neverSent),
      [true]
    );
    await client.close();
  });

  it('429 waits Retry-After (capped) or the backoff; 5xx and 408 wait the backoff; the last answer is the error', async () => {
    const answers: Answer[] = [
      { status: 429, headers: { 'retry-after': '0.02' } },
      { status: 429, headers: { 'retry-after': '9' } },
      { status: 429 },
      { status: 503, headers: { 'retry-after': '0.001' } },
      { status: 408 },
      { status: 429, headers: { 'retry-after': '120', 'correlation-id': 'corr-6' } },
    ];
    api = await servers.start(ok, (_r, n) => answers[n - 1]);
    const { client, clock, logger } = scriptedClient(api, {
      retry: { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 1000, maxRetryAfterMs: 5000 },
    });
    const e = await failure(client.verify());
    assert.deepEqual(clock.sleeps, [20, 5000, 30, 60, 120]);
    assert.equal(e.kind, 'rate-limited');
    assert.equal(e.correlationId, 'corr-6');
    assert.equal(e.retryAfterSeconds, 120);
    assert.equal(
      e.message,
      `Could not get an access token for client ${CLIENT}: PingOne's rate limit was reached and retries did not get through. PingOne asked to wait 2 min (Retry-After); the toolkit waits at most 5 s before a retry, so it stopped. Try again later (correlation id corr-6).`
    );
    assert.deepEqual(
      logger.lines.filter((l) => l.level === 'warn').map((l) => [l.message, l.fields]),
      [
        [429, 1, 20],
        [429, 2, 5000],
        [429, 3, 30],
        [503, 4, 60],
        [408, 5, 120],
      ].map(([status, attempt, delayMs]) => ['Token request got a retryable status; retrying', { status, attempt, delayMs }])
    );
    assert.deepEqual(
      logger.lines.filter((l) => l.level === 'debug').map((l) => [l.message, l.fields?.status, l.fields?.ms]),
      [429, 429, 429, 503, 408, 429].map((s) => ['POST token', s, 0])
    );
    await client.close();
  });

  it('a 400 is not repeated, and its message names the client and what PingOne said', async () => {
    api = await servers.start(ok, () => ({ status: 400, body: { error: 'invalid_scope', error_description: 'no such scope' } }));
    const { client } = scriptedClient(api);
    const e = await failure(client.verify());
    assert.equal(
      e.message,
      `Could not get an access token for client ${CLIENT}: the token endpoint rejected the request (invalid_scope). PingOne says: "no such scope".`
    );
    assert.equal(api.tokenRequests().length, 1);
    await client.close();
  });

  for (const [what, answer] of [
    ['no access_token', { body: { token_type: 'Bearer' } }],
    ['an access_token that is not a string', { body: { access_token: 42 } }],
    ['a text body', { raw: 'access_token=abc', headers: { 'content-type': 'text/plain' } }],
    ['an empty body', { status: 200 }],
  ] as const) {
    it(`a 200 with ${what} is an error, not a token`, async () => {
      api = await servers.start(ok, () => answer);
      const { client } = scriptedClient(api);
      const e = await failure(client.verify());
      assert.equal(e.kind, 'invalid-request');
      assert.equal(e.status, 200);
      assert.match(e.message, /the token endpoint rejected the request \(HTTP 200\)/);
      await client.close();
    });
  }

  it('a 404 names the environment and the auth host; a 401 names the auth method', async () => {
    api = await servers.start(ok, (_r, n) =>
      n === 1 ? { status: 404 } : { status: 401, body: { error: 'invalid_client', error_description: 'Unsupported authentication method' } }
    );
    const { client } = scriptedClient(api, { connection: { tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC' } });
    const notFound = await failure(client.verify());
    assert.match(notFound.message, new RegExp(`no environment ${ENV} was found at ${new URL(api.base).host.replace('.', '\\.')}\\.`));
    const method = await failure(client.verify());
    assert.match(method.message, /the app does not accept CLIENT_SECRET_BASIC\./);
    await client.close();
  });

  it('a caller that cancels stops waiting; the shared request goes on for the others', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    api = await servers.start(ok, (_r, n) => ({ body: { access_token: `t${n}`, expires_in: 3600 } }));
    const { client } = scriptedClient(api, {
      getSecret: async () => {
        await gate;
        return SECRET;
      },
    });
    const leaving = new AbortController();
    const staying = new AbortController();
    const first = client.verify(leaving.signal);
    const second = client.verify(staying.signal);
    leaving.abort(new Error('changed my mind'));
    const e = await failure(first);
    assert.equal(e.message, 'Could not get an access token: it was cancelled.');
    release();
    await second;
    assert.equal(api.tokenRequests().length, 1);
    assert.equal(getEventListeners(staying.signal, 'abort').length, 0, 'no listener is left on the signal of a caller that got its token');
    const late = await failure(client.verify(leaving.signal));
    assert.equal(late.message, 'Could not get an access token: it was cancelled.');
    await client.close();
  });

  it('a late 401 for an old token does not throw away the fresh token another call already got', async () => {
    const stale = 'Bearer token-1';
    let staleAnswers = 0;
    api = await servers.start(async (r) => {
      if (r.headers.authorization !== stale) return { body: { id: 'ok' } };
      // The second stale request is answered only after the first call has its fresh token.
      if (++staleAnswers === 2) await new Promise((done) => setTimeout(done, 150));
      return { status: 401 };
    });
    const { client } = scriptedClient(api);
    await client.verify();
    const [a, b] = await Promise.all([
      client.call({ method: 'GET', path: '/a', operation: 'read a' }),
      client.call({ method: 'GET', path: '/b', operation: 'read b' }),
    ]);
    assert.deepEqual([a, b], [{ id: 'ok' }, { id: 'ok' }]);
    assert.equal(api.tokenRequests().length, 2, 'one fresh token for both calls');
    await client.close();
  });

  it('raceAbort passes a result or an error through and removes its listener either way', async () => {
    const signal = new AbortController().signal;
    assert.equal(await raceAbort(Promise.resolve(7), signal, 'wait'), 7);
    assert.equal(getEventListeners(signal, 'abort').length, 0);
    await assert.rejects(raceAbort(Promise.reject(new Error('boom')), signal, 'wait'), /boom/);
    assert.equal(getEventListeners(signal, 'abort').length, 0);
    assert.equal(await raceAbort(Promise.resolve(8), undefined, 'wait'), 8);
    const aborted = AbortSignal.abort();
    const e = await failure(raceAbort(Promise.resolve(9), aborted, 'wait here'));
    assert.equal(e.message, 'Could not wait here: it was cancelled.');
  });
});
