import assert from 'node:assert/strict';
import { IncrementalDocumentScan, createScanner, scanText } from '../../../src/usernames';
import { at, codes, ldif, only } from './helpers';

const P = 'dn: uid=a,dc=x\nobjectClass: person\n';

describe('LDIF scanner: RFC 2849 edge cases', () => {
  it('1. empty file, only comments, only blank lines', () => {
    for (const t of ['', '# c\n# d\n', '\n\n\n', '# folded\n  comment\n']) {
      const r = ldif(t);
      assert.equal(r.entries, 0, JSON.stringify(t));
      assert.deepEqual(r.findings, []);
    }
  });

  it('2. version: 1 present or absent; version: 2 is invalid', () => {
    assert.deepEqual(codes(ldif('version: 1\n\n' + P + 'uid: a\n').findings), []);
    assert.deepEqual(codes(ldif('version: 1\n' + P + 'uid: a\n').findings), []);
    assert.deepEqual(codes(ldif('# header\n\nversion: 1\n\n' + P + 'uid: a\n').findings), []);
    assert.deepEqual(codes(ldif(P + 'uid: a\n').findings), []);
    const r = ldif('version: 2\n\n' + P + 'uid: a\n');
    assert.deepEqual(codes(r.findings), ['ldif-syntax']);
    assert.match(r.findings[0].message, /version 1/);
  });

  it('3. CRLF, mixed line ends, lone CR, no final newline, BOM', () => {
    const crlf = ldif('dn: uid=a,dc=x\r\nuid: a b\r\n\r\ndn: uid=b,dc=x\r\nuid: b\r\n');
    assert.equal(crlf.entries, 2);
    assert.deepEqual(at(only(crlf.findings, 'username-format')[0]), [1, 6, 1, 7]);
    assert.deepEqual(codes(ldif('dn: uid=a,dc=x\r\nuid: a\n\ndn: uid=b,dc=x\nuid: b\r\n').findings), []);
    const cr = ldif('dn: uid=a,dc=x\ruid: a\r\rdn: uid=b,dc=x\ruid: a');
    assert.equal(cr.entries, 2);
    assert.deepEqual(codes(cr.findings).sort(), ['ldif-syntax', 'ldif-syntax', 'username-duplicate']);
    assert.deepEqual(at(only(cr.findings, 'username-duplicate')[0]), [4, 5, 4, 6]);
    assert.deepEqual(codes(ldif('dn: uid=a,dc=x\nuid: a').findings), []);
    // Via bytes a BOM is reported (Ping's readers keep it); columns don't count it.
    const s = createScanner({ format: 'ldif' });
    s.push(Buffer.from('\uFEFFdn: uid=a,dc=x\nuid: a b\n'));
    const bom = s.end();
    assert.deepEqual(codes(bom.findings), ['ldif-syntax', 'username-format']);
    assert.match(bom.findings[0].message, /byte-order mark/);
    assert.deepEqual(at(bom.findings[1]), [1, 6, 1, 7]);
  });

  it('4. folded DN and value: once, many times, after a space, folded comment', () => {
    const once = ldif('dn: uid=a,\n dc=x\nuid: ali\n ce smith\n');
    const f = only(once.findings, 'username-format')[0];
    assert.equal(f.username, 'alice smith');
    // The space is the 4th character of the continuation line (" ce smith").
    assert.deepEqual(at(f), [3, 3, 3, 4]);
    assert.deepEqual(once.records![0].occurrences[0].valueRange, { startLine: 2, startColumn: 5, endLine: 3, endColumn: 9 });
    const many = ldif('dn: uid=a,dc=x\nuid: a\n b\n c\n d\n \u200B\n');
    const inv = only(many.findings, 'username-invalid-character')[0];
    assert.equal(inv.username, 'abcd\u200B');
    assert.deepEqual(at(inv), [5, 1, 5, 2]);
    // Folded right after a space: the space belongs to the value (checked after unfolding).
    const afterSpace = ldif('dn: uid=a,dc=x\nuid: john \n doe\n');
    assert.equal(only(afterSpace.findings, 'username-format')[0].username, 'john doe');
    assert.deepEqual(only(afterSpace.findings, 'username-whitespace'), []);
    assert.deepEqual(codes(ldif('# a comment\n  that continues\n' + P + 'uid: a\n').findings), []);
  });

  it('4. folded in the middle of a multi-byte character (bytes)', () => {
    const bytes = Buffer.concat([
      Buffer.from('dn: uid=a,dc=x\nuid: Jos'),
      Buffer.from([0xc3]),
      Buffer.from('\n '),
      Buffer.from([0xa9]),
      Buffer.from('\u200B\n'),
    ]);
    for (const chunk of [bytes.length, 3, 1]) {
      const s = createScanner({ format: 'ldif', collectEntries: true });
      for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
      const r = s.end();
      assert.equal(r.records![0].occurrences[0].value, 'José\u200B', `chunk ${chunk}`);
      // Continuation line keeps its columns: " é\u200B" → the ZWSP is at column 2.
      assert.deepEqual(at(only(r.findings, 'username-invalid-character')[0]), [2, 2, 2, 3]);
    }
  });

  it('5. continuation as first line of file or record; TAB continuation', () => {
    const first = ldif(' orphan\n' + P + 'uid: a\n');
    assert.deepEqual(codes(first.findings), ['ldif-syntax']);
    assert.deepEqual(at(first.findings[0]), [0, 0, 0, 7]);
    const rec = ldif(P + 'uid: a\n\n continued\n\n' + 'dn: uid=b,dc=x\nuid: b\n');
    assert.deepEqual(codes(rec.findings), ['ldif-syntax']);
    assert.equal(rec.findings[0].range.startLine, 4);
    const tab = ldif('dn: uid=a,dc=x\nuid: ab\n\tc\n');
    assert.deepEqual(codes(tab.findings), ['ldif-syntax']);
    assert.match(tab.findings[0].message, /TAB continuation/);
    assert.equal(tab.records![0].occurrences[0].value, 'abc');
  });

  it('6. base64: valid, invalid, invalid UTF-8, folded; positions are the encoded span', () => {
    const ok = ldif('dn: uid=a,dc=x\nuid:: Sm9zw6kg\n');
    assert.equal(ok.findings[0].username, 'José ');
    assert.deepEqual(at(ok.findings[0]), [1, 6, 1, 14]);
    assert.equal(ok.findings[0].fix!.newText, ':: Sm9zw6k=');
    assert.equal(ok.findings[0].fix!.wasBase64, true);
    const bad = ldif('dn: uid=a,dc=x\nuid:: Sm9z*6k=\n');
    assert.deepEqual(codes(bad.findings), ['ldif-syntax']);
    assert.match(bad.findings[0].message, /not valid base64/);
    const notUtf8 = ldif('dn: uid=a,dc=x\nuid:: /w==\n');
    assert.match(notUtf8.findings[0].message, /not valid UTF-8/);
    const folded = ldif('dn: uid=a,dc=x\nuid:: YWxp\n Y2Ug\n Ym9i\n');
    assert.equal(folded.records![0].occurrences[0].value, 'alice bob');
    assert.deepEqual(at(only(folded.findings, 'username-format')[0]), [1, 6, 3, 5]);
  });

  it('7. uid:< URL is reported as unchecked', () => {
    const r = ldif('dn: uid=a,dc=x\nuid:< file:///etc/passwd\n');
    assert.deepEqual(codes(r.findings), ['username-unchecked']);
    assert.equal(r.findings[0].severity, 'info');
    assert.deepEqual(at(r.findings[0]), [1, 6, 1, 24]);
  });

  it('8. empty value, several FILL spaces, no space', () => {
    assert.deepEqual(codes(ldif('dn: uid=a,dc=x\nuid:\n').findings), ['username-missing']);
    const fill = ldif('dn: uid=a,dc=x\nuid:    x y\n');
    assert.deepEqual(at(fill.findings[0]), [1, 9, 1, 10]);
    assert.equal(fill.findings[0].username, 'x y');
    assert.equal(ldif('dn: uid=a,dc=x\nuid:x\n').records![0].occurrences[0].value, 'x');
  });

  it('9. unencoded trailing space; values starting with ":" or "<" unencoded', () => {
    const t = ldif('dn: uid=a,dc=x\nuid: alice \n');
    assert.deepEqual(codes(t.findings).sort(), ['ldif-syntax', 'username-whitespace']);
    const ws = only(t.findings, 'username-whitespace')[0];
    assert.deepEqual(at(ws), [1, 10, 1, 11]);
    assert.equal(ws.fix!.newText, ': alice');
    const colon = ldif('dn: uid=a,dc=x\nuid: :alice\n');
    assert.ok(colon.findings.some((f) => f.code === 'ldif-syntax' && /must be base64/.test(f.message)));
    const lt = ldif('dn: uid=a,dc=x\nuid: <alice\n');
    assert.ok(lt.findings.some((f) => f.code === 'ldif-syntax' && /must be base64/.test(f.message)));
  });

  it('10. raw UTF-8 username; control characters', () => {
    const raw = ldif('dn: uid=a,dc=x\nuid: José\n');
    assert.deepEqual(codes(raw.findings), ['ldif-syntax']);
    assert.equal(raw.findings[0].severity, 'info');
    const ctl = ldif('dn: uid=a,dc=x\nuid: a\u0007b\u0000\n');
    const f = only(ctl.findings, 'username-invalid-character')[0];
    assert.match(f.message, /U\+0007 BELL, U\+0000 NULL/);
    assert.deepEqual(at(f), [1, 6, 1, 7]);
    assert.equal(f.fix!.value, 'ab');
  });

  it('11. attribute case, aliases, options, multiple values, RDN-only uid, RDN differs', () => {
    for (const name of ['UID', 'Uid', 'userid', '0.9.2342.19200300.100.1.1']) {
      assert.equal(ldif(`dn: uid=a,dc=x\n${name}: x y\n`).findings[0]?.code, 'username-format', name);
    }
    const opt = ldif('dn: uid=a,dc=x\nuid;lang-en: x y\nuid: a\n');
    assert.deepEqual(codes(opt.findings), []);
    const multi = ldif('dn: uid=a,dc=x\nuid: a\nuid: b\nuid: a\n');
    assert.deepEqual(codes(multi.findings), ['username-multiple-values', 'username-multiple-values']);
    assert.deepEqual(at(multi.findings[0].related![0]), [1, 5, 1, 6]);
    const rdnOnly = ldif('dn: uid=jdoe,ou=People,dc=x\nobjectClass: inetOrgPerson\ncn: J\n');
    assert.deepEqual(codes(rdnOnly.findings), ['username-missing']);
    assert.match(rdnOnly.findings[0].message, /uid=jdoe/);
    assert.deepEqual(at(rdnOnly.findings[0]), [0, 4, 0, 27]);
    const differs = ldif('dn: uid=jdoe,dc=x\nuid: john\n');
    assert.deepEqual(differs.findings, []);
    assert.equal(differs.records![0].occurrences[0].value, 'john');
    // Non-person entries need no username.
    assert.deepEqual(ldif('dn: ou=People,dc=x\nobjectClass: organizationalUnit\nou: People\n').findings, []);
    // Another attribute with its aliases.
    assert.equal(ldif('dn: cn=a,dc=x\nrfc822Mailbox: a@x\n', { ldifAttribute: 'mail' }).findings[0].code, 'username-format');
  });

  it('each username attribute setting reads its own names, in any order in one process, whole-file and in the editor model', () => {
    // The names are not on the line after the DN (which is read whatever its name): the scanner finds them by its name tables.
    const text = 'dn: cn=a,dc=x\nobjectClass: person\ncn: a\nrfc822Mailbox: a b\nuid: c d e\n';
    for (const [attr, line] of [
      ['uid', 4],
      ['mail', 3],
      ['uid', 4],
      ['rfc822mailbox', 3],
    ] as const) {
      const whole = scanText(text, { format: 'ldif', ldifAttribute: attr }).findings;
      const model = new IncrementalDocumentScan(text, { format: 'ldif', ldifAttribute: attr }).result().findings;
      for (const findings of [whole, model])
        assert.deepEqual(
          findings.map((f) => [f.code, f.range.startLine]),
          [['username-format', line]],
          attr
        );
    }
  });

  it('12. change records: add, modify replace/add/delete uid, delete, modrdn/moddn', () => {
    const add = ldif('dn: uid=a,dc=x\nchangetype: add\nobjectClass: person\nuid: a b\n');
    assert.deepEqual(codes(add.findings), ['username-format']);
    assert.equal(add.records![0].kind, 'add');
    assert.deepEqual(codes(ldif('dn: uid=a,dc=x\nchangetype: add\nobjectClass: person\n').findings), ['username-missing']);
    const mod = ldif(
      'dn: uid=a,dc=x\nchangetype: modify\nreplace: uid\nuid: x y\n-\nadd: uid\nuid: z\u200B\n-\ndelete: uid\nuid: old bad\n-\n'
    );
    assert.deepEqual(codes(mod.findings).sort(), [
      'ldif-syntax',
      'username-format',
      'username-invalid-character',
      'username-multiple-values',
    ]);
    assert.equal(mod.records![0].kind, 'modify');
    const bad = ldif('dn: uid=a,dc=x\nchangetype: modify\nreplace: uid\ncn: x\n-\n');
    assert.deepEqual(codes(bad.findings), ['ldif-syntax']);
    assert.deepEqual(ldif('dn: uid=a,dc=x\nchangetype: delete\n').findings, []);
    assert.deepEqual(codes(ldif('dn: uid=a,dc=x\nchangetype: delete\nuid: a\n').findings), ['ldif-syntax']);
    for (const t of ['modrdn', 'moddn']) {
      const r = ldif(`dn: uid=a,dc=x\nchangetype: ${t}\nnewrdn: uid=b\ndeleteoldrdn: 1\n`);
      assert.deepEqual(codes(r.findings), ['ldif-rename']);
      assert.match(r.findings[0].message, /"b"/);
      assert.deepEqual(at(r.findings[0]), [1, 12, 1, 12 + t.length]);
    }
    assert.deepEqual(codes(ldif('dn: uid=a,dc=x\nchangetype: frobnicate\n').findings), ['ldif-syntax']);
    assert.deepEqual(codes(ldif('dn: uid=a,dc=x\ncontrol: 1.2.3 true\nchangetype: delete\n').findings), []);
  });

  it('13. a file mixing content and change records', () => {
    const r = ldif(P + 'uid: a\n\ndn: uid=b,dc=x\nchangetype: delete\n');
    assert.deepEqual(codes(r.findings), ['ldif-syntax']);
    assert.match(r.findings[0].message, /mixes content records and change records/);
    assert.equal(r.entries, 2);
  });

  it('14. long usernames: 128 in code points vs UTF-16 units, astral characters', () => {
    const astral = '😀'.repeat(128); // 128 code points, 256 UTF-16 units
    assert.deepEqual(codes(ldif(`dn: uid=a,dc=x\nuid:: ${Buffer.from(astral).toString('base64')}\n`, { profile: 'api' }).findings), []);
    const long = ldif(`dn: uid=a,dc=x\nuid: ${'a'.repeat(129)}\n`);
    assert.deepEqual(codes(long.findings), ['username-too-long']);
    assert.match(long.findings[0].message, /129 characters long \(counted in Unicode code points\)/);
    assert.deepEqual(at(long.findings[0]), [1, 5, 1, 134]);
    const emoji = ldif('dn: uid=a,dc=x\nuid: a😀\u200Bb\n', { profile: 'api' });
    const inv = only(emoji.findings, 'username-invalid-character')[0];
    assert.deepEqual(at(inv), [1, 8, 1, 9]);
    assert.match(inv.message, /at character 3/);
  });

  it('15. huge files: 100k entries with duplicates, streamed in chunks', function () {
    this.timeout(60000);
    const parts: string[] = [];
    for (let i = 0; i < 100000; i++)
      parts.push(`dn: uid=user.${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: user.${i % 99990}\ncn: User ${i}\n`);
    const text = parts.join('\n');
    const s = createScanner({ format: 'ldif' });
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += 65536) s.push(buf.subarray(i, i + 65536));
    const r = s.end();
    assert.equal(r.entries, 100000);
    const d = only(r.findings, 'username-duplicate');
    assert.equal(d.length, 10);
    assert.equal(d[0].username, 'user.0');
    assert.deepEqual(at(d[0]), [99990 * 5 + 2, 5, 99990 * 5 + 2, 11]);
    assert.deepEqual(at(d[0].related![0]), [2, 5, 2, 11]);
    assert.deepEqual(r.findings, scanText(text, { format: 'ldif', collectEntries: false }).findings);
  });

  it('16. RFC 2849 examples 1-3 (checked against the RFC text)', () => {
    const ex1 =
      'version: 1\ndn: cn=Barbara Jensen, ou=Product Development, dc=airius, dc=com\nobjectclass: top\nobjectclass: person\nobjectclass: organizationalPerson\ncn: Barbara Jensen\ncn: Barbara J Jensen\ncn: Babs Jensen\nsn: Jensen\nuid: bjensen\ntelephonenumber: +1 408 555 1212\ndescription: A big sailing fan.\n\ndn: cn=Bjorn Jensen, ou=Accounting, dc=airius, dc=com\nobjectclass: top\nobjectclass: person\nobjectclass: organizationalPerson\ncn: Bjorn Jensen\nsn: Jensen\ntelephonenumber: +1 408 555 1212\n';
    const r = ldif(ex1);
    assert.equal(r.entries, 2);
    assert.deepEqual(codes(r.findings), ['username-missing']);
    const ex3 =
      'version: 1\ndn: cn=Gern Jensen, ou=Product Testing, dc=airius, dc=com\nobjectclass: top\nobjectclass: person\nobjectclass: organizationalPerson\ncn: Gern Jensen\ncn: Gern O Jensen\nsn: Jensen\nuid: gernj\ntelephonenumber: +1 408 555 1212\ndescription:: V2hhdCBhIGNhcmVmdWwgcmVhZGVyIHlvdSBhcmUhICBUaGlzIHZhbHVl\n IGlzIGJhc2UtNjQtZW5jb2RlZCBiZWNhdXNlIGl0IGhhcyBhIGNvbnRyb2wgY2hhcmFjdG\n VyIGluIGl0IChhIENSKS4NICBCeSB0aGUgd2F5LCB5b3Ugc2hvdWxkIHJlYWxseSBnZXQg\n b3V0IG1vcmUu\n';
    assert.deepEqual(ldif(ex3).findings, []);
  });

  it('syntax: lines without colon, bad attribute names, records not starting with dn', () => {
    assert.deepEqual(codes(ldif(P + 'uid: a\nnonsense\n').findings), ['ldif-syntax']);
    assert.deepEqual(codes(ldif('uid: a\ncn: b\n').findings), ['ldif-syntax']);
    assert.deepEqual(codes(ldif(P + 'bad name: x\nuid: a\n').findings), ['ldif-syntax']);
    assert.deepEqual(codes(ldif('dn: uid=a,dc=x\n').findings), ['ldif-syntax']);
  });
});
