import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hashOf } from '../../../src/usernames/fnv';
import { HeldValues } from '../../../src/usernames/heldValues';

/** Runs `ops` on a HeldValues and on a Set (the model); `hash` picks the hash of a value (a constant one forces collisions). */
function agreeWithSet(ops: Array<{ clear: boolean; value: string }>, hash: (v: string) => number): void {
  const held = new HeldValues();
  let list: string[] = [];
  let model = new Set<string>();
  const valueAt = (p: number): string => list[p];
  for (const op of ops) {
    if (op.clear) {
      held.clear();
      list = [];
      model = new Set();
      continue;
    }
    const h = hash(op.value);
    assert.equal(held.has(h, op.value, valueAt), model.has(op.value), `has(${op.value})`);
    if (!model.has(op.value)) {
      held.add(h, list.length, valueAt);
      model.add(op.value);
    }
    list.push(op.value);
    assert.equal(held.size, model.size);
  }
}

describe('HeldValues: the values of an open record, by fold key hash', () => {
  const ops = fc.array(
    fc.oneof(
      { weight: 1, arbitrary: fc.constant({ clear: true, value: '' }) },
      { weight: 12, arbitrary: fc.record({ clear: fc.constant(false), value: fc.constantFrom('a', 'A', 'b', 'B.c', 'b.c', 'x-1', 'é') }) },
      { weight: 6, arbitrary: fc.record({ clear: fc.constant(false), value: fc.string({ maxLength: 6 }) }) }
    ),
    { maxLength: 200 }
  );

  it('answers as a Set of the values would (property, fold key hashes as the byte scanner makes them)', () => {
    fc.assert(fc.property(ops, (list) => agreeWithSet(list, (v) => hashOf(v.toLowerCase()))));
  });

  it('tells values apart when every hash is the same (collisions are compared)', () => {
    fc.assert(fc.property(ops, (list) => agreeWithSet(list, () => 7)));
  });

  it('keeps every value of a large record through its growth, and starts empty after clear', () => {
    const held = new HeldValues();
    const list: string[] = [];
    const valueAt = (p: number): string => list[p];
    for (let i = 0; i < 20000; i++) {
      list.push(`v.${i}`);
      held.add(hashOf(`v.${i}`), list.length - 1, valueAt);
    }
    for (let i = 0; i < 20000; i += 997) assert.ok(held.has(hashOf(`v.${i}`), `v.${i}`, valueAt));
    assert.ok(!held.has(hashOf('v.20000'), 'v.20000', valueAt));
    held.clear();
    assert.equal(held.size, 0);
    assert.ok(!held.has(hashOf('v.0'), 'v.0', valueAt));
  });
});
