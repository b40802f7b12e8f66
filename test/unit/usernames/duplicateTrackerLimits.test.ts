import assert from 'node:assert/strict';
import { DuplicateTracker, OFFERED, SLOW } from '../../../src/usernames/aggregate';
import { FindingStore } from '../../../src/usernames/findingStore';
import { hashOf } from '../../../src/usernames/fnv';
import type { Finding, Range } from '../../../src/usernames/types';

/*
 * DuplicateTracker at the edges its columns have: record numbers at and past 2^31 (kept beside the
 * int32 columns), and a probe run that reaches its limit on the byte path before any string lookup
 * has left the slot table.
 */

const INT_MAX = 0x7fffffff;

function at(line: number, value: string): Range {
  return { startLine: line, startColumn: 4, endLine: line, endColumn: 4 + value.length };
}

describe('DuplicateTracker at the int32 edge of record numbers', () => {
  it('holds a username its record gave, past 2^31, until a change record frees it', () => {
    const t = new DuplicateTracker();
    const r = INT_MAX + 5;
    t.setEntry('uid=a,o=x', true, true);
    t.offerValue('ann', 'ann', at(1, 'ann'), r, true);
    assert.equal(t.heldBy('ann', 'ann', r), true);
    assert.equal(t.heldBy('ann', 'ann', r + 1), false);
    // A modify's `delete: uid` frees it within the same record: no longer held.
    t.release(['ann']);
    assert.equal(t.heldBy('ann', 'ann', r), false);
  });

  it('holds a username offered again by record 2^31 − 1, the last one the columns keep', () => {
    const t = new DuplicateTracker();
    t.setEntry('uid=a,o=x', false, false);
    t.offerValue('ann', 'ann', at(1, 'ann'), INT_MAX - 1, true);
    t.setEntry('uid=b,o=x', false, false);
    const f = t.offerValue('ann', 'ann', at(2, 'ann'), INT_MAX, true);
    assert.equal(f?.code, 'username-duplicate');
    assert.deepEqual(f?.related, [{ message: 'First occurrence of this username', range: at(1, 'ann') }]);
    assert.equal(t.heldBy('ann', 'ann', INT_MAX), true);
  });
});

describe('DuplicateTracker with keys crafted to collide, offered as bytes in a record', () => {
  it('sends the key past the probe limit to the string path, which still finds its duplicates', () => {
    // Keys whose hashes share their low 10 bits: each one probes past all those before it.
    const keys: string[] = [];
    for (let i = 0; keys.length < 70; i++) if ((hashOf(`k${i}`) & 1023) === 9) keys.push(`k${i}`);
    const t = new DuplicateTracker();
    const store = (t.store = new FindingStore());
    const offer = (k: string, record: number) => {
      const buf = Buffer.from(k, 'latin1');
      t.setEntry(`uid=${record},o=x`, false, false);
      return t.offerInRecord(buf, 0, buf.length, hashOf(k), false, record, 0, record);
    };
    // 65 keys fill a probe run of 65 slots: each is placed on the byte path.
    for (let i = 0; i < 65; i++) assert.equal(offer(keys[i], i), OFFERED, keys[i]);
    const range = (k: string, line: number): Range => ({ startLine: line, startColumn: 0, endLine: line, endColumn: k.length });
    // The 66th finds no free slot within the limit: the string path decides (and finds one further on).
    assert.equal(offer(keys[65], 65), SLOW);
    assert.equal(t.offerValue(keys[65], keys[65], range(keys[65], 65), 65, true), undefined);
    // A key early in the run is still found on the byte path: its duplicate goes into the store.
    assert.equal(offer(keys[3], 66), OFFERED);
    // The 67th: no free slot within the limit on either path, so the tracker leaves its slot table.
    assert.equal(offer(keys[66], 67), SLOW);
    assert.equal(t.offerValue(keys[66], keys[66], range(keys[66], 67), 67, true), undefined);
    // From then on every key takes the string path, and a repeat in another entry is still found.
    assert.equal(offer(keys[5], 68), SLOW);
    assert.equal(t.offerValue(keys[5], keys[5], range(keys[5], 68), 68, true), undefined, 'a duplicate goes into the store');
    assert.deepEqual(
      store.toArray().map((x) => [x.code, x.username, x.range.startLine, x.related?.[0].range.startLine]),
      [
        ['username-duplicate', keys[3], 66, 3],
        ['username-duplicate', keys[5], 68, 5],
      ]
    );
    assert.equal(t.distinct, 67);
  });
});

