// Which CSV data rows CsvScanner.lineBytes reads straight from the bytes (a plain row, handed to the
// PlainRowSink without a record) and which it decodes for line(), the reference. The findings are
// the same either way (the fast-path tests check that); the route is the speed of the editor's
// first parse and of the CLI, so these tests pin it.
import assert from 'node:assert/strict';
import { CsvScanner } from '../../../src/usernames/csvScanner';
import { EOL_LF } from '../../../src/usernames/lineSplitter';
import type { RawRecord } from '../../../src/usernames/records';
import { resolveConfig } from '../../../src/usernames/scan';

interface Routed {
  /** 0-based lines read from the bytes. */
  plain: number[];
  /** 0-based first lines of the records line() made (the header among them). */
  records: number[];
  /** Usernames of those records, in order. */
  usernames: string[];
  /** Line and UTF-16 column of each username read from the bytes. */
  at?: Array<[number, number]>;
}

/** Feeds `text` line by line to lineBytes (as the byte splitter does) and records where each row went. */
function route(text: string, csvColumn?: string, withColumns = false, valid = true): Routed & { ranges: number[][] } {
  const out: Routed = { plain: [], records: [], usernames: [] };
  const at: Array<[number, number]> = [];
  // Each record's username: its value's and its field's columns, [value start, value end, field start, field end].
  const ranges: number[][] = [];
  const sink = {
    record(r: RawRecord) {
      out.records.push(r.startLine);
      for (const o of r.occurrences) {
        out.usernames.push(o.value ?? '');
        ranges.push([o.valueRange.startColumn, o.valueRange.endColumn, o.specRange.startColumn, o.specRange.endColumn]);
      }
    },
  };
  const plainRows = {
    plainRow(buf: Buffer, s: number, e: number, _hash: number, _cased: boolean, line: number, col: number) {
      out.plain.push(line);
      at.push([line, col]);
      out.usernames.push(buf.toString('latin1', s, e));
    },
  };
  const scanner = new CsvScanner(resolveConfig({ format: 'csv', ...(csvColumn ? { csvColumn } : {}) }), sink, undefined, plainRows);
  const buf = Buffer.from(text, 'utf8');
  let s = 0;
  for (let line = 0; s < buf.length; line++) {
    let e = buf.indexOf(10, s);
    if (e < 0) e = buf.length;
    scanner.lineBytes(buf, s, e, line, EOL_LF, valid);
    s = e + 1;
  }
  scanner.end();
  if (withColumns) out.at = at;
  return Object.assign(out, { ranges });
}

/** `route` without the ranges. */
function routed(...args: Parameters<typeof route>): Routed {
  const { ranges: _ranges, ...rest } = route(...args);
  return rest;
}

describe('CSV rows read from bytes (CsvScanner.lineBytes)', () => {
  it('plain rows come from the bytes; the header is a record', () => {
    assert.deepEqual(routed('username,mail\nalice,a@x\nbob,b@x\n'), { plain: [1, 2], records: [0], usernames: ['alice', 'bob'] });
    // Digits are plain in the default profile.
    assert.deepEqual(routed('username\nuser1\n').plain, [1]);
  });

  it('the username in the first column is read from the bytes too', () => {
    assert.deepEqual(routed('uid,mail\nalice,a@x\n', 'uid').plain, [1]);
  });

  it('a blank line is no row at all', () => {
    assert.deepEqual(routed('username\na\n\nb\n'), { plain: [1, 3], records: [0], usernames: ['a', 'b'] });
  });

  it('without a username column, rows are records of line() with no username', () => {
    assert.deepEqual(routed('x,y\n1,2\n3,4\n'), { plain: [], records: [0, 1, 2], usernames: [] });
  });

  it('a row with a finding of its own becomes a record; the rows after it still come from the bytes', () => {
    assert.deepEqual(routed('username\na\nb c\nd\n'), { plain: [1, 3], records: [0, 2], usernames: ['a', 'b c', 'd'] });
  });

  it('an ldapsearch export: its rows come from the bytes once its "# dn" header is read', () => {
    assert.deepEqual(routed('# dn,uid\n"uid=a,dc=x",alice\n# a comment\n"uid=b,dc=x",bob\n'), {
      plain: [1, 3],
      records: [0],
      usernames: ['alice', 'bob'],
    });
  });

  it('the column of a plain username counts UTF-16 units, whatever comes before or after it, quoted or not', () => {
    assert.deepEqual(routed('x,username,y\né,alice,ü\n😀,"bob",ß\n"a,ä",carol,1\n', undefined, true), {
      plain: [1, 2, 3],
      records: [0],
      usernames: ['alice', 'bob', 'carol'],
      at: [
        [1, 2],
        [2, 4],
        [3, 6],
      ],
    });
  });

  it('a username with a finding: its value and field columns count UTF-16 units, quoted or not', () => {
    const r = route('x,username,y\né,bé b,ü\n😀,"bé b",ß\n');
    assert.deepEqual(r.records, [0, 1, 2]);
    assert.deepEqual(r.ranges, [
      [2, 6, 2, 6],
      [4, 8, 3, 9],
    ]);
  });

  it('bytes not known to be valid UTF-8: an ASCII row is still read from them, another goes to line()', () => {
    assert.deepEqual(routed('username,x\nalice,1\nbob,é\n', undefined, false, false), {
      plain: [1],
      records: [0, 2],
      usernames: ['alice', 'bob'],
    });
  });

  it('quoted fields around the username: "" escapes, a trailing backslash, the username last on the line', () => {
    assert.deepEqual(routed('x,username\n"a""b",alice\n"a\\",bob\n1,"carol"\n'), {
      plain: [1, 3],
      records: [0, 2],
      usernames: ['alice', 'bob', 'carol'],
    });
  });

  it('a continuation byte 0x80 counts as no column of its own, quoted or not', () => {
    assert.deepEqual(routed('x,username\n"À",alice\nÀ,bob\n', undefined, true), {
      plain: [1, 2],
      records: [0],
      usernames: ['alice', 'bob'],
      at: [
        [1, 4],
        [2, 2],
      ],
    });
  });

  it('bytes not known to be valid UTF-8 with non-ASCII inside quotes: line() reads the row', () => {
    assert.deepEqual(routed('x,username\n"é",alice\n', undefined, false, false), { plain: [], records: [0, 1], usernames: ['alice'] });
  });

  it('a backslash delimiter (sep=\\) right after a closing quote ends the field', () => {
    assert.deepEqual(routed('sep=\\\nx\\username\n"a"\\alice\n'), { plain: [2], records: [1], usernames: ['alice'] });
  });

  it('in an ldapsearch export, a comment with the delimiter in it is still a comment', () => {
    assert.deepEqual(routed('# dn,uid\n"uid=a,dc=x",alice\n# note, more\n"uid=b,dc=x",bob\n'), {
      plain: [1, 3],
      records: [0],
      usernames: ['alice', 'bob'],
    });
  });

  it('a sep= delimiter that is a quote or not ASCII: line() reads every row', () => {
    assert.deepEqual(routed('sep="\nusername"x\na"1\n'), { plain: [], records: [1, 2], usernames: ['a'] });
    assert.deepEqual(routed('sep=é\nusernameéx\naé1\n'), { plain: [], records: [1, 2], usernames: ['a'] });
    assert.deepEqual(routed('sep=|\nusername|x\na|1\n'), { plain: [2], records: [1], usernames: ['a'] });
  });
});
