// Sync-file fidelity: each case is a minimal input reproducing one way the
// engine read real-world LDIF and CSV files differently from RFC 2849 / RFC 4180.
import assert from 'node:assert/strict';
import { IncrementalDocumentScan, createScanner, type ScanOptions, type ScanResult } from '../../../src/usernames';
import { codes, csv, ldif, only } from './helpers';

/** The same text through the byte scanner (what the CLI and workspace scan use). */
function bytes(text: string | Buffer, options: ScanOptions): ScanResult {
  const s = createScanner({ ...options, collectEntries: true });
  s.push(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  return s.end();
}
function usernames(r: ScanResult): Array<string | undefined> {
  return (r.records ?? []).flatMap((e) => e.occurrences.map((o) => o.value));
}

describe('CSV: a line break inside a quoted field keeps its own terminator', () => {
  const cases: Array<[string, string, string]> = [
    ['CRLF inside an LF file', 'username\n"crlf\r\ninside"\n', 'crlf\r\ninside'],
    ['LF inside a CRLF file', 'username\r\n"a\nb"\r\n', 'a\nb'],
    ['CRLF inside, last line without a final newline', 'username\n"a\r\nb"', 'a\r\nb'],
    ['lone CR inside an LF file', 'username\n"a\rb"\n', 'a\rb'],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      for (const r of [csv(text), bytes(text, { format: 'csv' })]) {
        assert.deepEqual(usernames(r), [want]);
      }
    });
  }

  it('the message names the character the file has', () => {
    const r = csv('username\n"crlf\r\ninside"\n');
    const f = only(r.findings, 'username-invalid-character')[0];
    assert.match(f.message, /U\+000D/);
    assert.match(f.message, /U\+000A/);
    const lf = csv('username\r\n"a\nb"\r\n');
    assert.doesNotMatch(only(lf.findings, 'username-invalid-character')[0].message, /U\+000D/);
  });

  it('values that differ only in the break are not exact duplicates', () => {
    const r = csv('username\n"a\r\nb"\n"a\nb"\n');
    assert.deepEqual(only(r.findings, 'username-duplicate'), []);
  });
});

describe('LDIF: a record without a DN is one ldif-syntax finding and nothing else', () => {
  it('an OpenLDAP include: line', () => {
    const r = ldif('include: file:///etc/openldap/schema/core.ldif\n\ndn: uid=a,dc=x\nuid: a\n');
    assert.equal(r.entries, 1);
    assert.deepEqual(codes(r.findings), ['ldif-syntax']);
    assert.match(r.findings[0].message, /include:/);
    assert.equal(r.findings[0].range.startLine, 0);
  });

  it('an orphan modify fragment after a blank line (RFC 2849 example 6 style)', () => {
    const text = [
      'dn: cn=a,dc=x',
      'changetype: modify',
      'add: description',
      'description: x',
      '-',
      '',
      'delete: description',
      '-',
      'replace: telephonenumber',
      'telephonenumber: 1',
      '-',
      '',
    ].join('\n');
    const r = ldif(text);
    assert.equal(r.entries, 1);
    assert.deepEqual(codes(r.findings), ['ldif-syntax']);
    assert.equal(r.findings[0].range.startLine, 6);
  });

  it('an orphan content fragment with uid and cn (RFC 2849 example 5 style)', () => {
    const r = ldif('dn: uid=a,dc=x\nobjectclass: person\nuid: a\n\ncn: Horatio N Jensen\nuid: a\nsn: Jensen\n');
    assert.equal(r.entries, 1);
    // No username-missing, no duplicate of "a", no format warning on the fragment's values.
    assert.deepEqual(codes(r.findings), ['ldif-syntax']);
  });

  it('a change record without a DN (an invalid-modification file)', () => {
    const r = ldif('changetype: modify\ndelete: objectClass\nobjectClass: domain\n-\n');
    assert.equal(r.entries, 0);
    assert.deepEqual(codes(r.findings), ['ldif-syntax']);
    assert.equal(bytes('changetype: modify\ndelete: objectClass\nobjectClass: domain\n-\n', { format: 'ldif' }).findings.length, 1);
  });
});

describe('Empty usernames are username-missing only, never duplicates of each other', () => {
  it('CSV', () => {
    const text = 'username,x\n,1\n,2\n';
    for (const r of [csv(text), bytes(text, { format: 'csv' })]) {
      assert.deepEqual(codes(r.findings), ['username-missing', 'username-missing']);
    }
  });

  it('LDIF', () => {
    const r = ldif('dn: uid=a,dc=x\nuid:\n\ndn: uid=b,dc=x\nuid:\n');
    assert.deepEqual(codes(r.findings), ['username-missing', 'username-missing']);
  });
});

