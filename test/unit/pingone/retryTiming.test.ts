// Waiting between attempts and judging refusals: the Retry-After forms RFC 9110
// §10.2.3 allows, a cancellable wait that leaves nothing behind on the
// caller's AbortSignal, and which refusals may be PingOne catching up with
// this client's own change (and for how long).
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { PingOneError, abortableDelay, errorFromApiResponse, parseRetryAfterSeconds } from '../../../src/pingone';
import { PROPAGATION_WINDOW_MS, RecentChanges, changedApplicationKey, isPermanentRefusal } from '../../../src/pingone/propagation';

describe('pingone: waiting and refusals that may pass', () => {
  describe('Retry-After', () => {
    it('reads whole and decimal seconds, with spaces around, and the first of repeated headers', () => {
      assert.equal(parseRetryAfterSeconds(' 7 ', 0), 7);
      assert.equal(parseRetryAfterSeconds('1.25', 0), 1.25);
      assert.equal(parseRetryAfterSeconds(['3', '9'], 0), 3);
      assert.equal(parseRetryAfterSeconds('', 0), undefined);
      assert.equal(parseRetryAfterSeconds(undefined, 0), undefined);
    });

    it('refuses numbers with anything before or after them, rather than guessing', () => {
      for (const value of ['7x', 'x7', '1.5s', '1.x']) assert.equal(parseRetryAfterSeconds(value, 0), undefined, value);
    });

    it('an HTTP date in the past means no wait', () => {
      assert.equal(parseRetryAfterSeconds(new Date(1_000).toUTCString(), 60_000), 0);
    });
  });

  describe('the wait between attempts', () => {
    it('a cancel before or during the wait: a "cancelled" error carrying the reason', async () => {
      const before = new AbortController();
      before.abort('user');
      await assert.rejects(abortableDelay(10_000, before.signal), (e: unknown) => {
        assert.ok(e instanceof PingOneError);
        assert.equal(e.kind, 'cancelled');
        assert.equal(e.message, 'Could not wait before retrying: it was cancelled.');
        assert.equal(e.cause, 'user');
        return true;
      });
      const during = new AbortController();
      const waiting = abortableDelay(10_000, during.signal);
      setTimeout(() => during.abort('closed'), 5);
      await assert.rejects(waiting, (e: unknown) => {
        assert.ok(e instanceof PingOneError);
        assert.equal(e.message, 'Could not wait before retrying: it was cancelled.');
        assert.equal(e.cause, 'closed');
        return true;
      });
      assert.equal(getEventListeners(during.signal, 'abort').length, 0, 'no listener left after the cancel');
    });

    it('waits that end leave no listener on a long-lived signal', async () => {
      const controller = new AbortController();
      for (let i = 0; i < 12; i++) await abortableDelay(0, controller.signal);
      assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    });
  });

  describe('refusals that may be propagation', () => {
    const base = 'https://api.pingone.eu/v1/environments/e1';

    it('only changes count: a read never marks an app as changed', () => {
      assert.equal(changedApplicationKey('GET', `${base}/applications/a1`, undefined), undefined);
      assert.equal(changedApplicationKey('PUT', `${base}/applications/a1`, undefined), 'e1/a1');
      assert.equal(changedApplicationKey('POST', `${base}/applications`, { id: 'new' }), 'e1/new');
      assert.equal(changedApplicationKey('POST', `${base}/applications/`, { id: 'new' }), 'e1/new');
      assert.equal(changedApplicationKey('POST', `${base}/applicationsettings`, { id: 'x' }), undefined, 'another collection');
      assert.equal(changedApplicationKey('POST', `${base}/applications`, {}), undefined, 'a create answered without an id');
      assert.equal(changedApplicationKey('PUT', `${base}/applications`, { id: 'x' }), undefined, 'only a POST to the collection creates');
    });

    it('a change is recent up to the end of the window, inclusive, and not after', () => {
      let now = 1_000;
      const changes = new RecentChanges(() => now, 500);
      changes.note('e/a');
      now = 1_500;
      assert.ok(changes.isRecent('e/a'));
      now = 1_501;
      assert.ok(!changes.isRecent('e/a'));
      assert.ok(!changes.isRecent(undefined));
      assert.equal(PROPAGATION_WINDOW_MS, 120_000);
    });

    it('a licence limit is final; other refusals may pass', () => {
      const refusal = (details: unknown[]) => errorFromApiResponse({ status: 403, body: { details }, operation: 'x' });
      assert.ok(isPermanentRefusal(refusal([{ code: 'LICENSE_EXCEEDED' }])));
      assert.ok(!isPermanentRefusal(refusal([{ code: 'ACCESS_FAILED' }])));
    });
  });
});
