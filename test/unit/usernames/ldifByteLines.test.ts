/**
 * Lines `LdifScanner.lineBytes` reads from the bytes without decoding them (RFC 2849): folds of
 * comments and of attributes that cannot matter, skipped attributes, and a record's further plain
 * username values. Each text goes through the text scanner and both byte scanners (with the fast
 * paths and the reference pipeline, whole and byte by byte): the findings must be the same.
 */
import assert from 'node:assert/strict';
import type { ScanResult } from '../../../src/usernames/types';
import { onEveryPath } from './ldifEveryPath.helpers';

type Seen = [code: string, message: string, line: number, col: number, endLine: number, endCol: number];

function seenOf(r: ScanResult): Seen[] {
  return r.findings.map((f) => [f.code, f.message, f.range.startLine, f.range.startColumn, f.range.endLine, f.range.endColumn]);
}

function seen(text: string): Seen[] {
  return onEveryPath(text, seenOf, [Infinity, 1]);
}

const TAB = 'TAB continuation is OpenLDAP-only; RFC 2849 and Ping tools fold with one space only.';
const NO_COLON = 'Line has no colon; expected "attribute: value".';
const SPACE_FORMAT = 'Username is not an email address and has U+0020 SPACE, which is not one of letters, marks, digits, ".", "_" and "-".';

describe('LDIF lines read from the bytes', () => {
  it('a fold of a skipped attribute or a comment continues it; a TAB fold is warned about once', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\ncn: b\n c\n'), []);
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\ncn: b\n\tc\n'), [['ldif-syntax', TAB, 3, 0, 3, 1]]);
    assert.deepEqual(seen('# note\n\tmore\ndn: uid=a,dc=x\nuid: a\n'), [['ldif-syntax', TAB, 1, 0, 1, 1]]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\n# note\n more\ncn: b\n c\n\tc\n\td\n'), [['ldif-syntax', TAB, 6, 0, 6, 1]]);
  });

  it('a last line without a colon and without a line break is read and reported', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\ncn: b\nbad'), [['ldif-syntax', NO_COLON, 3, 0, 3, 3]]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\ncn: b\n# note\nbad'), [['ldif-syntax', NO_COLON, 4, 0, 4, 3]]);
  });

  it('a file of comments alone has no record: "version:" may still come first after them', () => {
    assert.deepEqual(seen('# a\n# b\n\nversion: 1\ndn: uid=a,dc=x\nuid: a\n'), []);
    assert.deepEqual(seen('# a\n\tb\n'), [['ldif-syntax', TAB, 1, 0, 1, 1]]);
  });

  it('skipped attribute lines count as read lines: a later line without a colon does not stop the record', () => {
    for (const skipped of [1, 2, 3, 5]) {
      const text = 'dn: cn=z,dc=y\ncn: z\n' + 'sn: s\n'.repeat(skipped) + 'bad line\nuid: a b\n';
      const at = 2 + skipped;
      assert.deepEqual(seen(text), [
        ['ldif-syntax', NO_COLON, at, 0, at, 8],
        ['username-format', SPACE_FORMAT, at + 1, 6, at + 1, 7],
      ]);
    }
  });
});
