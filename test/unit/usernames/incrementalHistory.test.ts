import assert from 'node:assert/strict';
import { IncrementalDocumentScan, scanText, type Range } from '../../../src/usernames';

/**
 * In a change file a username is free again once its entry was deleted, so the editor's model
 * decides duplicates in file order while the document holds change records, and as a content file
 * once it holds none. Each step is checked against a full scan and names what it is about.
 */

const ADD_A = ['dn: uid=a,dc=x', 'changetype: add', 'objectClass: person', 'uid: x'];
const DELETE_A = ['dn: uid=a,dc=x', 'changetype: delete'];
const ADD_C = ['dn: uid=c,dc=x', 'changetype: add', 'objectClass: person', 'uid: x'];

function model(records: string[][]): IncrementalDocumentScan {
  return new IncrementalDocumentScan(records.map((r) => r.join('\n')).join('\n\n') + '\n', { format: 'ldif' });
}

/** The model's duplicate findings as [line, related line], after checking all its findings against a full scan. */
function duplicates(inc: IncrementalDocumentScan): number[][] {
  const got = inc.result().findings;
  assert.deepEqual(got, scanText(inc.text, { format: 'ldif' }).findings);
  return got.filter((f) => f.code === 'username-duplicate').map((f) => [f.range.startLine, f.related![0].range.startLine]);
}

function replace(inc: IncrementalDocumentScan, range: Range, text: string): void {
  inc.edit([{ range, text }]);
}

describe('IncrementalDocumentScan on change files (duplicates in file order)', () => {
  it('frees a username its entry held once a delete record removed the entry', () => {
    const inc = model([ADD_A, DELETE_A, ADD_C]);
    assert.deepEqual(duplicates(inc), []);
  });

  it('points a duplicate at the value of the earlier entry that holds it, the second of two on the same column', () => {
    // a holds p then x; c holds x then p: each of c's values is a duplicate of a's value of the same name.
    const inc = model([
      ['dn: uid=a,dc=x', 'changetype: add', 'objectClass: person', 'uid: p', 'uid: x'],
      ['dn: uid=c,dc=x', 'changetype: add', 'objectClass: person', 'uid: x', 'uid: p'],
    ]);
    assert.deepEqual(duplicates(inc), [
      [9, 4],
      [10, 3],
    ]);
    // An edit elsewhere in c: both findings are made again in file order, still two on c.
    replace(inc, { startLine: 8, startColumn: 13, endLine: 8, endColumn: 19 }, 'inetOrgPerson');
    assert.deepEqual(duplicates(inc), [
      [9, 4],
      [10, 3],
    ]);
  });

  it('counts every duplicate of a username three entries add, under a findings cap too', () => {
    const add = (id: string) => [`dn: uid=${id},dc=x`, 'changetype: add', 'objectClass: person', 'uid: x'];
    const text = [add('a'), add('c'), add('d')].map((r) => r.join('\n')).join('\n\n') + '\n';
    for (const maxFindings of [undefined, 10]) {
      const opts = { format: 'ldif' as const, ...(maxFindings ? { maxFindings } : {}) };
      const got = new IncrementalDocumentScan(text, opts).result();
      assert.deepEqual(got, scanText(text, opts));
      assert.deepEqual(
        got.findings.map((f) => [f.code, f.range.startLine, f.related![0].range.startLine]),
        [
          ['username-duplicate', 8, 3],
          ['username-duplicate', 13, 3],
        ]
      );
    }
  });

  it('reports the username again once the delete record between is edited away', () => {
    const inc = model([ADD_A, DELETE_A, ADD_C]);
    // Lines 5-6 are the delete record: make it a comment.
    replace(inc, { startLine: 5, startColumn: 0, endLine: 6, endColumn: 18 }, '# no delete');
    assert.deepEqual(duplicates(inc), [[10, 3]]);
  });

  it('keeps deciding in file order while other records of the file are edited again and again', () => {
    // A record that is neither content nor change (not an entry) is re-parsed three times: the model still holds three change records.
    const inc = model([ADD_A, DELETE_A, ['junk'], ADD_C]);
    for (const text of ['junk2', 'junk3', 'junk4']) {
      replace(inc, { startLine: 8, startColumn: 0, endLine: 8, endColumn: 100 }, text);
      assert.deepEqual(duplicates(inc), []);
    }
  });

  it('decides as a content file once the last change record is gone', () => {
    // Two content entries with the same username, and one change record: editing it into a content entry leaves a content file.
    const content = (id: string) => [`dn: uid=${id},dc=x`, 'objectClass: person', 'uid: x'];
    const inc = model([content('a'), DELETE_A, content('c')]);
    const before = duplicates(inc);
    replace(inc, { startLine: 4, startColumn: 0, endLine: 5, endColumn: 18 }, 'dn: uid=b,dc=x\nobjectClass: person\nuid: y');
    assert.deepEqual(duplicates(inc), [[10, 2]]);
    assert.ok(
      inc.result().findings.every((f) => !/mixes content records and change records/.test(f.message)),
      JSON.stringify(before)
    );
  });
});
