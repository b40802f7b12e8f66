/**
 * What the LDIF scanner tells the rest of the scan about each record, seen through the findings a user
 * gets: a change record's effect on its entry's usernames (RFC 2849 add, delete, modify add/replace/
 * delete, modrdn), content and change records mixed in one file, the same entry twice, and every record
 * starting afresh whatever the record before it left open (a control, a modify spec without "-", a
 * rename, values, TAB folds).
 */
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/usernames/types';
import { onEveryPath } from './ldifEveryPath.helpers';

type Seen = [code: string, message: string, line: number, col: number, endLine: number, endCol: number, related?: number[]];

function seenOf(findings: Finding[]): Seen[] {
  return findings.map((f) => {
    const s: Seen = [f.code, f.message, f.range.startLine, f.range.startColumn, f.range.endLine, f.range.endColumn];
    if (f.related) s.push(f.related.flatMap((r) => [r.range.startLine, r.range.startColumn]));
    return s;
  });
}

/** Findings of `text`, the same through the text scanner and the byte scanners. */
function seen(text: string): Seen[] {
  return onEveryPath(text, (r) => seenOf(r.findings));
}

/** The username-duplicate findings of `text` (see seen). */
function duplicates(text: string): Seen[] {
  return seen(text).filter((f) => f[0] === 'username-duplicate');
}

/** Each username-duplicate finding of `text` as its line and its first occurrence's line and column. */
function duplicateLines(text: string): Array<[number, number[] | undefined]> {
  return duplicates(text).map((f) => [f[2], f[6]]);
}

const ADD_A = 'dn: uid=a,dc=x\nchangetype: add\nobjectClass: person\nuid: alice\n\n';
const ADD_B = 'dn: uid=b,dc=x\nchangetype: add\nobjectClass: person\nuid: alice\n';
const DUP_ALICE = 'Username "alice" is used by another entry too; PingOne usernames are unique per environment.';

