import assert from 'node:assert/strict';
import { HeldValues } from '../../../src/usernames/heldValues';
import { MAX_PROBE } from '../../../src/usernames/keyMap';
import { NOT_PACKED, packColumns, specColumnOf, valueEndOf, valueStartOf } from '../../../src/usernames/packedColumns';

/** The columns read back from a packed value, or NOT_PACKED. */
function roundTrip(specCol: number, sc: number, ec: number): number[] | number {
  const p = packColumns(specCol, sc, ec);
  return p === NOT_PACKED ? p : [specColumnOf(p), valueStartOf(p), valueEndOf(p)];
}

describe('packedColumns at each limit (9 bits of column, 5 of gap, 10 of length)', () => {
  it('packs each field at 0 and at its largest value', () => {
    assert.deepEqual(roundTrip(0, 0, 0), [0, 0, 0]);
    assert.deepEqual(roundTrip(511, 511, 511), [511, 511, 511]);
    assert.deepEqual(roundTrip(0, 31, 31), [0, 31, 31]);
    assert.deepEqual(roundTrip(0, 0, 1023), [0, 0, 1023]);
    assert.deepEqual(roundTrip(511, 542, 1565), [511, 542, 1565]);
  });

  it('refuses each field one past its largest value, and below 0', () => {
    assert.equal(packColumns(512, 512, 512), NOT_PACKED);
    assert.equal(packColumns(0, 32, 32), NOT_PACKED);
    assert.equal(packColumns(0, 0, 1024), NOT_PACKED);
    assert.equal(packColumns(-1, 0, 0), NOT_PACKED);
    assert.equal(packColumns(5, 4, 4), NOT_PACKED);
    assert.equal(packColumns(0, 5, 4), NOT_PACKED);
  });
});

/** Another hash whose first slot in a table of 16 is `h`'s (Fibonacci hashing, see heldValues.ts). */
function sameSlotAs(h: number): number {
  const slot = (x: number): number => Math.imul(x, 0x9e3779b1 | 0) >>> 28;
  for (let x = h + 1; ; x++) if (slot(x) === slot(h)) return x;
}

describe('HeldValues: growth, clear and probing', () => {
  /** A table holding `n` values `v.0` … of hash `hash(i)`, and their list. */
  function filled(n: number, hash: (i: number) => number = (i) => i): { held: HeldValues; list: string[] } {
    const held = new HeldValues();
    const list: string[] = [];
    for (let i = 0; i < n; i++) {
      list.push(`v.${i}`);
      held.add(hash(i), list.length - 1, (p) => list[p]);
    }
    return { held, list };
  }

  it('doubles its 16 slots when a 9th value would fill more than half of them', () => {
    assert.equal(filled(0).held.slots, 16);
    assert.equal(filled(8).held.slots, 16);
    assert.equal(filled(9).held.slots, 32);
    assert.equal(filled(16).held.slots, 32);
    assert.equal(filled(17).held.slots, 64);
  });

  it('keeps a table of 4096 slots on clear, and drops a larger one for 16 slots', () => {
    const kept = filled(2048).held;
    assert.equal(kept.slots, 4096);
    kept.clear();
    assert.deepEqual([kept.slots, kept.size], [4096, 0]);
    const dropped = filled(2049).held;
    assert.equal(dropped.slots, 8192);
    dropped.clear();
    assert.deepEqual([dropped.slots, dropped.size], [16, 0]);
  });

  it('holds nothing after clear, even when the caller still reads the old values at the old positions', () => {
    const { held, list } = filled(5);
    held.clear();
    const valueAt = (p: number): string => list[p];
    for (let i = 0; i < 5; i++) assert.equal(held.has(i, `v.${i}`, valueAt), false, `v.${i}`);
    // Three records of 8 values each in 16 slots: each record starts from an empty table.
    for (let record = 0; record < 3; record++) {
      held.clear();
      const values: string[] = [];
      for (let i = 0; i < 8; i++) {
        const v = `r${record}.${i}`;
        assert.equal(
          held.has(100 * record + i, v, (p) => values[p]),
          false,
          v
        );
        values.push(v);
        held.add(100 * record + i, values.length - 1, (p) => values[p]);
      }
    }
  });

  it('answers no for a value whose slot, or whose hash, is another value’s', () => {
    const held = new HeldValues();
    const list = ['a'];
    const valueAt = (p: number): string => list[p];
    held.add(7, 0, valueAt);
    assert.equal(held.has(7, 'a', valueAt), true);
    assert.equal(held.has(7, 'b', valueAt), false, 'same hash, another value');
    // A hash that differs from 7 but has its first slot.
    const sameSlot = sameSlotAs(7);
    assert.notEqual(sameSlot, 7);
    assert.equal(held.has(sameSlot, 'c', valueAt), false, 'same slot, another hash');
    // The value sits at its first slot (the top 4 bits of 7 × 2^32/φ), and a lookup of another value there is no attack.
    const at = (held as unknown as { at: Int32Array }).at;
    assert.equal(at[Math.imul(7, 0x9e3779b1 | 0) >>> 28], 1);
    assert.equal(held.degraded, false);
    // The same in a table dropped by clear (it was past KEEP) and made again.
    const big = filled(5000).held;
    big.clear();
    big.add(7, 0, valueAt);
    assert.equal((big as unknown as { at: Int32Array }).at[Math.imul(7, 0x9e3779b1 | 0) >>> 28], 1);
  });

  it('moves a record of values sharing one hash to a Map, still answering exactly, until clear', () => {
    // MAX_PROBE + 1 values in one run: the last was placed past MAX_PROBE taken slots, so no search has been that long yet.
    const { held, list } = filled(MAX_PROBE + 1, () => 7);
    const valueAt = (p: number): string => list[p];
    assert.equal(held.degraded, false);
    assert.equal(held.has(7, 'absent', valueAt), false);
    assert.equal(held.degraded, true, 'a search through MAX_PROBE taken slots');
    assert.equal(held.has(7, `v.${MAX_PROBE}`, valueAt), true);
    list.push('late');
    held.add(7, list.length - 1, valueAt);
    assert.equal(held.has(7, 'late', valueAt), true);
    assert.equal(held.size, MAX_PROBE + 2);
    held.clear();
    assert.deepEqual([held.degraded, held.size, held.slots], [false, 0, 16]);
    assert.equal(held.has(7, 'v.0', valueAt), false);
  });

  it('a growth that finds a run too long, or a placement that does, keeps every value', () => {
    // All values under one hash: the table doubles at 9, 17, 33, … values; one of those growths or placements degrades it.
    const { held, list } = filled(3 * MAX_PROBE, () => 7);
    const valueAt = (p: number): string => list[p];
    assert.equal(held.degraded, true);
    for (let i = 0; i < 3 * MAX_PROBE; i++) assert.equal(held.has(7, `v.${i}`, valueAt), true, `v.${i}`);
    assert.equal(held.has(7, 'v.x', valueAt), false);
    // Two hashes, one run each side by side: placements alone pass MAX_PROBE before any growth does.
    const two = filled(MAX_PROBE + 8, (i) => (i % 2 === 0 ? 7 : sameSlotAs(7)));
    assert.equal(two.held.size, MAX_PROBE + 8);
    for (let i = 0; i < MAX_PROBE + 8; i++)
      assert.equal(
        two.held.has(i % 2 === 0 ? 7 : sameSlotAs(7), `v.${i}`, (p) => two.list[p]),
        true
      );
  });
});
