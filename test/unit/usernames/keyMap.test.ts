import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hashOf } from '../../../src/usernames/fnv';
import { MAX_PROBE, StringKeyMap } from '../../../src/usernames/keyMap';

type Op = { kind: 'set' | 'put' | 'tag'; key: string; value: number } | { kind: 'delete' | 'get'; key: string } | { kind: 'clear' };

/**
 * Runs `ops` on a StringKeyMap (hash `hash`) and on a Map, comparing every answer, the size and the order of both walks;
 * and the tags, against a Map of each live key's tag.
 */
function agreeWithMap(ops: Op[], hash: (key: string) => number): void {
  const map = new StringKeyMap<number, number>(hash);
  const model = new Map<string, number>();
  const tags = new Map<string, number>();
  const tagOf = (key: string) => map.tagAt(map.find(key));
  for (const op of ops) {
    const changes = map.changes,
      size = map.size;
    if (op.kind === 'set') {
      assert.equal(map.set(op.key, op.value), map);
      model.set(op.key, op.value);
    } else if (op.kind === 'put') {
      // `set` in two steps: one look-up, then a write to the entry it found or an insertion.
      const e = map.find(op.key);
      assert.equal(e >= 0, model.has(op.key), `find(${op.key})`);
      if (e >= 0) {
        assert.equal(map.keyAt(e), op.key);
        assert.equal(map.valueAt(e), model.get(op.key));
        map.setAt(e, op.value);
      } else map.add(op.key, op.value);
      model.set(op.key, op.value);
    } else if (op.kind === 'tag') {
      // Tags a live key (an absent one is set first: a tag needs an entry).
      if (!model.has(op.key)) setBoth(map, model, op.key, op.value);
      map.setTagAt(map.find(op.key), op.value);
      tags.set(op.key, op.value);
    } else if (op.kind === 'delete') {
      assert.equal(map.delete(op.key), model.delete(op.key), `delete(${op.key})`);
      tags.delete(op.key);
    } else if (op.kind === 'get') {
      assert.equal(map.get(op.key), model.get(op.key), `get(${op.key})`);
      assert.equal(map.has(op.key), model.has(op.key), `has(${op.key})`);
      if (model.has(op.key)) assert.equal(tagOf(op.key), tags.get(op.key), `tagAt(find(${op.key}))`);
    } else {
      map.clear();
      model.clear();
      tags.clear();
    }
    assert.equal(map.size, model.size);
    if (op.kind === 'get') assert.equal(map.changes, changes, 'a look-up changes nothing');
    if (op.kind === 'set' || op.kind === 'put' || op.kind === 'delete')
      assert.equal(map.changes !== changes, map.size !== size, `${op.kind}(${op.key})`);
  }
  assert.deepEqual([...map.keys()], [...model.keys()]);
  assert.deepEqual([...map.values()], [...model.values()]);
  assert.deepEqual(walkByEntry(map), [...model.entries()], 'the walk by entry number');
  for (const k of model.keys()) assert.equal(map.get(k), model.get(k), `get(${k}) at the end`);
  // A deleted key's tag went with it: a key set again, or a new key in its place after packing, has none.
  for (const k of model.keys()) assert.equal(tagOf(k), tags.get(k), `tag of ${k} at the end`);
}

/** Sets `key` to `value` in both `map` and its `Map` model. */
function setBoth<V, T>(map: StringKeyMap<V, T>, model: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  model.set(key, value);
}

/** The live entries of `map` walked by entry number (`entryEnd`, `keyAt`, `valueAt`), deleted ones skipped. */
function walkByEntry<V, T>(map: StringKeyMap<V, T>): Array<[string, V | undefined]> {
  const out: Array<[string, V | undefined]> = [];
  for (let e = 0; e < map.entryEnd; e++) {
    const k = map.keyAt(e);
    if (k !== undefined) out.push([k, map.valueAt(e)]);
  }
  return out;
}

