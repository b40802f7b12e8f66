import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type ScanOptions, type ScanResult } from '../../../src/usernames';

/**
 * A content entry's usernames reach the editor model as the LDIF scanner reads them (RFC 2849 allows an
 * attribute many values): the second and later plain ones straight from the line's bytes. Each case
 * checks what the user sees against a full scan and names the finding it is about.
 */

function sameAsFullScan(text: string, options: ScanOptions = { format: 'ldif' }): ScanResult {
  const opts: ScanOptions = { collectEntries: true, ...options };
  const got = new IncrementalDocumentScan(text, opts).result();
  assert.deepEqual(got, scanText(text, opts));
  return got;
}

const codesAndLines = (r: ScanResult) => r.findings.map((f) => [f.code, f.range.startLine, f.related?.[0]?.range.startLine ?? -1]);

/** A content entry with several values (a repeat, one that does not decode) in a change file. */
const CHANGE_FILE = [
  'version: 1',
  '',
  'dn: uid=a,dc=x',
  'uid: p',
  'uid:: !!',
  'uid: x',
  'uid: x',
  '',
  'dn: uid=b,dc=x',
  'changetype: add',
  'objectClass: person',
  'uid: x',
  'uid: y',
  '',
  'dn: uid=c,dc=x',
  'uid:: !!',
  'uid: y',
  '',
].join('\n');
const CHANGE_FILE_FINDINGS = [
  ['username-multiple-values', 4, 3],
  ['username-multiple-values', 5, 3],
  ['username-multiple-values', 6, 3],
  ['username-duplicate', 11, 5],
  ['username-multiple-values', 12, 11],
  ['username-duplicate', 16, 12],
  ['username-multiple-values', 16, 15],
];

