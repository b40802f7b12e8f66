/**
 * One editor event with several changes (Replace All, multi-cursor) applied
 * together by `applyEdits` equals a full scan of the edited text.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IncrementalDocumentScan, scanText, type Range, type ScanOptions } from '../../../src/usernames';

const ldifLine = fc.constantFrom(
  'dn: uid=a,dc=x',
  'dn: cn=b,dc=x',
  'uid: alice',
  'uid: Alice',
  'uid: bob',
  'uid:: Ym9i',
  'uid: x y',
  'objectClass: person',
  'cn: c',
  ' continued',
  '# comment',
  '',
  '',
  '',
  'version: 1',
  'changetype: modify',
  'replace: uid',
  '-',
  'changetype: delete',
  'junk'
);
const csvLine = fc.constantFrom('name,username', 'x,alice', 'y,Alice', 'z,"bob"', 'w,"multi', 'line"', '', '# c', 'a,b,c', 't,alice ');
const piece = fc.oneof(
  fc.constantFrom('', '\n', '\n\n', 'uid: alice\n', 'x', ' ', '"', ',', 'dn: uid=q\nuid: q', '\r\n', '\r', 'alice'),
  fc.string({ maxLength: 5 })
);

/** Offsets of line starts in `text` (LF only: the generated documents have no CR before the edits). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

function position(starts: number[], text: string, offset: number): { line: number; col: number } {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, col: Math.min(offset, text.length) - starts[line] };
}

function check(opts: ScanOptions, lines: string[], cuts: number[], texts: string[]): void {
  const text = lines.join('\n');
  // Sorted distinct cut points paired up: disjoint ranges in the text before the event.
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const starts = lineStarts(text);
  const edits: Array<{ range: Range; text: string; from: number; to: number }> = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const s = position(starts, text, points[i]),
      e = position(starts, text, points[i + 1]);
    edits.push({
      range: { startLine: s.line, startColumn: s.col, endLine: e.line, endColumn: e.col },
      text: texts[i % texts.length],
      from: points[i],
      to: points[i + 1],
    });
  }
  const inc = new IncrementalDocumentScan(text, opts);
  // VS Code reports an event's changes in any order; reversed here to show order does not matter.
  const got = inc.applyEdits([...edits].reverse());
  let edited = text;
  for (const e of [...edits].reverse()) edited = edited.slice(0, e.from) + e.text + edited.slice(e.to);
  assert.equal(inc.text, edited);
  const want = scanText(edited, opts);
  assert.deepEqual(
    { findings: got.findings, entries: got.entries, records: got.records },
    { findings: want.findings, entries: want.entries, records: want.records }
  );
}

describe('IncrementalDocumentScan.applyEdits (one event, many changes)', () => {
  it('equals a full LDIF rescan (property)', () => {
    fc.assert(
      fc.property(
        fc.array(ldifLine, { maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 2, maxLength: 12 }),
        fc.array(piece, { minLength: 1, maxLength: 4 }),
        (lines, cuts, texts) => {
          check({ format: 'ldif' }, lines, cuts, texts);
        }
      ),
      { numRuns: 500 }
    );
  });

  it('equals a full CSV rescan (property)', () => {
    fc.assert(
      fc.property(
        fc.array(csvLine, { maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 2, maxLength: 12 }),
        fc.array(piece, { minLength: 1, maxLength: 4 }),
        (lines, cuts, texts) => {
          check({ format: 'csv' }, ['name,username', ...lines], cuts, texts);
        }
      ),
      { numRuns: 500 }
    );
  });

  it('a Replace All of every uid in 2,000 entries re-parses each entry once', () => {
    const parts: string[] = [];
    for (let i = 0; i < 2000; i++) parts.push(`dn: uid=user.${i},dc=example,dc=com\nobjectClass: person\nuid: user.${i % 1000}\n`);
    const inc = new IncrementalDocumentScan(parts.join('\n'), { format: 'ldif' });
    assert.equal(inc.result().findings.length, 1000);
    const edits = parts.map((_, i) => ({
      range: { startLine: i * 4 + 2, startColumn: 5, endLine: i * 4 + 2, endColumn: 9 },
      text: 'member',
    }));
    const r = inc.applyEdits(edits);
    assert.equal(inc.lastRescan.recordsParsed, 2000);
    assert.deepEqual(r.findings, scanText(inc.text, { format: 'ldif' }).findings);
    assert.equal(r.findings.length, 1000);
  });
});
