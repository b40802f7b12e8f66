import assert from 'node:assert/strict';
import { DuplicateTracker } from '../../../src/usernames/aggregate';
import type { RawOccurrence } from '../../../src/usernames/records';
import { usernameFoldKey } from '../../../src/usernames/rules';
import type { Finding, Range } from '../../../src/usernames/types';

function occ(value: string, line: number): RawOccurrence {
  const valueRange: Range = { startLine: line, startColumn: 5, endLine: line, endColumn: 5 + value.length };
  return { value, encoding: 'plain', valueRange, specRange: valueRange, foldKey: usernameFoldKey(value) };
}

/** The tracker as it was written before the typed-array index: a Map of first occurrences per fold key. */
function reference(values: string[]): Array<Finding | undefined> {
  const groups = new Map<string, { value: string; range: Range; record: number; others: Map<string, { range: Range; record: number }> }>();
  return values.map((v, record) => {
    const o = occ(v, record);
    const g = groups.get(o.foldKey!);
    if (!g) {
      groups.set(o.foldKey!, { value: v, range: o.valueRange, record, others: new Map() });
      return undefined;
    }
    const e = g.value === v ? g : g.others.get(v);
    if (e)
      return {
        code: 'username-duplicate',
        severity: 'error',
        range: o.valueRange,
        username: v,
        message: '',
        related: [{ message: 'First occurrence of this username', range: e.range }],
      };
    g.others.set(v, { range: o.valueRange, record });
    return {
      code: 'username-duplicate-case',
      severity: 'warning',
      range: o.valueRange,
      username: v,
      message: '',
      related: [{ message: 'First username in this group', range: g.range }],
    };
  });
}

function run(values: string[]): Array<Finding | undefined> {
  const t = new DuplicateTracker();
  return values.map((v, record) => {
    const f = t.offer(occ(v, record), record);
    return f && { ...f, message: '' };
  });
}

/** FNV-1a, as the tracker hashes keys. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

describe('DuplicateTracker', () => {
  it('matches a Map-based reference over many values, case variants and growth', () => {
    const values: string[] = [];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 20000; i++) {
      const x = rnd(10);
      const n = rnd(8000);
      values.push(x < 6 ? `user.${n}` : x < 8 ? `User.${n}` : x < 9 ? `USER.${n}` : `Ünïcödé.${n}`);
    }
    assert.deepEqual(run(values), reference(values));
  });

  it('keys colliding in the slot table (crafted input) still give exact results', () => {
    // 200 keys with the same low 10 hash bits: one probe run far past the limit, so the Map fallback takes over.
    const colliding: string[] = [];
    for (let i = 0; colliding.length < 200; i++) {
      const k = `k${i}`;
      if ((fnv(k) & 1023) === 5) colliding.push(k);
    }
    const values = [...colliding, ...colliding.map((k) => k.toUpperCase()), ...colliding, 'fresh', 'fresh'];
    const got = run(values);
    assert.deepEqual(got, reference(values));
    assert.equal(got.filter((f) => f?.code === 'username-duplicate').length, 201);
    assert.equal(got.filter((f) => f?.code === 'username-duplicate-case').length, 200);
  });

  it('same value twice in one record is not a duplicate', () => {
    const t = new DuplicateTracker();
    assert.equal(t.offer(occ('a', 0), 0), undefined);
    assert.equal(t.offer(occ('a', 1), 0), undefined);
    assert.equal(t.offer(occ('A', 1), 0), undefined);
    assert.equal(t.offer(occ('A', 2), 1)!.code, 'username-duplicate');
    assert.equal(t.distinct, 1);
  });
});

describe('DuplicateTracker edge keys', () => {
  it('empty usernames are never duplicates of each other (each is username-missing already)', () => {
    const t = new DuplicateTracker();
    assert.equal(t.offer(occ('', 0), 0), undefined);
    assert.equal(t.offer(occ('', 1), 1), undefined);
  });
});
