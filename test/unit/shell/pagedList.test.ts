import assert from 'node:assert/strict';
import { Limiter } from '../../../src/explorer/limiter';
import { PagedList } from '../../../src/explorer/pagedList';
import type { Page } from '../../../src/pingone/paging';

interface Item {
  id: string;
}

const items = (n: number, from = 0): Item[] => Array.from({ length: n }, (_, i) => ({ id: `a${from + i}` }));

/** A server with `total` items, answering `perPage` per request (Infinity: the whole list at once, as PingOne may for applications). */
function server(total: number, perPage: number) {
  const requests: Array<string | undefined> = [];
  const fetch = async ({ nextUrl }: { nextUrl?: string }): Promise<Page<Item>> => {
    requests.push(nextUrl);
    const from = nextUrl ? Number(nextUrl) : 0;
    const to = Math.min(total, from + perPage);
    return { items: items(to - from, from), nextUrl: to < total ? String(to) : undefined };
  };
  return { fetch, requests };
}

function list(fetch: (r: { nextUrl?: string }) => Promise<Page<Item>>, pageSize = 100) {
  let changes = 0;
  const l = new PagedList<Item>(
    fetch,
    new Limiter(2),
    (i) => i.id,
    () => void changes++,
    (w) => w,
    () => pageSize
  );
  return { l, changes: () => changes };
}

describe('Explorer paged list (Load more over what was fetched)', () => {
  it('pages locally over one whole list: Load more costs no request', async () => {
    const s = server(250, Infinity);
    const { l } = list(s.fetch);
    await l.ensureLoaded();
    assert.equal(l.visible.length, 100);
    assert.ok(l.hasMore);
    await l.loadMore();
    assert.equal(l.visible.length, 200);
    await l.loadMore();
    assert.equal(l.visible.length, 250);
    assert.equal(l.hasMore, false);
    assert.equal(s.requests.length, 1, 'one request for the whole list');
  });

  it('follows the server’s pages when it pages', async () => {
    const s = server(250, 100);
    const { l } = list(s.fetch);
    await l.ensureLoaded();
    await l.loadMore();
    await l.loadMore();
    assert.equal(l.visible.length, 250);
    assert.equal(l.hasMore, false);
    assert.deepEqual(s.requests, [undefined, '100', '200']);
  });

  it('a reload brings back as many items as were shown, whichever way the server pages', async () => {
    for (const perPage of [100, Infinity]) {
      const s = server(250, perPage);
      const { l } = list(s.fetch);
      await l.ensureLoaded();
      await l.loadMore();
      l.reload();
      await l.ensureLoaded();
      assert.equal(l.visible.length, 200, `per page ${perPage}`);
      l.reset();
      await l.ensureLoaded();
      assert.equal(l.visible.length, 100, 'a reset starts over');
    }
  });

  it('replaces, removes and shows single items without a request', async () => {
    const s = server(250, Infinity);
    const { l } = list(s.fetch);
    await l.ensureLoaded();
    assert.ok(l.replace({ id: 'a3' }));
    l.remove('a3');
    assert.equal(l.visible.length, 99, 'the rest stay shown');
    assert.ok(!l.visible.some((i) => i.id === 'a3'));
    assert.ok(l.show('a220'));
    assert.ok(l.visible.some((i) => i.id === 'a220'));
    assert.equal(l.show('nope'), false);
    assert.equal(s.requests.length, 1);
  });
});
