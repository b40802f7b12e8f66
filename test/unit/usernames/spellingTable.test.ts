import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fnvColliding } from '../../../bench/engine/shapes';
import { ByteArena } from '../../../src/usernames/findingStore';
import { hashOf } from '../../../src/usernames/fnv';
import { MAX_PROBE, SpellingTable } from '../../../src/usernames/spellingTable';
import type { Range } from '../../../src/usernames/types';

/*
 * The duplicate tracker's table of other spellings against a Map model: every spelling added (as a
 * string or from bytes) is found again by its group and spelling, in both ways, with the numbers it
 * was added with; a spelling is never found under another group; a group's `forget` drops its
 * spellings only. duplicateTrackerModel.test.ts checks what the tracker makes of them.
 */

type Op =
  | { kind: 'add'; group: number; value: string; bytes: boolean }
  | { kind: 'find'; group: number; value: string }
  | { kind: 'forget'; group: number };

interface Added {
  index: number;
  range: Range;
  record: number;
  owner: number;
}

const latin1 = (value: string) => [...value].every((c) => c.charCodeAt(0) <= 255);

/** Runs `ops` on a table and on a Map model, checking every answer; returns the table. */
function agree(ops: Op[], arena = new ByteArena(2047)): SpellingTable {
  const table = new SpellingTable(arena);
  const model = new Map<string, Added>();
  let n = 0;
  const lookUp = (group: number, value: string, at: string) => {
    const want = model.get(`${group}|${value}`);
    const i = table.find(group, value);
    assert.equal(i, want ? want.index : -1, `${at}: find(${group}, ${JSON.stringify(value)})`);
    if (latin1(value)) {
      const buf = Buffer.from(`#${value}#`, 'latin1');
      assert.equal(
        table.findBytes(group, buf, 1, 1 + value.length, hashOf(value)),
        i,
        `${at}: findBytes(${group}, ${JSON.stringify(value)})`
      );
    }
    if (!want) return;
    assert.equal(table.value(i), value, `${at}: value`);
    assert.deepEqual(table.seen(i), { range: want.range, record: want.record, owner: want.owner }, `${at}: seen`);
    assert.equal(table.recordOf(i), want.record);
    assert.equal(table.ownerOf(i), want.owner);
  };
  ops.forEach((op, step) => {
    const at = `step ${step}`;
    if (op.kind === 'forget') {
      table.forget(op.group);
      for (const k of [...model.keys()]) if (k.startsWith(`${op.group}|`)) model.delete(k);
      return;
    }
    if (op.kind === 'find' || model.has(`${op.group}|${op.value}`)) {
      // The tracker adds a spelling only when it does not find it.
      lookUp(op.group, op.value, at);
      return;
    }
    const line = 3 * n,
      col = n % 7,
      record = 1000 + n,
      owner = n % 3 === 0 ? NaN : n * 0.5;
    n++;
    let index: number;
    let range: Range;
    if (op.bytes && latin1(op.value)) {
      const buf = Buffer.from(`::${op.value}`, 'latin1');
      range = { startLine: line, startColumn: col, endLine: line, endColumn: col + op.value.length };
      index = table.addBytes(op.group, buf, 2, buf.length, hashOf(op.value), line, col, record, owner);
    } else {
      range = { startLine: line, startColumn: col, endLine: line + 1, endColumn: 2 };
      index = table.add(op.group, op.value, range, record, owner);
    }
    model.set(`${op.group}|${op.value}`, { index, range, record, owner });
    lookUp(op.group, op.value, `${at} (just added)`);
  });
  for (const k of model.keys()) {
    const bar = k.indexOf('|');
    lookUp(Number(k.slice(0, bar)), k.slice(bar + 1), 'at the end');
  }
  return table;
}

// Spellings of a few keys (Latin-1 ones as bytes or strings, others only as strings), in a few groups.
const VALUES = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('alice', 'Alice', 'ALICE', 'aLiCe', 'bob', 'Bob', 'ünï', 'ÜNÏ', 'Łukasz', 'x'.repeat(4097)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }).map((i) => `user.${i}`) }
);
const GROUPS = fc.integer({ min: 0, max: 4 });
const OPS = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('add' as const), group: GROUPS, value: VALUES, bytes: fc.boolean() }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('find' as const), group: GROUPS, value: VALUES }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('forget' as const), group: GROUPS }) }
  ),
  { maxLength: 120 }
);

/** `count` spellings sharing one FNV-1a hash (80 letters each, see the adversarial shapes). */
function collidingSpellings(count: number): string[] {
  return Array.from({ length: count }, (_, i) => fnvColliding(i));
}

