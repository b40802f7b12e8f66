/**
 * Every finding the LDIF scanner (src/usernames/ldifScanner.ts) makes about a record's structure,
 * whole: code, severity, message word for word and range. RFC 2849 gives the grammar (version line,
 * `dn:` first, `changetype:` and its records, modify specs ended by `-`, modrdn's `newrdn:` and
 * `deleteoldrdn:`); the messages are what a user reads in the editor and the CLI.
 */
import assert from 'node:assert/strict';
import { ldif } from './helpers';
import { SPACE_FORMAT, onEveryPath } from './ldifEveryPath.helpers';

const P = 'dn: uid=a,dc=x\nobjectClass: person\n';

type Seen = [code: string, severity: string, message: string, line: number, col: number, endLine: number, endCol: number];

/** The findings of `text`, whole, in the scan's order. */
function seen(text: string): Seen[] {
  return ldif(text).findings.map((f) => [
    f.code,
    f.severity,
    f.message,
    f.range.startLine,
    f.range.startColumn,
    f.range.endLine,
    f.range.endColumn,
  ]);
}

/** Each record's kind, first and last line, and the values read. */
function recordsOf(text: string): Array<[string, number, number, Array<string | undefined>]> {
  return ldif(text, { collectEntries: true }).records!.map((r) => [r.kind, r.startLine, r.endLine, r.occurrences.map((o) => o.value)]);
}

