import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type Range, type ScanOptions } from '../../../src/usernames';

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

  it('keeps no finding of a username whose duplicates an edit ended, with a findings cap or without', () => {
    // A key's duplicate findings are kept with its index entry: an edit that leaves it one occurrence, or two in one
    // entry, must take them all back (a findings cap builds its result from the index, not from the records).
    for (const maxFindings of [undefined, 10]) {
      const opts: ScanOptions = { format: 'ldif', maxFindings };
      const text = 'dn: uid=a,dc=x\nuid: x\nuid: y\n\ndn: uid=b,dc=x\nuid: x\nuid: y\n\ndn: uid=c,dc=x\nuid: z\n';
      const inc = new IncrementalDocumentScan(text, opts);
      const check = (what: string, dups: number) => {
        const got = inc.result().findings;
        assert.deepEqual(got, scanText(inc.text, opts).findings, `${what}, cap ${maxFindings}`);
        assert.equal(got.filter((f) => f.code === 'username-duplicate').length, dups, `${what}, cap ${maxFindings}`);
      };
      check('two entries sharing x and y', 2);
      // b's x becomes w: x has one occurrence left.
      inc.edit([{ range: { startLine: 5, startColumn: 5, endLine: 5, endColumn: 6 }, text: 'w' }]);
      check('x in a alone', 1);
      // b's y becomes x: y has one occurrence left; x is in a and b again.
      inc.edit([{ range: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 6 }, text: 'x' }]);
      check('x in a and b, y in a alone', 1);
      // a's y becomes x: x twice in a (a repeat, not a duplicate) and once in b.
      inc.edit([{ range: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 6 }, text: 'x' }]);
      check('x twice in a, once in b', 1);
      // b's x becomes v: x only in a, twice.
      inc.edit([{ range: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 6 }, text: 'v' }]);
      check('x twice in a', 0);
    }
  });
});
