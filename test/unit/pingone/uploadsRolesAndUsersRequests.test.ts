/**
 * What the icon upload, the username look-up and the role look-ups send and
 * accept, against a server whose every answer the test scripts (PingOne
 * Platform API: Images, Users, Roles).
 */
import assert from 'node:assert/strict';
import type { Role } from '../../../src/pingone';
import { PingOneError, batchUsernames, findRoleByName, findUsersByUsernames, listBuiltInRoles, uploadImage } from '../../../src/pingone';
import { ENV, failure, scriptedClient, scriptedServers } from './scriptedApi';

const users = (list: Array<Record<string, unknown>>) => ({ body: { _embedded: { users: list } } });
const roles = (list: Array<Partial<Role>>) => ({ body: { _embedded: { roles: list } } });

describe('pingone: upload, username and role requests as sent and answered', () => {
  const servers = scriptedServers();

  describe('icon upload', () => {
    it('sends the bytes raw with their content type and an attachment file name', async () => {
      const api = await servers.start(() => ({
        status: 201,
        body: { id: 'img-1', targets: { original: { href: 'https://cdn.example/i.png' } } },
      }));
      const { client } = scriptedClient(api);
      const image = await uploadImage(client, ENV, { bytes: Buffer.from('PNGDATA'), fileName: '/home/me/my logo.png', format: 'png' });
      assert.equal(image.id, 'img-1');
      const [req] = api.apiRequests();
      assert.equal(req.method, 'POST');
      assert.equal(req.url, `/v1/environments/${ENV}/images`);
      assert.equal(req.headers['content-type'], 'image/png');
      assert.equal(req.headers['content-disposition'], 'attachment; filename=my_logo.png');
      assert.equal(req.body, 'PNGDATA');
      await client.close();
    });

    for (const [what, body] of [
      ['no id', { targets: { original: { href: 'https://cdn.example/i.png' } } }],
      ['an id that is not a string', { id: 7, targets: { original: { href: 'https://cdn.example/i.png' } } }],
      ['no targets', { id: 'img-1' }],
      ['targets without original', { id: 'img-1', targets: {} }],
      ['an original without href', { id: 'img-1', targets: { original: {} } }],
      ['an href that is not a string', { id: 'img-1', targets: { original: { href: 1 } } }],
    ] as const) {
      it(`refuses an answer with ${what}, saying what it expected`, async () => {
        const api = await servers.start(() => ({ status: 201, body }));
        const { client } = scriptedClient(api);
        const e = await failure(uploadImage(client, ENV, { bytes: Buffer.from('GIF89a'), fileName: 'x.gif', format: 'gif' }));
        assert.match(e.message, /upload the icon x\.gif/);
        assert.match(e.message, /where a JSON object with an id and targets\.original\.href was expected/);
        assert.equal(api.apiRequests().length, 1, 'an upload is never repeated');
        await client.close();
      });
    }
  });

  describe('username look-up', () => {
    /** `username eq "<name>"` encoded in the query is 22 characters around the name; ` or ` between two is 8. */
    it('cuts a batch when the encoded filter would pass 3000 characters, not at 3000', () => {
      const a = 'a'.repeat(1474);
      assert.equal(encodeURIComponent(`username eq "${a}" or username eq "${'b'.repeat(1474)}"`).length, 3000);
      assert.deepEqual(batchUsernames([a, 'b'.repeat(1474)], 20).length, 1, 'exactly 3000 fits');
      assert.deepEqual(batchUsernames([a, 'b'.repeat(1475)], 20).length, 2, '3001 does not');
    });

    it('keeps two users whose usernames differ only in case under the name asked for', async () => {
      const api = await servers.start(() =>
        users([
          { id: 'u1', username: 'alice' },
          { id: 'u2', username: 'Alice' },
        ])
      );
      const { client } = scriptedClient(api);
      const found = await findUsersByUsernames(client, ENV, ['alice']);
      assert.deepEqual(
        found.get('alice')!.map((u) => u.id),
        ['u1', 'u2']
      );
      await client.close();
    });

    it('ignores users it did not ask for and users answered without a username', async () => {
      const api = await servers.start(() =>
        users([{ id: 'u9', username: 'mallory' }, { id: 'u8' }, { id: 'u7', username: null }, { id: 'u1', username: 'bob' }])
      );
      const { client } = scriptedClient(api);
      const found = await findUsersByUsernames(client, ENV, ['bob', 'carol']);
      assert.deepEqual(
        [...found.entries()].map(([k, v]) => [k, v.map((u) => u.id)]),
        [
          ['bob', ['u1']],
          ['carol', []],
        ]
      );
      await client.close();
    });
  });

  describe('role look-ups', () => {
    it('passes the caller’s cancel signal on, for built-in and environment roles', async () => {
      const api = await servers.start(() => roles([{ id: 'r1', name: 'Identity Data Admin' }]));
      for (const environmentId of [undefined, ENV]) {
        const { client } = scriptedClient(api);
        const stop = new AbortController();
        stop.abort(new Error('closed by the user'));
        await assert.rejects(findRoleByName(client, 'Identity Data Admin', { environmentId, signal: stop.signal }), (e: unknown) => {
          assert.ok(e instanceof PingOneError && e.kind === 'cancelled', `not a cancellation: ${String(e)}`);
          return true;
        });
        await client.close();
      }
      assert.equal(api.apiRequests().length, 0, 'a cancelled look-up sends nothing');
    });

    it('a failed built-in role request that was already replaced does not drop the newer cached list', async () => {
      let releaseFirst!: () => void;
      const firstHeld = new Promise<void>((r) => (releaseFirst = r));
      const api = await servers.start(async (_req, n) => {
        if (n === 1) {
          await firstHeld;
          return { status: 403, body: { id: 'e-1', code: 'ACCESS_FAILED', message: 'no' } };
        }
        return roles([{ id: 'r1', name: 'Identity Data Admin' }]);
      });
      const { client } = scriptedClient(api);
      const first = listBuiltInRoles(client);
      first.catch(() => undefined);
      const fresh = await listBuiltInRoles(client, { fresh: true });
      assert.deepEqual(
        fresh.map((r) => r.id),
        ['r1']
      );
      releaseFirst();
      await assert.rejects(first);
      // The newer list is still cached: no third request.
      assert.deepEqual(
        (await listBuiltInRoles(client)).map((r) => r.id),
        ['r1']
      );
      assert.equal(api.apiRequests().length, 2);
      await client.close();
    });
  });
});
