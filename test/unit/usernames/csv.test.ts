import assert from 'node:assert/strict';
import { createScanner } from '../../../src/usernames';
import { at, codes, csv, only } from './helpers';

describe('CSV scanner: RFC 4180 traps and the dialects Ping tools write', () => {
  it('BOM is stripped so the first header still matches', () => {
    const s = createScanner({ format: 'csv', collectEntries: true });
    s.push(Buffer.from('\uFEFFusername,email\nal ice,a@x.com\n'));
    const r = s.end();
    assert.equal(r.entries, 1);
    assert.deepEqual(codes(r.findings), ['username-format']);
    assert.deepEqual(at(r.findings[0]), [1, 2, 1, 3]);
    assert.deepEqual(codes(csv('\uFEFFusername\nbob\n').findings), []);
  });

  it('delimiter detection among , ; TAB | and the sep= hint', () => {
    for (const d of [',', ';', '\t', '|']) {
      const r = csv(`email${d}username${d}x\na@x.com${d}a b${d}1\n`);
      assert.deepEqual(codes(r.findings), ['username-format'], JSON.stringify(d));
      assert.equal(r.findings[0].username, 'a b');
      assert.deepEqual(at(r.findings[0]), [1, 9, 1, 10]);
    }
    const sep = csv('sep=;\nname,x;username\nA,1;a b\n');
    assert.equal(sep.findings[0].username, 'a b');
  });

  it('spaces are part of the field (RFC 4180)', () => {
    const r = csv('username,mail\n alice ,a@x\n');
    assert.deepEqual(codes(r.findings), ['username-whitespace']);
    assert.equal(r.findings[0].fix!.newText, 'alice');
    assert.deepEqual(at(r.findings[0]), [1, 0, 1, 1]);
  });

  it('quoted fields: embedded delimiter, doubled quotes, positions inside quotes', () => {
    const r = csv('mail,username\n"a,b","x""y z"\n');
    const f = only(r.findings, 'username-format')[0];
    assert.equal(f.username, 'x"y z');
    assert.deepEqual(at(f), [1, 8, 1, 9]); // the decoded " maps to the first of the two quotes
    assert.deepEqual(r.records![0].occurrences[0].valueRange, { startLine: 1, startColumn: 7, endLine: 1, endColumn: 13 });
    assert.deepEqual(r.records![0].occurrences[0].specRange, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 14 });
  });

  it('embedded newlines: multi-line fields report physical lines', () => {
    const r = csv('username,mail\n"first\nsecond\u200B third",m\nbob,n\n');
    assert.equal(r.entries, 2);
    const inv = only(r.findings, 'username-invalid-character')[0];
    assert.match(inv.message, /U\+000A LINE FEED, U\+200B ZERO WIDTH SPACE/);
    assert.deepEqual(at(inv), [1, 6, 2, 0]); // a line break inside the value spans to the next line
    assert.deepEqual(r.records![0].occurrences[0].valueRange, { startLine: 1, startColumn: 1, endLine: 2, endColumn: 13 });
    assert.deepEqual(r.records![1].startLine, 3);
    const crlf = csv('username\r\n"a\r\nb"\r\nc\r\n');
    assert.equal(crlf.records![0].occurrences[0].value, 'a\r\nb');
  });

  it('the old \\" escape is recognised and reported', () => {
    const r = csv('username,x\n"a\\"b",1\n');
    assert.deepEqual(codes(r.findings).sort(), ['csv-syntax', 'username-format']);
    assert.equal(r.records![0].occurrences[0].value, 'a"b');
    assert.match(only(r.findings, 'csv-syntax')[0].message, /pre-5\.1\.1/);
    // A backslash right before a closing quote stays RFC 4180.
    assert.equal(csv('username,x\n"C:\\",1\n').records![0].occurrences[0].value, 'C:\\');
  });

  it('ldapsearch --outputFormat csv: commented header, trailing result comments', () => {
    const r = csv('# dn,uid,mail\n"uid=a,dc=x",a,a@x\n"uid=b,dc=x",b c,b@x\n# Result Code:  0 (success)\n\n');
    assert.equal(r.entries, 2);
    assert.deepEqual(codes(r.findings), ['username-format']);
    assert.deepEqual(at(r.findings[0]), [2, 14, 2, 15]);
    assert.equal(csv('# dn,uid\n"uid=a",a\n', { csvColumn: 'username' }).entries, 1);
  });

  it('bare quotes, text after a closing quote, unclosed quote', () => {
    assert.deepEqual(codes(csv('username\nbo"b\n').findings), ['csv-syntax', 'username-format']);
    const after = csv('username,x\n"bob"x,1\n');
    assert.deepEqual(codes(after.findings), ['csv-syntax']);
    const open = csv('username,x\nbob,1\n"never closed,2\nmore\n');
    assert.ok(open.findings.some((f) => f.code === 'csv-syntax' && /never closed/.test(f.message)));
    assert.deepEqual(at(only(open.findings, 'csv-syntax').find((f) => /never closed/.test(f.message))!), [2, 0, 2, 1]);
  });

  it('ragged rows, missing column, empty value, header without the column', () => {
    const r = csv('a,username,b\n1,x\n2\n3,,4\n');
    assert.deepEqual(codes(r.findings), ['csv-syntax', 'csv-syntax', 'username-missing', 'username-missing']);
    const nohdr = csv('name,mail\nx,y\n');
    assert.deepEqual(codes(nohdr.findings), ['username-missing']);
    assert.match(nohdr.findings[0].message, /no "username" column/);
    assert.equal(csv('Name,USERNAME\nx,y\n').findings.length, 0);
    assert.equal(csv('n,login\nx,a b\n', { csvColumn: 'Login' }).findings[0].code, 'username-format');
  });

  it('blank lines between rows are skipped; no final newline', () => {
    const r = csv('username\n\nalice\n\n\nbob');
    assert.equal(r.entries, 2);
    assert.deepEqual(r.findings, []);
  });

  it('duplicates and case duplicates in CSV', () => {
    const r = csv('username\nalice\nAlice\nalice\nA\u0301b\n\u00C1b\n');
    assert.deepEqual(codes(r.findings), ['username-duplicate-case', 'username-duplicate', 'username-duplicate-case']);
    assert.deepEqual(at(r.findings[1].related![0]), [1, 0, 1, 5]);
  });

  it('fix re-quotes a field when needed', () => {
    const r = csv('username;x\n"a;b\u200B";1\n');
    const f = only(r.findings, 'username-invalid-character')[0];
    assert.equal(f.fix!.newText, '"a;b"');
    assert.deepEqual(f.fix!.range, { startLine: 1, startColumn: 0, endLine: 1, endColumn: 6 });
  });
});
