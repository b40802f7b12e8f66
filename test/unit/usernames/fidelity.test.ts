// Sync-file fidelity: each case is a minimal input reproducing one way the
// engine read real-world LDIF and CSV files differently from RFC 2849 / RFC 4180.
import assert from 'node:assert/strict';
import { createScanner, type ScanOptions, type ScanResult } from '../../../src/usernames';
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
      'dn: cn=a,dc=x', 'changetype: modify', 'add: description', 'description: x', '-', '',
      'delete: description', '-', 'replace: telephonenumber', 'telephonenumber: 1', '-', '',
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
