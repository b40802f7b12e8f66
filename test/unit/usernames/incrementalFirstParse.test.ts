import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type Range, type ScanOptions } from '../../../src/usernames';

/**
 * The editor model's first parse and the findings it builds from it, in the corners a plain document
 * does not reach: a lean entry that also carries the mixed-records finding, a case-duplicate between two
 * copies of one entry, history-mode duplicates of one value with different first occurrences, a duplicate
 * that moved while its first occurrence stayed, a CSV username that is not valid UTF-16, and what the
 * first parse reports it parsed. Each result must be what a full scan of the same text gives.
 */

function sameAsFullScan(inc: IncrementalDocumentScan, opts: ScanOptions, label = '') {
  const got = inc.result();
  assert.deepEqual(got, scanText(inc.text, opts), label);
  return got;
}

const at = (line: number): Range => ({ startLine: line, startColumn: 0, endLine: line, endColumn: 0 });

describe('IncrementalDocumentScan first parse and findings, corner cases', () => {
  it('counts a lean entry holding both the mixed-records finding and a duplicate under every severity', () => {
    // The second entry is a content record after a change record (the mixed-records finding) and repeats the
    // first one's username: one value on one line, so the model keeps it lean.
    const text = ['dn: uid=a,dc=x', 'changetype: add', 'uid: alice', '', 'dn: uid=b,dc=x', 'uid: alice', ''].join('\n');
    const seen: Array<[number, number, number]> = [];
    for (const sev of ['error', 'warning', 'info', 'off'] as const) {
      const opts: ScanOptions = { format: 'ldif', severities: { 'username-duplicate': sev } };
      const got = sameAsFullScan(new IncrementalDocumentScan(text, opts), opts, sev);
      seen.push([got.errors, got.warnings, got.infos]);
    }
    // The mixed-records finding is a warning; the duplicate follows its setting.
    assert.deepEqual(seen, [
      [1, 1, 0],
      [0, 2, 0],
      [0, 1, 1],
      [0, 1, 0],
    ]);
  });

  it('words a username repeated in another case by a second copy of an entry as a case duplicate', () => {
    const text = ['dn: uid=a,dc=x', 'uid: alice', '', 'dn: uid=a,dc=x', 'uid: Alice', ''].join('\n');
    const opts: ScanOptions = { format: 'ldif' };
    const got = sameAsFullScan(new IncrementalDocumentScan(text, opts), opts);
    assert.deepEqual(
      got.findings.map((f) => f.code),
      ['username-duplicate-case']
    );
    assert.doesNotMatch(got.findings[0].message, /appears twice/);
  });

  it('points each history-mode duplicate of one value at its own first occurrence, under a cap that does not cut', () => {
    // alice added twice, both deleted, then added twice again: two duplicates of one value, each with its own first.
    const add = (dn: string) => [`dn: ${dn}`, 'changetype: add', 'uid: alice', ''];
    const del = (dn: string) => [`dn: ${dn}`, 'changetype: delete', ''];
    const text = [
      ...add('uid=a,dc=x'),
      ...add('uid=b,dc=x'),
      ...del('uid=a,dc=x'),
      ...del('uid=b,dc=x'),
      ...add('uid=c,dc=x'),
      ...add('uid=d,dc=x'),
    ].join('\n');
    for (const maxFindings of [100, undefined]) {
      const opts: ScanOptions = { format: 'ldif', maxFindings };
      const got = sameAsFullScan(new IncrementalDocumentScan(text, opts), opts, `cap ${maxFindings}`);
      assert.deepEqual(
        got.findings.map((f) => [f.range.startLine, f.related?.[0].range.startLine]),
        [
          [6, 2],
          [20, 16],
        ]
      );
    }
  });

  it('moves a duplicate whose first occurrence stays where it was', () => {
    const cases: Array<[ScanOptions['format'], string, Range]> = [
      ['csv', 'name,username\na,alice\nb,bob\nc,alice\n', at(2)],
      ['ldif', 'dn: uid=a,dc=x\nuid: alice\n\ndn: uid=b,dc=x\nuid: bob\n\ndn: uid=c,dc=x\nuid: alice\n', at(4)],
    ];
    for (const [format, text, where] of cases) {
      const opts: ScanOptions = { format };
      const inc = new IncrementalDocumentScan(text, opts);
      const before = sameAsFullScan(inc, opts, `${format} before`);
      // A line of its own between the two: the duplicate moves down one line, its first occurrence does not.
      inc.edit([{ range: where, text: format === 'csv' ? 'z,zed\n' : 'description: x\n' }]);
      const after = sameAsFullScan(inc, opts, `${format} after`);
      assert.equal(after.findings.length, 1, format);
      assert.equal(after.findings[0].range.startLine, before.findings[0].range.startLine + 1, format);
      assert.equal(after.findings[0].related?.[0].range.startLine, before.findings[0].related?.[0].range.startLine, format);
      assert.deepEqual(inc.firstFindings(10).findings, after.findings, format);
    }
  });

  it('reads a CSV username holding a lone surrogate as text, not as its UTF-8 replacement', () => {
    // The row is not ASCII, so the first parse feeds it line by line; UTF-8 has no lone surrogate (it would read U+FFFD).
    for (const value of ['x\ud800y', '\udfffz', 'bad \ud83d name']) {
      const text = `name,username\na,${value}\nb,${value}\n`;
      const opts: ScanOptions = { format: 'csv' };
      const got = sameAsFullScan(new IncrementalDocumentScan(text, opts), opts, JSON.stringify(value));
      assert.ok(got.findings.length > 0, JSON.stringify(value));
      for (const f of got.findings) if (f.username !== undefined) assert.equal(f.username, value);
      assert.ok(!got.findings.some((f) => f.message.includes('\ufffd')), JSON.stringify(value));
    }
  });

  it("allows a version line in the file's first record only, when that record is a plain entry", () => {
    // The first parse reads plain entries without the scanner past the file's first record; the first must go
    // through it, so that a `version:` line in the next record is the error a full scan reports.
    for (const first of ['dn: uid=a,dc=x\nuid: alice\n\n', 'version: 1\ndn: uid=a,dc=x\nuid: alice\n\n']) {
      const text = `${first}version: 1\ndn: uid=b,dc=x\nuid: bob\n\ndn: uid=c,dc=x\nuid: carol\n`;
      const opts: ScanOptions = { format: 'ldif' };
      const got = sameAsFullScan(new IncrementalDocumentScan(text, opts), opts, first);
      assert.deepEqual(
        got.findings.map((f) => f.code),
        ['ldif-syntax'],
        first
      );
    }
  });

  it('reports the lines and records its first parse read', () => {
    const cases: Array<[ScanOptions['format'], string, number, number]> = [
      ['ldif', 'dn: uid=a,dc=x\nuid: alice\n\ndn: uid=b,dc=x\nuid: bob\n', 5, 2],
      ['ldif', 'dn: uid=a,dc=x\nuid: alice', 2, 1],
      ['csv', 'name,username\na,alice\nb,bob\nc,carol\n', 4, 4],
    ];
    for (const [format, text, lines, records] of cases) {
      const inc = new IncrementalDocumentScan(text, { format });
      assert.deepEqual(inc.lastRescan, { fromLine: 0, toLine: lines - 1, linesParsed: lines, recordsParsed: records }, text);
    }
  });
});
