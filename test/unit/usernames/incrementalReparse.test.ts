import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type Range } from '../../../src/usernames';

/**
 * Where an edit's re-parse starts and what state its scanner starts in, on documents built so that a
 * wrong start shows in the findings: the LDIF version rule (RFC 2849: `version: 1` only before the
 * first record with content), several edits in one event moving lines, a comment block with folded
 * lines between two entries. Each case is checked against a full scan of the edited text, and the
 * finding it is about is named, so the case stays meaningful if the full scan changes.
 */

type Edit = { range: Range; text: string };

/** Replaces line `line` whole (its line break stays) with `text`. */
function lineEdit(lines: string[], line: number, text: string): Edit {
  return { range: { startLine: line, startColumn: 0, endLine: line, endColumn: lines[line].length }, text };
}

/**
 * The document of `lines` (its first line break a lone CR when `loneCrFirst`), edited by `edits` in one
 * event; returns the model and the findings as a full scan has them.
 */
function editedModel(lines: string[], edits: (lines: string[]) => Edit[], loneCrFirst = false) {
  const text = lines.map((l, i) => l + (i === 0 && loneCrFirst ? '\r' : '\n')).join('');
  const inc = new IncrementalDocumentScan(text, { format: 'ldif' });
  inc.edit(edits(lines));
  const got = inc.result().findings;
  assert.deepEqual(got, scanText(inc.text, { format: 'ldif' }).findings);
  return { inc, findings: got };
}

const notAnEntry = /^Record does not start with "dn:"/;

/** The lines of the findings saying a record is no entry (a `version:` line after content is one). */
function notEntryLines(findings: ReadonlyArray<{ message: string; range: Range }>): number[] {
  return findings.filter((f) => notAnEntry.test(f.message)).map((f) => f.range.startLine);
}

/** An entry `uid=<id>` with that username, on two lines. */
const entry = (id: string) => [`dn: uid=${id},dc=x`, `uid: ${id}`];
/** `n` blank lines (enough of them between two edits keeps the edits apart). */
const blanks = (n: number) => new Array<string>(n).fill('');
/** A record that starts with a version line, then entry b. */
const VERSION_THEN_B = ['version: 1', 'dn: uid=b,dc=x', 'uid: b'];

