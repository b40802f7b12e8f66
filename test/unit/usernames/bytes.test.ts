/**
 * The LDIF byte path (lines split and mostly skipped as bytes, only read
 * lines decoded) must give exactly what decoding the whole (fold-repaired)
 * stream and scanning the text gives, including the first-invalid-UTF-8
 * finding, a BOM, CR/CRLF breaks and chunk boundaries anywhere.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createScanner, scanText, type Finding, type ScanResult } from '../../../src/usernames';
import { FoldRepair } from '../../../src/usernames/foldRepair';

const line = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      'dn: uid=a,dc=x',
      'dn:: dWlkPWIsZGM9eA==',
      'uid: alice',
      'UID: Alice',
      'uid: a b',
      'uid:: Sm9zw6k=',
      'uid:: !!',
      'uid: é',
      'objectClass: person',
      'OBJECTCLASS: top',
      'objectclass:: cGVyc29u',
      'objectClass;x: person',
      'objectClass:organizationalUnit',
      'objectClass: organizational',
      ' Unit',
      ' Person',
      'cn: c',
      'description: d',
      'x-é: y',
      'changetype: modify',
      'replace: uid',
      '-',
      'changetype: add',
      'version: 1',
      '# c',
      ' continued',
      '\tTAB',
      'junk',
      ':',
      '',
      '',
      ''
    ),
  },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 6 }) }
);
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const noise = fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xef, 0xbf, 0xbd], [0xef, 0xbb, 0xbf], [0xc3, 0xa9]);

/** The reference: decode the whole repaired stream, scan the text, add the invalid-UTF-8 finding by hand. */
function reference(bytes: Buffer): Pick<ScanResult, 'findings' | 'entries' | 'records'> {
  const r = new FoldRepair();
  const repaired = Buffer.concat([r.push(bytes), r.end()]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(repaired);
  const res = scanText(text, { format: 'ldif', collectEntries: true });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = body.indexOf('\uFFFD');
  const findings: Finding[] = [...res.findings];
  if (at >= 0) {
    const before = body.slice(0, at).split(/\r\n|\r|\n/);
    const l = before.length - 1,
      c = before[l].length;
    findings.push({
      code: 'ldif-syntax',
      severity: 'warning',
      range: { startLine: l, startColumn: c, endLine: l, endColumn: c + 1 },
      message: 'Invalid UTF-8 (or a literal U+FFFD) first appears here; such bytes read as U+FFFD REPLACEMENT CHARACTER.',
    });
  }
  return { findings: sorted(findings), entries: res.entries, records: res.records };
}

function sorted(f: Finding[]): Finding[] {
  return [...f].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

describe('LDIF byte path', () => {
  it('equals decoding the whole stream and scanning the text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, eol), { maxLength: 30 }),
        fc.option(fc.tuple(noise, fc.nat())),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        (lines, bad, bom, chunk) => {
          let bytes = Buffer.from(lines.map(([l, e]) => l + e).join(''));
          if (bad) {
            const at = bad[1] % (bytes.length + 1);
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(bad[0]), bytes.subarray(at)]);
          }
          if (bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
          const s = createScanner({ format: 'ldif', collectEntries: true });
          for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
          const got = s.end();
          assert.deepEqual({ findings: sorted(got.findings), entries: got.entries, records: got.records }, reference(bytes));
        }
      ),
      { numRuns: 3000 }
    );
  });
});

const csvLine = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      'name,username',
      'username;name',
      'sep=;',
      'sep=é',
      'sep="',
      '# dn,uid',
      'x,alice',
      'é,Alice',
      'Ивана,"bob"',
      'z,"b,ob"',
      'w,"multi',
      'line"',
      'v,""',
      '"q""r",s',
      'q,"r""s"',
      '"a\\"b",c',
      'k,"a\\"b"',
      'u,bo"b',
      't,alice ',
      'a,b,c',
      'a',
      '"x"y,z',
      'x,"y"z',
      'é,"Nguyễn 1"',
      '𝒳,𝒴 z',
      'x;y',
      'x,é b',
      'x,',
      ',x',
      '',
      '',
      '# c'
    ),
  },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 6 }) }
);

/** The reference for CSV: decode the whole stream, scan the text, add the invalid-UTF-8 finding by hand. */
function csvReference(bytes: Buffer): Pick<ScanResult, 'findings' | 'entries' | 'records'> {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const res = scanText(text, { format: 'csv', collectEntries: true });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = body.indexOf('\uFFFD');
  const findings: Finding[] = [...res.findings];
  if (at >= 0) {
    const before = body.slice(0, at).split(/\r\n|\r|\n/);
    const l = before.length - 1,
      c = before[l].length;
    findings.push({
      code: 'csv-syntax',
      severity: 'warning',
      range: { startLine: l, startColumn: c, endLine: l, endColumn: c + 1 },
      message: 'Invalid UTF-8 (or a literal U+FFFD) first appears here; such bytes read as U+FFFD REPLACEMENT CHARACTER.',
    });
  }
  return { findings: sorted(findings), entries: res.entries, records: res.records };
}

describe('CSV byte path', () => {
  it('equals decoding the whole stream and scanning the text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(csvLine, eol), { maxLength: 30 }),
        fc.option(fc.tuple(noise, fc.nat())),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        (lines, bad, bom, chunk) => {
          let bytes = Buffer.from(lines.map(([l, e]) => l + e).join(''));
          if (bad) {
            const at = bad[1] % (bytes.length + 1);
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(bad[0]), bytes.subarray(at)]);
          }
          if (bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
          const s = createScanner({ format: 'csv', collectEntries: true });
          for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
          const got = s.end();
          assert.deepEqual({ findings: sorted(got.findings), entries: got.entries, records: got.records }, csvReference(bytes));
        }
      ),
      { numRuns: 3000 }
    );
  });

  it('reads ordinary rows from the bytes with exact UTF-16 columns', () => {
    const text = 'name,username\nИвана,"𝒳 b"\nNguyễn,user.1\n"a, b",user.1\n';
    const s = createScanner({ format: 'csv', collectEntries: true });
    s.push(Buffer.from(text));
    const got = s.end();
    const want = scanText(text, { format: 'csv', collectEntries: true });
    assert.deepEqual(got.records, want.records);
    assert.deepEqual(got.findings, want.findings);
    assert.ok(got.findings.some((f) => f.code === 'username-duplicate' && f.range.startLine === 3));
  });
});

describe('fold repair never joins bytes into an invalid character', () => {
  // Found by the fuzz test: C0 is never a UTF-8 lead byte, so `C0 LF SP 80` is two invalid bytes, not a folded character.
  it('keeps positions inside the decoded lines for C0 LF SP 80', () => {
    const bytes = Buffer.from([0xc0, 0x0a, 0x20, 0x80]);
    for (const chunk of [1, 2, 4]) {
      const s = createScanner({ format: 'ldif', collectEntries: true });
      for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
      const lengths = new TextDecoder()
        .decode(bytes)
        .split('\n')
        .map((l) => l.length);
      for (const f of s.end().findings)
        assert.ok(f.range.endColumn <= lengths[f.range.endLine], `${f.code} ${JSON.stringify(f.range)} (chunks of ${chunk})`);
    }
  });
});