describe('IncrementalDocumentScan: usernames offered as they are read', () => {
  it('finds a case duplicate of an entry’s second value written in capitals', () => {
    const r = sameAsFullScan('dn: uid=a,dc=x\nuid: x\nuid: Alice\n\ndn: uid=b,dc=x\nuid: alice\n');
    assert.deepEqual(codesAndLines(r), [
      ['username-multiple-values', 2, 1],
      ['username-duplicate-case', 5, 2],
    ]);
  });

  it('never makes two values that do not decode duplicates of each other', () => {
    const r = sameAsFullScan('dn: uid=a,dc=x\nuid:: !!\n\ndn: uid=b,dc=x\nuid:: !!\n');
    assert.ok(r.findings.length > 0);
    assert.ok(r.findings.every((f) => f.code !== 'username-duplicate' && f.code !== 'username-duplicate-case'));
  });

  it('decides duplicates of an entry’s values in file order in a change file (a repeat, a value that does not decode)', () => {
    const r = sameAsFullScan(CHANGE_FILE);
    assert.deepEqual(
      codesAndLines(r).filter(([code]) => code !== 'ldif-syntax'),
      CHANGE_FILE_FINDINGS
    );
  });

  it('moves those duplicates with their entries when an edit adds a line above them', () => {
    const inc = new IncrementalDocumentScan(CHANGE_FILE, { format: 'ldif', collectEntries: true });
    const got = inc.applyEdit({ startLine: 2, startColumn: 0, endLine: 2, endColumn: 0 }, '\n');
    assert.deepEqual(got, scanText(inc.text, { format: 'ldif', collectEntries: true }));
    assert.deepEqual(
      codesAndLines(got).filter(([code]) => code !== 'ldif-syntax'),
      CHANGE_FILE_FINDINGS.map(([code, line, related]) => [code, (line as number) + 1, (related as number) + 1])
    );
  });

  it('never takes a value that earlier entries share for a repeat of the entry’s own', () => {
    // The third entry's `y` is the last of a group holding two other entries' `y`s: a duplicate of the first, not a repeat.
    const r = sameAsFullScan(['a', 'b', 'c'].map((e) => `dn: uid=${e},dc=x\nuid: ${e}\nuid: y\nuid: ${e}2\n`).join('\n'));
    assert.deepEqual(
      r.findings
        .filter((f) => f.code !== 'username-multiple-values')
        .map((f) => [f.code, f.range.startLine, f.related?.[0]?.range.startLine]),
      [
        ['username-duplicate', 7, 2],
        ['username-duplicate', 12, 2],
      ]
    );
    assert.equal(r.findings.filter((f) => /repeats/.test(f.message)).length, 0);
  });

  it('tells an entry’s repeats from its new values when it spells one username more ways than the index walk holds', () => {
    // The first parse finds an open entry's earlier values of a key at the end of the key's group; past a few
    // of them it holds the entry's values in a table. Twenty spellings of one key, then repeats of some of
    // them (plain, and base64 through the string path), then a new spelling, then another entry.
    const spell = (i: number) => [...'abcde'].map((c, k) => ((i >> k) & 1 ? c.toUpperCase() : c)).join('');
    const lines = ['dn: uid=a,dc=x'];
    for (let i = 0; i < 20; i++) lines.push(`uid: ${spell(i)}`);
    const repeated = [0, 3, 19, 12];
    for (const i of repeated.slice(0, 3)) lines.push(`uid: ${spell(i)}`);
    lines.push(`uid:: ${Buffer.from(spell(repeated[3])).toString('base64')}`);
    lines.push(`uid: ${spell(25)}`, `uid: ${spell(3)}`, '', 'dn: uid=b,dc=x', `uid: ${spell(5)}`, `uid: ${spell(31)}`, '');
    const r = sameAsFullScan(lines.join('\n'));
    const repeats = r.findings.filter((f) => f.code === 'username-multiple-values' && /repeats/.test(f.message));
    assert.deepEqual(
      repeats.map((f) => f.range.startLine),
      [21, 22, 23, 24, 26]
    );
    // The other entry's spellings: one the first entry has (a duplicate of it), one it has not (another spelling of its key).
    assert.deepEqual(
      r.findings.filter((f) => f.range.startLine > 27).map((f) => [f.code, f.range.startLine, f.related?.[0]?.range.startLine]),
      [
        ['username-duplicate', 29, 6],
        ['username-duplicate-case', 30, 1],
        ['username-multiple-values', 30, 29],
      ]
    );
  });

  it('reports an entry’s duplicates of another entry’s values as a full scan does, through edits, capped and by kind', () => {
    // A duplicate of its key's first occurrence is kept as the occurrence itself: its kind comes from the two spellings
    // and its first from the key's list, so an edit that respells or moves that first must show in its finding.
    const values = Array.from({ length: 80 }, (_, i) => `v${i}`);
    const first = `dn: uid=a,dc=x\n${values.map((v) => `uid: ${v}`).join('\n')}\n`;
    const second = `dn: uid=b,dc=x\n${values.map((v, i) => `uid: ${i % 2 ? v.toUpperCase() : v}`).join('\n')}\n`;
    // A third entry, past the first findings shown: its findings are only counted, kind by kind.
    const third = `dn: uid=c,dc=x\n${values.map((v, i) => `uid: ${i % 3 ? v : v.toUpperCase()}`).join('\n')}\n`;
    const severities: Array<ScanOptions['severities']> = [
      undefined,
      { 'username-duplicate': 'off' },
      { 'username-duplicate-case': 'off' },
      { 'username-duplicate-case': 'error' },
    ];
    for (const sev of severities) {
      const opts: ScanOptions = { format: 'ldif', severities: sev };
      const inc = new IncrementalDocumentScan(`${first}\n${second}\n${third}`, opts);
      const check = (what: string) => {
        const want = scanText(inc.text, opts).findings;
        // First the first findings, before result() keeps each record's output: more findings than shown, so the
        // second entry's first ones are made alone (see recordPrefix) and the third entry's are only counted.
        assert.deepEqual(inc.firstFindings(10), { findings: want.slice(0, 10), hidden: want.length - 10 }, `${what}: first 10`);
        assert.deepEqual(inc.result().findings, want, `${what}, ${JSON.stringify(sev)}`);
      };
      check('as read');
      // a's v1 respelled V1 on its own line: b's V1 becomes an exact duplicate, at the same place.
      inc.edit([{ range: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 7 }, text: 'V1' }]);
      check('a first respelled');
      // A line above everything: both entries move; then a's v0 gone, so b's v0 is the first of its key.
      inc.edit([{ range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, text: '\n' }]);
      check('moved down');
      inc.edit([{ range: { startLine: 2, startColumn: 0, endLine: 3, endColumn: 0 }, text: '' }]);
      check('a first removed');
    }
  });
});
