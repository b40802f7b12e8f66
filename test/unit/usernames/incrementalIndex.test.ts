import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type Range } from '../../../src/usernames';

/**
 * The editor model's username index keeps each username's occurrences; an edit re-parses a record,
 * takes its old occurrences out and puts the new ones in. Edits one after another on the entries of
 * one username must leave the index with exactly the occurrences the text has.
 */

function edit(inc: IncrementalDocumentScan, range: Range, text: string): Array<[number, number | undefined]> {
  inc.edit([{ range, text }]);
  const got = inc.result().findings;
  assert.deepEqual(got, scanText(inc.text, { format: 'ldif' }).findings);
  return got.map((f) => [f.range.startLine, f.related?.[0].range.startLine]);
}

describe('IncrementalDocumentScan username index across edits', () => {
  it('takes out the right occurrence after an edit put a username group out of order', () => {
    // Entries a, b, c share "x"; re-parsing a puts its occurrence last in the group, which is then sorted.
    // Editing b next must take b's occurrence out, not another; editing c then leaves a and b's new one.
    const entries = ['a', 'b', 'c'].map((id) => `dn: uid=${id},dc=x\nuid: x\ncn: ${id.toUpperCase()}`);
    const inc = new IncrementalDocumentScan([...entries, 'dn: uid=d,dc=x\nuid: y\ncn: D'].join('\n\n') + '\n', { format: 'ldif' });
    assert.deepEqual(edit(inc, { startLine: 2, startColumn: 4, endLine: 2, endColumn: 5 }, 'A2'), [
      [5, 1],
      [9, 1],
    ]);
    assert.deepEqual(edit(inc, { startLine: 6, startColumn: 4, endLine: 6, endColumn: 5 }, 'B2'), [
      [5, 1],
      [9, 1],
    ]);
    // b's username becomes y: b is d's first now, and c stays a's duplicate.
    assert.deepEqual(edit(inc, { startLine: 5, startColumn: 5, endLine: 5, endColumn: 6 }, 'y'), [
      [9, 1],
      [13, 5],
    ]);
    assert.deepEqual(edit(inc, { startLine: 9, startColumn: 5, endLine: 9, endColumn: 6 }, 'z'), [[13, 5]]);
  });
});
