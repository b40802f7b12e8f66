import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type Finding, type Range, type ScanOptions } from '../../../src/usernames';

/**
 * What the editor model hands out, compared with a full scan of the same text: the first findings of
 * an entry with more findings than are shown (made one by one, not built whole), the mixed-records
 * finding on a record with nothing else to report, the hidden count after duplicates changed, and
 * the per-entry records after an edit moved or renumbered them, with and without a findings cap.
 */

/** Usernames u0 … u(n-1); every third has a space in it (a `username-format` finding). */
function uidLines(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `uid: u${i} x` : `uid: u${i}`));
}

/**
 * Each of the first two texts ends with an entry of about a hundred findings (its own, one per value after
 * the first, a duplicate of an earlier record's username, and the mixed-records finding, as it is the first
 * record of its kind after a record of the other kind); syntax findings follow its last value. The third
 * one's entry has more findings than are built whole even with multiple values turned off.
 */
/** The big entry's lines after its header: 70 usernames, a line without a colon, a repeat of the first entry's username. */
const BIG_BODY = [...uidLines(70), 'bad line', 'uid: u4', 'other line', 'last line', ''];
const BIG_CONTENT = ['dn: uid=q,dc=x', 'changetype: add', 'uid: u4', '', 'dn: uid=big,dc=x', ...BIG_BODY].join('\n');
const BIG_ADD = ['dn: uid=q,dc=x', 'objectClass: person', 'uid: u4', '', 'dn: uid=big,dc=x', 'changetype: add', ...BIG_BODY].join('\n');

const BIG_SPACES = ['dn: uid=s,dc=x', ...Array.from({ length: 70 }, (_, i) => `uid: s${i} x`), 'bad line', 'other line', ''].join('\n');

const SETTINGS: Array<ScanOptions['severities']> = [
  undefined,
  { 'username-multiple-values': 'off' },
  { 'username-format': 'info', 'ldif-syntax': 'error', 'username-duplicate': 'info', 'username-multiple-values': 'error' },
  { 'username-duplicate': 'off', 'username-format': 'off' },
  { 'ldif-syntax': 'off' },
];

/** A line added at the top (every record moves), then the first username changed to another of the last entry's values. */
const EDITS: Array<{ range: Range; text: string }> = [
  { range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, text: '\n' },
  { range: { startLine: 3, startColumn: 6, endLine: 3, endColumn: 7 }, text: '5' },
];

/** The first `max` findings of a full scan and how many more there are. */
function firstOf(all: Finding[], max: number) {
  return { findings: all.slice(0, max), hidden: Math.max(0, all.length - max) };
}

