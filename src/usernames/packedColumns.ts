/**
 * The three columns of a username value on one line (where its value-spec starts, where the value
 * starts and where it ends) in one small integer: the spec's column (9 bits), the gap from there to
 * the value (5) and the value's length (10). A document may have a value per line, and three number
 * fields are 24 bytes of every one of them (8 with pointer compression); the commonest value
 * (`uid: name`, a CSV field) fits. A caller keeps what does not fit another way (`packColumns`
 * returns NOT_PACKED). 24 bits leave 6 for the caller below the 30 a small integer always holds.
 */
export const NOT_PACKED = -1;
const SPEC = 511,
  GAP_SHIFT = 9,
  GAP = 31,
  LENGTH_SHIFT = 14,
  LENGTH = 1023;
export const PACKED_BITS = 24;

/** The columns as one integer of PACKED_BITS bits, or NOT_PACKED when one is negative or too large. */
export function packColumns(specCol: number, sc: number, ec: number): number {
  const gap = sc - specCol,
    length = ec - sc;
  if (specCol < 0 || specCol > SPEC || gap < 0 || gap > GAP || length < 0 || length > LENGTH) return NOT_PACKED;
  return specCol | (gap << GAP_SHIFT) | (length << LENGTH_SHIFT);
}

export function specColumnOf(packed: number): number {
  return packed & SPEC;
}

export function valueStartOf(packed: number): number {
  return (packed & SPEC) + ((packed >>> GAP_SHIFT) & GAP);
}

export function valueEndOf(packed: number): number {
  return valueStartOf(packed) + ((packed >>> LENGTH_SHIFT) & LENGTH);
}