describe('IncrementalDocumentScan re-parse start', () => {
  describe('the LDIF version rule across an edit', () => {
    it('accepts a version line whose only record before it is a comment block (a lone CR: a finding, no content)', () => {
      // The comment block is a record of the model (its lone CR is reported) with no content: the version line after it is still allowed.
      const lines = ['# c', '# d', '', 'version: 1', 'dn: uid=b,dc=x', 'uid: b'];
      const { findings } = editedModel(lines, (l) => [lineEdit(l, 5, 'uid: c')], true);
      assert.deepEqual(notEntryLines(findings), []);
      assert.ok(
        findings.some((f) => f.range.startLine === 0 && /^Lone CR line break/.test(f.message)),
        JSON.stringify(findings)
      );
    });

    it('keeps a version line allowed when the same event re-parses the comment block above it', () => {
      const lines = ['# c', '# d', '', '', '', '', '', 'version: 1', 'dn: uid=b,dc=x', 'uid: b'];
      const { findings } = editedModel(lines, (l) => [lineEdit(l, 1, '# e'), lineEdit(l, 9, 'uid: c')], true);
      assert.deepEqual(notEntryLines(findings), []);
    });

    it('rejects a version line after an entry the same event re-parsed', () => {
      const lines = ['dn: uid=a,dc=x', 'uid: a', '', '', '', '', '', 'version: 1', 'dn: uid=b,dc=x', 'uid: b'];
      const { findings } = editedModel(lines, (l) => [lineEdit(l, 1, 'uid: a2'), lineEdit(l, 9, 'uid: c')]);
      assert.deepEqual(notEntryLines(findings), [7]);
    });

    it('rejects a version line after an entry kept from before the event and one it re-parsed', () => {
      const lines = [...entry('c'), ...blanks(3), ...entry('a'), ...blanks(5), ...VERSION_THEN_B];
      const { findings } = editedModel(lines, (l) => [lineEdit(l, 6, 'uid: a2'), lineEdit(l, 14, 'uid: d')]);
      assert.deepEqual(notEntryLines(findings), [12]);
    });

    it('rejects a version line after an entry it re-parsed and an entry kept between the edits', () => {
      const lines = [...entry('a'), ...blanks(3), ...entry('c'), ...blanks(3), ...VERSION_THEN_B];
      const { findings } = editedModel(lines, (l) => [lineEdit(l, 1, 'uid: a2'), lineEdit(l, 12, 'uid: d')]);
      assert.deepEqual(notEntryLines(findings), [10]);
    });
  });

  describe('where the re-parse may stop (back in step with the old parse)', () => {
    it('re-reads a version line once the entry before it is gone', () => {
      // The old parse had content before the version line; the new one has none: the version line is allowed now.
      const lines = ['dn: uid=a,dc=x', 'uid: a', '', 'version: 1', 'dn: uid=b,dc=x', 'uid: b'];
      const { findings } = editedModel(lines, () => [
        { range: { startLine: 0, startColumn: 0, endLine: 1, endColumn: 6 }, text: '# gone' },
      ]);
      assert.deepEqual(notEntryLines(findings), []);
    });

    it('re-reads a version line once an entry comes before it', () => {
      const lines = ['# c', '', 'version: 1', 'dn: uid=b,dc=x', 'uid: b'];
      const { findings } = editedModel(lines, (l) => [lineEdit(l, 0, 'dn: uid=a,dc=x\nuid: a')]);
      assert.deepEqual(notEntryLines(findings), [3]);
    });

    it('re-parses two edits far apart in one event as two short stretches', () => {
      const parts: string[] = [];
      for (let i = 0; i < 2000; i++) parts.push(`dn: uid=u${i},dc=x\nuid: u${i}\n`);
      const inc = new IncrementalDocumentScan(parts.join('\n'), { format: 'ldif' });
      inc.edit([
        { range: { startLine: 10 * 3 + 1, startColumn: 5, endLine: 10 * 3 + 1, endColumn: 8 }, text: 'u1000' },
        { range: { startLine: 1990 * 3 + 1, startColumn: 5, endLine: 1990 * 3 + 1, endColumn: 10 }, text: 'v' },
      ]);
      assert.equal(inc.lastRescan.recordsParsed, 2);
      assert.ok(inc.lastRescan.linesParsed <= 10, `parsed ${inc.lastRescan.linesParsed} lines`);
      const want = scanText(inc.text, { format: 'ldif' }).findings;
      assert.deepEqual(inc.result().findings, want);
      assert.deepEqual(
        want.map((f) => [f.code, f.range.startLine]),
        [['username-duplicate', 3000 + 1]]
      );
    });

    it('moves the entries after two edits of one entry that its parse joins, by the lines both added', () => {
      // The entry's parse runs from the first edit into the second (one stretch): the entries below move by the lines both edits added.
      const entry = ['dn: uid=a,dc=x', 'objectClass: person', 'uid: a', 'cn: 1', 'cn: 2', 'cn: 3', 'cn: 4', 'cn: 5', 'sn: A'];
      const lines = [...entry, '', 'dn: uid=b,dc=x', 'uid: a', '', 'dn: uid=c,dc=x', 'uid: c'];
      const { inc, findings } = editedModel(lines, (l) => [
        lineEdit(l, 1, 'objectClass: person\ndescription: x'),
        lineEdit(l, 7, 'cn: 5\ncn: 6\ncn: 7'),
      ]);
      // Back in step at the blank line after the entry: the entries below are moved, not read again.
      assert.deepEqual(inc.lastRescan, { fromLine: 0, toLine: 12, linesParsed: 13, recordsParsed: 1, plainEntries: 0 });
      assert.deepEqual(
        findings.map((f) => [f.code, f.range.startLine, f.related?.[0].range.startLine]),
        [['username-duplicate', 14, 3]]
      );
    });
  });

  it('starts at the entry of an edit below lines another edit of the event removed', () => {
    // The second edit is on the fourth line of its entry: the re-parse starts at the entry's DN, two lines up from where it was.
    const lines = [
      'dn: uid=f,dc=x',
      'uid: f',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'dn: uid=x,dc=x',
      'objectClass: person',
      'uid: x',
      'cn: X',
      'mail: x@x',
    ];
    const { inc, findings } = editedModel(lines, () => [
      { range: { startLine: 2, startColumn: 0, endLine: 4, endColumn: 0 }, text: '' },
      { range: { startLine: 13, startColumn: 4, endLine: 13, endColumn: 5 }, text: 'Y' },
    ]);
    assert.deepEqual(findings, []);
    assert.equal(inc.text.split('\n')[11], 'cn: Y');
  });

  describe('a CSV header edit, read again with the rows it changes', () => {
    /** The CSV of `lines` with line 0 (its header) replaced by `header`: the model's findings, checked against a full scan. */
    function headerEdited(lines: string[], header: string) {
      const inc = new IncrementalDocumentScan(lines.join('\n') + '\n', { format: 'csv' });
      inc.edit([{ range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: lines[0].length }, text: header }]);
      const got = inc.result().findings;
      assert.deepEqual(got, scanText(inc.text, { format: 'csv' }).findings);
      return got.map((f) => [f.code, f.range.startLine]);
    }

    it('reads the rows again when the username column moves', () => {
      assert.deepEqual(headerEdited(['name,username', 'x,alice', 'y,alice'], 'username,name'), []);
    });

    it('reads the rows again when the delimiter changes', () => {
      assert.deepEqual(headerEdited(['username,name', 'alice;x', 'alice;y'], 'username;name'), [['username-duplicate', 2]]);
    });

    it('reads the rows again when the header becomes an ldapsearch one (its # lines are comments then)', () => {
      // The # line is past the line the edit's margin re-reads.
      assert.deepEqual(headerEdited(['dn,username', 'y,bob', '#x,alice', 'z,alice'], '# dn,username'), []);
    });

    it('reads the rows after a header typed into a file that had none', () => {
      // Before the edit the file is comments only (no header); after it, those lines are rows.
      const got = headerEdited(['', '', '# c1', '# c2'], 'username');
      assert.ok(got.length >= 2 && got.every(([, line]) => line === 2 || line === 3), JSON.stringify(got));
    });
  });

  it('starts at the first line of a CSV row an edit is in, below lines another edit of the event removed', () => {
    // A quoted field holds two line breaks: an edit on the row's last line re-reads it from its first (no walk back over lines in CSV).
    const lines = ['name,username', 'x,f', ...Array.from({ length: 8 }, (_, i) => `y,g${i}`), '"p', 'q', 'r",x', 'z,h'];
    const inc = new IncrementalDocumentScan(lines.join('\n') + '\n', { format: 'csv' });
    inc.edit([
      { range: { startLine: 2, startColumn: 0, endLine: 3, endColumn: 0 }, text: '' },
      { range: { startLine: 12, startColumn: 3, endLine: 12, endColumn: 4 }, text: 'x2' },
    ]);
    const got = inc.result();
    assert.deepEqual(got.findings, scanText(inc.text, { format: 'csv' }).findings);
    assert.deepEqual(got.findings, []);
    assert.deepEqual(
      got.records!.map((r) => r.startLine),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 12]
    );
  });

  it('starts a re-parse inside a comment block at its first line (its folded lines continue it)', () => {
    const lines = ['dn: uid=a,dc=x', 'uid: x', '', '# c1', ' c2', ' c3', ' c4', '', 'dn: uid=b,dc=x', 'uid: y'];
    const { inc, findings } = editedModel(lines, (l) => [lineEdit(l, 6, ' c5')]);
    assert.deepEqual(findings, []);
    assert.equal(inc.lastRescan.fromLine, 3);
  });

  it('re-parses only the comment block an edit is in, not the entries after it, before the first content', () => {
    // The parse stops at the blank line after the block: the version line and the entries are not read again.
    const lines = ['# c', '# d', '', 'version: 1', 'dn: uid=b,dc=x', 'uid: b', '', 'dn: uid=c,dc=x', 'uid: c'];
    const { inc } = editedModel(lines, (l) => [lineEdit(l, 1, '# e')], true);
    assert.deepEqual(inc.lastRescan, { fromLine: 0, toLine: 2, linesParsed: 3, recordsParsed: 1, plainEntries: 0 });
  });

  it('reports the one line it re-parsed in a one-line document', () => {
    const inc = new IncrementalDocumentScan('junk', { format: 'ldif' });
    inc.edit([{ range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 4 }, text: 'dn: uid=a,dc=x' }]);
    assert.deepEqual(inc.lastRescan, { fromLine: 0, toLine: 0, linesParsed: 1, recordsParsed: 1, plainEntries: 0 });
  });
});