describe('LDIF change records and record boundaries', () => {
  it('a change record frees or keeps its entry’s usernames as RFC 2849 says', () => {
    const freed = [
      'dn: uid=a,dc=x\nchangetype: delete\n\n',
      'dn: uid=a,dc=x\nchangetype: modify\nreplace: uid\nuid: alicia\n-\n\n',
      'dn: uid=a,dc=x\nchangetype: modify\ndelete: uid\nuid: ALICE\n-\n\n',
      'dn: uid=a,dc=x\nchangetype: modify\ndelete: uid\n-\n\n',
      'dn: uid=a,dc=x\nchangetype: modify\ndelete: uid\nuid:: YWxpY2U=\n-\n\n',
      // Renamed, then its usernames replaced under the new DN.
      'dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn: cn=c\ndeleteoldrdn: 1\n\ndn: cn=c,dc=x\nchangetype: modify\nreplace: uid\nuid: carol\n-\n\n',
      // Moved under a new superior (plain or base64), then replaced there.
      'dn: uid=a,dc=x\nchangetype: moddn\nnewrdn: cn=c\ndeleteoldrdn: 1\nnewsuperior: ou=p,dc=x\n\ndn: cn=c,ou=p,dc=x\nchangetype: modify\nreplace: uid\nuid: carol\n-\n\n',
      `dn: uid=a,dc=x\nchangetype: moddn\nnewrdn: cn=c\ndeleteoldrdn: 1\nnewsuperior:: ${Buffer.from('ou=p,dc=x').toString('base64')}\n\ndn: cn=c,ou=p,dc=x\nchangetype: modify\nreplace: uid\nuid: carol\n-\n\n`,
      `dn: uid=a,dc=x\nchangetype: moddn\nnewrdn:: ${Buffer.from('cn=c').toString('base64')}\ndeleteoldrdn: 1\n\ndn: cn=c,dc=x\nchangetype: modify\nreplace: uid\nuid: carol\n-\n\n`,
    ];
    for (const mid of freed) {
      const dups = duplicates(ADD_A + mid + ADD_B);
      assert.deepEqual(dups, [], mid);
    }
    const kept = [
      'dn: uid=a,dc=x\nchangetype: modify\ndelete: uid\nuid: bob\n-\n\n',
      'dn: uid=a,dc=x\nchangetype: modify\nreplace: cn\ncn: x\n-\n\n',
      'dn: uid=a,dc=x\nchangetype: modify\nreplace: uid;lang-en\nuid;lang-en: x\n-\n\n',
      'dn: uid=a,dc=x\nchangetype: modify\nincrement: uid\nuid: 1\n-\n\n',
      'dn: uid=a,dc=x\nchangetype: modify\nadd: uid\nuid: alicia\n-\n\n',
      // Moved under a new superior: the DN without it is no longer the entry's.
      'dn: uid=a,dc=x\nchangetype: moddn\nnewrdn: cn=c\ndeleteoldrdn: 1\nnewsuperior: ou=p,dc=x\n\ndn: cn=c,dc=x\nchangetype: modify\nreplace: uid\nuid: carol\n-\n\n',
      // Renamed, and the old DN's usernames replaced: the entry is no longer there.
      'dn: uid=a,dc=x\nchangetype: modrdn\nnewrdn: cn=c\ndeleteoldrdn: 1\n\ndn: uid=a,dc=x\nchangetype: modify\nreplace: uid\nuid: carol\n-\n\n',
    ];
    for (const mid of kept) {
      const text = ADD_A + mid + ADD_B;
      const line = text.split('\n').length - 2;
      const dups = duplicates(text);
      assert.deepEqual(dups, [['username-duplicate', DUP_ALICE, line, 5, line, 10, [3, 5]]], mid);
    }
  });

  it('a delete spec whose value is a URL does not stop the scan', () => {
    const text =
      ADD_A + 'dn: uid=a,dc=x\nchangetype: modify\ndelete: uid\nuid:< file:///alice\n-\n\n' + 'dn: uid=c,dc=x\nchangetype: add\nuid: c d\n';
    assert.deepEqual(
      seen(text).map((f) => [f[0], f[2]]),
      [['username-format', 13]]
    );
  });

  it('a delete spec whose only value is a URL (unknown here) frees none of the entry’s usernames', () => {
    // The deleted value is not read (a URL), so it is not known which username it frees: the entry keeps them all,
    // and a later entry with one of them is still reported (a delete without values would free them all).
    const text =
      'dn: uid=a,dc=x\nchangetype: add\nuid: alice\nuid: anna\n\n' +
      'dn: uid=a,dc=x\nchangetype: modify\ndelete: uid\nuid:< file:///alice\n-\n\n' +
      'dn: uid=b,dc=x\nchangetype: add\nuid: anna\n';
    assert.deepEqual(duplicateLines(text), [[13, [3, 5]]]);
  });

  it('values a modify record adds or replaces are offered in order, each spec its own', () => {
    const text =
      ADD_A +
      'dn: uid=c,dc=x\nchangetype: add\nobjectClass: person\nuid: carol\n\n' +
      // Entry c takes alice while a still holds it (a duplicate), then gives up its own names for eve, so a may take carol.
      'dn: uid=c,dc=x\nchangetype: modify\nadd: uid\nuid: dave\nuid: alice\n-\nreplace: uid\nuid: eve\n-\n\n' +
      'dn: uid=a,dc=x\nchangetype: modify\nreplace: uid\nuid: carol\n-\n';
    assert.deepEqual(
      duplicates(text).map((f) => [f[1], f[2], f[6]]),
      [[DUP_ALICE, 14, [3, 5]]]
    );
  });

  it('content records and change records of every kind in one file are reported where the kind changes', () => {
    const P = 'dn: uid=a,dc=x\nobjectClass: person\nuid: a\n\n';
    const mixes = (kind: string, after: string) =>
      `File mixes content records and change records (this is a ${kind} record after ${after} records); RFC 2849 allows one kind per file.`;
    for (const change of [
      'dn: uid=b,dc=x\nchangetype: add\nuid: b\n',
      'dn: uid=b,dc=x\nchangetype: modify\nreplace: cn\ncn: b\n-\n',
      'dn: uid=b,dc=x\nchangetype: delete\n',
      'dn: uid=b,dc=x\nchangetype: modrdn\nnewrdn: cn=b\ndeleteoldrdn: 1\n',
    ]) {
      assert.deepEqual(
        seen(P + change).filter((f) => f[1].startsWith('File mixes')),
        [['ldif-syntax', mixes('change', 'content'), 4, 0, 4, 0]],
        change
      );
      assert.deepEqual(
        seen(change + '\n' + P).filter((f) => f[1].startsWith('File mixes')),
        [['ldif-syntax', mixes('content', 'change'), change.split('\n').length, 0, change.split('\n').length, 0]],
        change
      );
    }
    // A record that could not be read is neither.
    assert.deepEqual(
      seen(P + 'dn: uid=b,dc=x\nchangetype: frob\n\ndn: uid=c,dc=x\nuid: c\n').filter((f) => f[1].startsWith('File mixes')),
      []
    );
  });

  it('the same entry twice is named by its DN', () => {
    const P = 'dn: uid=a,dc=x\nobjectClass: person\nuid: a\n';
    assert.deepEqual(seen(P + '\n' + P), [
      [
        'username-duplicate',
        'Entry "uid=a,dc=x" appears twice in this file (username "a" on lines 3 and 7); Ping tools reject the second copy.',
        6,
        5,
        6,
        6,
        [2, 5],
      ],
    ]);
  });

  it('an add record for an entry added before is the entry twice too; a modify re-setting its own username is not', () => {
    const add = 'dn: uid=a,dc=x\nchangetype: add\nuid: a\n';
    const dups = duplicates(add + '\n' + add);
    assert.deepEqual(
      dups.map((f) => [f[1], f[2]]),
      [['Entry "uid=a,dc=x" appears twice in this file (username "a" on lines 3 and 7); Ping tools reject the second copy.', 6]]
    );
    assert.deepEqual(seen(add + '\ndn: uid=a,dc=x\nchangetype: modify\nreplace: uid\nuid: a\n-\n'), []);
  });

  it('an entry repeated with several values (values offered as they are read) is the entry twice', () => {
    const P = 'dn: uid=a,dc=x\nobjectClass: person\nuid: a\nuid: a2\n';
    const dups = duplicates(P + '\n' + P);
    assert.deepEqual(
      dups.map((f) => [f[1].startsWith('Entry "uid=a,dc=x" appears twice'), f[2]]),
      [
        [true, 7],
        [true, 8],
      ]
    );
  });

  it('a content record’s usernames are never freed by a change record for its DN (a mixed file)', () => {
    const text =
      'dn: uid=a,dc=x\nobjectClass: person\nuid: a\nuid: a2\n\n' +
      'dn: uid=a,dc=x\nchangetype: delete\n\n' +
      'dn: uid=b,dc=x\nchangetype: add\nuid: a2\n';
    assert.deepEqual(duplicateLines(text), [[10, [3, 5]]]);
  });

  it('each add or replace spec of a modify offers its own values: a later replace frees the earlier ones, not its own', () => {
    const text =
      'dn: uid=a,dc=x\nchangetype: add\nuid: a\n\n' +
      'dn: uid=a,dc=x\nchangetype: modify\nadd: uid\nuid: x\n-\nreplace: uid\nuid: y\n-\n\n' +
      'dn: uid=b,dc=x\nchangetype: add\nuid: y\nuid: x\nuid: a\n';
    // y is still held by uid=a (its replace set it); x and a were freed by the replace.
    assert.deepEqual(duplicateLines(text), [[15, [10, 5]]]);
  });

  it('every record starts afresh, whatever the record before it left open', () => {
    const before = [
      'dn: uid=r,dc=x\ncontrol: 1.2.3\nchangetype: delete\n',
      'dn: uid=r,dc=x\ncontrol: 1.2.3\n',
      'dn: uid=r,dc=x\nchangetype: modify\nreplace: uid\nuid: r1\n',
      'dn: uid=r,dc=x\nchangetype: modify\nreplace: uid\nuid: r1\n-\nadd: cn\n',
      'dn: uid=r,dc=x\nchangetype: modrdn\nnewrdn: uid=s\ndeleteoldrdn: 1\n',
      'dn: uid=r,dc=x\nobjectClass: person\nuid: r1\n\tx\nuid: r2\nuid: n\nuid: r1\n',
      'dn: uid=r,dc=x\nchangetype: add\nobjectClass: person\nuid: r1\nuid: n\n',
      'dn: uid=r,dc=x\nchangetype: delete\nuid: x\n',
      'nonsense\nuid: q r\n',
    ];
    const after = [
      'dn: uid=f,dc=x\nobjectClass: person\nuid: n\nuid: f2\n\tz\nuid: n\n',
      'dn: ou=f,dc=x\nou: f\n',
      'dn: uid=f,dc=x\nchangetype: modrdn\n',
      'dn: uid=f,dc=x\nchangetype: modrdn\nnewrdn: uid=g\n',
      'dn: uid=f,dc=x\nchangetype: modify\nadd: uid\nuid: f1\nuid: f 2\n-\n',
      'nonsense\nuid: a b\n',
      'dn: uid=f,dc=x\nchangetype: delete\nuid: y\n',
      'dn: uid=f,dc=x\nuid: f\n',
      'dn: uid=f,dc=x\nchangetype: modify\n',
      'dn: uid=f,dc=x\nobjectClass: person\nuid: f1\nuid: r2\n',
    ];
    for (const b of before)
      for (const a of after) {
        const offset = b.split('\n').length;
        const alone = seen(a);
        // The second record's own findings, moved back to its own lines; duplicates across the two and the mixed-kinds
        // warning are about both records, not one.
        const own = (f: Seen) => f[2] >= offset && f[0] !== 'username-duplicate' && !f[1].startsWith('File mixes');
        const back = (f: Seen): Seen => {
          const g: Seen = [f[0], f[1], f[2] - offset, f[3], f[4] - offset, f[5]];
          if (f[6]) g.push(f[6].map((v, i) => (i % 2 ? v : v - offset)));
          return g;
        };
        assert.deepEqual(
          seen(b + '\n' + a)
            .filter(own)
            .map(back),
          alone,
          `${JSON.stringify(b)} then ${JSON.stringify(a)}`
        );
      }
  });
});
