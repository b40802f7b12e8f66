/**
 * The safety stop of paging: a server that keeps sending new `next` links is
 * followed for at most 10 000 pages (far beyond any real PingOne listing),
 * then the listing stops with a message naming the operation.
 */
import assert from 'node:assert/strict';
import { paginate } from '../../../src/pingone';
import type { ScriptedApi } from './scriptedApi';
import { failure, scriptedClient, scriptedServers } from './scriptedApi';

describe('pingone: paging stops after 10 000 pages', function () {
  // 10 001 local requests: a few seconds on a loaded machine.
  this.timeout(120_000);
  const servers = scriptedServers();

  it('reads exactly 10 000 pages, keeps their items, then refuses the next', async () => {
    const api: ScriptedApi = await servers.start((_r, n) => ({
      body: { _embedded: { things: [{ id: n }] }, _links: { next: { href: `${api.base}/v1/things?cursor=${n + 1}` } } },
    }));
    const { client } = scriptedClient(api);
    let items = 0;
    const e = await failure(
      (async () => {
        for await (const t of paginate<{ id: number }>(client, { pathOrUrl: '/things', embeddedKey: 'things', operation: 'list things' })) {
          items++;
          assert.equal(t.id, items);
        }
      })()
    );
    assert.equal(e.kind, 'refused');
    assert.equal(e.message, 'Could not list things: PingOne returned more than 10000 pages; stopping.');
    assert.equal(items, 10_000);
    assert.equal(api.apiRequests().length, 10_000);
    await client.close();
  });
});
