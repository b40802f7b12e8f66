/**
 * How `LdifScanner` reads physical lines (RFC 2849): continuation lines with nothing to continue,
 * lone CR line breaks on any line (the text scanner reads lines inside the whole text, so columns
 * must be counted from each line's start), attribute names with characters outside ALPHA, DIGIT,
 * "-" and ".", colon-less lines inside a modification, the RDN named in a missing-username
 * finding, and the two facts the editor's incremental re-scan reads from a scanner: whether a
 * record is open, and how many lines were fed.
 */
import assert from 'node:assert/strict';
import { LdifScanner } from '../../../src/usernames/ldifScanner';
import type { RawRecord } from '../../../src/usernames/records';
import { resolveConfig } from '../../../src/usernames/scan';
import { NO_COLON, seenOnEveryPath as seen } from './ldifEveryPath.helpers';

const ORPHAN = 'Continuation line (starts with a space) has no line to continue; Ping tools reject it.';
const LONE_CR = 'Lone CR line break; RFC 2849 allows only LF or CRLF (Ping tools read it as a line break).';
const NOT_DN = 'Record does not start with "dn:", so it is not an entry; Ping tools reject it. Its lines are not checked.';

describe('LDIF physical lines', () => {
  it('a continuation line with nothing to continue, after other records: its range is its own line', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\n\n xyz\n'), [['ldif-syntax', ORPHAN, 3, 0, 3, 4]]);
  });

  it('a record of one orphan continuation line is the file’s first record: "version:" after it is refused', () => {
    assert.deepEqual(seen(' x\n\nversion: 1\ndn: uid=b,dc=x\nuid: b\n'), [
      ['ldif-syntax', ORPHAN, 0, 0, 0, 2],
      ['ldif-syntax', NOT_DN, 2, 0, 2, 7],
    ]);
    // Without it, the version line is accepted.
    assert.deepEqual(seen('version: 1\ndn: uid=b,dc=x\nuid: b\n'), []);
  });

  it('a lone CR ending a continuation line is reported at the end of that line', () => {
    assert.deepEqual(seen('dn: uid=a,\n dc=x\ruid: a\n'), [['ldif-syntax', LONE_CR, 1, 5, 1, 5]]);
  });

  it('a lone CR ending a later line is reported at the end of that line', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\rcn: b\n'), [['ldif-syntax', LONE_CR, 1, 6, 1, 6]]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\ncn: bcd\rsn: b\n'), [['ldif-syntax', LONE_CR, 2, 7, 2, 7]]);
  });

  it('an attribute name with a character above "z" is read and reported, even where other attributes are skipped', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\nc~n: x\ncé: y\nc{n: z\n'), [
      ['ldif-syntax', '"c~n" is not a valid attribute description.', 2, 0, 2, 3],
      ['ldif-syntax', '"cé" is not a valid attribute description.', 3, 0, 3, 2],
      ['ldif-syntax', '"c{n" is not a valid attribute description.', 4, 0, 4, 3],
    ]);
  });

  it('in a modrdn record, attributes that cannot matter are skipped however their names are spelled', () => {
    // Only ALPHA, DIGIT, "-" and "." make a name, and ";" starts its options: names of letters from "a" to "z",
    // capitals, digits, "-", "." (an OID) and names with options are all read as names, and skipped like "cn:" (an odd name is reported).
    const rename =
      'Rename (modrdn/moddn): PingOne sync destinations do not allow renames (allow-destination-renames:false); this one would change the username to "b".';
    const head = 'dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn: uid=b\ndeleteoldrdn: 1\n';
    assert.deepEqual(seen(head + 'mail: x\ncn;lang-x: y\ntz: z\nCN: w\ncn: v\nAZ: a\nx09: b\nx-y: c\n1.2.3: d\n'), [
      ['ldif-rename', rename, 1, 12, 1, 18],
    ]);
    assert.deepEqual(seen(head + 'c_n: x\n'), [
      ['ldif-rename', rename, 1, 12, 1, 18],
      ['ldif-syntax', '"c_n" is not a valid attribute description.', 4, 0, 4, 3],
    ]);
  });

  it('inside a modification, only "-" (and trailing spaces) ends it: another colon-less line is reported', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modify\nreplace: cn\nx\ncn: b\n-\n'), [['ldif-syntax', NO_COLON, 3, 0, 3, 1]]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modify\nreplace: cn\nx  \ncn: b\n-\n'), [['ldif-syntax', NO_COLON, 3, 0, 3, 3]]);
  });

  it('the RDN named in a missing-username finding is the DN’s first, unescaped', () => {
    const missing = 'Entry has no uid attribute; PingOne requires a username.';
    assert.deepEqual(seen('dn: uid=a\\,b,dc=y\ncn: b\n'), [
      ['username-missing', `${missing} Its DN has uid=a,b, but the RDN alone does not give the entry a uid attribute.`, 0, 4, 0, 17],
    ]);
    // A DN whose first RDN has no attribute names no RDN, not a later one.
    assert.deepEqual(seen('dn: =x,uid=bob,dc=y\ncn: b\n'), [['username-missing', missing, 0, 4, 0, 19]]);
  });

  describe('what the incremental re-scan reads from a scanner', () => {
    function scanner(): { s: LdifScanner; records: RawRecord[] } {
      const records: RawRecord[] = [];
      const s = new LdifScanner(resolveConfig({ format: 'ldif' }), { record: (r) => records.push(r) }, { atFileStart: true });
      return { s, records };
    }

    it('inRecord: true from a record’s first line until the blank line after it', () => {
      const { s, records } = scanner();
      assert.equal(s.inRecord, false);
      s.line('dn: uid=a,dc=x', 0, 14, 0, 1);
      assert.equal(s.inRecord, true);
      s.line('uid: a', 0, 6, 1, 1);
      assert.equal(s.inRecord, true);
      s.line('', 0, 0, 2, 1);
      assert.equal(s.inRecord, false);
      assert.equal(records.length, 1);
    });

    it('linesFed counts every physical line, blank, folded or skipped, by text and by bytes', () => {
      const { s } = scanner();
      const lines = ['dn: uid=a,dc=x', 'uid: a', 'cn: b', ' c', '', '# note', 'dn: uid=b,dc=x', 'uid: b'];
      lines.forEach((l, i) => s.line(l, 0, l.length, i, 1));
      assert.equal(s.linesFed, 8);
      lines.forEach((l, i) => {
        const buf = Buffer.from(l + '\n');
        s.lineBytes(buf, 0, buf.length - 1, 8 + i, 1);
      });
      assert.equal(s.linesFed, 16);
    });
  });
});
