/**
 * The hash of the duplicate indexes (aggregate.ts, csvDuplicates.ts) and of the byte fast paths
 * (plainBytes.ts): FNV-1a (Fowler–Noll–Vo, 32 bits) over UTF-16 units, or over the bytes of an
 * ASCII key, which gives the same number.
 */

/**
 * The seed of `hashOf` (`| 0`: the offset basis is above 2^31, and the empty key must hash to what
 * Int32Array stores), and its step: `h = Math.imul(h ^ unit, FNV_PRIME)` per UTF-16 unit (or ASCII byte). */
export const FNV_SEED = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/**
 * 2^32 / φ: a key's first slot in an open-addressing table is the top bits of its hash times this
 * (Fibonacci hashing, Knuth, TAOCP vol. 3, 6.4). FNV-1a's low k bits depend only on the low k bits of
 * each unit, so keys that differ only in a few digits would cluster on the low bits alone.
 */
export const GOLDEN = 0x9e3779b1 | 0;

/** The first slot of hash `h` in a table of `size` slots, a power of two (see GOLDEN). */
export function fibonacciSlot(h: number, size: number): number {
  return Math.imul(h, GOLDEN) >>> (Math.clz32(size) + 1);
}

/** FNV-1a over UTF-16 units; collisions are only slow, never wrong (keys are compared). */
export function hashOf(s: string): number {
  let h = FNV_SEED;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