describe('LDIF change files: usernames belong to a DN through add, modify, delete and rename', () => {
  const add = (dn: string, uid: string) => `dn: ${dn}\nchangetype: add\nobjectClass: person\nuid: ${uid}\n\n`;
  const modify = (dn: string, ...ops: string[]) => `dn: ${dn}\nchangetype: modify\n${ops.join('')}\n`;
  const del = (dn: string) => `dn: ${dn}\nchangetype: delete\n\n`;
  const dups = (text: string) => {
    const full = ldif(text);
    const inc = new IncrementalDocumentScan('', { format: 'ldif' });
    const edited = inc.applyEdit({ startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, text);
    assert.deepEqual(edited.findings, full.findings, 'the editor (incremental) scan agrees');
    assert.deepEqual(bytes(text, { format: 'ldif' }).findings, full.findings, 'the byte scanner agrees');
    return full.findings.filter((f) => f.code.startsWith('username-duplicate'));
  };

  it("a modify that re-sets the entry's own uid is no duplicate", () => {
    assert.deepEqual(dups(add('uid=a,dc=x', 'a') + modify('uid=a,dc=x', 'replace: uid\nuid: a\n-\n')), []);
    assert.deepEqual(dups(add('uid=a,dc=x', 'a') + modify('UID=a, dc=X', 'add: uid\nuid: A\n-\n')), [], 'DNs compare as RFC 4514 names');
  });

  it('a delete followed by a re-add of the same DN is no duplicate', () => {
    assert.deepEqual(dups(add('uid=a,dc=x', 'a') + del('uid=a,dc=x') + add('uid=a,dc=x', 'a')), []);
  });

  it('a username freed by delete, replace or delete: uid can be taken by another entry', () => {
    assert.deepEqual(dups(add('uid=a,dc=x', 'a') + del('uid=a,dc=x') + add('uid=b,dc=x', 'a')), []);
    assert.deepEqual(dups(add('uid=a,dc=x', 'a') + modify('uid=a,dc=x', 'replace: uid\nuid: a2\n-\n') + add('uid=c,dc=x', 'a')), []);
    assert.deepEqual(dups(add('uid=a,dc=x', 'a') + modify('uid=a,dc=x', 'delete: uid\nuid: a\n-\n') + add('uid=c,dc=x', 'a')), []);
  });

  it('a real clash between different DNs is still reported', () => {
    const clash = dups(add('uid=a,dc=x', 'a') + add('uid=b,dc=x', 'a'));
    assert.deepEqual(
      clash.map((f) => [f.code, f.range.startLine]),
      [['username-duplicate', 8]]
    );
    assert.match(clash[0].message, /used by another entry/);
    const viaModify = dups(add('uid=a,dc=x', 'a') + add('uid=b,dc=x', 'b') + modify('uid=b,dc=x', 'add: uid\nuid: a\n-\n'));
    assert.deepEqual(
      viaModify.map((f) => f.code),
      ['username-duplicate']
    );
    // Freeing one value keeps the others: "a" still belongs to uid=a after delete: uid with value "z".
    assert.equal(dups(add('uid=a,dc=x', 'a') + modify('uid=a,dc=x', 'delete: uid\nuid: z\n-\n') + add('uid=c,dc=x', 'a')).length, 1);
  });

  it("a rename moves the entry's usernames to its new DN", () => {
    const rename = 'dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn: uid=b\ndeleteoldrdn: 0\n\n';
    assert.deepEqual(dups(add('uid=a,dc=x', 'a') + rename + modify('uid=b,dc=x', 'replace: uid\nuid: a\n-\n')), []);
    assert.equal(dups(add('uid=a,dc=x', 'a') + rename + add('uid=c,dc=x', 'a')).length, 1);
    assert.deepEqual(dups(add('uid=a,dc=x', 'a') + rename + del('uid=b,dc=x') + add('uid=c,dc=x', 'a')), []);
  });
});

describe('LDIF content files: the same DN twice says the entry appears twice', () => {
  it('names the DN and both lines, and points at the first', () => {
    const text = 'dn: uid=a,dc=x\nuid: a\n\ndn: uid=b,dc=x\nuid: b\n\ndn: uid=a,dc=x\nuid: a\n';
    const r = ldif(text);
    const d = only(r.findings, 'username-duplicate');
    assert.equal(d.length, 1);
    assert.equal(
      d[0].message,
      'Entry "uid=a,dc=x" appears twice in this file (username "a" on lines 2 and 8); Ping tools reject the second copy.'
    );
    assert.deepEqual(
      d[0].related!.map((x) => [x.message, x.range.startLine]),
      [['First appearance of this entry', 1]]
    );
    const inc = new IncrementalDocumentScan(text, { format: 'ldif' });
    assert.deepEqual(inc.result().findings, r.findings);
  });

  it('two DNs with the same username are still "used by another entry"', () => {
    const d = only(ldif('dn: uid=a,dc=x\nuid: a\n\ndn: uid=a,ou=y,dc=x\nuid: a\n').findings, 'username-duplicate');
    assert.match(d[0].message, /used by another entry/);
  });
});

describe('UTF-16 files with a byte-order mark are decoded, with one warning to save them as UTF-8', () => {
  const utf16 = (text: string, kind: 'le' | 'be'): Buffer => {
    const le = Buffer.from('\uFEFF' + text, 'utf16le');
    return kind === 'le' ? le : le.swap16();
  };
  const oneByOne = (buf: Buffer, options: ScanOptions): ScanResult => {
    const s = createScanner(options);
    for (let i = 0; i < buf.length; i++) s.push(buf.subarray(i, i + 1));
    return s.end();
  };

  for (const kind of ['le', 'be'] as const) {
    it(`CSV, UTF-16 ${kind.toUpperCase()}: the header is read, usernames checked, one csv-syntax warning`, () => {
      const buf = utf16('username,mail\r\nalice,a@x\r\nbob smith,b@x\r\nalice,c@x\r\n', kind);
      for (const r of [bytes(buf, { format: 'csv' }), oneByOne(buf, { format: 'csv' })]) {
        assert.equal(r.entries, 3);
        assert.deepEqual(codes(r.findings), ['csv-syntax', 'username-format', 'username-duplicate']);
        assert.equal(
          r.findings[0].message,
          `File is UTF-16 ${kind.toUpperCase()} (it starts with a byte-order mark); it was decoded to check the usernames, but Ping tools read sync files as UTF-8: save it as UTF-8.`
        );
        assert.deepEqual([r.findings[2].range.startLine, r.findings[2].range.startColumn], [3, 0]);
      }
    });
  }

  it('LDIF, UTF-16 LE: entries and usernames as in the UTF-8 file, plus one ldif-syntax warning', () => {
    const text = 'dn: uid=a,dc=x\nuid: a\n\ndn: uid=b,dc=x\nuid: a\u200Bb\n';
    const r = bytes(utf16(text, 'le'), { format: 'ldif' });
    const plain = bytes(text, { format: 'ldif' });
    assert.equal(r.entries, 2);
    assert.deepEqual(r.findings.slice(1), plain.findings);
    assert.equal(r.findings[0].code, 'ldif-syntax');
    assert.match(r.findings[0].message, /UTF-16 LE .*RFC 2849/);
  });

  it('a file that only starts with 0xFF is not taken for UTF-16', () => {
    const r = bytes(Buffer.from([0xff, 0x41, 0x0a]), { format: 'csv' });
    assert.ok(!r.findings.some((f) => /UTF-16/.test(f.message)));
  });
});

describe('username-missing: which LDIF entries must carry a username (README "Username rules")', () => {
  const missing = (text: string) => only(ldif(text).findings, 'username-missing').map((f) => f.range.startLine);
  it('a person or account class, or a DN named by the username attribute', () => {
    assert.deepEqual(missing('dn: cn=B,dc=x\nobjectClass: inetOrgPerson\ncn: B\n'), [0]);
    assert.deepEqual(missing('dn: cn=B,dc=x\nobjectClass: posixAccount\ncn: B\n'), [0]);
    assert.deepEqual(missing('dn: uid=c,dc=x\nobjectClass: organizationalUnit\n'), [0]);
  });

  it('not a group, a unit or any other non-person class', () => {
    assert.deepEqual(missing('dn: cn=G,dc=x\nobjectClass: groupOfNames\nmember: cn=B,dc=x\n'), []);
    assert.deepEqual(missing('dn: ou=P,dc=x\nobjectClass: organizationalUnit\nou: P\n'), []);
  });

  it('without objectClass lines (partial search output): flagged unless the RDN is dc, o, ou, c or l', () => {
    assert.deepEqual(missing('dn: cn=A,dc=x\npostalAddress: p\n'), [0]);
    for (const rdn of ['dc=x', 'o=Example', 'ou=People,dc=x', 'c=US', 'l=Anytown,c=US']) {
      assert.deepEqual(missing(`dn: ${rdn}\ndescription: d\n`), [], rdn);
    }
  });
});
