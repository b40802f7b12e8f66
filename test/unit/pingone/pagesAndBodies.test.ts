/**
 * Collection pages (PingOne Platform API, Paging, ordering and collections: `_embedded.<key>` and
 * `_links.next.href`) and response bodies at their size limit, against a scripted server.
 */
import assert from 'node:assert/strict';
import { Agent, Dispatcher } from 'undici';
import { PingOneError, collect, fetchPage, paginate } from '../../../src/pingone';
import { MAX_RESPONSE_BYTES, headerValue, pathOf, safeHost, sendHttp, wasNeverSent } from '../../../src/pingone/transport';
import type { ScriptedApi } from './scriptedApi';
import { scriptedClient, scriptedServers, failure } from './scriptedApi';

/** A dispatcher whose every request fails with `error`, as undici reports a socket failure. */
class FailingDispatcher extends Dispatcher {
  constructor(private readonly error: Error) {
    super();
  }
  override dispatch(_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    queueMicrotask(() => (handler as { onError?: (e: Error) => void }).onError?.(this.error));
    return true;
  }
}

describe('pingone: collection pages and response bodies', () => {
  let api: ScriptedApi | undefined;
  const servers = scriptedServers();

  describe('page shapes', () => {
    const accepted: [string, unknown, { items: unknown[]; nextUrl?: string; count?: number }][] = [
      ['a list', { _embedded: { things: [{ id: 'a' }] }, _links: {} }, { items: [{ id: 'a' }], nextUrl: undefined, count: undefined }],
      ['a list without links', { _embedded: { things: [] } }, { items: [], nextUrl: undefined, count: undefined }],
      ['a list with a count', { _embedded: { things: [{ id: 'a' }] }, count: 7 }, { items: [{ id: 'a' }], nextUrl: undefined, count: 7 }],
      ['a page with links and no _embedded', { _links: { self: { href: 'x' } } }, { items: [], nextUrl: undefined, count: undefined }],
      ['links and an empty _embedded', { _embedded: {}, _links: {} }, { items: [], nextUrl: undefined, count: undefined }],
      ['links and a count of 0', { _links: {}, count: 0 }, { items: [], nextUrl: undefined, count: 0 }],
      ['links and a count that is not a number', { _links: {}, count: '3' }, { items: [], nextUrl: undefined, count: undefined }],
    ];
    for (const [what, body, expected] of accepted) {
      it(`accepts ${what}`, async () => {
        api = await servers.start(() => ({ body }));
        const { client } = scriptedClient(api);
        const page = await fetchPage(client, { pathOrUrl: '/things', embeddedKey: 'things', operation: 'list things' });
        assert.deepEqual(page, expected);
        await client.close();
      });
    }

    it('passes on the next link and the count', async () => {
      api = await servers.start(() => ({
        body: { _embedded: { things: [] }, _links: { next: { href: `${api!.base}/v1/things?cursor=2` } }, count: 3 },
      }));
      const { client } = scriptedClient(api);
      const page = await fetchPage(client, { pathOrUrl: '/things', embeddedKey: 'things', operation: 'list things' });
      assert.deepEqual(page, { items: [], nextUrl: `${api.base}/v1/things?cursor=2`, count: 3 });
      await client.close();
    });

    const refused: [string, unknown][] = [
      ['a list under another key', { _embedded: { others: [] } }],
      ['items that are not a list', { _embedded: { things: { id: 'a' } }, _links: {} }],
      ['_embedded that is not an object', { _embedded: 'things', _links: {} }],
      ['_embedded that is a list', { _embedded: [], _links: {} }],
      ['no list and links that are not an object', { _links: 'x' }],
      ['no list, links, and a count above 0', { _links: {}, count: 2 }],
      ['a next link that is not an object', { _embedded: { things: [] }, _links: { next: 'x' } }],
      ['a next link without a string href', { _embedded: { things: [] }, _links: { next: { href: 5 } } }],
      ['a list that is not an object', [[]]],
      ['nothing', {}],
    ];
    for (const [what, body] of refused) {
      it(`refuses ${what}, saying what was expected`, async () => {
        api = await servers.start(() => ({ body }));
        const { client } = scriptedClient(api);
        const e = await failure(fetchPage(client, { pathOrUrl: '/things', embeddedKey: 'things', operation: 'list things' }));
        assert.equal(e.kind, 'bad-response');
        assert.match(e.message, / where a JSON collection with a list _embedded\.things was expected\.$/);
        await client.close();
      });
    }
  });

  describe('paginate', () => {
    it('follows each next link exactly, without the first page query, and sends the operation in errors', async () => {
      api = await servers.start((r) => {
        const page = Number(new URL(r.url, 'http://x').searchParams.get('cursor') ?? 1);
        const next = page < 3 ? { next: { href: `${api!.base}/v1/things?cursor=${page + 1}` } } : {};
        return { body: { _embedded: { things: [{ id: `p${page}` }] }, _links: next } };
      });
      const { client } = scriptedClient(api);
      const items = await collect(
        paginate<{ id: string }>(client, {
          pathOrUrl: '/things',
          query: { limit: 1, filter: undefined },
          embeddedKey: 'things',
          operation: 'list things',
        })
      );
      assert.deepEqual(
        items.map((i) => i.id),
        ['p1', 'p2', 'p3']
      );
      assert.deepEqual(
        api.apiRequests().map((r) => r.url),
        ['/v1/things?limit=1', '/v1/things?cursor=2', '/v1/things?cursor=3']
      );
      await client.close();
    });

    it('a repeated next link stops the listing with a message, after the items already read', async () => {
      api = await servers.start((_r, n) => ({
        body: {
          _embedded: { things: [{ id: `i${n}` }] },
          _links: { next: { href: `${api!.base}/v1/things?cursor=${n === 1 ? 'a' : 'b'}` } },
        },
      }));
      const { client } = scriptedClient(api);
      const seen: string[] = [];
      const e = await failure(
        (async () => {
          for await (const t of paginate<{ id: string }>(client, { pathOrUrl: '/things', embeddedKey: 'things', operation: 'list things' }))
            seen.push(t.id);
        })()
      );
      assert.equal(e.kind, 'refused');
      assert.equal(e.message, 'Could not list things: PingOne returned the same next link twice; stopping to avoid an endless loop.');
      assert.deepEqual(seen, ['i1', 'i2', 'i3']);
      assert.equal(api.apiRequests().length, 3);
      await client.close();
    });

    it('collect of nothing is an empty list', async () => {
      async function* none(): AsyncGenerator<number> {}
      assert.deepEqual(await collect(none()), []);
    });
  });

  describe('response size', () => {
    it('a body of exactly the limit is read; one byte more is refused, with or without a Content-Length', async () => {
      const limit = MAX_RESPONSE_BYTES;
      assert.equal(limit, 16 * 1024 * 1024);
      const exact = Buffer.alloc(limit, 'a');
      const over = Buffer.alloc(limit + 1, 'a');
      // Node sends chunked unless told a Content-Length: both ways of framing a body are checked.
      const framed = (body: Buffer, chunked: boolean) => ({
        raw: body,
        headers: {
          'content-type': 'text/plain',
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }),
        },
      });
      api = await servers.start((r) => framed(r.url.includes('/exact') ? exact : over, r.url.includes('-chunked')));
      const { client } = scriptedClient(api);
      for (const path of ['/exact-length', '/exact-chunked']) {
        const text = await client.call<string>({ method: 'GET', path, operation: 'read' });
        assert.equal(text.length, limit);
      }
      for (const path of ['/over-length', '/over-chunked']) {
        const e = await failure(client.call({ method: 'GET', path: `${path}?q=1`, operation: 'read big' }));
        assert.equal(e.kind, 'bad-response');
        assert.equal(
          e.message,
          `Could not read big: GET /v1${path} answered 200 with a body larger than 16 MiB, far beyond any PingOne answer; it was not read.`
        );
      }
      await client.close();
    });
  });

  describe('transport helpers', () => {
    it('pathOf drops the query; safeHost names the host; both survive text that is not a URL', () => {
      assert.equal(pathOf('https://api.pingone.eu/v1/environments?filter=name%20eq%20%22x%22'), '/v1/environments');
      assert.equal(pathOf('not a url'), 'not a url');
      assert.equal(safeHost('https://api.pingone.eu:8443/v1'), 'api.pingone.eu:8443');
      assert.equal(safeHost('not a url'), 'the server');
    });

    it('headerValue reads a header in any case and the first of several values', () => {
      assert.equal(headerValue({ 'retry-after': ['5', '9'] }, 'Retry-After'), '5');
      assert.equal(headerValue({ 'retry-after': '7' }, 'RETRY-AFTER'), '7');
      assert.equal(headerValue({}, 'retry-after'), undefined);
    });

    it('only refused, connect timeouts and DNS retries count as never sent', () => {
      const err = (kind: 'network' | 'timeout', code?: string) => new PingOneError({ kind, code, operation: 'x', explanation: 'y' });
      assert.equal(wasNeverSent(err('network', 'ECONNREFUSED')), true);
      assert.equal(wasNeverSent(err('network', 'UND_ERR_CONNECT_TIMEOUT')), true);
      assert.equal(wasNeverSent(err('network', 'EAI_AGAIN')), true);
      assert.equal(wasNeverSent(err('network', 'ECONNRESET')), false);
      assert.equal(wasNeverSent(err('network')), false);
      assert.equal(wasNeverSent(err('timeout', 'ECONNREFUSED')), false);
    });

    it('a socket error wrapped by undici is reported by the system error code underneath it', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } }, 'ECONNRESET'],
        [{ code: 'UND_ERR_CONNECT_TIMEOUT', cause: { code: 'ETIMEDOUT' } }, 'ETIMEDOUT'],
        [{ cause: { code: 'EPIPE' } }, 'EPIPE'],
        [{ code: 'ECONNABORTED', cause: { code: 'ECONNRESET' } }, 'ECONNABORTED'],
        [{ code: 'UND_ERR_SOCKET', cause: { code: 'ERR_X1' } }, 'UND_ERR_SOCKET'],
        [{ code: 'UND_ERR_SOCKET', cause: { code: 'UV_ECONNRESET' } }, 'UND_ERR_SOCKET'],
        [{ code: 'UND_ERR_SOCKET' }, 'UND_ERR_SOCKET'],
      ];
      for (const [fields, code] of cases) {
        const e = await failure(
          sendHttp(new FailingDispatcher(Object.assign(new Error('socket trouble'), fields)), {
            method: 'GET',
            url: 'https://api.pingone.eu/v1/x',
            headers: {},
            timeoutMs: 1000,
            operation: 'read',
          })
        );
        assert.equal(e.code, code, JSON.stringify(fields));
        assert.equal(
          e.message,
          `Could not read: could not reach api.pingone.eu (${code}). Check the network connection, the proxy settings (http.proxy) and the connection's URLs.`
        );
      }
    });

    it('sendHttp on text that is not a URL says it could not reach the server', async () => {
      const agent = new Agent();
      const e = await failure(sendHttp(agent, { method: 'GET', url: 'not a url', headers: {}, timeoutMs: 1000, operation: 'read' }));
      assert.equal(e.kind, 'network');
      assert.match(e.message, /^Could not read: could not reach the server/);
      await agent.close();
    });
  });
});
