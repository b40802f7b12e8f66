import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IncrementalDocumentScan, scanText, type ScanOptions, type Range } from '../../../src/usernames';

const ldifLine = fc.constantFrom(
  'dn: uid=a,dc=x',
  'dn: cn=b,dc=x',
  'uid: alice',
  'uid: Alice',
  'uid: bob',
  'UID: bob',
  'uid:: Ym9i',
  'uid:: !!',
  'uid: x y',
  'objectClass: person',
  'objectClass: organizationalUnit',
  'cn: c',
  ' continued',
  '\tTAB',
  '# comment',
  '',
  '',
  '',
  'version: 1',
  'changetype: modify',
  'replace: uid',
  '-',
  'changetype: modrdn',
  'newrdn: uid=z',
  'deleteoldrdn: 1',
  'changetype: delete',
  'uid:< file:///x',
  'uid: a\u200Bb',
  'uid: é',
  'junk'
);
const csvLine = fc.constantFrom(
  'name,username',
  'x,alice',
  'y,Alice',
  'z,"bob"',
  'w,"multi',
  'line"',
  'v,""',
  '"q""r",s',
  '',
  '# c',
  'a,b,c',
  'u,bo"b',
  'k,"a\\"b"',
  't,alice '
);

function doc(lines: string[]): string {
  return lines.join('\n');
}

function editGen(lineCount: number) {
  return fc.record({
    startLine: fc.nat({ max: Math.max(0, lineCount - 1) }),
    startColumn: fc.nat({ max: 12 }),
    lines: fc.nat({ max: 3 }),
    endColumn: fc.nat({ max: 12 }),
    text: fc.oneof(
      fc.constantFrom('', '\n', '\n\n', 'uid: alice\n', 'x', ' ', '"', ',', 'dn: uid=q\nuid: q', '\r\n', '\r', 'alice'),
      fc.string({ maxLength: 6 })
    ),
  });
}

function normalized(opts: ScanOptions, text: string) {
  const r = scanText(text, opts);
  return { findings: r.findings, entries: r.entries, records: r.records };
}

function checkEquivalence(
  opts: ScanOptions,
  lines: string[],
  edits: Array<{ startLine: number; startColumn: number; lines: number; endColumn: number; text: string }>
) {
  const inc = new IncrementalDocumentScan(doc(lines), opts);
  for (const e of edits) {
    const n = inc.lineCount;
    const sl = Math.min(e.startLine, n - 1);
    const el = Math.min(sl + e.lines, n - 1);
    const range: Range = {
      startLine: sl,
      startColumn: e.startColumn,
      endLine: el,
      endColumn: el === sl ? Math.max(e.startColumn, e.endColumn) : e.endColumn,
    };
    const got = inc.applyEdit(range, e.text);
    const want = normalized(opts, inc.text);
    assert.deepEqual({ findings: got.findings, entries: got.entries, records: got.records }, want);
  }
}