const KEYS = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 40 }).map((i) => `k${i}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }
);
const OPS = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('set' as const), key: KEYS, value: fc.integer() }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('put' as const), key: KEYS, value: fc.integer() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('tag' as const), key: KEYS, value: fc.integer() }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: KEYS }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('get' as const), key: KEYS }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) }
  ),
  { maxLength: 300 }
);

/** A hash whose first slot in a table of 16 is `slot` (Fibonacci hashing: the top 4 bits of hash × 2^32/φ), the `n`th such. */
function hashForSlot(slot: number, n: number): number {
  for (let h = 0, seen = 0; ; h++) if (Math.imul(h, 0x9e3779b1 | 0) >>> 28 === slot && ++seen === n) return h;
}

describe('StringKeyMap: the document model’s string-keyed maps', () => {
  it('answers as a Map does, in the same order (property, FNV-1a hashes)', () => {
    fc.assert(fc.property(OPS, (ops) => agreeWithMap(ops, hashOf)));
  });

  it('answers as a Map does when keys collide: one hash for all, or a hash per length (property)', () => {
    fc.assert(fc.property(OPS, (ops) => agreeWithMap(ops, () => 7)));
    fc.assert(fc.property(OPS, (ops) => agreeWithMap(ops, (k) => k.length * 15)));
  });

  it('keeps every key reachable when a deletion empties a slot inside a run that wraps around the table', () => {
    // With 16 slots, keys whose first slot is 14 or 15 fill the table's end and push the rest to its start.
    const first = { a: 14, b: 15, c: 14, d: 15, e: 0, f: 1 };
    const hashes = Object.fromEntries(Object.entries(first).map(([k, slot]) => [k, hashForSlot(slot, k.charCodeAt(0))]));
    const map = new StringKeyMap<string>((k) => hashes[k]);
    const model = new Map<string, string>();
    for (const k of Object.keys(first)) setBoth(map, model, k, k.toUpperCase());
    for (const gone of ['b', 'a', 'e']) {
      map.delete(gone);
      model.delete(gone);
      for (const k of Object.keys(first)) assert.equal(map.get(k), model.get(k), `get(${k}) after deleting ${gone}`);
    }
    assert.deepEqual([...map.keys()], ['c', 'd', 'f']);
    // An emptied last slot, and the key after it at its first slot (the table's first): it must stay there.
    const z = hashForSlot(15, 1),
      y = hashForSlot(0, 1);
    const edge = new StringKeyMap<number>((k) => (k === 'z' ? z : y));
    edge.set('z', 1).set('y', 2);
    edge.delete('z');
    assert.equal(edge.get('y'), 2);
    // Each case below leaves its hole unfilled: a key that must move into it, and one that must not.
    const lastTwo = (slots: Record<string, number>, gone: string): StringKeyMap<string> => {
      const h = Object.fromEntries(Object.entries(slots).map(([k, slot]) => [k, hashForSlot(slot, k.charCodeAt(0))]));
      const m = new StringKeyMap<string>((k) => h[k]);
      for (const k of Object.keys(slots)) m.set(k, k);
      m.delete(gone);
      for (const k of Object.keys(slots)) assert.equal(m.get(k), k === gone ? undefined : k, `get(${k}) after deleting ${gone}`);
      return m;
    };
    // c wrapped to slot 0 and d to slot 1: deleting b moves c back to 15, then d (first slot 15) into the hole at 0.
    lastTwo({ a: 14, b: 15, c: 14, d: 15 }, 'b');
    // z wrapped to slot 0 behind y: deleting x (slot 14) must leave both, z's first slot 15 being past the hole.
    lastTwo({ x: 14, y: 15, z: 15 }, 'x');
  });

  it('a deletion frees its slot: the table holds no trace of a deleted key', () => {
    const h = hashForSlot(0, 1);
    const map = new StringKeyMap<number>(() => h);
    map.set('a', 1).delete('a');
    assert.deepEqual([...(map as unknown as { slots: Int32Array }).slots], new Array(16).fill(0));
    // Keys set and deleted in turn, many more than the table holds, never leave it crowded.
    const churn = new StringKeyMap<number>();
    for (let i = 0; i < 20000; i++) churn.set(`k${i}`, i).delete(`k${i}`);
    assert.equal(churn.degraded, false);
    assert.equal(churn.size, 0);
  });

  it('moves its lookups to a Map when keys share one hash, and still answers as a Map does', () => {
    const map = new StringKeyMap<number>(() => 7);
    const model = new Map<string, number>();
    for (let i = 0; i <= MAX_PROBE + 1; i++) setBoth(map, model, `k${i}`, i);
    // MAX_PROBE + 2 keys in one run: the last one's search passed MAX_PROBE taken slots.
    assert.equal(map.degraded, true);
    for (let i = 0; i < 3000; i++) {
      setBoth(map, model, `n${i}`, i);
      if (i % 3 === 0) assert.equal(map.delete(`n${i >> 1}`), model.delete(`n${i >> 1}`));
    }
    assert.equal(map.size, model.size);
    assert.deepEqual([...map.keys()], [...model.keys()]);
    for (const k of ['k0', `k${MAX_PROBE + 1}`, 'n2999', 'n4', 'absent']) assert.equal(map.get(k), model.get(k), k);
    // The first entry (number 0) deleted, an absent key deleted, then the first set again: it goes last.
    assert.equal(map.delete('absent'), false);
    assert.equal(map.delete('k0'), true);
    assert.equal(map.has('k0'), false);
    assert.equal(map.size, model.size - 1);
    map.set('k0', -1);
    assert.deepEqual([...map.keys()].slice(-1), ['k0']);
    assert.equal(map.get('k0'), -1);
    map.clear();
    assert.equal(map.degraded, false);
  });

  it('a deletion whose search finds the run too long still deletes the key', () => {
    const map = new StringKeyMap<number>(() => 7);
    // MAX_PROBE + 1 keys in one run: the last sits past MAX_PROBE taken slots, and was placed without a search past them.
    for (let i = 0; i <= MAX_PROBE; i++) map.set(`x${i}`, i);
    assert.equal(map.degraded, false);
    assert.equal(map.delete(`x${MAX_PROBE}`), true);
    assert.equal(map.degraded, true);
    assert.equal(map.get(`x${MAX_PROBE}`), undefined);
    assert.equal(map.get('x0'), 0);
    assert.equal(map.size, MAX_PROBE);
    // The same for a read: the search for the last key passes MAX_PROBE taken slots, and still finds it.
    const read = new StringKeyMap<number>(() => 7);
    for (let i = 0; i <= MAX_PROBE; i++) read.set(`x${i}`, i);
    assert.equal(read.get(`x${MAX_PROBE}`), MAX_PROBE);
    assert.equal(read.degraded, true);
    read.set(`x${MAX_PROBE}`, -1);
    assert.deepEqual([read.size, read.get(`x${MAX_PROBE}`)], [MAX_PROBE + 1, -1]);
  });

  it('starts again from a table of 16 slots after clear, each key at its first slot', () => {
    const map = new StringKeyMap<number>((k) => (k === 'five' ? hashForSlot(5, 1) : hashOf(k)));
    for (let i = 0; i < 100; i++) map.set(`k${i}`, i);
    map.clear();
    map.set('five', 5);
    const slots = (map as unknown as { slots: Int32Array }).slots;
    assert.equal(slots.length, 16);
    assert.equal(slots[5], 1, 'entry 0 at slot 5');
    assert.equal(map.get('five'), 5);
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
    // Distinct usernames never look like an attack.
    assert.equal(map.degraded, false);
  });

  it('holds more keys than one list chunk, packs across chunks and lets deleted keys go', () => {
    // Its entry lists are chunks of 16,384: 50,000 keys span four; three in four deleted, then new keys until it packs.
    const map = new StringKeyMap<number, string>();
    const model = new Map<string, number>();
    for (let i = 0; i < 50000; i++) setBoth(map, model, `w${i}`, i);
    // Tags on some keys of the second and fourth chunks only (their tag list has chunks there alone), kept or deleted.
    const tagged = (i: number) => i % 7 === 0 && ((i >= 16384 && i < 32768) || i >= 49152);
    for (let i = 0; i < 50000; i++) if (tagged(i)) map.setTagAt(map.find(`w${i}`), `t${i}`);
    const deletedTagged = Array.from({ length: 50000 }, (_, i) => i).filter((i) => tagged(i) && i % 4 !== 1);
    const deletedAt = deletedTagged.map((i) => map.find(`w${i}`));
    for (let i = 0; i < 50000; i++) if (i % 4 !== 1) assert.equal(map.delete(`w${i}`), model.delete(`w${i}`));
    type Chunks = { chunks: unknown[][] };
    const at = (list: Chunks, e: number) => list.chunks[e >>> 14]?.[e & 16383];
    const { keyList, valueList, tagList } = map as unknown as { keyList: Chunks; valueList: Chunks; tagList: Chunks };
    // A deleted key's tag is let go at once, not when the lists pack.
    for (const e of deletedAt) assert.equal(at(tagList, e), undefined, `tag of deleted entry ${e}`);
    const before = map.entryEnd;
    for (let i = 50000; map.entryEnd >= before; i++) setBoth(map, model, `w${i}`, i);
    assert.ok(map.entryEnd < before, 'the lists were packed');
    assert.deepEqual(walkByEntry(map), [...model.entries()]);
    for (const k of ['w1', 'w5', 'w49997', 'w0', 'w49999']) assert.equal(map.get(k), model.get(k), k);
    // Each surviving key keeps its own tag through the packing; the new keys have none.
    for (const k of model.keys()) {
      const i = Number(k.slice(1));
      assert.equal(map.tagAt(map.find(k)), i < 50000 && tagged(i) ? `t${i}` : undefined, `tag of ${k}`);
    }
    // Past the packed end nothing is kept (its chunk dropped, or the place emptied): a deleted key's string and value are garbage.
    for (let e = map.entryEnd; e < before; e++) {
      assert.equal(at(keyList, e), undefined, `key ${e}`);
      assert.equal(at(valueList, e), undefined, `value ${e}`);
      assert.equal(at(tagList, e), undefined, `tag ${e}`);
    }
  });

  it('a walk by entry number may delete the keys it passes: the rest keep their numbers', () => {
    const map = new StringKeyMap<number>();
    for (let i = 0; i < 100; i++) map.set(`u${i}`, i);
    for (let i = 0; i < 100; i += 2) map.delete(`u${i}`);
    const seen: string[] = [];
    for (let e = 0; e < map.entryEnd; e++) {
      const k = map.keyAt(e);
      if (k === undefined) continue;
      seen.push(k);
      assert.equal(map.valueAt(e), Number(k.slice(1)));
      if (e % 3 === 0) map.delete(k);
    }
    assert.equal(seen.length, 50);
    assert.deepEqual(seen.slice(0, 3), ['u1', 'u3', 'u5']);
    assert.equal(map.size, 50 - seen.filter((k) => Number(k.slice(1)) % 3 === 0).length);
    assert.equal(map.get('u1'), 1);
    assert.equal(map.get('u3'), undefined);
  });

  it('walks as a Map does while the walk deletes and adds keys, and packs only after the walk', () => {
    const map = new StringKeyMap<number>();
    const model = new Map<string, number>();
    for (let i = 0; i < 16; i++) setBoth(map, model, `k${i}`, i);
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
    // The same through a walk of the values.
    const byValues = new StringKeyMap<number>();
    for (let i = 0; i < 16; i++) byValues.set(`k${i}`, i);
    const values: number[] = [];
    for (const v of byValues.values()) {
      values.push(v);
      if (v === 12) for (let i = 0; i < 12; i++) byValues.delete(`k${i}`);
      if (v >= 12 && v < 16) byValues.set(`n${v}`, 100 + v);
    }
    assert.deepEqual(values, [...Array.from({ length: 16 }, (_, i) => i), 112, 113, 114, 115]);
    // After the walk, filling the lists packs them, still in order.
    for (let i = 0; i < 64; i++) setBoth(map, model, `m${i}`, i);
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
    // Packing renumbered the entries: every key is still found, with its value.
    for (let i = 1; i < 16; i += 2) assert.equal(map.get(`k${i}`), i);
    assert.equal(map.get('x'), 0);
    assert.equal(map.get('k0'), undefined);
    // A walk of the values left early holds the packing back no longer than the walk.
    for (const v of map.values()) if (v === 3) break;
    for (let i = 1; i < 16; i += 2) map.delete(`k${i}`);
    // 9 entries, 1 live: the 8th new key finds the lists full and half holes, and packs them.
    for (let i = 0; i < 8; i++) map.set(`y${i}`, i);
    assert.equal((map as unknown as { hashList: Int32Array }).hashList.length, 16);
    assert.deepEqual([...map.values()], [0, 0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
