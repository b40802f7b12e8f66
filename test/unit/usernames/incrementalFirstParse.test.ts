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

  it('reports the lines and records its first parse read, and the plain entries it read without the scanner', () => {
    const cases: Array<[ScanOptions['format'], string, number, number, number]> = [
      // The file's first entry is the scanner's (it may hold `version:`); the second, plain, is read from its bytes.
      ['ldif', 'dn: uid=a,dc=x\nuid: alice\n\ndn: uid=b,dc=x\nuid: bob\n', 5, 2, 1],
      ['ldif', 'dn: uid=a,dc=x\nuid: alice', 2, 1, 0],
      ['csv', 'name,username\na,alice\nb,bob\nc,carol\n', 4, 4, 0],
    ];
    for (const [format, text, lines, records, plainEntries] of cases) {
      const inc = new IncrementalDocumentScan(text, { format });
      assert.deepEqual(inc.lastRescan, { fromLine: 0, toLine: lines - 1, linesParsed: lines, recordsParsed: records, plainEntries }, text);
    }
  });

  describe('reads an entry from its bytes only when the scanner would find nothing in it but its one plain username', () => {
    // Each entry follows the file's first one (always the scanner's); `plain` says whether the bytes path may take it.
    const entries: Array<[string, string[], boolean]> = [
      ['a plain entry', ['dn: uid=p,dc=x', 'objectClass: person', 'uid: p', 'cn: P'], true],
      ['its username in capitals, no space after the colon, DN in capitals', ['DN: uid=q,dc=x', 'UID:Quinn.Q'], true],
      ['its username on the line after the DN', ['dn: uid=r,dc=x', 'uid: r', 'sn: R'], true],
      ['a base64 DN', ['dn:: dWlkPWIsZGM9eA==', 'uid: b64'], false],
      ['a URL DN', ['dn:< file:///dn', 'uid: url'], false],
      ['no DN line first', ['uid: nodn', 'dn: uid=n,dc=x'], false],
      ['a change record', ['dn: uid=c,dc=x', 'changetype: add', 'uid: c'], false],
      ['a control', ['dn: uid=k,dc=x', 'control: 1.2.3', 'changetype: add', 'uid: k'], false],
      ['a dotted second name', ['dn: uid=o,dc=x', '2.5.4.3: x', 'uid: o'], false],
      [
        'a dotted name further down, and changetype and control there',
        ['dn: uid=o2,dc=x', 'uid: o2', '2.5.4.3: x', 'changetype: x', 'control: x'],
        true,
      ],
      ['a line starting with a colon', ['dn: uid=y,dc=x', 'uid: y', ': y'], false],
      ['a folded line', ['dn: uid=f,dc=x', 'cn: F', ' olded', 'uid: f'], false],
      ['a folded username', ['dn: uid=g,dc=x', 'uid: g', ' g'], false],
      ['a comment inside', ['dn: uid=h,dc=x', '# note', 'uid: h'], false],
      ['an attribute with options', ['dn: uid=i,dc=x', 'cn;lang-en: I', 'uid: i'], false],
      ['a line without a colon', ['dn: uid=j,dc=x', 'uid: j', 'junk'], false],
      ['an odd name', ['dn: uid=l,dc=x', 'c_n: L', 'uid: l'], false],
      ['two usernames', ['dn: uid=m,dc=x', 'uid: m', 'uid: m2'], false],
      ['no username', ['dn: cn=z,dc=x', 'objectClass: person'], false],
      ['a username that is not plain', ['dn: uid=s,dc=x', 'uid: s s'], false],
      ['a base64 username', ['dn: uid=t,dc=x', 'uid:: dA=='], false],
      ['a username with a trailing space', ['dn: uid=u,dc=x', 'uid: u '], false],
      ['an empty username', ['dn: uid=v,dc=x', 'uid:'], false],
    ];
    const first = ['dn: uid=first,dc=x', 'uid: first'];
    const opts: ScanOptions = { format: 'ldif' };
    for (const [name, lines, plain] of entries)
      it(`${name}: ${plain ? 'from its bytes' : 'by the scanner'}`, () => {
        // Once in the middle of the file, once at its end without a final line break.
        for (const text of [[...first, '', ...lines, '', ...first].join('\n'), [...first, '', ...lines].join('\n')]) {
          const inc = new IncrementalDocumentScan(text, opts);
          sameAsFullScan(inc, opts, text);
          assert.equal(inc.lastRescan.plainEntries, (plain ? 1 : 0) + (text.endsWith('first') ? 1 : 0), text);
        }
      });

    it('a line ending in a lone CR: by the scanner', () => {
      const text = ['dn: uid=first,dc=x', 'uid: first', '', 'dn: uid=w,dc=x\rcn: W', 'uid: w', ''].join('\n');
      const inc = new IncrementalDocumentScan(text, opts);
      sameAsFullScan(inc, opts);
      assert.equal(inc.lastRescan.plainEntries, 0);
    });

    it('a username with digits in the strict profile: by the scanner, which reports it', () => {
      const text = ['dn: uid=first,dc=x', 'uid: first', '', 'dn: uid=d,dc=x', 'uid: user7', ''].join('\n');
      for (const profile of ['guide', 'strict'] as const) {
        const o: ScanOptions = { format: 'ldif', profile };
        const inc = new IncrementalDocumentScan(text, o);
        sameAsFullScan(inc, o, profile);
        assert.equal(inc.lastRescan.plainEntries, profile === 'strict' ? 0 : 1, profile);
      }
    });

    it("another username attribute's aliases; none when a configured name is one the scanner reads otherwise", () => {
      // The attribute after another line: the line after the DN has rules of its own.
      const text = (attr: string) => ['dn: cn=first,dc=x', `${attr}: first`, '', 'dn: cn=e,dc=x', 'cn: e', `${attr}: e`, ''].join('\n');
      const cases: Array<[string, string, number]> = [
        ['userid', 'uid', 1],
        ['0.9.2342.19200300.100.1.1', 'userid', 1],
        ['employeeNumber', 'employeenumber', 1],
        // Invalid attribute names, which the scanner reports: one it would find from its bytes, one it would not.
        ['1abc', '1abc', 0],
        ['my_attr', 'my_attr', 0],
        // objectClass is never a username attribute's line.
        ['objectClass', 'objectclass', 0],
      ];
      for (const [ldifAttribute, written, plainEntries] of cases) {
        const o: ScanOptions = { format: 'ldif', ldifAttribute };
        const inc = new IncrementalDocumentScan(text(written), o);
        sameAsFullScan(inc, o, ldifAttribute);
        assert.equal(inc.lastRescan.plainEntries, plainEntries, ldifAttribute);
      }
    });

    it('a last line without a colon, where the bytes of an earlier step hold a colon just past it: by the scanner', () => {
      // The parse writes each step's lines into one reused buffer, the last line's break not included: past that
      // line's end the buffer still holds an earlier step's bytes. Here, colons (steps of 1024 lines).
      const lines = ['dn: uid=first,dc=x', 'uid: first'];
      while (lines.length < 1023) lines.push('cn: ' + ':'.repeat(60));
      lines.push('', 'dn: uid=jjjjjjjjjjjjjjjjjjjj,dc=x', 'uid: j', 'junk');
      const text = lines.join('\n');
      const inc = new IncrementalDocumentScan(text, opts);
      const got = sameAsFullScan(inc, opts);
      assert.equal(inc.lastRescan.plainEntries, 0);
      assert.deepEqual(
        got.findings.map((f) => [f.code, f.range.startLine]),
        [['ldif-syntax', 1026]]
      );
    });

    it('a username folded onto the first line of the next step, in an entry of many values', () => {
      // The step's last line is a further value of the entry, folded onto the next line: the scanner must not take
      // the bytes an earlier step left past that line's end for the next line's first character.
      const lines = ['dn: uid=first,dc=x', 'uid: first', '', 'dn: uid=a,dc=x'];
      for (let i = 0; lines.length < 1023; i++) lines.push(`uid: v${i}`);
      lines.push('uid: abc', ' def', 'uid: zz', '');
      const inc = new IncrementalDocumentScan(lines.join('\n'), opts);
      const got = sameAsFullScan(inc, opts);
      assert.ok(got.findings.some((f) => f.username === 'abcdef' && f.range.endLine === 1024));
    });

    it('an entry that a step of the parse cuts: by the scanner; the next step reads plain entries again', () => {
      // Steps of 1024 lines: entries of three lines and a blank one from line 4 on, so one entry spans lines 1022–1025.
      const lines = ['dn: uid=first,dc=x', 'uid: first', ''];
      for (let i = 0; lines.length < 2100; i++) lines.push(`dn: uid=u${i},dc=x`, `uid: u${i}`, 'cn: x', '');
      const text = lines.join('\n');
      const inc = new IncrementalDocumentScan(text, opts);
      sameAsFullScan(inc, opts);
      const entries = (lines.length - 3) / 4;
      assert.equal(inc.lastRescan.plainEntries, entries - 2);
    });
  });
});