describe('IncrementalDocumentScan', () => {
  it('equals a full LDIF rescan after random edits (property)', () => {
    fc.assert(
      fc.property(fc.array(ldifLine, { maxLength: 30 }), fc.array(editGen(30), { minLength: 1, maxLength: 4 }), (lines, edits) => {
        checkEquivalence({ format: 'ldif' }, lines, edits);
      }),
      { numRuns: 400 }
    );
  });

  it('equals a full CSV rescan after random edits (property)', () => {
    fc.assert(
      fc.property(fc.array(csvLine, { maxLength: 25 }), fc.array(editGen(25), { minLength: 1, maxLength: 4 }), (lines, edits) => {
        checkEquivalence({ format: 'csv' }, ['name,username', ...lines], edits);
      }),
      { numRuns: 400 }
    );
  });

  it('equals a full rescan with severity settings and a findings cap (property)', () => {
    const severities: ScanOptions['severities'] = {
      'ldif-syntax': 'info',
      'username-duplicate-case': 'off',
      'username-duplicate': 'warning',
      'csv-syntax': 'off',
    };
    const counts = (r: { errors: number; warnings: number; infos: number; truncated: boolean }) => [
      r.errors,
      r.warnings,
      r.infos,
      r.truncated,
    ];
    fc.assert(
      fc.property(
        fc.array(ldifLine, { maxLength: 30 }),
        fc.array(editGen(30), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (lines, edits, cap) => {
          const opts: ScanOptions = { format: 'ldif', severities, ...(cap ? { maxFindings: 3 } : {}) };
          const inc = new IncrementalDocumentScan(doc(lines), opts);
          for (const e of edits) {
            const n = inc.lineCount;
            const sl = Math.min(e.startLine, n - 1);
            const el = Math.min(sl + e.lines, n - 1);
            const got = inc.applyEdit({ startLine: sl, startColumn: e.startColumn, endLine: el, endColumn: e.endColumn }, e.text);
            const want = scanText(inc.text, opts);
            if (!cap) assert.deepEqual({ findings: got.findings, counts: counts(got) }, { findings: want.findings, counts: counts(want) });
            else {
              const all = scanText(inc.text, { ...opts, maxFindings: undefined }).findings.length;
              assert.deepEqual([got.findings.length, got.truncated], [Math.min(3, all), all > 3]);
            }
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  it('hands out the first N findings by position and counts the rest, as a full rescan has them (property)', () => {
    const severities: ScanOptions['severities'] = { 'username-duplicate-case': 'off', 'username-format': 'info', 'csv-syntax': 'off' };
    const check = (
      opts: ScanOptions,
      lines: string[],
      edits: Array<{ startLine: number; lines: number; startColumn: number; endColumn: number; text: string }>,
      max: number
    ) => {
      const inc = new IncrementalDocumentScan(doc(lines), opts);
      // Before any result() was built (nothing cached), then after each edit.
      const first = inc.firstFindings(max);
      const want0 = scanText(inc.text, opts).findings;
      assert.deepEqual(first, { findings: want0.slice(0, max), hidden: Math.max(0, want0.length - max) });
      for (const e of edits) {
        const n = inc.lineCount;
        const sl = Math.min(e.startLine, n - 1);
        inc.edit([
          {
            range: { startLine: sl, startColumn: e.startColumn, endLine: Math.min(sl + e.lines, n - 1), endColumn: e.endColumn },
            text: e.text,
          },
        ]);
        const want = scanText(inc.text, opts).findings;
        assert.deepEqual(inc.firstFindings(max), { findings: want.slice(0, max), hidden: Math.max(0, want.length - max) });
      }
    };
    fc.assert(
      fc.property(
        fc.array(ldifLine, { maxLength: 30 }),
        fc.array(editGen(30), { minLength: 1, maxLength: 3 }),
        fc.nat({ max: 6 }),
        fc.boolean(),
        (lines, edits, max, withSeverities) => check({ format: 'ldif', ...(withSeverities ? { severities } : {}) }, lines, edits, max)
      ),
      { numRuns: 300 }
    );
    fc.assert(
      fc.property(
        fc.array(csvLine, { maxLength: 25 }),
        fc.array(editGen(25), { minLength: 1, maxLength: 3 }),
        fc.nat({ max: 6 }),
        fc.boolean(),
        (lines, edits, max, withSeverities) =>
          check({ format: 'csv', ...(withSeverities ? { severities } : {}) }, ['name,username', ...lines], edits, max)
      ),
      { numRuns: 300 }
    );
  });

  it('hands out the first N findings of entries with more values than are shown, as a full rescan has them (property)', () => {
    // Entries of 70–150 values (over the size at which only the shown findings are made), some of them
    // repeats, invalid, in another case or another entry's too, with a cap inside or past the first entry.
    const value = fc.constantFrom('v.1', 'v.2', 'V.1', 'x y', 'w.3', 'w.4', 'a\u200Bb');
    const entry = fc
      .tuple(fc.array(value, { minLength: 70, maxLength: 150 }), fc.nat({ max: 1000 }))
      .map(([values, n]) => `dn: uid=e${n},dc=x\n${values.map((v, i) => (i % 3 === 0 ? `uid: ${v}${i}` : `uid: ${v}`)).join('\n')}\n`);
    const severities: ScanOptions['severities'] = { 'username-multiple-values': 'info', 'username-duplicate-case': 'off' };
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        fc.nat({ max: 200 }),
        (entries, max, withSeverities, at) => {
          const opts: ScanOptions = { format: 'ldif', ...(withSeverities ? { severities } : {}) };
          const inc = new IncrementalDocumentScan(entries.join('\n'), opts);
          const want = scanText(inc.text, opts).findings;
          assert.deepEqual(inc.firstFindings(max), { findings: want.slice(0, max), hidden: Math.max(0, want.length - max) });
          // An edit inside the first entry, then the list again (moved records, changed duplicates).
          const line = at % inc.lineCount;
          inc.edit([{ range: { startLine: line, startColumn: 0, endLine: line, endColumn: 0 }, text: 'uid: v.2\n' }]);
          const after = scanText(inc.text, opts).findings;
          assert.deepEqual(inc.firstFindings(max), { findings: after.slice(0, max), hidden: Math.max(0, after.length - max) });
          assert.deepEqual(inc.result().findings, after);
        }
      ),
      { numRuns: 60 }
    );
  });

  it('finds the per-entry record at a line as the full list has it, before and after an edit (property)', () => {
    const check = (inc: IncrementalDocumentScan) => {
      const records = inc.result().records!;
      for (let line = 0; line < inc.lineCount; line++)
        assert.deepEqual(
          inc.entryAt(line),
          records.find((r) => r.startLine <= line && line <= r.endLine),
          `line ${line}`
        );
      assert.deepEqual(inc.entries(), records);
    };
    fc.assert(
      fc.property(fc.array(ldifLine, { maxLength: 30 }), editGen(30), (lines, e) => {
        const inc = new IncrementalDocumentScan(doc(lines), { format: 'ldif', collectEntries: true });
        check(inc);
        const sl = Math.min(e.startLine, inc.lineCount - 1);
        inc.edit([
          {
            range: {
              startLine: sl,
              startColumn: e.startColumn,
              endLine: Math.min(sl + e.lines, inc.lineCount - 1),
              endColumn: e.endColumn,
            },
            text: e.text,
          },
        ]);
        check(inc);
      }),
      { numRuns: 200 }
    );
  });

  it('names each multiple-values finding after its own attribute (an alias or not), however they alternate', () => {
    for (const names of [
      ['uid', 'uid', 'userid', 'uid'],
      ['uid', 'userid', 'userid'],
      ['userid', 'uid', 'uid', 'uid'],
    ]) {
      const text = `dn: cn=a,dc=x\n${names.map((n, i) => `${n}: v${i}`).join('\n')}\n`;
      const want = scanText(text, { format: 'ldif' });
      assert.equal(want.findings.filter((f) => f.code === 'username-multiple-values').length, names.length - 1);
      assert.deepEqual(new IncrementalDocumentScan(text, { format: 'ldif' }).result(), want);
      assert.deepEqual(new IncrementalDocumentScan(text, { format: 'ldif' }).firstFindings(1).findings, want.findings.slice(0, 1));
    }
  });

  it('keeps the lines of values folded over thousands of lines, the value far below its attribute name, after edits above them', () => {
    // An entry with several values (each kept with its lines as counts from the value's first line): the
    // first folded over 9,000 lines, the second starting 9,000 lines below its `uid:`, the third plain.
    const folded = 'uid: al' + '\n i'.repeat(9000) + 'ce';
    const below = 'uid:' + '\n '.repeat(9000) + ' bob';
    const text = `dn: uid=a,dc=x\n${folded}\n${below}\nuid: alice\nuid: carol\n\ndn: uid=b,dc=x\nuid: carol\n`;
    const inc = new IncrementalDocumentScan(text, { format: 'ldif' });
    assert.deepEqual(inc.result(), scanText(text, { format: 'ldif' }));
    const got = inc.applyEdit({ startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, '# a\n# b\n');
    assert.deepEqual(got, scanText(inc.text, { format: 'ldif' }));
    const bob = got.records![0].occurrences[1];
    assert.equal(bob.value, 'bob');
    assert.deepEqual(
      [bob.specRange.startLine, bob.valueRange.startLine, bob.valueRange.endLine],
      [2 + 9002, 2 + 9002 + 9000, 2 + 9002 + 9000]
    );
  });

  it('keeps earlier results intact and reuses the findings of records an edit did not touch', () => {
    const parts: string[] = [];
    for (let i = 0; i < 200; i++) parts.push(`dn: uid=user.${i},dc=example,dc=com\nuid: user ${i % 150}\n`);
    const inc = new IncrementalDocumentScan(parts.join('\n'), { format: 'ldif' });
    const before = inc.result();
    const snapshot = JSON.stringify(before);
    // Same-line edit in entry 10: every other record keeps its finding objects.
    const same = inc.applyEdit({ startLine: 31, startColumn: 5, endLine: 31, endColumn: 9 }, 'usr');
    assert.deepEqual(same.findings, scanText(inc.text, { format: 'ldif' }).findings);
    // Entry 160 (line 481) lost its duplicate of entry 10, so only its findings are new objects.
    const untouched = same.findings.filter((f) => f.range.startLine > 40 && f.range.startLine !== 481);
    assert.ok(untouched.length > 100);
    assert.ok(untouched.every((f) => before.findings.includes(f)));
    // Line-count changes shift later records; earlier results must not move with them.
    inc.applyEdit({ startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, '# a\n# b\n');
    assert.equal(JSON.stringify(before), snapshot);
    assert.deepEqual(inc.result(), scanText(inc.text, { format: 'ldif' }));
  });

  it('duplicates of one username share one related list until their first occurrence moves, and earlier results stay as they were', () => {
    const parts: string[] = [];
    for (let i = 0; i < 50; i++) parts.push(`dn: uid=u${i},dc=x\nuid: same\n`);
    const inc = new IncrementalDocumentScan(parts.join('\n'), { format: 'ldif' });
    const before = inc.result();
    const snapshot = JSON.stringify(before);
    assert.deepEqual(before, scanText(inc.text, { format: 'ldif' }));
    assert.equal(before.findings.length, 49);
    // One related list (and one range for the first occurrence) serves all 49 duplicates.
    assert.ok(before.findings.every((f) => f.related === before.findings[0].related));
    assert.deepEqual(before.findings[0].related![0].range, { startLine: 1, startColumn: 5, endLine: 1, endColumn: 9 });
    // A line above the first occurrence moves it: every duplicate points at the new line, the old result does not move.
    const moved = inc.applyEdit({ startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, '# top\n');
    assert.deepEqual(moved, scanText(inc.text, { format: 'ldif' }));
    assert.ok(moved.findings.every((f) => f.related![0].range.startLine === 2));
    assert.equal(JSON.stringify(before), snapshot);
    // Entry u1 (now on line 4) gets the first entry's DN: its duplicate is the entry appearing twice, worded as a full scan words it.
    const twice = inc.applyEdit({ startLine: 4, startColumn: 9, endLine: 4, endColumn: 10 }, '0');
    assert.deepEqual(twice, scanText(inc.text, { format: 'ldif' }));
    assert.match(twice.findings[0].message, /^Entry "uid=u0,dc=x" appears twice in this file \(username "same" on lines 3 and 6\)/);
  });

  it('re-parses only the touched LDIF entry of 10,000 and updates duplicates', () => {
    const parts: string[] = [];
    for (let i = 0; i < 10000; i++)
      parts.push(`dn: uid=user.${i},dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: user.${i}\ncn: User ${i}\n`);
    const inc = new IncrementalDocumentScan(parts.join('\n'), { format: 'ldif' });
    assert.equal(inc.result().findings.length, 0);
    // Entry 5000 starts at line 5000*5; its uid is on line +2. Make it a duplicate of user.7.
    const line = 5000 * 5 + 2;
    const r = inc.applyEdit({ startLine: line, startColumn: 5, endLine: line, endColumn: 14 }, 'user.7');
    assert.ok(inc.lastRescan.linesParsed <= 6, `parsed ${inc.lastRescan.linesParsed} lines`);
    assert.equal(inc.lastRescan.recordsParsed, 1);
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0].code, 'username-duplicate');
    assert.deepEqual(r.findings[0].related![0].range, { startLine: 7 * 5 + 2, startColumn: 5, endLine: 7 * 5 + 2, endColumn: 11 });
    // Undo: the duplicate goes away.
    const back = inc.applyEdit({ startLine: line, startColumn: 5, endLine: line, endColumn: 11 }, 'user.5000');
    assert.equal(back.findings.length, 0);
    // Inserting a new entry shifts later entries without re-parsing them.
    inc.applyEdit({ startLine: 10, startColumn: 0, endLine: 10, endColumn: 0 }, 'dn: uid=n,dc=x\nuid: user.9999\n\n');
    assert.ok(inc.lastRescan.linesParsed <= 12);
    const full = scanText(inc.text, { format: 'ldif' });
    assert.deepEqual(inc.result().findings, full.findings);
    assert.equal(full.findings[0].code, 'username-duplicate');
  });

  it('reads duplicate CSV usernames at columns past what a lean row (262,143) or lean record (511) holds as a full rescan does, after edits', () => {
    for (const width of [600, 1_100_000]) {
      const wide = 'x'.repeat(width);
      const text = `note,username\n${wide},alice\nshort,alice\n${wide},Alice\n${wide},"bob"\n${wide},bob\n`;
      const inc = new IncrementalDocumentScan(text, { format: 'csv' });
      const want = scanText(text, { format: 'csv' });
      assert.deepEqual(inc.result(), want);
      assert.deepEqual(
        want.findings.map((f) => [f.code, f.range.startLine, f.range.startColumn]),
        [
          ['username-duplicate', 2, 6],
          ['username-duplicate-case', 3, width + 1],
          ['username-duplicate', 5, width + 1],
        ]
      );
      assert.deepEqual(inc.firstFindings(1).findings, want.findings.slice(0, 1));
      // The edit above re-parses every row after the header (lean records, not rows), the second one row.
      let got = inc.applyEdit({ startLine: 1, startColumn: 0, endLine: 1, endColumn: 0 }, 'y');
      assert.deepEqual(got, scanText(inc.text, { format: 'csv' }));
      got = inc.applyEdit({ startLine: 3, startColumn: 0, endLine: 3, endColumn: 1 }, 'z');
      assert.deepEqual(got, scanText(inc.text, { format: 'csv' }));
    }
  });

  it('keeps entries whose username lies past what a lean record holds (line 63, gap 31) as a full rescan does, after edits', () => {
    const attrs = Array.from({ length: 70 }, (_, i) => `description: line ${i}`).join('\n');
    const text = [`dn: uid=a,dc=x\n${attrs}\nuid: alice`, `dn: uid=b,dc=x\nuid:${' '.repeat(40)}alice`, `dn: uid=d,dc=x\nuid: Alice`].join(
      '\n\n'
    );
    const inc = new IncrementalDocumentScan(text, { format: 'ldif' });
    const want = scanText(text, { format: 'ldif' });
    assert.deepEqual(inc.result(), want);
    assert.deepEqual(
      want.findings.filter((f) => f.code.startsWith('username-duplicate')).map((f) => [f.code, f.range.startLine, f.range.startColumn]),
      [
        ['username-duplicate', 74, 44],
        ['username-duplicate-case', 77, 5],
      ]
    );
    let got = inc.applyEdit({ startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, '# top\n');
    assert.deepEqual(got, scanText(inc.text, { format: 'ldif' }));
    got = inc.applyEdit({ startLine: 75, startColumn: 0, endLine: 75, endColumn: 0 }, 'x');
    assert.deepEqual(got, scanText(inc.text, { format: 'ldif' }));
    assert.deepEqual(inc.firstFindings(2).findings, got.findings.slice(0, 2));
  });

  it('keeps the columns of values read as they come that do not pack (a long gap, a long value) as a full rescan does, after edits', () => {
    const long = 'l'.repeat(1100);
    const text = `dn: uid=a,dc=x\nuid:${' '.repeat(40)}alice\nuid: bob\nuid: ${long}\nuid: bob\n\ndn: uid=b,dc=x\nuid: alice\nuid: ${long}\n`;
    const inc = new IncrementalDocumentScan(text, { format: 'ldif' });
    const want = scanText(text, { format: 'ldif' });
    assert.deepEqual(inc.result(), want);
    assert.deepEqual(
      want.findings.filter((f) => f.code === 'username-duplicate').map((f) => [f.range.startLine, f.related![0].range]),
      [
        [7, { startLine: 1, startColumn: 44, endLine: 1, endColumn: 49 }],
        [8, { startLine: 3, startColumn: 5, endLine: 3, endColumn: 1105 }],
      ]
    );
    const got = inc.applyEdit({ startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, '# top\n');
    assert.deepEqual(got, scanText(inc.text, { format: 'ldif' }));
  });

  it('multiple-values findings of one entry share one related list (its first value), and earlier results stay as they were', () => {
    const values = Array.from({ length: 6 }, (_, i) => `uid: v.${i}`).join('\n');
    const inc = new IncrementalDocumentScan(`dn: uid=a,dc=x\n${values}\n`, { format: 'ldif' });
    const before = inc.result();
    const snapshot = JSON.stringify(before);
    const multiple = before.findings.filter((f) => f.code === 'username-multiple-values');
    assert.equal(multiple.length, 5);
    assert.ok(multiple.every((f) => f.related === multiple[0].related));
    assert.deepEqual(multiple[0].related, [{ message: 'First value', range: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 8 } }]);
    // The first findings shown share it too; a line above moves the first value: the new list says where, the old result does not move.
    assert.ok(inc.firstFindings(3).findings.every((f) => f.related === multiple[0].related));
    const moved = inc.applyEdit({ startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, '# top\n');
    assert.deepEqual(moved, scanText(inc.text, { format: 'ldif' }));
    assert.ok(moved.findings.every((f) => f.related === moved.findings[0].related && f.related![0].range.startLine === 2));
    assert.equal(JSON.stringify(before), snapshot);
  });

  it("a plain CSV row's public record has one range object for its value and its value-spec (the same range), as a full rescan's equals", () => {
    const text = 'username,mail\nalice,a@x.com\n"bob",b@x.com\nalice,c@x.com\n';
    const inc = new IncrementalDocumentScan(text, { format: 'csv' });
    const got = inc.result();
    assert.deepEqual(got, scanText(text, { format: 'csv' }));
    const [alice, bob, again] = got.records!.map((r) => r.occurrences[0]);
    assert.ok(alice.specRange === alice.valueRange && again.specRange === again.valueRange);
    // A quoted field's spec holds its quotes: a range of its own.
    assert.deepEqual([bob.specRange.startColumn, bob.valueRange.startColumn], [0, 1]);
  });

  it('re-parses only the touched CSV row', () => {
    const rows = ['username,mail'];
    for (let i = 0; i < 5000; i++) rows.push(`user.${i},u${i}@x.com`);
    const inc = new IncrementalDocumentScan(rows.join('\n') + '\n', { format: 'csv' });
    const r = inc.applyEdit({ startLine: 100, startColumn: 0, endLine: 100, endColumn: 0 }, ' ');
    assert.ok(inc.lastRescan.linesParsed <= 3);
    assert.deepEqual(
      r.findings.map((f) => f.code),
      ['username-whitespace']
    );
  });
});
