import assert from 'node:assert/strict';
import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PingOneClient,
  PingOneError,
  collect,
  fetchApplicationsPage,
  fetchEnvironmentsPage,
  listApplications,
  paginate,
} from '../../../src/pingone';
import type { Emulator } from './helpers';
import { FAST_RETRY, clientFor, envIdByName, requestCounter, startTestEmulator } from './helpers';

const ENV = '3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8';

/** A hand-rolled API that answers token and list calls, for links the emulator would never send. */
async function startFakeApi(
  handler: (req: IncomingMessage, base: string) => unknown
): Promise<{ server: Server; base: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    requests.push(req);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url?.endsWith('/as/token')) {
      res.end(JSON.stringify({ access_token: 'fake-access-token-1234', token_type: 'Bearer', expires_in: 3600 }));
      return;
    }
    res.end(JSON.stringify(handler(req, base)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

function fakeClient(base: string): PingOneClient {
  return new PingOneClient({
    connection: {
      id: 'f',
      name: 'fake',
      authBaseUrl: base,
      apiBaseUrl: `${base}/v1`,
      environmentId: ENV,
      clientId: ENV,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    },
    getSecret: () => 'fake-secret-value',
    toolkitVersion: '9.8.7',
    retry: FAST_RETRY,
  });
}

describe('pingone: paging', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startTestEmulator({ pageSize: 10 });
  });
  after(async () => {
    await emu.close();
  });

  it('follows next links across many pages', async () => {
    const client = clientFor(emu);
    const staging = envIdByName(emu, 'Sync Staging');
    const counter = requestCounter(emu);
    const users = await collect(
      paginate<{ id: string }>(client, {
        pathOrUrl: `/environments/${staging}/users`,
        query: { limit: 10 },
        embeddedKey: 'users',
        operation: 'list users',
      })
    );
    const expected = [...emu.state.users.values()].filter((u) => u.environmentId === staging).length;
    assert.equal(users.length, expected);
    assert.ok(expected > 120);
    assert.equal(new Set(users.map((u) => u.id)).size, users.length, 'no duplicates');
    const pages = counter.calls().filter((c) => c.path.endsWith('/users')).length;
    assert.equal(pages, Math.ceil(expected / 10));
    assert.ok(counter.calls().filter((c) => c.query.cursor).length >= 12, 'later pages use the cursor from next');
    await client.close();
  });

  it('lists applications in the one page PingOne returns, sending no undeclared limit; environments page for "Load more"', async () => {
    const client = clientFor(emu);
    const staging = envIdByName(emu, 'Sync Staging');
    const counter = requestCounter(emu);
    const first = await fetchApplicationsPage(client, staging);
    const expected = [...emu.state.applications.values()].filter((a) => a.environmentId === staging && !a.hidden).length;
    assert.equal(first.items.length, expected);
    assert.equal(first.nextUrl, undefined);
    assert.equal((await collect(listApplications(client, staging))).length, expected);
    assert.deepEqual(
      counter
        .calls()
        .filter((c) => c.path.endsWith('/applications'))
        .map((c) => c.query),
      [{}, {}],
      'no query parameters'
    );
    const envs = await fetchEnvironmentsPage(client, { limit: 2 });
    assert.equal(envs.items.length, 2);
    assert.ok(envs.nextUrl);
    const more = await fetchEnvironmentsPage(client, { nextUrl: envs.nextUrl });
    assert.notEqual(more.items[0].id, envs.items[0].id);
    await client.close();
  });

  describe('with a hand-rolled server', () => {
    let fake: Awaited<ReturnType<typeof startFakeApi>>;
    let other: Awaited<ReturnType<typeof startFakeApi>>;
    before(async () => {
      other = await startFakeApi(() => ({ _embedded: { items: [{ id: 'stolen' }] } }));
      fake = await startFakeApi((req, base) => {
        if (req.url?.startsWith('/v1/cross'))
          return { _embedded: { items: [{ id: 'a' }] }, _links: { next: { href: `${other.base}/v1/cross?cursor=x` } } };
        if (req.url?.startsWith('/v1/loop'))
          return { _embedded: { items: [{ id: 'a' }] }, _links: { next: { href: `${base}/v1/loop?cursor=same` } } };
        return { _embedded: { items: [{ id: 'a' }] } };
      });
    });
    after(async () => {
      await new Promise((r) => fake.server.close(r));
      await new Promise((r) => other.server.close(r));
    });

    it('refuses a next link to another origin and sends nothing there', async () => {
      const client = fakeClient(fake.base);
      const seen: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const item of paginate<{ id: string }>(client, {
            pathOrUrl: '/cross',
            embeddedKey: 'items',
            operation: 'list things',
          }))
            seen.push(item.id);
        })(),
        (e: unknown) => e instanceof PingOneError && e.kind === 'refused' && /not this connection's API/.test(e.message)
      );
      assert.deepEqual(seen, ['a']);
      assert.equal(other.requests.length, 0, 'the other origin never saw a request (nor the token)');
      await client.close();
    });

    it('stops when a server repeats its next link', async () => {
      const client = fakeClient(fake.base);
      await assert.rejects(
        collect(paginate(client, { pathOrUrl: '/loop', embeddedKey: 'items', operation: 'list things' })),
        (e: unknown) => e instanceof PingOneError && e.kind === 'refused'
      );
      await client.close();
    });

    it('sends User-Agent pingone-sync-toolkit/<version> and the bearer token only to the API', async () => {
      const client = fakeClient(fake.base);
      await collect(paginate(client, { pathOrUrl: '/plain', embeddedKey: 'items', operation: 'list things' }));
      const api = fake.requests.filter((r) => r.url === '/v1/plain');
      assert.equal(api.at(-1)!.headers['user-agent'], 'pingone-sync-toolkit/9.8.7');
      assert.equal(api.at(-1)!.headers.authorization, 'Bearer fake-access-token-1234');
      const token = fake.requests.find((r) => r.url?.endsWith('/as/token'))!;
      assert.equal(token.headers['user-agent'], 'pingone-sync-toolkit/9.8.7');
      assert.equal(token.headers.authorization, undefined, 'Client Secret Post sends no Authorization header');
      await client.close();
    });
  });
});