describe('SpellingTable (the duplicate tracker’s other spellings) against a Map model', () => {
  it('finds every spelling by group and spelling, from a string and from bytes, across forgets', () => {
    fc.assert(
      fc.property(OPS, (ops) => {
        agree(ops);
      }),
      { numRuns: 300 }
    );
  });

  it('grows past its first slot table and column block: 3000 spellings of one group and 3000 spread over 300', () => {
    const ops: Op[] = [];
    for (let i = 0; i < 3000; i++) ops.push({ kind: 'add', group: 7, value: `u${i.toString(2)}`, bytes: i % 2 === 0 });
    for (let i = 0; i < 3000; i++) ops.push({ kind: 'add', group: i % 300, value: `v${i}`, bytes: i % 3 !== 0 });
    // A forget in the middle of a large group, then some of its spellings anew.
    ops.push({ kind: 'forget', group: 7 });
    for (let i = 0; i < 40; i++) ops.push({ kind: 'add', group: 7, value: `u${i.toString(2)}`, bytes: true });
    const table = agree(ops);
    assert.equal(table.size, 6040);
    assert.equal(table.degraded, false);
  });

  it('keeps a spelling that does not fit the arena as a string (the arena full)', () => {
    // An arena of one chunk, nearly filled: later spellings stay strings and are still found.
    const arena = new ByteArena(1);
    arena.reserve((1 << 20) - 8);
    const ops: Op[] = [];
    for (let i = 0; i < 20; i++) ops.push({ kind: 'add', group: 1, value: `spelling${i}`, bytes: i % 2 === 0 });
    agree(ops, arena);
  });

  it('finds a spelling only under its own group: one spelling in 2000 groups, looked up in 2000 others', () => {
    const table = new SpellingTable(new ByteArena(2047));
    const buf = Buffer.from('alice', 'latin1');
    const added = Array.from({ length: 2000 }, (_, g) =>
      g % 2
        ? table.add(2 * g, 'alice', { startLine: g, startColumn: 0, endLine: g, endColumn: 5 }, g, 0)
        : table.addBytes(2 * g, buf, 0, 5, hashOf('alice'), g, 0, g, 0)
    );
    for (let g = 0; g < 2000; g++) {
      assert.equal(table.find(2 * g, 'alice'), added[g]);
      assert.equal(table.findBytes(2 * g, buf, 0, 5, hashOf('alice')), added[g]);
      assert.equal(table.find(2 * g + 1, 'alice'), -1, `group ${2 * g + 1}`);
      assert.equal(table.findBytes(2 * g + 1, buf, 0, 5, hashOf('alice')), -1, `group ${2 * g + 1} (bytes)`);
    }
    assert.equal(table.degraded, false);
  });

  it('keeps a Latin-1 spelling of at most 4096 units as bytes in the arena it is given, any other as a string', () => {
    const arena = new ByteArena(2047);
    // A first chunk, so that `reserve(0)` tells how much of it is used.
    arena.reserve(1);
    const table = new SpellingTable(arena);
    const used = () => arena.reserve(0);
    const range = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 };
    const grows = (add: () => number, value: string, by: number) => {
      const before = used();
      const i = add();
      assert.equal(used() - before, by, JSON.stringify(value.slice(0, 12)));
      assert.equal(table.value(i), value);
      assert.equal(table.find(1, value), i);
    };
    for (const v of ['alice', 'ÜNÏ', 'ÿ', 'x'.repeat(4096)]) grows(() => table.add(1, v, range, 0, 0), v, v.length);
    for (const v of ['Łukasz', 'x'.repeat(4097), 'ı']) grows(() => table.add(1, v, range, 0, 0), v, 0);
    const long = Buffer.from('y'.repeat(4097), 'latin1');
    grows(() => table.addBytes(1, long, 0, 4096, hashOf('y'.repeat(4096)), 0, 0, 0, 0), 'y'.repeat(4096), 4096);
    grows(() => table.addBytes(1, long, 0, 4097, hashOf('y'.repeat(4097)), 0, 0, 0, 0), 'y'.repeat(4097), 0);
  });

  it('tells apart colliding spellings kept as strings (the arena full) before it moves to a Map', () => {
    const arena = new ByteArena(1);
    arena.reserve(1 << 20);
    const table = new SpellingTable(arena);
    const colliding = collidingSpellings(40);
    const range = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 80 };
    const added = colliding
      .slice(0, 30)
      .map((v, i) => (i % 2 ? table.add(5, v, range, i, 0) : table.addBytes(5, Buffer.from(v, 'latin1'), 0, 80, hashOf(v), 0, 0, i, 0)));
    assert.equal(table.degraded, false);
    colliding.forEach((v, i) => {
      assert.equal(table.find(5, v), i < 30 ? added[i] : -1, `spelling ${i}`);
      assert.equal(table.findBytes(5, Buffer.from(v, 'latin1'), 0, 80, hashOf(v)), i < 30 ? added[i] : -1, `spelling ${i} (bytes)`);
    });
  });

  it(`moves to a Map when spellings collide (a probe run over ${MAX_PROBE}), and still finds every one`, () => {
    const colliding = collidingSpellings(200);
    assert.equal(new Set(colliding.map(hashOf)).size, 1);
    const ops: Op[] = [];
    colliding.forEach((value, i) => ops.push({ kind: 'add', group: 3, value, bytes: i % 2 === 0 }));
    // Another group, a forget and spellings added after the move.
    ops.push({ kind: 'add', group: 4, value: colliding[0], bytes: true }, { kind: 'forget', group: 3 });
    for (let i = 0; i < 10; i++) ops.push({ kind: 'add', group: 3, value: colliding[i], bytes: i % 2 === 1 });
    ops.push({ kind: 'find', group: 3, value: colliding[50] }, { kind: 'find', group: 4, value: colliding[0] });
    const table = agree(ops);
    assert.equal(table.degraded, true);
  });

  it('takes linear time on colliding spellings: 4× of them takes about 4× the time once in the Map', () => {
    const time = (n: number) => {
      const values = collidingSpellings(n);
      const t0 = process.hrtime.bigint();
      const table = new SpellingTable(new ByteArena(2047));
      for (const v of values) {
        const buf = Buffer.from(v, 'latin1');
        if (table.findBytes(0, buf, 0, buf.length, hashOf(v)) < 0) table.addBytes(0, buf, 0, buf.length, hashOf(v), 0, 0, 0, 0);
      }
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    time(2000);
    const small = Math.min(time(4000), time(4000)),
      large = Math.min(time(16000), time(16000));
    // Probing every colliding spelling would be 16× (quadratic); a few × allows for a busy machine.
    assert.ok(large < 8 * small + 20, `${small.toFixed(1)} ms for 4000, ${large.toFixed(1)} ms for 16000`);
  });
});