describe('LDIF record findings, word for word', () => {
  it('a line with no attribute name (": x", ";lang: x") is reported wherever it is in the record, on every scan path', () => {
    const starts = 'Line starts with a colon; expected "attribute: value".';
    for (const [text, want] of [
      [P + ': x\nuid: a\n', [['ldif-syntax', 'error', starts, 2, 0, 2, 1]]],
      [P + 'uid: a\n: x\n', [['ldif-syntax', 'error', starts, 3, 0, 3, 1]]],
      [P + 'cn: a\n;lang-en: x\nuid: a\n', [['ldif-syntax', 'error', '";lang-en" is not a valid attribute description.', 3, 0, 3, 8]]],
      ['version: 1\n' + P + 'uid: a\n: x\n', [['ldif-syntax', 'error', starts, 4, 0, 4, 1]]],
    ] as Array<[string, Seen[]]>)
      assert.deepEqual(
        onEveryPath(text, (r) =>
          r.findings.map((f) => [f.code, f.severity, f.message, f.range.startLine, f.range.startColumn, f.range.endLine, f.range.endColumn])
        ),
        want,
        JSON.stringify(text)
      );
  });

  it('a record whose first line is options without a name names them (it does not start with a colon)', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nuid: a\n\n;x: a\nuid: b\n'), [
      ['ldif-syntax', 'error', '";x" is not a valid attribute description.', 3, 0, 3, 2],
    ]);
  });

  it('a line without a colon, or with a bad name, inside a record and as its first line', () => {
    assert.deepEqual(seen(P + 'uid: a\nnonsense\n'), [
      ['ldif-syntax', 'error', 'Line has no colon; expected "attribute: value".', 3, 0, 3, 8],
    ]);
    assert.deepEqual(seen(P + 'uid: a\nb@d;lang: x\n'), [
      ['ldif-syntax', 'error', '"b@d;lang" is not a valid attribute description.', 3, 0, 3, 8],
    ]);
    // As a record's first line, the record cannot be read: one finding, and its other lines are not checked.
    assert.deepEqual(seen('nonsense\ncn: b\nuid: a b\n'), [
      ['ldif-syntax', 'error', 'Line has no colon; expected "attribute: value".', 0, 0, 0, 8],
    ]);
    assert.deepEqual(seen(': x\nuid: a b\n'), [
      ['ldif-syntax', 'error', 'Line starts with a colon; expected "attribute: value".', 0, 0, 0, 1],
    ]);
    assert.deepEqual(seen('b@d: x\nuid: a b\n'), [['ldif-syntax', 'error', '"b@d" is not a valid attribute description.', 0, 0, 0, 3]]);
    assert.deepEqual(recordsOf('nonsense\ncn: b\nuid: a b\n\n' + P + 'uid: c\n'), [['content', 4, 6, ['c']]]);
    // A later line without a colon, or with an attribute description that is not one, does not stop the record:
    // the values after it are read.
    assert.deepEqual(recordsOf(P + 'uid: a\nnonsense\nuid: b c\n'), [['content', 0, 4, ['a', 'b c']]]);
    assert.deepEqual(recordsOf(P + 'uid: a\nb@d: x\nuid: b c\n'), [['content', 0, 4, ['a', 'b c']]]);
  });

  it('version: only 1, plain, on the first record; later it starts a record that is no entry', () => {
    // The message quotes the line as written: `version:: MQ==` is base64 for 1, and says so.
    const version = (line: string, col: number, end: number): Seen => [
      'ldif-syntax',
      'error',
      `"${line}" is not supported; RFC 2849 defines only version 1.`,
      0,
      col,
      0,
      end,
    ];
    assert.deepEqual(seen('version: 2\n\n' + P + 'uid: a\n'), [version('version: 2', 9, 10)]);
    assert.deepEqual(seen('version:: MQ==\n\n' + P + 'uid: a\n'), [version('version:: MQ==', 10, 14)]);
    // A 1 that is not written plain is not the version line RFC 2849 defines.
    assert.deepEqual(seen('version:< 1\n\n' + P + 'uid: a\n'), [version('version:< 1', 10, 11)]);
    assert.deepEqual(seen('version:: 1\n\n' + P + 'uid: a\n'), [version('version:: 1', 10, 11)]);
    assert.deepEqual(seen('version:  1 \n' + P + 'uid: a\n'), []);
    // After the version line the record's next line is its first: one without a colon stops the record.
    assert.deepEqual(seen('version: 1\nnonsense\n' + P + 'uid: a b\n'), [
      ['ldif-syntax', 'error', 'Line has no colon; expected "attribute: value".', 1, 0, 1, 8],
    ]);
    assert.deepEqual(seen('# comment\nversion: 1\n' + P + 'uid: a\n'), []);
    // The DN may follow the version line in the same record: the record is then an entry like any other.
    assert.deepEqual(recordsOf('version: 1\n' + P + 'uid: a\n'), [['content', 0, 3, ['a']]]);
    assert.deepEqual(seen('version: 1\ndn: cn=a,dc=x\nobjectClass: person\ncn: x\n'), [
      ['username-missing', 'error', 'Entry has no uid attribute; PingOne requires a username.', 1, 4, 1, 13],
    ]);
    assert.deepEqual(seen(P + 'uid: a\n\nversion: 1\n\n' + P + 'uid: b\n'), [
      [
        'ldif-syntax',
        'error',
        'Record does not start with "dn:", so it is not an entry; Ping tools reject it. Its lines are not checked.',
        4,
        0,
        4,
        7,
      ],
    ]);
  });

  it('records that do not start with dn: (include: named as OpenLDAP’s)', () => {
    assert.deepEqual(seen('include: file:///x\nuid: a b\n'), [
      ['ldif-syntax', 'error', '"include:" is an OpenLDAP slapadd directive, not LDIF (RFC 2849); Ping tools reject it.', 0, 0, 0, 7],
    ]);
    assert.deepEqual(seen('uid: a\ncn: b\nuid: c d\n'), [
      [
        'ldif-syntax',
        'error',
        'Record does not start with "dn:", so it is not an entry; Ping tools reject it. Its lines are not checked.',
        0,
        0,
        0,
        3,
      ],
    ]);
  });

  it('a DN alone, and control: lines without changetype:', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\n'), [['ldif-syntax', 'error', 'Entry has a DN but no attributes.', 0, 4, 0, 14]]);
    assert.deepEqual(seen('dn: uid=a,dc=x\ncontrol: 1.2.3\n'), [
      ['ldif-syntax', 'error', '"control:" lines must be followed by "changetype:".', 0, 4, 0, 14],
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\ncontrol: 1.2.3\ncontrol: 1.2.4\nuid: a b\n'), [
      ['ldif-syntax', 'error', '"control:" lines must be followed by "changetype:".', 3, 0, 3, 3],
      ['username-format', 'warning', SPACE_FORMAT, 3, 6, 3, 7],
    ]);
    assert.deepEqual(recordsOf('dn: uid=a,dc=x\ncontrol: 1.2.3\nchangetype: delete\n'), [['delete', 0, 2, []]]);
  });

  it('changetype: each keyword in any case and spacing, an unknown one stops the record', () => {
    for (const [t, kind] of [
      ['add', 'add'],
      ['ADD', 'add'],
      ['modify', 'modify'],
      ['delete', 'delete'],
      ['Delete ', 'delete'],
      ['modrdn', 'rename'],
      ['moddn', 'rename'],
      ['MODDN', 'rename'],
    ]) {
      const extra =
        kind === 'add'
          ? 'uid: a\n'
          : kind === 'rename'
            ? 'newrdn: cn=a\ndeleteoldrdn: 1\n'
            : kind === 'modify'
              ? 'replace: cn\ncn: a\n-\n'
              : '';
      assert.equal(recordsOf(`dn: uid=a,dc=x\nchangetype:  ${t}\n${extra}`)[0][0], kind, t);
    }
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: frobnicate\nuid: a b\n'), [
      ['ldif-syntax', 'error', '"changetype: frobnicate" is not one of add, delete, modify, modrdn, moddn.', 1, 12, 1, 22],
    ]);
    assert.deepEqual(recordsOf('dn: uid=a,dc=x\nchangetype: frobnicate\nuid: a b\n'), [['other', 0, 2, []]]);
  });

  it('delete records take no further lines (one finding however many)', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: delete\nuid: a b\ncn: c\n'), [
      ['ldif-syntax', 'error', 'A "changetype: delete" record takes no further lines.', 2, 0, 2, 8],
    ]);
  });

  it('modify records: the header, values of another attribute, the "-" line', () => {
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modify\nuid: a\n'), [
      ['ldif-syntax', 'warning', 'Modify record has no modifications; Ping tools reject it.', 1, 12, 1, 18],
      ['ldif-syntax', 'error', 'Expected "add:", "delete:", "replace:" or "increment:" to start a modification.', 2, 0, 2, 3],
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modify\nreplace: uid\ncn: x\n-\n'), [
      ['ldif-syntax', 'error', '"cn" value inside a modification of "uid"; end the modification with "-" first.', 3, 0, 3, 2],
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modify\nreplace: uid\nuid: a b\n'), [
      ['ldif-syntax', 'warning', 'Modification is not ended by a "-" line.', 2, 0, 2, 12],
      ['username-format', 'warning', SPACE_FORMAT, 3, 6, 3, 7],
    ]);
    // "-" with trailing spaces ends a modification; "- x" is no separator; a "-" with nothing to end is reported.
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modify\n-\nreplace: uid\nuid: b\n-   \n- x\n'), [
      ['ldif-syntax', 'error', 'A "-" line without a modification to end.', 2, 0, 2, 1],
      ['ldif-syntax', 'error', 'Line has no colon; expected "attribute: value".', 6, 0, 6, 3],
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modify\nadd: cn\ncn: a\n-\n-\n'), [
      ['ldif-syntax', 'error', 'A "-" line without a modification to end.', 5, 0, 5, 1],
    ]);
    // Outside a modify record a lone "-" is a line without a colon.
    assert.deepEqual(seen(P + 'uid: a\n-\n'), [['ldif-syntax', 'error', 'Line has no colon; expected "attribute: value".', 3, 0, 3, 1]]);
  });

  it('modify records: which values are usernames to check', () => {
    // Options, increment and delete values are not checked; add/replace of the attribute or an alias, in any case, are.
    const text =
      'dn: uid=a,dc=x\nchangetype: modify\nreplace: uid;lang-en\nuid;lang-en: a b\n-\nincrement: uid\nuid: c d\n-\n' +
      'add: UID \nuserid: e f\n-\ndelete: uid\nuid: g h\n-\nreplace: uid\nuid: i j\nuid;lang-en: l m\nuid: k\n-\n';
    assert.deepEqual(seen(text), [
      ['username-format', 'warning', SPACE_FORMAT, 9, 9, 9, 10],
      [
        'username-multiple-values',
        'warning',
        "Entry has 2 uid values; PingOne's username holds one, so the sync may pick either.",
        15,
        5,
        15,
        8,
      ],
      ['username-format', 'warning', SPACE_FORMAT, 15, 6, 15, 7],
      [
        'username-multiple-values',
        'warning',
        "Entry has 3 uid values; PingOne's username holds one, so the sync may pick either.",
        17,
        5,
        17,
        6,
      ],
    ]);
    assert.deepEqual(recordsOf(text), [['modify', 0, 18, ['e f', 'i j', 'k']]]);
  });

  it('modrdn/moddn records: newrdn:, deleteoldrdn:, newsuperior:, other lines', () => {
    const rename = (tail: string): Seen => [
      'ldif-rename',
      'warning',
      'Rename (modrdn/moddn): PingOne sync destinations do not allow renames (allow-destination-renames:false)' + tail,
      1,
      12,
      1,
      18,
    ];
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modrdn\n'), [
      rename('.'),
      ['ldif-syntax', 'error', 'A modrdn/moddn record needs "newrdn:".', 1, 12, 1, 18],
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn: cn=b\n'), [
      rename('.'),
      ['ldif-syntax', 'error', 'A modrdn/moddn record needs "deleteoldrdn: 0|1".', 2, 8, 2, 12],
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn: uid=b\ndeleteoldrdn: 2\nuid: x\ncn: y\nnewsuperior: dc=y\n'), [
      rename('; this one would change the username to "b".'),
      ['ldif-syntax', 'error', '"deleteoldrdn" must be 0 or 1.', 3, 14, 3, 15],
      ['ldif-syntax', 'error', 'Unexpected "uid:" in a modrdn/moddn record.', 4, 0, 4, 3],
    ]);
    for (const ok of ['0', '1'])
      assert.deepEqual(seen(`dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn: uid=b\ndeleteoldrdn: ${ok}\n`), [
        rename('; this one would change the username to "b".'),
      ]);
    // A base64 newrdn is decoded; an RDN of another attribute names no username.
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn:: dWlkPWLDqQ==\ndeleteoldrdn: 0\n'), [
      rename('; this one would change the username to "bé".'),
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn: cn=b\ndeleteoldrdn: 0\n'), [rename('.')]);
    assert.deepEqual(seen('dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn:: !!!!\ndeleteoldrdn: 0\n'), [rename('.')]);
  });

  it('how an unencoded username is written: non-ASCII, a leading ":" or "<", a trailing space, U+FFFD', () => {
    assert.deepEqual(seen(P + 'uid: José\n'), [
      [
        'ldif-syntax',
        'info',
        'Non-ASCII value is not base64-encoded ("::"); RFC 2849 requires it, though most readers accept raw UTF-8.',
        2,
        5,
        2,
        9,
      ],
    ]);
    for (const c of [':', '<']) {
      const f = seen(`${P}uid: ${c}b\n`).filter((x) => x[0] === 'ldif-syntax');
      assert.deepEqual(f, [
        ['ldif-syntax', 'warning', `A value starting with "${c}" must be base64-encoded ("::"); readers may misread it.`, 2, 5, 2, 7],
      ]);
    }
    assert.deepEqual(
      seen(P + 'uid: d \n').filter((x) => x[0] === 'ldif-syntax'),
      [
        [
          'ldif-syntax',
          'warning',
          'Unencoded value ends with a space; Ping tools reject it unless it is base64-encoded or --stripTrailingSpaces is used.',
          2,
          5,
          2,
          7,
        ],
      ]
    );
    assert.deepEqual(
      seen(P + 'uid: a\uFFFDb\n').filter((x) => x[0] === 'ldif-syntax'),
      [
        [
          'ldif-syntax',
          'info',
          'Non-ASCII value is not base64-encoded ("::"); RFC 2849 requires it, though most readers accept raw UTF-8.',
          2,
          5,
          2,
          8,
        ],
        [
          'ldif-syntax',
          'warning',
          'Username contains U+FFFD REPLACEMENT CHARACTER: the file has invalid UTF-8 here or was decoded with the wrong encoding.',
          2,
          5,
          2,
          8,
        ],
      ]
    );
    // Only a value's first 4 096 characters are looked at for non-ASCII (a bound on the work per value; such a
    // value is far over the username limit and says so): a non-ASCII character at 4 096 or after is not noticed.
    const nonAscii = (v: string) => seen(`${P}uid: ${v}\n`).filter((x) => x[0] === 'ldif-syntax' && x[1] === 'info').length;
    assert.deepEqual([nonAscii('a'.repeat(4095) + 'é'), nonAscii('a'.repeat(4096) + 'é'), nonAscii('a'.repeat(5000) + 'é')], [1, 0, 0]);
    // The same checks do not apply to base64 values, whatever they hold.
    assert.deepEqual(
      seen(`${P}uid:: ${Buffer.from(':b ').toString('base64')}\n`).filter((x) => x[0] === 'ldif-syntax'),
      []
    );
  });

  it('a URL value is reported as unchecked', () => {
    assert.deepEqual(seen(P + 'uid:< file:///x\n'), [
      [
        'username-unchecked',
        'info',
        'The uid value is loaded from "file:///x", which is not fetched; the username is not checked.',
        2,
        6,
        2,
        15,
      ],
    ]);
  });

  it('which entries must carry a username: object classes, RDNs, containers', () => {
    const missing = (line: number, end: number, note = ''): Seen => [
      'username-missing',
      'error',
      'Entry has no uid attribute; PingOne requires a username.' + note,
      line,
      4,
      line,
      end,
    ];
    // No objectClass: a user unless the RDN is a container's (dc, o, ou, c, l).
    assert.deepEqual(seen('dn: cn=x,dc=y\ncn: x\n'), [missing(0, 13)]);
    for (const rdn of ['dc', 'o', 'ou', 'c', 'l', 'DC', 'Ou']) assert.deepEqual(seen(`dn: ${rdn}=x,dc=y\ncn: x\n`), [], rdn);
    // Object classes are compared trimmed and in any case.
    assert.deepEqual(seen('dn: cn=z,dc=y\nobjectClass:  InetOrgPerson \n'), [missing(0, 13)]);
    assert.deepEqual(seen('dn: cn=z,dc=y\nobjectClass: top\nobjectClass: device\n'), []);
    assert.deepEqual(seen('dn: cn=z,dc=y\nobjectClass: top\nOBJECTCLASS: posixAccount\n'), [missing(0, 13)]);
    // A DN that names the entry by its username attribute always needs one, whatever its classes.
    const note = ' Its DN has uid=q, but the RDN alone does not give the entry a uid attribute.';
    assert.deepEqual(seen('dn: uid=q,dc=x\nchangetype: add\nobjectClass: device\n'), [missing(0, 14, note)]);
    assert.deepEqual(seen('dn: UID = q ,dc=x\nobjectClass: device\n'), [missing(0, 17, note)]);
    // A base64 objectClass is not read: the entry counts as one without classes (the safe side).
    assert.deepEqual(seen(`dn: cn=z,dc=y\nobjectClass:: ${Buffer.from('device').toString('base64')}\n`), [missing(0, 13)]);
    assert.deepEqual(seen(`dn: ou=z,dc=y\nobjectClass:: ${Buffer.from('person').toString('base64')}\n`), []);
    // Change records other than add need none.
    assert.deepEqual(seen('dn: uid=q,dc=x\nchangetype: modify\nreplace: cn\ncn: a\n-\n'), []);
  });

  it('multiple values: counted, repeats named, pointing at the first value', () => {
    const r = ldif(P + 'uid: a\nuid: b\nuid: a\nuid: c\n');
    assert.deepEqual(
      r.findings.map((f) => [f.message, f.range.startLine, f.related?.map((x) => [x.message, x.range.startLine, x.range.startColumn])]),
      [
        ["Entry has 2 uid values; PingOne's username holds one, so the sync may pick either.", 3, [['First value', 2, 5]]],
        ['Entry repeats the uid value; Ping tools reject duplicate attribute values.', 4, [['First value', 2, 5]]],
        ["Entry has 4 uid values; PingOne's username holds one, so the sync may pick either.", 5, [['First value', 2, 5]]],
      ]
    );
  });

  it('continuation lines: with nothing to continue, TAB folds, a lone CR', () => {
    assert.deepEqual(seen(' x\n' + P + 'uid: a\n'), [
      ['ldif-syntax', 'error', 'Continuation line (starts with a space) has no line to continue; Ping tools reject it.', 0, 0, 0, 2],
    ]);
    assert.deepEqual(seen(P + 'uid: a\n\tb\n\tc\n'), [
      ['ldif-syntax', 'warning', 'TAB continuation is OpenLDAP-only; RFC 2849 and Ping tools fold with one space only.', 3, 0, 3, 1],
    ]);
    assert.deepEqual(seen('dn: uid=a,dc=x\ruid: a\rcn: b\r\n'), [
      ['ldif-syntax', 'warning', 'Lone CR line break; RFC 2849 allows only LF or CRLF (Ping tools read it as a line break).', 0, 14, 0, 14],
    ]);
  });
});
