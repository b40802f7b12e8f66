import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lastPlain, readPlain } from '../../../src/usernames/plainBytes';
import { RecentStrings } from '../../../src/usernames/recentStrings';

/** Reads `value` through the cache as the CSV scanner hands a plain username over (its hash and case from `readPlain`). */
function read(cache: RecentStrings, value: string, hash?: number): { value: string; key: string } {
  const buf = Buffer.from(`,${value},`, 'latin1');
  assert.ok(readPlain(buf, 1, buf.length - 1, false), `${value} is a plain username`);
  const v = cache.latin1(buf, 1, buf.length - 1, hash ?? lastPlain.hash, lastPlain.cased);
  return { value: v, key: cache.key };
}

describe('RecentStrings: plain usernames read again handed out as the same string', () => {
  it('gives every value and its fold key as a fresh read would (property, few values so most reads hit)', () => {
    const names = fc.constantFrom('alice', 'Alice', 'ALICE', 'bob', 'b.o-b_1', 'x');
    fc.assert(
      fc.property(fc.array(names, { maxLength: 60 }), (list) => {
        const cache = new RecentStrings();
        for (const name of list) assert.deepEqual(read(cache, name), { value: name, key: name.toLowerCase() });
      })
    );
  });

  it('hands a value read again out as the first string, and its fold key too', () => {
    const cache = new RecentStrings();
    const first = read(cache, 'Same');
    read(cache, 'other');
    const again = read(cache, 'Same');
    assert.ok(Object.is(again.value, first.value) && again.value === 'Same');
    assert.equal(again.key, 'same');
  });

  it('never mixes up two values in one slot: same hash, other bytes (same fold key, other case, or other length)', () => {
    const cache = new RecentStrings();
    // One hash for all: every read lands in the same slot, so only the bytes tell them apart.
    for (const name of ['abc', 'ABC', 'abcd', 'abd', 'abc'])
      assert.deepEqual(read(cache, name, 7), { value: name, key: name.toLowerCase() });
  });
});