describe('DuplicateTracker keeps case-only spellings read from bytes as its first column block grows', () => {
  it('remembers the spelling of group 64, made after the spelling columns were sized for 64 groups', () => {
    const t = new DuplicateTracker();
    const store = (t.store = new FindingStore());
    let record = 0;
    const offer = (value: string) => {
      const buf = Buffer.from(value, 'latin1');
      t.setEntry(`uid=${record},o=x`, false, false);
      const got = t.offerInRecord(buf, 0, buf.length, hashOf(value.toLowerCase()), value !== value.toLowerCase(), record, 2, record);
      record++;
      return got;
    };
    for (let i = 0; i < 10; i++) assert.equal(offer(`u${i}`), OFFERED);
    // A case-only spelling of group 1 while the first column block holds 64 groups: its columns are made that size.
    assert.equal(offer('U1'), OFFERED);
    for (let i = 10; i < 70; i++) assert.equal(offer(`u${i}`), OFFERED);
    // Group 64 (`u64`, on line 65) gets its own case-only spelling on line 71.
    assert.equal(offer('U64'), OFFERED);
    const line = record - 1;
    assert.deepEqual(
      store.toArray().map((x) => [x.code, x.username, x.range.startLine, x.related?.[0].range.startLine]),
      [
        ['username-duplicate-case', 'U1', 10, 1],
        ['username-duplicate-case', 'U64', line, 65],
      ]
    );
    // The spelling is remembered where it was offered: a third entry's `U64` points back to it.
    t.setEntry('uid=z,o=x', false, false);
    const f = t.offerValue('U64', 'u64', { startLine: 200, startColumn: 2, endLine: 200, endColumn: 5 }, 200, true);
    assert.deepEqual(f?.related, [
      { message: 'First occurrence of this username', range: { startLine: line, startColumn: 2, endLine: line, endColumn: 5 } },
    ]);
    assert.equal(t.heldBy('U64', 'u64', line), true);
  });
});