describe('IncrementalDocumentScan outputs', () => {
  it('shows the first findings of an entry with more findings than are shown as a full scan has them, for caps near either end and between', () => {
    let cut = 0;
    for (const text of [BIG_CONTENT, BIG_ADD, BIG_SPACES])
      for (const severities of SETTINGS) {
        const opts: ScanOptions = { format: 'ldif', severities };
        const inc = new IncrementalDocumentScan(text, opts);
        for (const e of [undefined, ...EDITS]) {
          if (e) inc.edit([e]);
          const want = scanText(inc.text, opts).findings;
          // Every cap near either end, and some between (a cap in the middle is made the same way).
          const n = want.length;
          const caps = [...new Set([0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, n - 4, n - 3, n - 2, n - 1, n, n + 1])];
          for (const max of caps) {
            const got = inc.firstFindings(max);
            assert.deepEqual(got, firstOf(want, max), `${JSON.stringify(severities)} ${JSON.stringify(e)} max ${max}`);
            if (got.hidden > 0 && got.findings.length > 0) cut++;
          }
        }
      }
    assert.ok(cut > 0);
  });

  it('treats a negative cap as a cap of 0: nothing shown, every finding hidden', () => {
    for (const text of [BIG_CONTENT, BIG_SPACES]) {
      const inc = new IncrementalDocumentScan(text, { format: 'ldif' });
      const all = scanText(text, { format: 'ldif' }).findings;
      assert.ok(all.length > 64);
      assert.deepEqual(inc.firstFindings(-1), { findings: [], hidden: all.length });
    }
  });

  it('shows the mixed-records finding of a record that has no other finding', () => {
    const text = 'dn: uid=a,dc=x\nuid: alice\n\ndn: uid=b,dc=x\nchangetype: modify\nreplace: uid\nuid: bob\n-\n';
    const want = scanText(text, { format: 'ldif' }).findings;
    assert.deepEqual(
      want.map((f) => [f.code, f.range.startLine]),
      [['ldif-syntax', 3]]
    );
    const inc = new IncrementalDocumentScan(text, { format: 'ldif' });
    assert.deepEqual(inc.firstFindings(10), { findings: want, hidden: 0 });
    assert.deepEqual(inc.firstFindings(0), { findings: [], hidden: 1 });
  });

  it('counts the hidden findings of a record whose duplicates changed since its findings were built', () => {
    // The entry has a finding of its own (built, with its duplicates then, by the first result); the edit
    // gives it a duplicate: a record above it now has its username.
    const text = 'dn: uid=a,dc=x\nuid: zed\n\ndn: uid=b,dc=x\nuid: bob\nuid: b c\n';
    const opts: ScanOptions = { format: 'ldif' };
    const inc = new IncrementalDocumentScan(text, opts);
    assert.deepEqual(inc.result(), scanText(text, opts));
    inc.edit([{ range: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 8 }, text: 'bob' }]);
    const want = scanText(inc.text, opts).findings;
    assert.ok(want.some((f) => f.code === 'username-duplicate'));
    for (let max = 0; max <= want.length; max++) assert.deepEqual(inc.firstFindings(max), firstOf(want, max), `max ${max}`);
  });

  it('renumbers the per-entry records when an entry above them stops being one, and moves them with their lines', () => {
    // The entries below keep their lines (the edit changes a line, not how many there are): only their index changes.
    const text = 'dn: uid=a,dc=x\nuid: a\n\ndn: uid=b,dc=x\nuid: b c\n\ndn: uid=c,dc=x\nuid: c\nuid: d\n';
    for (const collectEntries of [true, false]) {
      const opts: ScanOptions = { format: 'ldif', collectEntries };
      const inc = new IncrementalDocumentScan(text, opts);
      const before = inc.result();
      assert.deepEqual(before, scanText(text, opts));
      assert.deepEqual(inc.entries(), scanText(text, { format: 'ldif' }).records);
      inc.edit([{ range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 14 }, text: '# uid=a,dc=x' }]);
      let want = scanText(inc.text, { format: 'ldif' }).records!;
      assert.deepEqual(
        want.map((r) => [r.index, r.startLine]),
        [
          [0, 3],
          [1, 6],
        ]
      );
      assert.deepEqual(inc.entries(), want);
      assert.deepEqual(inc.result(), scanText(inc.text, opts));
      inc.edit([{ range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 }, text: '\n\n' }]);
      want = scanText(inc.text, { format: 'ldif' }).records!;
      assert.deepEqual(inc.entries(), want);
      assert.deepEqual(inc.result(), scanText(inc.text, opts));
      assert.deepEqual(inc.entries(), want);
    }
  });

  it('lists every entry under a findings cap, one without a username too, and no records when they are not asked for', () => {
    const text = 'dn: uid=a,dc=x\nobjectClass: person\n\ndn: uid=b,dc=x\nuid: b\n\ndn: uid=c,dc=x\nuid: b\n';
    for (const collectEntries of [undefined, true, false])
      for (const maxFindings of [1, 10]) {
        const opts: ScanOptions = { format: 'ldif', maxFindings, collectEntries };
        const got = new IncrementalDocumentScan(text, opts).result();
        const want = scanText(text, opts);
        assert.deepEqual(got.records, want.records);
        assert.equal(got.records?.length, collectEntries === false ? undefined : 3);
      }
  });
});
