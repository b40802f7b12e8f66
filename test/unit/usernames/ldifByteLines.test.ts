/**
 * Lines `LdifScanner.lineBytes` reads from the bytes without decoding them (RFC 2849): folds of
 * comments and of attributes that cannot matter, skipped attributes, and a record's further plain
 * username values. Each text goes through the text scanner and both byte scanners (with the fast
 * paths and the reference pipeline, whole and byte by byte): the findings must be the same.
 */
import assert from 'node:assert/strict';
import { createReferenceScanner, createScanner, scanText } from '../../../src/usernames/scan';
import type { ScanResult } from '../../../src/usernames/types';
import {
  NO_COLON,
  SPACE_FORMAT,
  onEveryPath,
  seenFindingsOf as seenOf,
  seenOnEveryPath as seen,
  type SeenFinding as Seen,
} from './ldifEveryPath.helpers';

const TAB = 'TAB continuation is OpenLDAP-only; RFC 2849 and Ping tools fold with one space only.';

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

  describe("a content record's further username values (read from the bytes when plain and not folded)", () => {
    const MULTIPLE = "Entry has 2 uid values; PingOne's username holds one, so the sync may pick either.";
    const DUPLICATE = 'Username "bc" is used by another entry too; PingOne usernames are unique per environment.';

    it('a folded value is read whole, with LF or CRLF line breaks', () => {
      for (const nl of ['\n', '\r\n']) {
        const text = ['dn: uid=a,dc=x', 'uid: a', 'uid: b', ' c', '', 'dn: uid=d,dc=x', 'uid: bc', ''].join(nl);
        assert.deepEqual(seen(text), [
          ['username-multiple-values', MULTIPLE, 2, 5, 3, 2],
          ['username-duplicate', DUPLICATE, 6, 5, 6, 7],
        ]);
      }
    });

    it('a folded value is read whole when its fold comes in the next chunk', () => {
      const text = 'dn: uid=a,dc=x\nuid: a\nuid: b\n c\n\ndn: uid=d,dc=x\nuid: bc\n';
      const show = (r: ScanResult): Seen[] => seenOf(r);
      // Chunks that end right after "uid: b\n" (and other places).
      const cut = text.indexOf(' c');
      assert.deepEqual(onEveryPath(text, show, [cut, cut - 1, cut + 1, 7]), [
        ['username-multiple-values', MULTIPLE, 2, 5, 3, 2],
        ['username-duplicate', DUPLICATE, 6, 5, 6, 7],
      ]);
    });

    it('a folded value is read whole when the fold repair holds its fold back (the line break ends a buffer)', () => {
      // Fold repair (RFC 2849 note 2) keeps a buffer's last bytes until it sees what follows; some length of the
      // continuation puts the line break of "uid: b" at the end of the bytes handed on.
      for (let n = 1; n <= 24; n++) {
        const x = 'c'.repeat(n);
        const text = `dn: uid=a,dc=x\nuid: a\nuid: b\n ${x}\n\ndn: uid=d,dc=x\nuid: b${x}\n`;
        assert.deepEqual(
          onEveryPath(text, (r) =>
            r.findings.map((f) => [f.code, f.range.startLine, f.range.startColumn, f.range.endLine, f.range.endColumn])
          ),
          [
            ['username-multiple-values', 2, 5, 3, n + 1],
            ['username-duplicate', 6, 5, 6, 6 + n],
          ],
          `continuation of ${n}`
        );
      }
    });

    // The bytes path reads a further value only in a record handed on whole (not the file's first, which goes
    // through the fold repair, and followed by a blank line), on a line whose next line is in the same buffer.
    const BEFORE = 'dn: uid=p,dc=x\nuid: p\n\n';
    const AFTER = '\ndn: uid=q,dc=x\nuid: q\n';
    /** The findings of `record` (its line 0 at line 3) between two plain entries, with its own line numbers. */
    function inMiddle(record: string, profile?: 'strict'): Seen[] {
      const text = BEFORE + record + AFTER;
      const shift = (r: ScanResult): Seen[] => seenOf(r).map(([c, m, l, col, el, ec]) => [c, m, l - 3, col, el - 3, ec]);
      if (!profile) return onEveryPath(text, shift, [Infinity, 1]);
      const want = shift(scanText(text, { format: 'ldif', profile }));
      for (const make of [createScanner, createReferenceScanner]) {
        const s = make({ format: 'ldif', profile });
        s.push(Buffer.from(text));
        assert.deepEqual(shift(s.end()), want, make.name);
      }
      return want;
    }

    it('a base64 or URL value is one more value too', () => {
      assert.deepEqual(inMiddle('dn: uid=a,dc=x\nuid: a\nuid:: Yg==\ncn: x\n'), [['username-multiple-values', MULTIPLE, 2, 6, 2, 10]]);
      assert.deepEqual(inMiddle('dn: uid=a,dc=x\nuid: a\nuid:< file:///b\ncn: x\n'), [
        ['username-multiple-values', MULTIPLE, 2, 6, 2, 15],
        ['username-unchecked', 'The uid value is loaded from "file:///b", which is not fetched; the username is not checked.', 2, 6, 2, 15],
      ]);
    });

    it('a username name with options and no colon is no value: it is reported', () => {
      assert.deepEqual(inMiddle('dn: uid=a,dc=x\nuid: a\nuid;abc\ncn: b\n'), [['ldif-syntax', NO_COLON, 2, 0, 2, 7]]);
      assert.deepEqual(inMiddle('dn: uid=a,dc=x\nuid: a\n# note\nuid;abc\ncn: b\n'), [['ldif-syntax', NO_COLON, 3, 0, 3, 7]]);
    });

    it('the first value after other attributes is the first', () => {
      assert.deepEqual(inMiddle('dn: uid=a,dc=x\ncn: a\n\tb\nuid: c\n'), [['ldif-syntax', TAB, 2, 0, 2, 1]]);
      assert.deepEqual(inMiddle('dn: uid=a,dc=x\ncn: a\n# note\nuid: c\nuid: d\n'), [['username-multiple-values', MULTIPLE, 4, 5, 4, 6]]);
    });

    it('a further value’s column counts the spaces after the colon, however many', () => {
      for (const spaces of ['', ' ', '   '])
        assert.deepEqual(inMiddle(`dn: uid=a,dc=x\nuid: a\nuid:${spaces}b\ncn: x\n`), [
          ['username-multiple-values', MULTIPLE, 2, 4 + spaces.length, 2, 5 + spaces.length],
        ]);
    });

    it('values read from the bytes count as read lines: a later line without a colon does not stop the record', () => {
      const three = "Entry has 3 uid values; PingOne's username holds one, so the sync may pick either.";
      assert.deepEqual(inMiddle('dn: uid=a,dc=x\nuid: a\nuid: b\nuid: c\nbad\nuid: d e\n'), [
        ['username-multiple-values', MULTIPLE, 2, 5, 2, 6],
        ['username-multiple-values', three, 3, 5, 3, 6],
        ['ldif-syntax', NO_COLON, 4, 0, 4, 3],
        ['username-multiple-values', "Entry has 4 uid values; PingOne's username holds one, so the sync may pick either.", 5, 5, 5, 8],
        ['username-format', SPACE_FORMAT, 5, 6, 5, 7],
      ]);
    });

    it('another spelling of an earlier entry’s username is reported as one', () => {
      const dup =
        'Username "P" differs from another entry\'s username only in case or Unicode normalization; PingOne may treat them as the same user.';
      assert.deepEqual(inMiddle('dn: uid=a,dc=x\nuid: a\nuid: P\ncn: x\n'), [
        ['username-duplicate-case', dup, 2, 5, 2, 6],
        ['username-multiple-values', MULTIPLE, 2, 5, 2, 6],
      ]);
    });

    it('a further value of an entry already seen (the same DN) is left to the string path: the copy is named', () => {
      const twice = 'Entry "uid=p,dc=x" appears twice in this file (username "p" on lines 2 and 6); Ping tools reject the second copy.';
      assert.deepEqual(inMiddle('dn: uid=p,dc=x\nuid: a\nuid: p\ncn: x\n'), [
        ['username-duplicate', twice, 2, 5, 2, 6],
        ['username-multiple-values', MULTIPLE, 2, 5, 2, 6],
      ]);
    });

    it('the strict profile’s rules apply to further values (no digits)', () => {
      assert.deepEqual(inMiddle('dn: uid=a,dc=x\nuid: a\nuid: b1\ncn: x\n', 'strict'), [
        ['username-multiple-values', MULTIPLE, 2, 5, 2, 7],
        [
          'username-format',
          'Username is not an email address and has U+0031 DIGIT ONE, which is not one of letters, marks, ".", "_" and "-" (profile strict: no digits).',
          2,
          6,
          2,
          7,
        ],
      ]);
    });
  });

  it('every further line of a delete record is read: one finding, whatever the names', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: delete\ncn: x\ndescription: y\n'), [
      ['ldif-syntax', 'A "changetype: delete" record takes no further lines.', 2, 0, 2, 5],
    ]);
  });

  describe('objectClass lines (read from the bytes in content and add records only)', () => {
    it('a longer name that starts with "objectClass" is no class: it is reported', () => {
      assert.deepEqual(seen('dn: cn=z,dc=y\ncn: z\nobjectClass_x: person\n'), [
        ['username-missing', 'Entry has no uid attribute; PingOne requires a username.', 0, 4, 0, 13],
        ['ldif-syntax', '"objectClass_x" is not a valid attribute description.', 2, 0, 2, 13],
      ]);
    });

    it('a base64 or URL class is not read: an entry named by cn with no other class must have a username', () => {
      const missing: Seen = ['username-missing', 'Entry has no uid attribute; PingOne requires a username.', 0, 4, 0, 13];
      assert.deepEqual(seen('dn: cn=z,dc=y\ncn: z\nobjectClass:: cGVyc29u\n'), [missing]);
      assert.deepEqual(seen('dn: cn=z,dc=y\ncn: z\nobjectClass:< file:///person\n'), [missing]);
    });

    it('as the line after the DN it makes a content record', () => {
      assert.deepEqual(seen('dn: cn=z,dc=y\nobjectClass: device\n'), []);
      assert.deepEqual(seen('dn: cn=z,dc=y\nobjectClass: person\n'), [
        ['username-missing', 'Entry has no uid attribute; PingOne requires a username.', 0, 4, 0, 13],
      ]);
    });

    it('inside a modification of another attribute it is reported', () => {
      assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modify\nreplace: cn\nobjectClass: person\n-\n'), [
        ['ldif-syntax', '"objectclass" value inside a modification of "cn"; end the modification with "-" first.', 3, 0, 3, 11],
      ]);
    });
  });
});
