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

/** FNV-1a over UTF-16 units; collisions are only slow, never wrong (keys are compared). */
export function hashOf(s: string): number {
  let h = FNV_SEED;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}
