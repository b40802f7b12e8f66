/**
 * The order of findings (`compareFindings`, and `FindingStore.sort`, which compares its columns first and
 * the findings themselves on a tie) and the store's attribute-name table. The model test in
 * findingStoreModel.test.ts takes `compareFindings` as its oracle, so here the expected order is written
 * out by hand.
 */
import assert from 'node:assert/strict';
import { FindingStore, compareFindings, duplicateFinding, multipleFinding } from '../../../src/usernames/findingStore';
import type { Finding, FindingCode, Range } from '../../../src/usernames/types';

function at(startLine: number, startColumn: number, endLine: number, endColumn: number): Range {
  return { startLine, startColumn, endLine, endColumn };
}

function finding(code: FindingCode, range: Range, message: string): Finding {
  return { code, severity: 'warning', range, message };
}

/** The sign of `compareFindings(a, b)`. */
function sign(a: Finding, b: Finding): number {
  return Math.sign(compareFindings(a, b));
}

describe('compareFindings: file order by start, end, code, then message', () => {
  const base = finding('username-format', at(3, 4, 3, 9), 'm');

  it('orders by start line, then start column', () => {
    assert.equal(sign(base, finding('username-format', at(4, 0, 4, 1), 'm')), -1);
    assert.equal(sign(base, finding('username-format', at(2, 9, 2, 10), 'm')), 1);
    assert.equal(sign(base, finding('username-format', at(3, 5, 3, 9), 'm')), -1);
    assert.equal(sign(base, finding('username-format', at(3, 3, 3, 9), 'm')), 1);
  });

  it('then by end line and end column: the shorter range first', () => {
    assert.equal(sign(base, finding('username-format', at(3, 4, 4, 0), 'm')), -1);
    assert.equal(sign(base, finding('username-format', at(3, 4, 3, 10), 'm')), -1);
    assert.equal(sign(base, finding('username-format', at(3, 4, 3, 8), 'm')), 1);
  });

  it('then by code as a string, then by message; equal findings compare 0', () => {
    assert.equal(sign(finding('username-duplicate', base.range, 'z'), base), -1, '"username-duplicate" < "username-format"');
    assert.equal(sign(base, finding('username-duplicate', base.range, 'a')), 1);
    assert.equal(sign(base, finding('username-format', base.range, 'n')), -1);
    assert.equal(sign(finding('username-format', base.range, 'n'), base), 1);
    assert.equal(compareFindings(base, finding('username-format', at(3, 4, 3, 9), 'm')), 0);
  });
});

describe('FindingStore.sort: the columns first, the findings on a tie', () => {
  it('two findings at one place with one code are ordered by message, whatever order they came in', () => {
    const store = new FindingStore();
    store.add(finding('username-format', at(1, 2, 1, 5), 'second'));
    store.add(finding('username-format', at(1, 2, 1, 5), 'first'));
    store.add(finding('username-format', at(0, 0, 0, 1), 'before both'));
    store.sort();
    assert.deepEqual(
      store.toArray().map((f) => f.message),
      ['before both', 'first', 'second']
    );
  });

  it('a range ending further right comes after one ending sooner at the same start', () => {
    const store = new FindingStore();
    store.add(finding('username-format', at(1, 2, 1, 9), 'long'));
    store.add(finding('username-format', at(1, 2, 1, 5), 'short'));
    store.sort();
    assert.deepEqual(
      store.toArray().map((f) => f.message),
      ['short', 'long']
    );
  });

  it('compares the end columns of the two rows it is given (not a neighbour’s numbers)', () => {
    // Each row's numbers sit next to the row before's: a read one row off would see the first occurrence's column, 100.
    const store = new FindingStore();
    store.duplicate('a', 0, 0, 0, 1, 0, 100, 0, 101);
    store.duplicate('long', 1, 2, 1, 9, 0, 100, 0, 101);
    store.duplicate('short', 1, 2, 1, 5, 0, 100, 0, 101);
    store.sort();
    assert.deepEqual(
      store.toArray().map((f) => f.username),
      ['a', 'short', 'long']
    );
  });

  it('a whole block of rows already in order (16,384, the block size) is read back as added', () => {
    const store = new FindingStore();
    const n = 1 << 14;
    for (let i = 0; i < n; i++) store.duplicate('a', i, 0, i, 1, 0, 0, 0, 1);
    store.sort();
    assert.equal(store.length, n);
    assert.deepEqual([store.at(0)!.range.startLine, store.at(n - 1)!.range.startLine], [0, n - 1]);
  });
});

