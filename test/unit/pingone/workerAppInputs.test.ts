/**
 * What the user types or picks for a worker app, checked before anything is sent: the icon
 * (PingOne Platform API, Images: JPG, JPEG, GIF, PNG; file signatures from the PNG, JPEG/JFIF and
 * GIF89a specifications), the grace period of a secret rotation (Update Application Secret docs:
 * 1 minute to 30 days), and the workflow error that carries what exists.
 */
import assert from 'node:assert/strict';
import {
  GRACE_PERIOD_MARGIN_MS,
  MAX_ICON_BYTES,
  PingOneError,
  WorkflowError,
  detectImageFormat,
  parseGracePeriod,
  validateIcon,
  withinServerBounds,
} from '../../../src/pingone';
import { PNG_BYTES } from './helpers';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]);
const GIF87 = Buffer.from('GIF87a....');
const GIF89 = Buffer.from('GIF89a....');

describe('pingone: worker app inputs', () => {
  describe('icons', () => {
    it('detects each format by its whole signature only', () => {
      assert.equal(detectImageFormat(GIF87), 'gif');
      assert.equal(detectImageFormat(GIF89), 'gif');
      assert.equal(detectImageFormat(Buffer.from('GIF88a....')), undefined);
      assert.equal(detectImageFormat(PNG_BYTES.subarray(0, 7)), undefined, 'a PNG signature cut short');
      assert.equal(detectImageFormat(Buffer.from([0xff, 0xd8])), undefined);
      assert.equal(detectImageFormat(Buffer.from([0xff, 0xd8, 0xfe])), undefined);
      assert.equal(detectImageFormat(new Uint8Array()), undefined);
    });

    it('names the real format, word for word, when the extension says another', () => {
      const cases: [Buffer, string, string][] = [
        [JPEG, 'a.gif', '"a.gif" is really a JPEG image; it will be uploaded as one.'],
        [PNG_BYTES, 'b.jpeg', '"b.jpeg" is really a PNG image; it will be uploaded as one.'],
        [GIF89, 'c.png', '"c.png" is really a GIF image; it will be uploaded as one.'],
      ];
      for (const [bytes, fileName, note] of cases) {
        const check = validateIcon({ bytes, fileName });
        assert.ok(check.ok);
        assert.equal(check.note, note);
      }
      const same = validateIcon({ bytes: JPEG, fileName: 'd.JPG' });
      assert.ok(same.ok);
      assert.deepEqual([same.format, same.contentType, same.size, same.note], ['jpg', 'image/jpeg', JPEG.length, undefined]);
    });

    it('every refusal, word for word, with the file name only (Windows or POSIX path)', () => {
      const refuse = (bytes: Uint8Array, fileName: string) => {
        const check = validateIcon({ bytes, fileName });
        assert.ok(!check.ok, fileName);
        return [check.reason, check.message];
      };
      assert.deepEqual(refuse(PNG_BYTES, 'C:\\icons\\logo'), [
        'extension',
        '"logo" is not a JPG, JPEG, GIF or PNG file. Choose an image with one of those extensions.',
      ]);
      assert.deepEqual(refuse(PNG_BYTES, 'dir/'), [
        'extension',
        '"dir/" is not a JPG, JPEG, GIF or PNG file. Choose an image with one of those extensions.',
      ]);
      assert.deepEqual(refuse(new Uint8Array(), '/tmp/e.png'), ['empty', '"e.png" is empty.']);
      assert.deepEqual(refuse(Buffer.alloc(MAX_ICON_BYTES + 1), 'big.gif'), [
        'too-large',
        '"big.gif" is 1.0 MB; PingOne app icons can be at most 1 MB. Choose a smaller image.',
      ]);
      assert.deepEqual(refuse(Buffer.alloc(MAX_ICON_BYTES * 2.5), 'huge.png'), [
        'too-large',
        '"huge.png" is 2.5 MB; PingOne app icons can be at most 1 MB. Choose a smaller image.',
      ]);
      assert.deepEqual(refuse(Buffer.from('text'), 'fake.jpeg'), [
        'content',
        '"fake.jpeg" is named .jpeg but its content is not a JPEG, JPEG, GIF or PNG image. Choose a real image file.',
      ]);
      assert.deepEqual(refuse(Buffer.from('text'), 'fake.gif'), [
        'content',
        '"fake.gif" is named .gif but its content is not a GIF, JPEG, GIF or PNG image. Choose a real image file.',
      ]);
      assert.deepEqual(refuse(Buffer.from('text'), 'fake.PNG'), [
        'content',
        '"fake.PNG" is named .png but its content is not a PNG, JPEG, GIF or PNG image. Choose a real image file.',
      ]);
    });
  });

  describe('grace periods', () => {
    it('empty, 0 and none mean no grace period, in any case and with spaces around', () => {
      for (const text of ['', '   ', '0', ' 0 ', 'none', ' NONE ', 'None'])
        assert.deepEqual(parseGracePeriod(text), { ms: undefined }, text);
    });

    it('reads minutes, hours and days, several parts, decimals, upper case and spaces', () => {
      assert.deepEqual(parseGracePeriod(' 90MIN '), { ms: 90 * 60_000 });
      assert.deepEqual(parseGracePeriod('2 h'), { ms: 2 * 3_600_000 });
      assert.deepEqual(parseGracePeriod('1.5h'), { ms: 90 * 60_000 });
      assert.deepEqual(parseGracePeriod('1d 2h 3m'), { ms: 86_400_000 + 2 * 3_600_000 + 3 * 60_000 });
      assert.deepEqual(parseGracePeriod('1m'), { ms: 60_000 });
    });

    it('anything else is refused with the example', () => {
      const example = {
        error: 'Enter a grace period such as 30m, 12h or 7d (minutes, hours, days), or leave it empty to end the old secret at once.',
      };
      for (const text of ['12', '12 hours', '1d and 2h', 'h', '1w', '-1d', 'x1d']) assert.deepEqual(parseGracePeriod(text), example, text);
    });

    it('is kept inside the server bounds by the margin at both ends', () => {
      assert.equal(GRACE_PERIOD_MARGIN_MS, 30_000);
      assert.equal(withinServerBounds(60_000), 90_000);
      assert.equal(withinServerBounds(30 * 86_400_000), 30 * 86_400_000 - 30_000);
      assert.equal(withinServerBounds(3_600_000), 3_600_000);
    });
  });

  describe('WorkflowError', () => {
    it('message, step, what exists, resume state; cancelled only for a cancellation', () => {
      const cause = new PingOneError({ kind: 'forbidden', operation: 'assign role', explanation: 'no' });
      const e = new WorkflowError('assign roles', cause, 'The app exists.', { appId: 'a' }, 'the-secret');
      assert.equal(e.message, 'Could not assign role: no. The app exists.');
      assert.equal(e.name, 'WorkflowError');
      assert.equal(e.failedStep, 'assign roles');
      assert.deepEqual(e.resumeState, { appId: 'a' });
      assert.equal(e.clientSecret, 'the-secret');
      assert.equal(Object.keys(e).includes('clientSecret'), false, 'the secret is not enumerable');
      assert.doesNotMatch(JSON.stringify(e), /the-secret/);
      assert.equal(e.cancelled, false);
      const cancelled = new WorkflowError(
        'create',
        new PingOneError({ kind: 'cancelled', operation: 'x', explanation: 'it was cancelled' }),
        '',
        {}
      );
      assert.equal(cancelled.cancelled, true);
      const plain = new WorkflowError('create', Object.assign(new Error('boom'), { kind: 'cancelled' }), 'Nothing exists.', {});
      assert.equal(plain.cancelled, false, 'only a PingOneError can be a cancellation');
      assert.equal(plain.message, 'boom Nothing exists.');
      assert.equal(new WorkflowError('create', 'text cause', 'Nothing exists.', {}).message, 'text cause Nothing exists.');
    });
  });
});
