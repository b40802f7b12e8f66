/**
 * The order of findings (`compareFindings`, and `FindingStore.sort`, which compares its columns first and
 * the findings themselves on a tie) and the store's attribute-name table. The model test in
 * findingStoreModel.test.ts takes `compareFindings` as its oracle, so here the expected order is written
 * out by hand.
 */
import assert from 'node:assert/strict';
import { FindingStore, compareFindings } from '../../../src/usernames/findingStore';
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
