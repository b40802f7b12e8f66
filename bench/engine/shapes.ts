/**
 * Adversarial inputs that once made a path of the engine super-linear. The
 * unit tests (test/unit/usernames/linearTime.test.ts) and `npm run bench`
 * (bench/engine/adversarial.ts) both run this one list, so a regression
 * shows in both. Each `make(bytes)` returns a text of about that many bytes
 * (UTF-8) whose shape stays the same as it grows.
 */
import type { FileFormat } from '../../src/usernames/types';

export interface AdversarialShape {
  name: string;
  format: FileFormat;
  make(bytes: number): string;
  /** Bytes below which a quadratic path of this shape still looks linear (the linear-time tests start there). */
  minBytes?: number;
}

/** Repeats `unit(i)` until the text reaches `bytes` (all units here are ASCII). */
function repeatUnits(head: string, bytes: number, unit: (i: number) => string): string {
  const parts = [head];
  let n = head.length;
  for (let i = 0; n < bytes; i++) {
    const u = unit(i);
    parts.push(u);
    n += u.length;
  }
  return parts.join('');
}

const RUN = ' '.repeat(3000);

/** Spelling `i` of a 20-letter word: bit k of `i` puts letter k in capitals (2^20 spellings, one fold key). */
function spelling(i: number): string {
  let out = '';
  for (let k = 0; k < 20; k++) out += String.fromCharCode((((i >> k) & 1) === 1 ? 65 : 97) + k);
  return out;
}

/** Two entries, each with half of the bytes in `uid` values: the first entry's, then `second` of them. */
function twoEntries(bytes: number, second: (values: string) => string): string {
  const half = repeatUnits('', bytes / 2, (i) => `uid: v.${i}\n`);
  return `dn: uid=a,dc=x\n${half}\ndn: uid=b,dc=x\n${second(half)}`;
}

/** Letters of the colliding blocks below: lower case, so each value is its own fold key. */
const BLOCK_LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Stages of FNV_COLLIDING: 2^20 values at most, each 80 letters. */
const FNV_STAGES = 20;
let fnvPairs: Array<[string, string]> | undefined;

/**
 * Pairs of 4-letter blocks, stage by stage, where both blocks of a stage take FNV-1a's state (the
 * engine's hash, src/usernames/fnv.ts) from the previous stage's end to the same next state: any
 * choice of one block per stage gives the same hash (a multicollision, Joux, CRYPTO 2004). Each
 * stage is a birthday search over block hashes, ~80,000 blocks.
 */
function fnvCollidingPairs(): Array<[string, string]> {
  if (fnvPairs) return fnvPairs;
  const step = (h: number, code: number): number => Math.imul(h ^ code, 0x01000193);
  const pairs: Array<[string, string]> = [];
  const n = BLOCK_LETTERS.length;
  // Block b (0 ≤ b < n^4) is letters b % n, b / n % n, …; a table of 2^20 slots holds 1 + b by the block's hash.
  const slots = new Int32Array(1 << 20);
  const hashes = new Int32Array(1 << 20);
  const block = (b: number): string => [0, 1, 2, 3].map((k) => BLOCK_LETTERS[Math.floor(b / n ** k) % n]).join('');
  let h = 0x811c9dc5 | 0;
  for (let stage = 0; stage < FNV_STAGES; stage++) {
    slots.fill(0);
    for (let b = 0; ; b++) {
      let g = h;
      for (let k = 0, x = b; k < 4; k++, x = Math.floor(x / n)) g = step(g, BLOCK_LETTERS.charCodeAt(x % n));
      let i = g >>> 12;
      while (slots[i] !== 0 && hashes[i] !== g) i = (i + 1) & ((1 << 20) - 1);
      if (slots[i] !== 0) {
        pairs.push([block(slots[i] - 1), block(b)]);
        h = g;
        break;
      }
      slots[i] = b + 1;
      hashes[i] = g;
    }
  }
  return (fnvPairs = pairs);
}

