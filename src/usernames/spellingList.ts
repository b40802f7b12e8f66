/**
 * The other spellings of usernames that `DuplicateTracker` remembers (a key's values besides its
 * group's first, such as `Alice` after `alice`), each with where it was first offered.
 *
 * A file can spell one username a new way in every entry (an export that mixes capitals per row):
 * kept as an object and a range each, those spellings were most of what the garbage collector copied
 * and promoted, a third of such a scan's time. Here a spelling is its string and six numbers in a
 * column, and an object is made only when a finding needs one.
 */
import type { Range } from './types';

/** Where a spelling was first offered: its range, its record and the owner (DN hash) of that record. */
export interface Seen {
  range: Range;
  record: number;
  owner: number;
}

// The numbers per spelling, in one Float64Array: records, lines and columns can pass int32, an owner is a float hash.
const RECORD = 0,
  START_LINE = 1,
  START_COL = 2,
  END_LINE = 3,
  END_COL = 4,
  OWNER = 5,
  STRIDE = 6;

export class SpellingList {
  private readonly values: string[] = [];
  private nums = new Float64Array(STRIDE * 64);

  /** Adds `value` first offered by `record` (owned by `owner`) at `range`; returns its index. */
  add(value: string, range: Range, record: number, owner: number): number {
    const i = this.values.length;
    let nums = this.nums;
    if (STRIDE * (i + 1) > nums.length) {
      nums = new Float64Array(nums.length * 2);
      nums.set(this.nums);
      this.nums = nums;
    }
    this.values.push(value);
    const o = STRIDE * i;
    nums[o + RECORD] = record;
    nums[o + START_LINE] = range.startLine;
    nums[o + START_COL] = range.startColumn;
    nums[o + END_LINE] = range.endLine;
    nums[o + END_COL] = range.endColumn;
    nums[o + OWNER] = owner;
    return i;
  }

  value(i: number): string {
    return this.values[i];
  }

  /** Spelling `i` as an object (made afresh). */
  seen(i: number): Seen {
    const n = this.nums,
      o = STRIDE * i;
    return {
      range: { startLine: n[o + START_LINE], startColumn: n[o + START_COL], endLine: n[o + END_LINE], endColumn: n[o + END_COL] },
      record: n[o + RECORD],
      owner: n[o + OWNER],
    };
  }
}
