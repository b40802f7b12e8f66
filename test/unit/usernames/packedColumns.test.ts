import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NOT_PACKED, PACKED_BITS, packColumns, specColumnOf, valueEndOf, valueStartOf } from '../../../src/usernames/packedColumns';

describe('packedColumns: three columns of a value in one small integer', () => {
  it('gives back every triple that fits, and refuses every one that does not (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 600 }),
        fc.integer({ min: -5, max: 40 }),
        fc.integer({ min: -5, max: 1100 }),
        (spec, gap, length) => {
          const p = packColumns(spec, spec + gap, spec + gap + length);
          const fits = spec >= 0 && spec <= 511 && gap >= 0 && gap <= 31 && length >= 0 && length <= 1023;
          if (!fits) return assert.equal(p, NOT_PACKED);
          assert.ok(p >= 0 && p < 2 ** PACKED_BITS);
          // Bits a caller puts above PACKED_BITS (a record's line) do not change what is read.
          for (const q of [p, p | (63 << PACKED_BITS)])
            assert.deepEqual([specColumnOf(q), valueStartOf(q), valueEndOf(q)], [spec, spec + gap, spec + gap + length]);
        }
      )
    );
  });

  it('packs the commonest value, `uid: name`', () => {
    const p = packColumns(3, 5, 9);
    assert.deepEqual([specColumnOf(p), valueStartOf(p), valueEndOf(p)], [3, 5, 9]);
  });
});
