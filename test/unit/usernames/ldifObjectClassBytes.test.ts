/**
 * objectClass lines read from the bytes (`LdifScanner.lineBytes` keeps only their value for the
 * "must carry a username" check, without the full parse): folded, in any case, with options, base64
 * or URL values, in content and add records, and how they count as read lines (a record's first line
 * that cannot be read stops the record; later lines never do). Each text goes through the byte
 * pipelines (with and without the fast paths) and the text scanner: the findings must be the same.
 */
import assert from 'node:assert/strict';
import { NO_COLON, SPACE_FORMAT, seenOnEveryPath as seen } from './ldifEveryPath.helpers';

const MISSING = 'Entry has no uid attribute; PingOne requires a username.';

describe('LDIF objectClass lines read from the bytes', () => {
  it('a person class makes a username required; another class or a container RDN does not', () => {
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nobjectClass: top\nobjectClass: person\n'), [['username-missing', MISSING, 0, 4, 0, 13]]);
    assert.deepEqual(seen('dn: cn=z,dc=y\ncn: z\nobjectClass: top\nobjectClass: device\n'), []);
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nOBJECTCLASS:person\n'), [['username-missing', MISSING, 0, 4, 0, 13]]);
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nobjectClass;x: person\n'), [['username-missing', MISSING, 0, 4, 0, 13]]);
  });

  it('a folded class is read whole', () => {
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nobjectClass: top\nobjectClass: inetOrg\n Person\n'), [
      ['username-missing', MISSING, 0, 4, 0, 13],
    ]);
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nobjectClass: per\n son\n'), [['username-missing', MISSING, 0, 4, 0, 13]]);
    // "inetOrg" alone is no person class: only the unfolded value makes one.
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nobjectClass: inetOrg\n\ndn: ou=w,dc=y\nou: w\nobjectClass: dev\n ice\n'), []);
  });

  it('base64 and URL classes, and other 11-letter names, are not read as classes', () => {
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nobjectClass:: cGVyc29u\n'), []);
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nobjectClass:< file:///person\n'), []);
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nnewsuperior: person\n'), []);
    assert.deepEqual(seen('dn: ou=z,dc=y\nou: z\nobjectClasz: person\nobjectClas: person\n'), []);
  });

  it('in an add record too', () => {
    assert.deepEqual(seen('dn: cn=z,dc=y\nchangetype: add\nobjectClass: top\nobjectClass: person\n'), [
      ['username-missing', MISSING, 0, 4, 0, 13],
    ]);
    assert.deepEqual(seen('dn: cn=z,dc=y\nchangetype: add\nobjectClass: device\ncn: z\n'), []);
  });

  it('class lines count as read lines: a later line without a colon does not stop the record', () => {
    for (const head of ['dn: cn=z,dc=y\ncn: z\n', 'dn: cn=z,dc=y\nchangetype: add\n'])
      for (const classes of [
        ['top', 'person'],
        ['top', 'person', 'posixAccount'],
      ]) {
        const text = head + classes.map((c) => `objectClass: ${c}\n`).join('') + 'bad line\nuid: a b\n';
        const at = 2 + classes.length;
        assert.deepEqual(seen(text), [
          ['ldif-syntax', NO_COLON, at, 0, at, 8],
          ['username-format', SPACE_FORMAT, at + 1, 6, at + 1, 7],
        ]);
      }
  });
});
