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
];