describe('FindingStore: attribute names of multiple-values rows', () => {
  it('keeps 65,535 names in its table and every later one in its finding: each reads back with its own name', () => {
    const store = new FindingStore();
    const n = 0xffff + 2;
    const first = at(0, 0, 0, 1);
    for (let i = 0; i < n; i++) store.multiple('v', 2, `attr${i}`, at(i + 1, 0, i + 1, 1), first);
    assert.deepEqual(store.rowKinds(), [2, 0, n - 2, 0], 'the two names past the table are kept as objects');
    store.sort();
    const wrong: number[] = [];
    for (let i = 0; i < n; i++) if (!store.at(i)!.message.includes(` attr${i} values`)) wrong.push(i);
    assert.deepEqual(wrong, []);
  });
});

describe('FindingStore: one attribute name used many times takes one place in its table', () => {
  it('after 65,536 findings for uid, a finding for mail still gets a compact row', () => {
    const store = new FindingStore();
    const first = at(0, 0, 0, 1);
    for (let i = 0; i <= 0xffff; i++) store.multiple('v', 2, 'uid', at(i + 1, 0, i + 1, 1), first);
    store.multiple('v', 2, 'mail', at(0x10001, 0, 0x10001, 1), first);
    assert.deepEqual(store.rowKinds(), [0, 0, 0x10001, 0]);
    assert.match(store.at(0x10000)!.message, / mail values/);
  });
});

describe('FindingStore: a line past int32 or a long username leaves the compact row, losing nothing', () => {
  const PAST = 0x7fffffff + 2;
  const bytes = (s: string): { buf: Buffer; s: number; e: number } => ({ buf: Buffer.from(`>${s}<`, 'latin1'), s: 1, e: 1 + s.length });

  it('duplicateBytes: a line or a first occurrence past int32 is kept as an object with its exact numbers', () => {
    for (const cased of [false, true]) {
      const store = new FindingStore();
      const { buf, s, e } = bytes('bob');
      store.duplicateBytes(buf, s, e, PAST, 4, 1, 2, 1, 5, cased);
      store.duplicateBytes(buf, s, e, 3, 4, PAST, 2, PAST, 5, cased);
      assert.deepEqual(store.rowKinds(), [2, 0, 0, 0], `cased ${cased}`);
      store.sort();
      assert.deepEqual(
        store.toArray().map((f) => [f.code, f.range, f.related![0].range, f.username]),
        [
          [cased ? 'username-duplicate-case' : 'username-duplicate', at(3, 4, 3, 7), at(PAST, 2, PAST, 5), 'bob'],
          [cased ? 'username-duplicate-case' : 'username-duplicate', at(PAST, 4, PAST, 7), at(1, 2, 1, 5), 'bob'],
        ]
      );
    }
  });

  it('duplicateBytes: a username over 255 bytes, case duplicate or not, keeps its username as a string in a compact row', () => {
    const long = 'x'.repeat(256);
    const { buf, s, e } = bytes(long);
    const store = new FindingStore();
    store.duplicateBytes(buf, s, e, 2, 0, 1, 0, 1, 256, true);
    store.duplicateBytes(buf, s, e, 3, 0, 1, 0, 1, 256, false);
    // 255 bytes: the most the arena's length byte holds.
    store.duplicateBytes(buf, s, e - 1, 4, 0, 1, 0, 1, 256, true);
    assert.deepEqual(store.rowKinds(), [0, 3, 0, 0]);
    assert.deepEqual(
      store.toArray().map((f) => [f.code, f.username, f.range]),
      [
        ['username-duplicate-case', long, at(2, 0, 2, 256)],
        ['username-duplicate', long, at(3, 0, 3, 256)],
        ['username-duplicate-case', long.slice(1), at(4, 0, 4, 255)],
      ]
    );
  });

  it('multipleBytes: a line or a first value past int32 is kept as an object with its exact numbers', () => {
    const store = new FindingStore();
    const { buf, s, e } = bytes('v1');
    // The attribute name is known first (a name not in the table takes the object way anyway).
    store.multiple('v0', 4, 'uid', at(0, 5, 0, 7), at(0, 5, 0, 7));
    store.multipleBytes(buf, s, e, 2, 'uid', PAST, 5, at(1, 5, 1, 7));
    store.multipleBytes(buf, s, e, 3, 'uid', 2, 5, at(PAST, 5, PAST, 7));
    assert.deepEqual(store.rowKinds(), [2, 0, 1, 0]);
    store.sort();
    assert.deepEqual(
      store
        .toArray()
        .map((f) => [f.range, f.related![0].range, f.message.includes(' 3 uid values') || f.message.includes(' 2 uid values')]),
      [
        [at(0, 5, 0, 7), at(0, 5, 0, 7), false],
        [at(2, 5, 2, 7), at(PAST, 5, PAST, 7), true],
        [at(PAST, 5, PAST, 7), at(1, 5, 1, 7), true],
      ]
    );
  });
});

