import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hashOf } from '../../../src/usernames/fnv';
import { StringKeyMap } from '../../../src/usernames/keyMap';

type Op = { kind: 'set'; key: string; value: number } | { kind: 'delete' | 'get'; key: string } | { kind: 'clear' };

/** Runs `ops` on a StringKeyMap (hash `hash`) and on a Map, comparing every answer, the size and the order of both walks. */
function agreeWithMap(ops: Op[], hash: (key: string) => number): void {
  const map = new StringKeyMap<number>(hash);
  const model = new Map<string, number>();
  for (const op of ops) {
    if (op.kind === 'set') {
      assert.equal(map.set(op.key, op.value), map);
      model.set(op.key, op.value);
    } else if (op.kind === 'delete') assert.equal(map.delete(op.key), model.delete(op.key), `delete(${op.key})`);
    else if (op.kind === 'get') {
      assert.equal(map.get(op.key), model.get(op.key), `get(${op.key})`);
      assert.equal(map.has(op.key), model.has(op.key), `has(${op.key})`);
    } else {
      map.clear();
      model.clear();
    }
    assert.equal(map.size, model.size);
  }
  assert.deepEqual([...map.keys()], [...model.keys()]);
  assert.deepEqual([...map.values()], [...model.values()]);
  for (const k of model.keys()) assert.equal(map.get(k), model.get(k), `get(${k}) at the end`);
}

const KEYS = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 40 }).map((i) => `k${i}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }
);
const OPS = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('set' as const), key: KEYS, value: fc.integer() }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: KEYS }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('get' as const), key: KEYS }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) }
  ),
  { maxLength: 300 }
);

describe('StringKeyMap: the document model’s string-keyed maps', () => {
  it('answers as a Map does, in the same order (property, FNV-1a hashes)', () => {
    fc.assert(fc.property(OPS, (ops) => agreeWithMap(ops, hashOf)));
  });

  it('answers as a Map does when keys collide: one hash for all, or a hash per length (property)', () => {
    fc.assert(fc.property(OPS, (ops) => agreeWithMap(ops, () => 7)));
    fc.assert(fc.property(OPS, (ops) => agreeWithMap(ops, (k) => k.length * 15)));
  });

  it('keeps every key reachable when a deletion empties a slot inside a run that wraps around the table', () => {
    // With 16 slots, hashes 14 and 15 put the first keys at the table's end and push the rest to its start.
    const hashes: Record<string, number> = { a: 14, b: 15, c: 14, d: 15, e: 0, f: 1 };
    const map = new StringKeyMap<string>((k) => hashes[k]);
    const model = new Map<string, string>();
    for (const k of Object.keys(hashes)) {
      map.set(k, k.toUpperCase());
      model.set(k, k.toUpperCase());
    }
    for (const gone of ['b', 'a', 'e']) {
      map.delete(gone);
      model.delete(gone);
      for (const k of Object.keys(hashes)) assert.equal(map.get(k), model.get(k), `get(${k}) after deleting ${gone}`);
    }
    assert.deepEqual([...map.keys()], ['c', 'd', 'f']);
    // An emptied last slot, and the key after it at its home (the first slot): it must stay there.
    const edge = new StringKeyMap<number>((k) => (k === 'z' ? 15 : 0));
    edge.set('z', 1).set('y', 2);
    edge.delete('z');
    assert.equal(edge.get('y'), 2);
  });

  it('grows past many keys and packs out deleted ones in insertion order', () => {
    const map = new StringKeyMap<number>();
    for (let i = 0; i < 5000; i++) map.set(`u${i}`, i);
    for (let i = 0; i < 5000; i += 3) map.set(`u${i}`, -i);
    for (let i = 0; i < 5000; i++) if (i % 2 === 0) assert.equal(map.delete(`u${i}`), true);
    // Enough new keys to fill the entry lists again, which packs out the deleted half.
    for (let i = 5000; i < 9000; i++) map.set(`u${i}`, i);
    assert.equal(map.size, 2500 + 4000);
    const keys = [...map.keys()];
    assert.deepEqual(keys.slice(0, 3), ['u1', 'u3', 'u5']);
    assert.equal(keys[2499], 'u4999');
    assert.equal(keys[2500], 'u5000');
    assert.equal(map.get('u3'), -3);
    assert.equal(map.get('u4'), undefined);
    assert.equal(map.get('u8999'), 8999);
  });

  it('walks as a Map does while the walk deletes and adds keys, and packs only after the walk', () => {
    const map = new StringKeyMap<number>();
    const model = new Map<string, number>();
    for (let i = 0; i < 16; i++) {
      map.set(`k${i}`, i);
      model.set(`k${i}`, i);
    }
    const walk = (m: StringKeyMap<number> | Map<string, number>): string[] => {
      const seen: string[] = [];
      let added = 0;
      let adding = false;
      for (const k of m.keys()) {
        seen.push(k);
        // At k12 the keys already walked go: the entry lists are full and mostly holes, yet they must
        // grow rather than pack while the walk holds its place in them (packing would skip k13 to k15).
        if (k === 'k12') {
          for (let i = 0; i < 12; i++) m.delete(`k${i}`);
          adding = true;
        }
        if (adding && added < 20) m.set(`n${added++}`, -1);
      }
      return seen;
    };
    assert.deepEqual(walk(map), walk(model));
    assert.deepEqual([...map.keys()], [...model.keys()]);
    // After the walk, filling the lists packs them, still in order.
    for (let i = 0; i < 64; i++) {
      map.set(`m${i}`, i);
      model.set(`m${i}`, i);
    }
    assert.deepEqual([...map.keys()], [...model.keys()]);
  });

  it('a walk left early lets the lists pack again', () => {
    const map = new StringKeyMap<number>();
    for (let i = 0; i < 16; i++) map.set(`k${i}`, i);
    for (const k of map.keys()) if (k === 'k1') break;
    for (let i = 0; i < 16; i += 2) map.delete(`k${i}`);
    // The lists hold 16 entries, half deleted: the 17th key packs them instead of doubling the hashes.
    map.set('x', 0);
    assert.deepEqual([...map.keys()], ['k1', 'k3', 'k5', 'k7', 'k9', 'k11', 'k13', 'k15', 'x']);
    assert.equal((map as unknown as { hashList: Int32Array }).hashList.length, 16);
  });
});
