/**
 * What `PingOneClient.call` sends and how it answers, checked against a scripted server: the
 * headers and URL of each request, which failures are repeated and after how long, and the whole
 * message of each error. Retry rules: PingOne Platform API, Rate limits and Error codes; HTTP
 * semantics: RFC 9110.
 */
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { Agent } from 'undici';
import { PingOneError, isJsonObject, objectWithStrings } from '../../../src/pingone';
import type { ScriptedApi } from './scriptedApi';
import { scriptedClient, scriptedServers, failure } from './scriptedApi';

describe('pingone: what a call sends and how it answers', () => {
  let api: ScriptedApi | undefined;
  const servers = scriptedServers();

  describe('response shapes', () => {
    it('objectWithStrings describes and checks each member', () => {
      assert.equal(objectWithStrings().description, 'a JSON object');
      assert.equal(objectWithStrings('id').description, 'a JSON object with a string "id"');
      assert.equal(objectWithStrings('id', 'name').description, 'a JSON object with a string "id" and a string "name"');
      const shape = objectWithStrings('id', 'name');
      assert.equal(shape.matches({ id: 'a', name: 'b' }), true);
      assert.equal(shape.matches({ id: 'a' }), false);
      assert.equal(shape.matches({ id: 'a', name: 1 }), false);
      assert.equal(shape.matches(['a']), false);
      assert.equal(objectWithStrings().matches({}), true);
      assert.equal(objectWithStrings().matches(null), false);
      assert.equal(objectWithStrings().matches('{}'), false);
    });

    it('isJsonObject takes objects only', () => {
      assert.equal(isJsonObject({}), true);
      assert.equal(isJsonObject(null), false);
      assert.equal(isJsonObject([]), false);
      assert.equal(isJsonObject('x'), false);
      assert.equal(isJsonObject(1), false);
    });

    for (const [what, answer, words] of [
      ['an empty body', { status: 204 }, 'answered 204 with an empty body'],
      ['text', { raw: 'hello', headers: { 'content-type': 'text/plain' } }, 'answered 200 with a body that is not JSON'],
      [
        'JSON that does not parse',
        { raw: '{"id": ', headers: { 'content-type': 'application/json' } },
        'answered 200 with a body that is not JSON',
      ],
      ['a JSON list', { body: [{ id: 'a' }] }, 'answered 200 with JSON of another shape'],
      ['JSON null', { raw: 'null', headers: { 'content-type': 'application/json' } }, 'answered 200 with JSON of another shape'],
    ] as const) {
      it(`a read answered with ${what} names the endpoint and what was expected`, async () => {
        api = await servers.start(() => answer);
        const { client, logger } = scriptedClient(api);
        const e = await failure(
          client.call({
            method: 'GET',
            path: '/things/1',
            query: { filter: 'secret-ish' },
            operation: 'read a thing',
            expect: objectWithStrings('id'),
          })
        );
        assert.equal(e.kind, 'bad-response');
        assert.equal(e.message, `Could not read a thing: GET /v1/things/1 ${words} where a JSON object with a string "id" was expected.`);
        assert.equal(api.apiRequests().length, 1, 'a bad body is not retried');
        assert.deepEqual(
          logger.lines.filter((l) => l.level === 'warn').map((l) => [l.message, l.fields]),
          [['PingOne answered with an unexpected body', { status: answer.status ?? 200, correlationId: undefined }]]
        );
        await client.close();
      });
    }

    it('parses JSON whatever the content type says, and text that only looks like JSON stays text', async () => {
      const bodies = [
        { raw: '  {"id":"a"}', headers: { 'content-type': 'text/plain' } },
        { raw: '\n[1,2]', headers: { 'content-type': 'text/plain' } },
        { raw: '{"id":"b"}', headers: { 'content-type': 'application/hal+JSON' } },
        { raw: '"quoted"', headers: { 'content-type': 'application/json' } },
        { raw: '"quoted"', headers: { 'content-type': 'text/plain' } },
        { raw: 'x{"id":"c"}', headers: { 'content-type': 'text/plain' } },
        { raw: '"a{"', headers: { 'content-type': 'text/plain' } },
        { raw: '{"id":"d"}', headers: { 'content-type': ['application/json'] } },
        { raw: '{"id":"e"}' },
        { raw: '' },
      ];
      api = await servers.start((_r, n) => bodies[n - 1]);
      const { client } = scriptedClient(api);
      const got: unknown[] = [];
      for (let i = 0; i < bodies.length; i++) got.push(await client.call({ method: 'GET', path: `/b/${i}`, operation: 'read' }));
      assert.deepEqual(got, [
        { id: 'a' },
        [1, 2],
        { id: 'b' },
        'quoted',
        '"quoted"',
        'x{"id":"c"}',
        '"a{"',
        { id: 'd' },
        { id: 'e' },
        undefined,
      ]);
      await client.close();
    });
  });

  describe('requests', () => {
    it('sends JSON with its content type, the bearer token, accept and user agent, to the resolved URL', async () => {
      api = await servers.start(() => ({ status: 201, body: { id: 'n' } }));
      const { client } = scriptedClient(api);
      const body = await client.call({
        method: 'POST',
        path: 'things',
        query: { limit: 5, skip: undefined, name: 'a b' },
        json: { name: 'x' },
        operation: 'create a thing',
      });
      assert.deepEqual(body, { id: 'n' });
      const [req] = api.apiRequests();
      assert.equal(req.url, '/v1/things?limit=5&name=a+b');
      assert.equal(req.headers['content-type'], 'application/json');
      assert.equal(req.headers.accept, 'application/json');
      assert.equal(req.headers['user-agent'], 'pingone-sync-toolkit/1.2.3');
      assert.equal(req.headers.authorization, 'Bearer token-1');
      assert.equal(req.body, '{"name":"x"}');
      await client.close();
    });

    it('sends raw bytes with their content type and extra headers, and nothing without a body', async () => {
      api = await servers.start(() => ({ status: 200, body: { ok: true } }));
      const { client } = scriptedClient(api);
      await client.call({
        method: 'POST',
        path: '/upload',
        raw: {
          bytes: new Uint8Array([104, 105]),
          contentType: 'image/png',
          headers: { 'content-disposition': 'attachment; filename="a.png"' },
        },
        json: { ignored: true },
        operation: 'upload',
      });
      await client.call({ method: 'GET', path: '/plain', operation: 'read' });
      const [upload, plain] = api.apiRequests();
      assert.equal(upload.headers['content-type'], 'image/png');
      assert.equal(upload.headers['content-disposition'], 'attachment; filename="a.png"');
      assert.equal(upload.body, 'hi');
      assert.equal(plain.headers['content-type'], undefined);
      assert.equal(plain.body, '');
      assert.equal(plain.url, '/v1/plain');
      await client.close();
    });

    it('an absolute URL on the API origin is used as is; no path means the API root', async () => {
      api = await servers.start(() => ({ body: {} }));
      const { client } = scriptedClient(api);
      await client.call({ method: 'GET', url: `${api.base}/v1/next?cursor=abc`, query: { limit: 2 }, operation: 'read' });
      await client.call({ method: 'GET', operation: 'read the root' });
      assert.deepEqual(
        api.apiRequests().map((r) => r.url),
        ['/v1/next?cursor=abc&limit=2', '/v1/']
      );
      assert.equal(client.resolveUrl('HTTPS://elsewhere.example/x'), 'https://elsewhere.example/x');
      assert.equal(client.resolveUrl('/a', { b: 0 }), `${api.base}/v1/a?b=0`);
      await client.close();
    });

    it('refuses a URL that is not one, or not on the API origin, before sending anything', async () => {
      api = await servers.start(() => ({ body: {} }));
      const { client } = scriptedClient(api);
      assert.throws(
        () => client.assertApiOrigin('not a url', 'follow a link'),
        (e: unknown) =>
          e instanceof PingOneError && e.kind === 'refused' && e.message === 'Could not follow a link: "not a url" is not a valid URL.'
      );
      const e = await failure(client.call({ method: 'GET', url: 'http://127.0.0.2:1/v1/x', operation: 'follow a link' }));
      assert.equal(
        e.message,
        `Could not follow a link: PingOne pointed to http://127.0.0.2:1, which is not this connection's API (${api.base}); the request was not sent so the access token stays private.`
      );
      assert.equal(api.requests.length, 0, 'not even a token was fetched');
      await client.close();
    });
  });

  describe('status codes', () => {
    it('any 2xx is success; 300 is not', async () => {
      api = await servers.start((r) => (r.url.endsWith('/299') ? { status: 299, body: { id: 'x' } } : { status: 300, body: {} }));
      const { client } = scriptedClient(api);
      assert.deepEqual(await client.call({ method: 'GET', path: '/299', operation: 'read' }), { id: 'x' });
      const e = await failure(client.call({ method: 'GET', path: '/300', operation: 'read' }));
      assert.equal(e.status, 300);
      await client.close();
    });

    it('a DELETE that finds nothing on its first attempt is an error; on a repeat it is done', async () => {
      api = await servers.start((r, n) =>
        r.url.endsWith('/first') ? { status: 404, body: { code: 'NOT_FOUND' } } : n === 2 ? { status: 503 } : { status: 404 }
      );
      const { client } = scriptedClient(api);
      const e = await failure(client.call({ method: 'DELETE', path: '/first', operation: 'delete it' }));
      assert.equal(e.kind, 'not-found');
      assert.equal(await client.call({ method: 'DELETE', path: '/again', operation: 'delete it' }), undefined);
      assert.equal(api.apiRequests().length, 3);
      api.requests.length = 0;
      const refused = await servers.start((_r, n) => (n === 1 ? { status: 503 } : { status: 403, body: { code: 'ACCESS_FAILED' } }));
      const other = scriptedClient(refused);
      const e2 = await failure(other.client.call({ method: 'DELETE', path: '/x', operation: 'delete it' }));
      assert.equal(e2.kind, 'forbidden', 'only a 404 on a repeat means done');
      await other.client.close();
      await client.close();
    });

    it('a 401 gets one fresh token without using up an attempt', async () => {
      api = await servers.start((_r, n) => (n === 1 ? { status: 401 } : n === 2 ? { status: 503 } : { body: { id: 'ok' } }));
      const { client } = scriptedClient(api, { retry: { maxAttempts: 2 } });
      assert.deepEqual(await client.call({ method: 'GET', path: '/x', operation: 'read' }), { id: 'ok' });
      assert.deepEqual(
        api.apiRequests().map((r) => r.headers.authorization),
        ['Bearer token-1', 'Bearer token-2', 'Bearer token-2']
      );
      await client.close();
    });

    it('429 waits Retry-After (capped), else the backoff, and gives up after the last attempt', async () => {
      const answers = [
        { status: 429, headers: { 'retry-after': '0.004' } },
        { status: 429, headers: { 'retry-after': '100' } },
        { status: 429 },
        { status: 429, headers: { 'retry-after': '7' } },
      ];
      api = await servers.start((_r, n) => answers[n - 1]);
      const { client, clock, logger } = scriptedClient(api, {
        retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 1000, maxRetryAfterMs: 50 },
      });
      const e = await failure(client.call({ method: 'POST', path: '/x', operation: 'create x' }));
      assert.equal(e.kind, 'rate-limited');
      assert.equal(e.retryAfterSeconds, 7);
      assert.deepEqual(clock.sleeps, [4, 50, 30]);
      assert.equal(api.apiRequests().length, 4, 'a 429 is repeated even for a POST: PingOne did not process it');
      assert.deepEqual(
        logger.lines.filter((l) => l.level === 'warn').map((l) => [l.message, l.fields]),
        [
          ['Rate limited by PingOne; waiting', { delayMs: 4, attempt: 1 }],
          ['Rate limited by PingOne; waiting', { delayMs: 50, attempt: 2 }],
          ['Rate limited by PingOne; waiting', { delayMs: 30, attempt: 3 }],
        ]
      );
      await client.close();
    });

    it('a retryable status repeats an idempotent call with growing waits, and logs each', async () => {
      api = await servers.start((_r, n) => ({ status: n < 4 ? 503 : 502, headers: { 'correlation-id': `c${n}` } }));
      const { client, clock, logger } = scriptedClient(api, { retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 1000 } });
      const e = await failure(client.call({ method: 'PUT', path: '/x', json: {}, operation: 'replace x' }));
      assert.equal(e.status, 502);
      assert.equal(e.correlationId, 'c4');
      assert.deepEqual(clock.sleeps, [8, 15, 30]);
      assert.deepEqual(
        logger.lines.filter((l) => l.level === 'warn').map((l) => l.fields),
        [
          { status: 503, attempt: 1, correlationId: 'c1' },
          { status: 503, attempt: 2, correlationId: 'c2' },
          { status: 503, attempt: 3, correlationId: 'c3' },
        ]
      );
      assert.ok(logger.lines.filter((l) => l.level === 'warn').every((l) => l.message === 'PingOne returned a retryable status; retrying'));
      const debug = logger.lines.filter((l) => l.level === 'debug' && l.message.startsWith('PUT'));
      assert.deepEqual(
        debug.map((l) => [l.message, l.fields]),
        [1, 2, 3, 4].map((n) => [`PUT ${api!.base}/v1/x → ${n < 4 ? 503 : 502}`, { ms: 0, correlationId: `c${n}`, attempt: n }])
      );
      await client.close();
    });

    it('a retryable status on a POST is not repeated; idempotent: true makes it repeatable', async () => {
      api = await servers.start((r, n) => (r.url.endsWith('/once') || n < 3 ? { status: 500 } : { body: { id: 'x' } }));
      const { client } = scriptedClient(api);
      const e = await failure(client.call({ method: 'POST', path: '/once', operation: 'create x' }));
      assert.equal(e.message.endsWith('PingOne may or may not have completed it; check before trying again.'), true, e.message);
      assert.equal(api.apiRequests().length, 1);
      assert.deepEqual(await client.call({ method: 'POST', path: '/again', idempotent: true, operation: 'search' }), { id: 'x' });
      assert.equal(api.apiRequests().length, 3);
      await client.close();
    });
  });

  describe('network failures', () => {
    it('a dropped connection repeats a GET up to the attempts, logging each, then says it could not reach the host', async () => {
      api = await servers.start(() => 'destroy');
      const { client, clock, logger } = scriptedClient(api, { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000 } });
      const e = await failure(client.call({ method: 'GET', path: '/x', operation: 'read x' }));
      const host = new URL(api.base).host;
      assert.equal(
        e.message,
        `Could not read x: could not reach ${host} (UND_ERR_SOCKET). Check the network connection, the proxy settings (http.proxy) and the connection's URLs.`
      );
      assert.equal(api.apiRequests().length, 3);
      assert.deepEqual(clock.sleeps, [8, 15]);
      assert.deepEqual(
        logger.lines.filter((l) => l.level === 'warn').map((l) => [l.message, l.fields?.kind, l.fields?.attempt]),
        [1, 2, 3].map((n) => [`GET ${api!.base}/v1/x failed`, 'network', n])
      );
      await client.close();
    });

    it('a POST whose connection dropped is not repeated; one that was refused before sending is', async () => {
      api = await servers.start(() => 'destroy');
      const { client } = scriptedClient(api, { retry: { maxAttempts: 3 } });
      const dropped = await failure(client.call({ method: 'POST', path: '/x', operation: 'create x' }));
      assert.equal(dropped.kind, 'network');
      assert.ok(dropped.message.endsWith('PingOne may or may not have completed it; check before trying again.'), dropped.message);
      assert.equal(api.apiRequests().length, 1);

      // The API on a port nothing listens on (tokens still come from the scripted server).
      const refused = scriptedClient(api, { connection: { apiBaseUrl: 'http://127.0.0.1:9/v1' }, retry: { maxAttempts: 3 } });
      const e = await failure(refused.client.call({ method: 'POST', path: '/x', operation: 'create x' }));
      assert.equal(
        e.message,
        "Could not create x: could not reach 127.0.0.1:9 (ECONNREFUSED). Check the network connection, the proxy settings (http.proxy) and the connection's URLs."
      );
      assert.equal(refused.logger.lines.filter((l) => l.level === 'warn').length, 3, 'each of the 3 attempts was made');
      await client.close();
      await refused.client.close();
    });

    it('a request with no answer times out once, naming the host and the limit, and is not repeated', async () => {
      api = await servers.start(() => 'hang');
      const { client } = scriptedClient(api, { retry: { timeoutMs: 150 } });
      const e = await failure(client.call({ method: 'GET', path: '/x', operation: 'read x' }));
      assert.equal(e.kind, 'timeout');
      assert.equal(
        e.message,
        `Could not read x: ${new URL(api.base).host} did not answer within 0.2 s. PingOne may be slow, or a proxy or firewall may be holding the connection.`
      );
      assert.equal(api.apiRequests().length, 1);
      await client.close();
    });

    it('cancelling during a request ends it as cancelled and leaves no listener on the signal', async () => {
      api = await servers.start((r) => (r.url.endsWith('/slow') ? 'hang' : { body: { id: 'a' } }));
      const { client } = scriptedClient(api, { retry: { timeoutMs: 30_000 } });
      const signal = new AbortController();
      await client.call({ method: 'GET', path: '/fast', operation: 'read', signal: signal.signal });
      assert.equal(getEventListeners(signal.signal, 'abort').length, 0, 'a finished call leaves no listener');
      const pending = client.call({ method: 'GET', path: '/slow', operation: 'read slowly', signal: signal.signal });
      while (api.apiRequests().length < 2) await new Promise((r) => setTimeout(r, 5));
      const cancelledAt = Date.now();
      signal.abort(new Error('user'));
      const e = await failure(pending);
      assert.ok(Date.now() - cancelledAt < 5_000, 'the request stops when cancelled, not at its 30 s timeout');
      assert.equal(e.kind, 'cancelled');
      assert.equal(e.message, 'Could not read slowly: it was cancelled.');
      assert.equal(getEventListeners(signal.signal, 'abort').length, 0);
      const again = await failure(client.call({ method: 'GET', path: '/fast', operation: 'read again', signal: signal.signal }));
      assert.equal(again.kind, 'cancelled');
      assert.equal(api.apiRequests().length, 2, 'nothing is sent with a cancelled signal');
      await client.close();
    });
  });

  describe('propagation and lookups after a failed create', () => {
    it('a just-created thing that 404s is retried with the propagation backoff, a bounded number of times', async () => {
      api = await servers.start(() => ({ status: 404, body: { code: 'NOT_FOUND', message: 'nope' } }));
      const { client, clock, logger } = scriptedClient(api, {
        retry: { maxPropagationRetries: 3, propagationBaseDelayMs: 100, maxDelayMs: 10_000 },
      });
      const e = await failure(client.call({ method: 'GET', path: '/apps/1', operation: 'read app', propagation: { notFound: true } }));
      assert.equal(e.kind, 'not-found');
      assert.deepEqual(clock.sleeps, [75, 150, 300]);
      assert.deepEqual(
        logger.lines.filter((l) => l.level === 'info').map((l) => [l.message, l.fields]),
        [1, 2, 3].map((n) => [
          'PingOne has not caught up with a recent change yet; retrying',
          { status: 404, retry: n, delayMs: [75, 150, 300][n - 1] },
        ])
      );
      const plain = await failure(client.call({ method: 'GET', path: '/apps/2', operation: 'read app' }));
      assert.equal(plain.kind, 'not-found');
      assert.equal(api.apiRequests().length, 5, '4 tries with propagation, 1 without');
      await client.close();
    });

    const created = { id: 'made' };
    for (const [what, lookups, expected, sleeps] of [
      ['found at the first look', [created], created, []],
      ['found at the second look', [undefined, created], created, [40]],
    ] as const) {
      it(`a create whose answer was lost: ${what}`, async () => {
        api = await servers.start(() => ({ status: 502 }));
        const { client, clock, logger } = scriptedClient(api, { retry: { propagationBaseDelayMs: 40 } });
        const answers = [...lookups];
        const signals: (AbortSignal | undefined)[] = [];
        const signal = new AbortController().signal;
        const got = await client.call({
          method: 'POST',
          path: '/apps',
          operation: 'create app',
          signal,
          recover: async (s) => {
            signals.push(s);
            return answers.shift();
          },
        });
        assert.deepEqual(got, expected);
        assert.deepEqual(clock.sleeps, sleeps);
        assert.ok(
          signals.every((s) => s === signal),
          'the lookup gets the caller signal'
        );
        assert.deepEqual(
          logger.lines.filter((l) => l.level === 'info').map((l) => [l.message, l.fields]),
          [
            ['Outcome of a create is unknown; checking what exists', { operation: 'create app' }],
            ['Found what the failed create had made; using it', { operation: 'create app' }],
          ]
        );
        assert.equal(api.apiRequests().length, 1, 'never POSTed again');
        await client.close();
      });
    }

    it('a create whose answer was lost and that is not found after two looks says it may still have been done', async () => {
      api = await servers.start(() => ({ status: 201, raw: 'not json at all', headers: { 'content-type': 'text/plain' } }));
      const { client, clock } = scriptedClient(api, { retry: { propagationBaseDelayMs: 40 } });
      let looks = 0;
      const e = await failure(
        client.call({
          method: 'POST',
          path: '/apps',
          operation: 'create app',
          expect: objectWithStrings('id'),
          recover: async () => {
            looks++;
            return undefined;
          },
        })
      );
      assert.equal(looks, 2);
      assert.deepEqual(clock.sleeps, [40]);
      assert.equal(
        e.message,
        `Could not create app: POST /v1/apps answered 201 with a body that is not JSON where a JSON object with a string "id" was expected. Nothing was found in PingOne afterwards, but a new resource can take a while to be listed, so it may still have been done; look again before trying again.`
      );
      await client.close();
    });

    it('a lookup that fails says so; one that is cancelled stays cancelled; its error is logged without secrets', async () => {
      api = await servers.start(() => ({ status: 500 }));
      const { client, logger } = scriptedClient(api);
      const e = await failure(
        client.call({
          method: 'POST',
          path: '/apps',
          operation: 'create app',
          recover: async () => {
            throw new Error('lookup broke near scripted-secret-value and token-1');
          },
        })
      );
      assert.ok(
        e.message.endsWith('PingOne may or may not have completed it, and checking failed too; look in PingOne before trying again.'),
        e.message
      );
      const logged = logger.lines.find((l) => l.message === 'Could not check what was created');
      assert.ok(logged, logger.text());
      assert.equal(logged.level, 'warn');
      assert.match(String(logged.fields?.error), /lookup broke near/);
      const refused = await failure(
        client.call({
          method: 'POST',
          path: '/apps',
          operation: 'create app',
          recover: async () => {
            throw new PingOneError({ kind: 'forbidden', operation: 'list apps', explanation: 'no' });
          },
        })
      );
      assert.equal(refused.operation, 'create app', 'a refused lookup reports the create, with the note');
      assert.ok(refused.message.endsWith('and checking failed too; look in PingOne before trying again.'), refused.message);
      assert.doesNotMatch(logger.text(), /scripted-secret-value|token-1/);
      const c = await failure(
        client.call({
          method: 'POST',
          path: '/apps',
          operation: 'create app',
          recover: async () => {
            throw new PingOneError({ kind: 'cancelled', operation: 'look', explanation: 'it was cancelled' });
          },
        })
      );
      assert.equal(c.message, 'Could not look: it was cancelled.');
      await client.close();
    });
  });

  describe('tokens and the dispatcher', () => {
    it('verify fetches a token once; resetToken forgets it', async () => {
      api = await servers.start(() => ({ body: {} }));
      const { client } = scriptedClient(api);
      await client.verify();
      await client.verify();
      assert.equal(api.tokenRequests().length, 1);
      client.resetToken();
      await client.call({ method: 'GET', path: '/x', operation: 'read' });
      assert.equal(api.tokenRequests().length, 2);
      assert.equal(api.apiRequests()[0].headers.authorization, 'Bearer token-2');
      await client.close();
    });

    it('close() closes a dispatcher the client made, never a shared one', async () => {
      api = await servers.start(() => ({ body: {} }));
      const shared = new Agent();
      const { client } = scriptedClient(api, { dispatcher: shared });
      await client.call({ method: 'GET', path: '/x', operation: 'read' });
      await client.close();
      assert.equal(shared.closed, false);
      const second = scriptedClient(api, { dispatcher: shared });
      await second.client.call({ method: 'GET', path: '/x', operation: 'read' });
      await shared.close();
      const own = scriptedClient(api);
      await own.client.call({ method: 'GET', path: '/x', operation: 'read' });
      await own.client.close();
      const e = await failure(own.client.call({ method: 'GET', path: '/x', operation: 'read after close' }));
      assert.equal(e.kind, 'network');
    });
  });
});