/** Value `i` of the multicollision: bit k of `i` picks stage k's block (2^20 values, one FNV-1a hash). */
export function fnvColliding(i: number): string {
  const pairs = fnvCollidingPairs();
  let out = '';
  for (let k = 0; k < FNV_STAGES; k++) out += pairs[k][(i >> k) & 1];
  return out;
}

export const ADVERSARIAL_SHAPES: readonly AdversarialShape[] = [
  {
    // A run of white space that does not reach the end: an unanchored `\s+$` retries from every space.
    name: 'usernames with a white-space run inside (LDIF)',
    format: 'ldif',
    make: (bytes) => repeatUnits('', bytes, (i) => `dn: uid=u${i},dc=x\nuid: a${RUN}b\n\n`),
  },
  {
    name: 'usernames with a white-space run inside (CSV)',
    format: 'csv',
    make: (bytes) => repeatUnits('username\n', bytes, () => `a${RUN}b\n`),
  },
  {
    // Each value was compared with every earlier value of the entry.
    name: 'one entry with many distinct uid values',
    format: 'ldif',
    make: (bytes) => repeatUnits('dn: uid=a,dc=x\nobjectClass: person\n', bytes, (i) => `uid: v.${i}\n`),
  },
  {
    // Two entries with the same many values: the second gets one duplicate finding per value.
    name: 'two entries sharing many uid values',
    format: 'ldif',
    make: (bytes) => twoEntries(bytes, (half) => half),
  },
  {
    // Every entry has the same username: one duplicate group as large as the file.
    name: 'one username in every entry',
    format: 'ldif',
    make: (bytes) => repeatUnits('', bytes, (i) => `dn: uid=u${i},dc=x\nuid: same\n\n`),
  },
  {
    name: 'one username in every row (CSV)',
    format: 'csv',
    make: (bytes) => repeatUnits('username\n', bytes, () => 'same\n'),
  },
  {
    // Lines without a colon in a modify record, ending in spaces then a letter (`/ +$/` was quadratic).
    name: 'modify lines with a space run and no colon',
    format: 'ldif',
    make: (bytes) => repeatUnits('dn: uid=a,dc=x\nchangetype: modify\n', bytes, () => `-${RUN}x\n`),
  },
  {
    // Two entries sharing many values, the second's in capitals: every value a case-only duplicate (another spelling of a known key).
    name: 'two entries sharing many uid values in another case',
    format: 'ldif',
    make: (bytes) => twoEntries(bytes, (half) => half.replace(/v\./g, 'V.')),
  },
  {
    // Every entry spells one username in its own mix of capitals: one fold key whose group holds as many
    // spellings as entries, each a case-only duplicate of the first (looking back over the group for each spelling would be quadratic).
    name: 'one username in a different spelling in every entry',
    format: 'ldif',
    make: (bytes) => repeatUnits('', bytes, (i) => `dn: uid=u${i},dc=x\nuid: ${spelling(i)}\n\n`),
  },
  {
    // One entry whose values all share one FNV-1a hash (the engine's hash tables are not keyed): a table
    // that probes through every colliding value is quadratic; a long probe run must leave it for a Map.
    name: 'one entry with many uid values sharing one hash',
    format: 'ldif',
    // Its values are long (80 letters): at 256 KB a table probing through them all took 0.13 s, at 1 MB 0.9 s, at 4 MB 19 s.
    minBytes: 1 << 20,
    make: (bytes) => repeatUnits('dn: uid=a,dc=x\nobjectClass: person\n', bytes, (i) => `uid: ${fnvColliding(i)}\n`),
  },
  {
    // The spellings shape in CSV: every row a case-only duplicate of the first in a spelling of its own.
    name: 'one username in a different spelling in every row (CSV)',
    format: 'csv',
    make: (bytes) => repeatUnits('username\n', bytes, (i) => `${spelling(i)}\n`),
  },
];
