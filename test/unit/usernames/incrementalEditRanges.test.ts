import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type Range } from '../../../src/usernames';

/**
 * An edit's range is clamped to the document, as VS Code's `TextDocument.validateRange` does: a line
 * past the last is the last line, a column past a line's end is its end. The text and the findings
 * after the edit are what a full scan of that text gives.
 */

const ENTRY = 'dn: uid=a,dc=x\nuid: a\n';

function edited(range: Range, text: string) {
  const inc = new IncrementalDocumentScan(ENTRY, { format: 'ldif' });
  const got = inc.applyEdit(range, text);
  assert.deepEqual(got, scanText(inc.text, { format: 'ldif' }));
  return { text: inc.text, findings: got.findings.map((f) => [f.code, f.range.startLine]) };
}

describe('IncrementalDocumentScan: edit ranges past the end of the document', () => {
  it('appends an insertion placed past the last line', () => {
    assert.deepEqual(edited({ startLine: 9, startColumn: 0, endLine: 9, endColumn: 0 }, 'dn: uid=b,dc=x\nuid: a\n'), {
      text: 'dn: uid=a,dc=x\nuid: a\ndn: uid=b,dc=x\nuid: a\n',
      findings: [['username-multiple-values', 3]],
    });
  });

  it('replaces up to the end of the document when a range ends past it', () => {
    assert.deepEqual(edited({ startLine: 1, startColumn: 5, endLine: 40, endColumn: 99 }, 'b\n\ndn: uid=b,dc=x\nuid: b'), {
      text: 'dn: uid=a,dc=x\nuid: b\n\ndn: uid=b,dc=x\nuid: b',
      findings: [['username-duplicate', 4]],
    });
  });

  it('inserts at the start of a range whose end lies before its start on the same line', () => {
    assert.deepEqual(edited({ startLine: 1, startColumn: 5, endLine: 1, endColumn: 2 }, 'b'), {
      text: 'dn: uid=a,dc=x\nuid: ba\n',
      findings: [],
    });
  });

  it('starts each change of an event where the one before it ends when they overlap (VS Code never sends such changes)', () => {
    const cases: Array<[Array<{ range: Range; text: string }>, string]> = [
      // The second starts inside the first, on its last line.
      [
        [
          { range: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 9 }, text: 'X' },
          { range: { startLine: 1, startColumn: 7, endLine: 1, endColumn: 11 }, text: 'Y' },
        ],
        'dn: uid=a,dc=x\nuid: XY\n',
      ],
      // The second lies inside the first, on one line.
      [
        [
          { range: { startLine: 1, startColumn: 5, endLine: 1, endColumn: 9 }, text: 'X' },
          { range: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 7 }, text: 'Y' },
        ],
        'dn: uid=a,dc=x\nuid: XYef\n',
      ],
      // The second starts on a line above the first's end, and ends before the first does.
      [
        [
          { range: { startLine: 0, startColumn: 4, endLine: 1, endColumn: 9 }, text: 'X' },
          { range: { startLine: 0, startColumn: 10, endLine: 0, endColumn: 12 }, text: 'Y' },
        ],
        'dn: XYef\n',
      ],
    ];
    for (const [changes, text] of cases) {
      const inc = new IncrementalDocumentScan('dn: uid=a,dc=x\nuid: abcdef\n', { format: 'ldif' });
      const got = inc.applyEdits(changes);
      assert.equal(inc.text, text);
      assert.deepEqual(got, scanText(text, { format: 'ldif' }));
    }
  });
});
