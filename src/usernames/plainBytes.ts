/**
 * The common valid username read from bytes: what `isPlainUsername` accepts
 * (1 to 128 of `[A-Za-z0-9._-]`, no digits in the strict profile), checked
 * with a byte table, and hashed as the duplicate index hashes its fold key
 * (lower case) in the same pass. The fast paths of byte scans use it so that
 * such a username costs no string (see `DuplicateTracker.offerBytes`).
 */
import { FNV_PRIME, FNV_SEED } from './aggregate';

/** 1 letter, 2 digit, 3 `.` `_` `-`, 0 any other byte. */
const PLAIN = new Uint8Array(256);
for (let c = 65; c <= 90; c++) PLAIN[c] = PLAIN[c + 32] = 1;
for (let c = 48; c <= 57; c++) PLAIN[c] = 2;
PLAIN[46] = PLAIN[95] = PLAIN[45] = 3;
// Module locals: imported bindings can compile to getters, and these are read per byte.
const SEED = FNV_SEED,
  PRIME = FNV_PRIME;

/** What `readPlain` found: the fold key's hash and whether the value has capitals. */
export const lastPlain = { hash: 0, cased: false };

/** True when `buf[s, e)` is a plain username (then `lastPlain` holds its hash and case). */
export function readPlain(buf: Buffer, s: number, e: number, strict: boolean): boolean {
  if (e - s < 1 || e - s > 128) return false;
  let h = SEED,
    cased = false;
  for (let q = s; q < e; q++) {
    const b = buf[q],
      x = PLAIN[b];
    if (x === 0 || (x === 2 && strict)) return false;
    if (x === 1 && b < 97) {
      cased = true;
      h = Math.imul(h ^ (b + 32), PRIME);
    } else h = Math.imul(h ^ b, PRIME);
  }
  lastPlain.hash = h;
  lastPlain.cased = cased;
  return true;
}