describe('The words of duplicate and multiple-values findings, as every scan path makes them', () => {
  const r = at(4, 5, 4, 8),
    first = at(1, 5, 1, 8);

  it('username-duplicate, its entry-twice form, and username-duplicate-case', () => {
    assert.deepEqual(duplicateFinding('username-duplicate', 'bob', r, first), {
      code: 'username-duplicate',
      severity: 'error',
      range: r,
      username: 'bob',
      message: 'Username "bob" is used by another entry too; PingOne usernames are unique per environment.',
      related: [{ message: 'First occurrence of this username', range: first }],
    });
    assert.deepEqual(duplicateFinding('entry-twice', 'bob', r, first, 'uid=bob,dc=x'), {
      code: 'username-duplicate',
      severity: 'error',
      range: r,
      username: 'bob',
      message: 'Entry "uid=bob,dc=x" appears twice in this file (username "bob" on lines 2 and 5); Ping tools reject the second copy.',
      related: [{ message: 'First appearance of this entry', range: first }],
    });
    assert.deepEqual(duplicateFinding('username-duplicate-case', 'Bob', r, first), {
      code: 'username-duplicate-case',
      severity: 'warning',
      range: r,
      username: 'Bob',
      message:
        'Username "Bob" differs from another entry\'s username only in case or Unicode normalization; PingOne may treat them as the same user.',
      related: [{ message: 'First username in this group', range: first }],
    });
  });

  it('username-multiple-values: a count, a repeat (count 0), and a value that does not decode (no username)', () => {
    assert.deepEqual(multipleFinding('v2', 3, 'uid', r, first), {
      code: 'username-multiple-values',
      severity: 'warning',
      message: "Entry has 3 uid values; PingOne's username holds one, so the sync may pick either.",
      range: r,
      username: 'v2',
      related: [{ message: 'First value', range: first }],
    });
    const repeat = multipleFinding('v1', 0, 'userid', r, first);
    assert.equal(repeat.message, 'Entry repeats the userid value; Ping tools reject duplicate attribute values.');
    const none = multipleFinding(undefined, 2, 'uid', r, first);
    assert.equal('username' in none, false, 'no username key at all');
  });

  it('the store reads its compact rows back in the same words', () => {
    const store = new FindingStore();
    store.multiple('v1', 0, 'uid', r, first);
    store.multiple(undefined, 2, 'uid', at(5, 5, 5, 8), first);
    store.duplicate('bob', 6, 0, 6, 3, 1, 0, 1, 3);
    const [repeat, none, dup] = store.toArray();
    assert.deepEqual(repeat, multipleFinding('v1', 0, 'uid', r, first));
    assert.equal(repeat.message, 'Entry repeats the uid value; Ping tools reject duplicate attribute values.');
    assert.equal('username' in none, false);
    assert.equal(none.message, "Entry has 2 uid values; PingOne's username holds one, so the sync may pick either.");
    assert.equal(dup.message, 'Username "bob" is used by another entry too; PingOne usernames are unique per environment.');
  });
});
