/**
 * The small collectors of a whole-file scan (src/usernames/aggregate.ts): the mixed-records check
 * (RFC 2849 allows content records or change records in one file, not both), the findings collector
 * (severity settings, the cap, counts by severity) and the per-entry records a scan keeps when asked
 * (`collectEntries`), on the text and byte scan paths.
 */
import assert from 'node:assert/strict';
import { FindingCollector, MixedRecordsCheck } from '../../../src/usernames/aggregate';
import { createScanner, scanText } from '../../../src/usernames/scan';
import type { Finding, Range } from '../../../src/usernames/types';

const at = (line: number): Range => ({ startLine: line, startColumn: 0, endLine: line, endColumn: 1 });

describe('MixedRecordsCheck', () => {
  it('reports the first record of the other kind once, however often the kind changes after it', () => {
    const check = new MixedRecordsCheck();
    const seen = [
      ['content', 0],
      ['content', 3],
      ['change', 6],
      ['content', 9],
      ['change', 12],
    ].map(([kind, line]) => check.offerAt(kind as 'content' | 'change', line as number));
    assert.deepEqual(
      seen.map((f) => f && [f.code, f.severity, f.range.startLine, f.message]),
      [
        undefined,
        undefined,
        [
          'ldif-syntax',
          'warning',
          6,
          'File mixes content records and change records (this is a change record after content records); RFC 2849 allows one kind per file.',
        ],
        undefined,
        undefined,
      ]
    );
  });
});

describe('FindingCollector', () => {
  const f = (code: Finding['code'], severity: Finding['severity'], line: number): Finding => ({
    code,
    severity,
    range: at(line),
    message: `m${line}`,
  });

  it('applies severity settings (a changed severity, a finding turned off) and counts each severity', () => {
    const c = new FindingCollector({ 'username-format': 'info', 'username-missing': 'off', 'username-duplicate-case': 'error' });
    c.add(f('username-format', 'error', 0));
    c.add(f('username-missing', 'error', 1));
    c.add(f('username-duplicate-case', 'warning', 2));
    c.add(f('username-multiple-values', 'warning', 3));
    c.add(f('username-duplicate', 'error', 4));
    assert.deepEqual(
      c.findings.map((x) => [x.code, x.severity]),
      [
        ['username-format', 'info'],
        ['username-duplicate-case', 'error'],
        ['username-multiple-values', 'warning'],
        ['username-duplicate', 'error'],
      ]
    );
    assert.deepEqual([c.errors, c.warnings, c.infos, c.truncated], [2, 1, 1, false]);
  });

  it('keeps the first findings up to the cap, counts only those, and says it cut; at the cap exactly it did not', () => {
    const c = new FindingCollector({}, 2);
    c.add(f('username-duplicate', 'error', 0));
    c.add(f('username-multiple-values', 'warning', 1));
    assert.equal(c.truncated, false, 'two findings fit a cap of two');
    c.add(f('username-format', 'info', 2));
    c.add(f('username-duplicate', 'error', 3));
    assert.deepEqual(
      c.findings.map((x) => x.range.startLine),
      [0, 1]
    );
    assert.deepEqual([c.errors, c.warnings, c.infos, c.truncated], [1, 1, 0, true]);
  });
});

describe('The per-entry records a whole-file scan keeps (collectEntries)', () => {
  const text =
    'version: 1\ndn: uid=a,dc=x\nchangetype: add\nuid: a\n\n' +
    'dn: uid=a,dc=x\nchangetype: modify\nreplace: uid\nuid: b\n-\n\n' +
    'dn: uid=c,dc=x\nchangetype: delete\n\n' +
    'dn: uid=d,dc=x\nchangetype: add\nuid: d\n';
  const expected = [
    [0, 'add', 0, 3, ['a']],
    [1, 'modify', 5, 9, ['b']],
    [2, 'delete', 11, 12, []],
    [3, 'add', 14, 16, ['d']],
  ];

  it('lists every entry with its index, kind, lines and usernames, from text and from bytes', () => {
    const fromText = scanText(text, { format: 'ldif', collectEntries: true }).records!;
    const scanner = createScanner({ format: 'ldif', collectEntries: true });
    scanner.push(Buffer.from(text));
    const fromBytes = scanner.end().records!;
    for (const records of [fromText, fromBytes])
      assert.deepEqual(
        records.map((r) => [r.index, r.kind, r.startLine, r.endLine, r.occurrences.map((o) => o.value)]),
        expected
      );
  });
});

describe('A whole-file CSV scan from bytes: rows the scanner reads and the findings cap', () => {
  it('finds duplicates among rows whose usernames have findings of their own or are quoted, not only plain rows', () => {
    const text = 'id,username\n1,bad user\n2,"bob"\n3,bad user\n4,bob\n5,"BOB"\n';
    const scanner = createScanner({ format: 'csv' });
    scanner.push(Buffer.from(text));
    const dups = scanner
      .end()
      .findings.filter((f) => f.code.startsWith('username-duplicate'))
      .map((f) => [f.code, f.range.startLine, f.related![0].range.startLine]);
    assert.deepEqual(dups, [
      ['username-duplicate', 3, 1],
      ['username-duplicate', 4, 2],
      ['username-duplicate-case', 5, 2],
    ]);
  });

  it('keeps only maxFindings findings and says it cut', () => {
    const scanner = createScanner({ format: 'csv', maxFindings: 2 });
    scanner.push(Buffer.from('username\na b\nc d\ne f\n'));
    const result = scanner.end();
    assert.deepEqual([result.findings.length, result.truncated], [2, true]);
  });
});
