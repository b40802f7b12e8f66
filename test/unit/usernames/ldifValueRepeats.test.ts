// Which of an entry's username values are repeats (one "repeats the uid value" finding each) and which are
// further values (one "Entry has N uid values" each): the byte scan offers a content record's values as it
// reads them and keeps aside only what the duplicate index cannot tell it, so each kind of value is checked
// against the text scan and the editor model.
import assert from 'node:assert/strict';
import type { ScanResult } from '../../../src/usernames/types';
import { onEveryPathAndModel } from './ldifEveryPath.helpers';

type Seen = [string, number, string];
const show = (r: ScanResult): Seen[] => r.findings.map((f) => [f.code, f.range.startLine, f.message]);

function findingsOf(text: string): Seen[] {
  return onEveryPathAndModel(text, show, [Infinity, 5]);
}

const further = (line: number, n: number): Seen => [
  'username-multiple-values',
  line,
  `Entry has ${n} uid values; PingOne's username holds one, so the sync may pick either.`,
];
const repeats = (line: number): Seen => [
  'username-multiple-values',
  line,
  'Entry repeats the uid value; Ping tools reject duplicate attribute values.',
];

describe('LDIF: repeats among an entry username values', () => {
  it('values loaded from URLs are never repeats of one another (they are not read)', () => {
    const found = findingsOf('dn: uid=a,dc=x\nuid: a\nuid:< file:///x\nuid:< file:///x\n');
    assert.deepEqual(
      found.filter((f) => f[0] === 'username-multiple-values'),
      [further(2, 2), further(3, 3)]
    );
  });

  it('an empty value twice: the second repeats the first', () => {
    const found = findingsOf('dn: uid=a,dc=x\nuid: a\nuid:\nuid:\n');
    assert.deepEqual(
      found.filter((f) => f[0] === 'username-multiple-values'),
      [further(2, 2), repeats(3)]
    );
  });

  it('another entry username in another spelling, twice: the second repeats the first, and only the first is a case duplicate', () => {
    const found = findingsOf('dn: uid=a,dc=x\nuid: x\n\ndn: uid=b,dc=x\nuid: y\nuid: X\nuid: X\n');
    assert.deepEqual(
      found.map((f) => f.slice(0, 2)),
      [
        ['username-duplicate-case', 5],
        ['username-multiple-values', 5],
        ['username-multiple-values', 6],
      ]
    );
    assert.deepEqual(found[2], repeats(6));
  });

  it('a spelling a third entry already took, twice: the second repeats the first (the index holds that spelling for the entry that took it)', () => {
    const found = findingsOf('dn: uid=a,dc=x\nuid: x\n\ndn: uid=b,dc=x\nuid: X\n\ndn: uid=c,dc=x\nuid: y\nuid: X\nuid: X\n');
    assert.deepEqual(
      found.map((f) => f.slice(0, 2)),
      [
        ['username-duplicate-case', 4],
        ['username-duplicate', 8],
        ['username-multiple-values', 8],
        ['username-multiple-values', 9],
      ]
    );
    assert.deepEqual(found[3], repeats(9));
  });

  it('another entry username in the same spelling, twice: the second repeats the first', () => {
    const found = findingsOf('dn: uid=a,dc=x\nuid: x\n\ndn: uid=b,dc=x\nuid: y\nuid: x\nuid: x\n');
    assert.deepEqual(found, [
      ['username-duplicate', 5, 'Username "x" is used by another entry too; PingOne usernames are unique per environment.'],
      further(5, 2),
      repeats(6),
    ]);
  });
});
