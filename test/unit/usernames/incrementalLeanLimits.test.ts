import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type ScanOptions, type ScanResult } from '../../../src/usernames';

/**
 * The editor model packs a username's line and columns into small integers (a lean record, an offered
 * LDIF value) while they fit, and keeps them another way when they do not. Each case sits just past
 * such a limit and checks what the user sees: the finding's range, its related range and the per-entry
 * records, all as a full scan gives them.
 */

function sameAsFullScan(text: string, options: ScanOptions): ScanResult {
  const opts: ScanOptions = { collectEntries: true, ...options };
  const got = new IncrementalDocumentScan(text, opts).result();
  assert.deepEqual(got, scanText(text, opts));
  return got;
}

/** [line, start column, end column] of each finding and of its first related range. */
function where(r: ScanResult): number[][] {
  return r.findings.map((f) => {
    const rel = f.related?.[0]?.range;
    return [f.range.startLine, f.range.startColumn, f.range.endColumn, rel?.startLine ?? -1, rel?.startColumn ?? -1, rel?.endColumn ?? -1];
  });
}

describe('IncrementalDocumentScan: positions past what a lean record packs', () => {
  it('keeps the line of a username 300 lines below its entry’s DN', () => {
    // Past 255 lines the line no longer fits the 8 bits above the packed columns (70 lines, in incremental.test.ts, still do).
    const description = Array.from({ length: 300 }, (_, i) => `description: d${i}`);
    const text = ['dn: uid=a,dc=x', ...description, 'uid: alice', '', 'dn: uid=b,dc=x', 'uid: alice', ''].join('\n');
    const r = sameAsFullScan(text, { format: 'ldif' });
    assert.deepEqual(where(r), [[304, 5, 10, 301, 5, 10]]);
    assert.equal(r.records![0].occurrences[0].valueRange.startLine, 301);
  });

  it('keeps the encoding of a base64 username, its only value', () => {
    const r = sameAsFullScan('dn: uid=a,dc=x\nuid:: Ym9i\n\ndn: uid=b,dc=x\nuid: bob\n', { format: 'ldif' });
    assert.deepEqual(
      r.records!.map((e) => e.occurrences.map((o) => [o.encoding, o.value])),
      [[['base64', 'bob']], [['plain', 'bob']]]
    );
  });

  it('keeps the end of a username folded over 8 191 more lines (an LDIF value’s line counts are packed up to 8 190)', () => {
    const text = 'dn: uid=a,dc=x\nuid: x\n' + Array.from({ length: 8191 }, () => ' y').join('\n') + '\n';
    const r = sameAsFullScan(text, { format: 'ldif' });
    assert.deepEqual(r.records![0].occurrences[0].valueRange, { startLine: 1, startColumn: 5, endLine: 8192, endColumn: 2 });
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.range.startLine, f.range.endLine]),
      [['username-too-long', 1, 8192]]
    );
  });
});