describe('DuplicateTracker with two keys of the same 32-bit hash', () => {
  // FNV-1a gives `u2wzx` and `ud6cd` the same hash: only comparing the keys tells them apart.
  const A = 'u2wzx',
    B = 'ud6cd';

  it('are two usernames on every offer path', () => {
    assert.equal(hashOf(A), hashOf(B));
    const range = (line: number, v: string): Range => ({ startLine: line, startColumn: 0, endLine: line, endColumn: v.length });
    // Each path gives back what it does not put into the store.
    const paths: Array<(t: DuplicateTracker, v: string, line: number) => Finding | undefined> = [
      (t, v, line) => t.offerValue(v, v.toLowerCase(), range(line, v), line, true),
      (t, v, line) => {
        const buf = Buffer.from(v, 'latin1');
        return t.offerBytes(buf, 0, buf.length, hashOf(v.toLowerCase()), v !== v.toLowerCase(), line, 0, line);
      },
      (t, v, line) => {
        const buf = Buffer.from(v, 'latin1');
        assert.equal(t.offerInRecord(buf, 0, buf.length, hashOf(v.toLowerCase()), v !== v.toLowerCase(), line, 0, line), OFFERED);
        return undefined;
      },
    ];
    for (const first of paths)
      for (const second of paths) {
        const t = new DuplicateTracker();
        const store = (t.store = new FindingStore());
        t.setEntry('uid=a,o=x', false, false);
        assert.equal(first(t, A, 0), undefined);
        t.setEntry('uid=b,o=x', false, false);
        assert.equal(second(t, B, 1), undefined);
        assert.equal(t.distinct, 2);
        // B's own case-only variant points back to B, not to A.
        t.setEntry('uid=c,o=x', false, false);
        const returned = second(t, 'UD6CD', 2);
        assert.deepEqual(
          [...(returned ? [returned] : []), ...store.toArray()].map((x) => [x.code, x.username, x.related?.[0].range.startLine]),
          [['username-duplicate-case', 'UD6CD', 1]]
        );
      }
  });

  it('are two usernames when kept as strings (not Latin-1, or longer than the arena keeps)', () => {
    // FNV-1a reads left to right: the same ending keeps the two hashes equal.
    for (const end of ['ł', 'y'.repeat(4097)]) {
      const a = A + end,
        b = B + end;
      assert.equal(hashOf(a), hashOf(b));
      const t = new DuplicateTracker();
      const range = (line: number, v: string): Range => ({ startLine: line, startColumn: 0, endLine: line, endColumn: v.length });
      t.setEntry('uid=a,o=x', false, false);
      assert.equal(t.offerValue(a, a, range(0, a), 0, true), undefined);
      t.setEntry('uid=b,o=x', false, false);
      assert.equal(t.offerValue(b, b, range(1, b), 1, true), undefined);
      assert.equal(t.distinct, 2);
      t.setEntry('uid=c,o=x', false, false);
      const f = t.offerValue(b, b, range(2, b), 2, true);
      assert.deepEqual([f?.code, f?.related?.[0].range.startLine], ['username-duplicate', 1]);
    }
  });

  it('are two usernames on the byte path when their lengths differ, or one is kept as a string', () => {
    // `uv4wx` and `u296fb` have the same hash too; a key over 4 096 characters is kept as a string.
    const long = 'y'.repeat(4097);
    for (const [a, b] of [
      ['uv4wx', 'u296fb'],
      ['u296fb', 'uv4wx'],
      [A + long, B + long],
    ]) {
      assert.equal(hashOf(a), hashOf(b));
      const t = new DuplicateTracker();
      t.setEntry('uid=a,o=x', false, false);
      assert.equal(t.offerValue(a, a, { startLine: 0, startColumn: 0, endLine: 0, endColumn: a.length }, 0, true), undefined);
      t.setEntry('uid=b,o=x', false, false);
      const buf = Buffer.from(b, 'latin1');
      assert.equal(t.offerBytes(buf, 0, buf.length, hashOf(b), false, 1, 0, 1), undefined, b.slice(0, 6));
      assert.equal(t.distinct, 2);
      // And on the string path: a third entry's `b` repeats the second's.
      t.setEntry('uid=c,o=x', false, false);
      const f = t.offerValue(b, b, { startLine: 2, startColumn: 0, endLine: 2, endColumn: b.length }, 2, true);
      assert.deepEqual([f?.code, f?.related?.[0].range.startLine], ['username-duplicate', 1]);
    }
  });
});

describe('DuplicateTracker reads a value given as bytes between its bounds only', () => {
  it('tells a capital Z from its lower case, and ignores the byte after the value', () => {
    const t = new DuplicateTracker();
    const store = (t.store = new FindingStore());
    const bytes = (text: string, len: number, line: number) => {
      t.setEntry(`uid=${line},o=x`, false, false);
      const v = text.slice(0, len);
      return [Buffer.from(text, 'latin1'), 0, len, hashOf(v.toLowerCase()), v !== v.toLowerCase(), line, 0, line] as const;
    };
    assert.equal(t.offerBytes(...bytes('zed', 3, 0)), undefined);
    // Only a Z is capital: another spelling of `zed` (its finding goes into the store).
    assert.equal(t.offerBytes(...bytes('Zed', 3, 1)), undefined);
    // `zed` followed by a capital in the same buffer: the same spelling, on both byte paths.
    assert.equal(t.offerInRecord(...bytes('zedQ', 3, 2)), OFFERED);
    assert.equal(t.offerBytes(...bytes('zedQ', 3, 3)), undefined);
    assert.deepEqual(
      store.toArray().map((x) => [x.code, x.username, x.range.startLine]),
      [
        ['username-duplicate-case', 'Zed', 1],
        ['username-duplicate', 'zed', 2],
        ['username-duplicate', 'zed', 3],
      ]
    );
  });
});
