/**
 * An entry with several username values, as the LDIF scanner reports it on every path: the text
 * scanner, the byte pipeline that keeps records, and the whole-file byte scan that offers each value
 * to the duplicate index as it is read (whole, byte by byte, in 7-byte chunks). The count in the
 * message, a repeat named as a repeat (by exact value, also across encodings and folds), and another
 * entry's username inside an entry.
 */
import assert from 'node:assert/strict';
import type { ScanResult } from '../../../src/usernames/types';
import { onEveryPath } from './ldifEveryPath.helpers';

type Seen = [code: string, message: string, line: number, col: number, relatedLine?: number];

function seenOf(r: ScanResult): Seen[] {
  return r.findings.map((f) => {
    const s: Seen = [f.code, f.message, f.range.startLine, f.range.startColumn];
    if (f.related) s.push(f.related[0].range.startLine);
    return s;
  });
}

function seen(text: string): Seen[] {
  return onEveryPath(text, seenOf, [Infinity, 1, 7]);
}

const has = (n: number): string => `Entry has ${n} uid values; PingOne's username holds one, so the sync may pick either.`;
const REPEATS = 'Entry repeats the uid value; Ping tools reject duplicate attribute values.';
const dup = (v: string): string => `Username "${v}" is used by another entry too; PingOne usernames are unique per environment.`;
const dupCase = (v: string): string =>
  `Username "${v}" differs from another entry's username only in case or Unicode normalization; PingOne may treat them as the same user.`;

describe('LDIF entries with several username values', () => {
  it('counts values and names repeats of the exact value (case makes another value)', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: x\nuid: y\nuid: x\nuid: X\nuid: y\n'), [
      ['username-multiple-values', has(2), 2, 5, 1],
      ['username-multiple-values', REPEATS, 3, 5, 1],
      ['username-multiple-values', has(4), 4, 5, 1],
      ['username-multiple-values', REPEATS, 5, 5, 1],
    ]);
  });

  it('another entry’s username inside an entry: a duplicate, then a repeat within the entry', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: alice\n\ndn: uid=b,dc=x\nuid: bob\nuid: alice\nuid: alice\nuid: Alice\n'), [
      ['username-duplicate', dup('alice'), 5, 5, 1],
      ['username-multiple-values', has(2), 5, 5, 4],
      ['username-multiple-values', REPEATS, 6, 5, 4],
      ['username-duplicate-case', dupCase('Alice'), 7, 5, 1],
      ['username-multiple-values', has(4), 7, 5, 4],
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: alice\n\ndn: uid=b,dc=x\nuid: alice\nuid: alice\nuid: bob\n'), [
      ['username-duplicate', dup('alice'), 4, 5, 1],
      ['username-multiple-values', REPEATS, 5, 5, 4],
      ['username-multiple-values', has(3), 6, 5, 4],
    ]);
  });

  it('empty values repeat too', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid:\nuid:\nuid: z\n'), [
      ['username-missing', 'Username is empty; PingOne requires one.', 1, 4],
      ['username-missing', 'Username is empty; PingOne requires one.', 2, 4],
      ['username-multiple-values', REPEATS, 2, 4, 1],
      ['username-multiple-values', has(3), 3, 5, 1],
    ]);
  });

  it('a repeat is the same value whatever its encoding or folding', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid:: YQ==\nuid: a\nuid:: YQ==\n'), [
      ['username-multiple-values', REPEATS, 2, 5, 1],
      ['username-multiple-values', REPEATS, 3, 6, 1],
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\nuid: b\n c\nuid: bc\n'), [
      ['username-multiple-values', has(2), 2, 5, 1],
      ['username-multiple-values', REPEATS, 4, 5, 1],
    ]);
  });
});
