// Icon uploads (PingOne Platform API, Images: raw bytes with Content-Type and
// Content-Disposition), username look-ups in batches (PingOne Platform API,
// Users: SCIM filter), and the secret grace period's limits (Application
// Secret), as a caller sees them.
import assert from 'node:assert/strict';
import { IMAGE_CONTENT_TYPES, batchUsernames, findUsersByUsernames, safeUploadFileName, validateGracePeriodMs } from '../../../src/pingone';
import type { Emulator } from './helpers';
import { clientFor, envIdByName, startTestEmulator } from './helpers';

describe('pingone: uploads, look-ups and limits', () => {
  it('icon content types, one per format', () => {
    assert.deepEqual(IMAGE_CONTENT_TYPES, { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif' });
  });

  it('upload file names: the last path part, its extension replaced, other characters as one "_" per run, at most 100', () => {
    assert.equal(safeUploadFileName('C:\\icons\\my icon (1).png', 'png'), 'my_icon_1_.png');
    assert.equal(safeUploadFileName('/tmp/sub/logo.v2.JPG', 'jpg'), 'logo.v2.jpg');
    assert.equal(safeUploadFileName('.gif', 'gif'), 'icon.gif');
    assert.equal(safeUploadFileName('été', 'png'), '_t_.png');
    assert.equal(safeUploadFileName(`${'a'.repeat(150)}.png`, 'png'), `${'a'.repeat(100)}.png`);
  });

  it('username batches: never empty, cut by count and by the length of the request line', () => {
    assert.deepEqual(batchUsernames([], 20), []);
    assert.deepEqual(batchUsernames(['a', 'b', 'c'], 2), [['a', 'b'], ['c']]);
    const long = Array.from({ length: 30 }, (_, i) => `${'x'.repeat(200)}${i}`);
    const batches = batchUsernames(long, 100);
    assert.ok(batches.length > 1, 'a filter of 30 long names is split');
    assert.deepEqual(batches.flat(), long, 'every name once, in order');
  });

  it('grace periods: a number, at least a minute, at most 30 days', () => {
    assert.equal(validateGracePeriodMs(Number.NaN), 'Enter a grace period such as 30m, 12h or 7d.');
    assert.equal(validateGracePeriodMs(Number.POSITIVE_INFINITY), 'Enter a grace period such as 30m, 12h or 7d.');
    assert.equal(validateGracePeriodMs(59_999), 'The grace period must be at least 1 minute (or none, to end the old secret at once).');
    assert.equal(validateGracePeriodMs(60_000), undefined);
    assert.equal(validateGracePeriodMs(30 * 86_400_000), undefined);
    assert.equal(validateGracePeriodMs(30 * 86_400_000 + 1), 'The grace period can be at most 30 days.');
  });

  describe('against the emulator', () => {
    let emu: Emulator;
    before(async () => {
      emu = await startTestEmulator();
    });
    after(async () => {
      await emu.close();
    });

    it('names differing only in case, in separate batches, each get the user once; an empty name is not looked up', async () => {
      const client = clientFor(emu);
      const staging = envIdByName(emu, 'Sync Staging');
      const found = await findUsersByUsernames(client, staging, ['user.1', 'USER.1', ''], { batchSize: 1 });
      assert.deepEqual([...found.keys()], ['user.1', 'USER.1']);
      assert.equal(found.get('user.1')!.length, 1);
      assert.equal(found.get('USER.1')!.length, 1);
      assert.equal(found.get('USER.1')![0].id, found.get('user.1')![0].id);
      await client.close();
    });
  });
});
