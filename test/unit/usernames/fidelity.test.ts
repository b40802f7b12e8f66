// Sync-file fidelity: each case is a minimal input reproducing one way the
// engine read real-world LDIF and CSV files differently from RFC 2849 / RFC 4180.
import assert from 'node:assert/strict';
import { createScanner, type ScanOptions, type ScanResult } from '../../../src/usernames';
import { csv, only } from './helpers';

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
