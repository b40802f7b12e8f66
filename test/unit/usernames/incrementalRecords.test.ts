import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type ScanOptions } from '../../../src/usernames';

/**
 * The editor model keeps the commonest record lean (its one username on one line, nothing else); the
 * others keep what the scanner made. Records on either side of that line, and the occurrences a record
 * offers to the duplicate check, must give what a full scan gives: findings with their ranges, and the
 * per-entry records with each value's range and the range of its value-spec.
 */

function sameAsFullScan(text: string, options: ScanOptions) {
  const opts: ScanOptions = { collectEntries: true, ...options };
  const got = new IncrementalDocumentScan(text, opts).result();
  assert.deepEqual(got, scanText(text, opts));
  return got;
}

const codesAndLines = (r: ReturnType<typeof sameAsFullScan>) => r.findings.map((f) => [f.code, f.range.startLine, f.range.endLine]);

describe('IncrementalDocumentScan records, lean or not', () => {
  it('keeps the range of a username folded over two lines', () => {
    // Its second line ends right of where it starts on the first: its columns alone could pass for a one-line value.
    const r = sameAsFullScan('dn: uid=a,dc=x\nuid: abcdefghij\n\ndn: uid=b,dc=x\nuid: ab\n cdefghij\n', { format: 'ldif' });
    assert.deepEqual(codesAndLines(r), [['username-duplicate', 4, 5]]);
    assert.deepEqual(r.findings[0].range, { startLine: 4, startColumn: 5, endLine: 5, endColumn: 9 });
  });

  it('keeps the value-spec of a username that starts on the next line', () => {
    // `uid:` then a folded line: the spec starts on the attribute's line, the value on the next.
    // The value starts right of the colon's column: its columns alone could pass for a one-line spec.
    const r = sameAsFullScan('dn: uid=a,dc=x\nuid: x\n\ndn: uid=b,dc=x\nuid:\n      x\n', { format: 'ldif' });
    assert.deepEqual(codesAndLines(r), [['username-duplicate', 5, 5]]);
    const occ = r.records![1].occurrences[0];
    assert.deepEqual([occ.specRange.startLine, occ.valueRange.startLine, occ.valueRange.startColumn], [4, 5, 6]);
  });

  it('never makes empty values of entries with several values duplicates of each other', () => {
    const r = sameAsFullScan('dn: uid=a,dc=x\nuid: x1\nuid:\n\ndn: uid=b,dc=x\nuid: x2\nuid:\n', { format: 'ldif' });
    assert.deepEqual(
      r.findings.map((f) => f.code),
      ['username-missing', 'username-multiple-values', 'username-missing', 'username-multiple-values']
    );
  });

  it('finds a duplicate of an entry with several values and an empty one', () => {
    const r = sameAsFullScan('dn: uid=a,dc=x\nuid: x1\nuid:\n\ndn: uid=b,dc=x\nuid: x1\n', { format: 'ldif' });
    assert.deepEqual(
      r.findings.filter((f) => f.code === 'username-duplicate').map((f) => [f.range.startLine, f.related![0].range.startLine]),
      [[5, 1]]
    );
  });

  it('never makes empty CSV usernames duplicates of each other', () => {
    const r = sameAsFullScan('username\n""\n""\n', { format: 'csv' });
    assert.deepEqual(codesAndLines(r), [
      ['username-missing', 1, 1],
      ['username-missing', 2, 2],
    ]);
  });

  it('finds a duplicate of the second value of an entry under a findings cap (values kept with their record)', () => {
    const r = sameAsFullScan('dn: uid=a,dc=x\nuid: x\nuid: y\n\ndn: uid=b,dc=x\nuid: y\n', { format: 'ldif', maxFindings: 10 });
    assert.deepEqual(codesAndLines(r), [
      ['username-multiple-values', 2, 2],
      ['username-duplicate', 5, 5],
    ]);
  });

  it('puts the mixed-records finding once among the own findings of a change record, in the first findings too', () => {
    const text = 'dn: uid=a,dc=x\nobjectClass: person\nuid: a\n\ndn: uid=b,dc=x\nchangetype: modify\nreplace: uid\nuid: a b\n-\n';
    const want = sameAsFullScan(text, { format: 'ldif' }).findings;
    assert.deepEqual(
      want.map((f) => [f.code, f.range.startLine]),
      [
        ['ldif-syntax', 4],
        ['username-format', 7],
      ]
    );
    assert.deepEqual(new IncrementalDocumentScan(text, { format: 'ldif' }).firstFindings(10), { findings: want, hidden: 0 });
  });
});
