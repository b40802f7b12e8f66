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
}

/** Feeds `text` line by line to lineBytes (as the byte splitter does) and records where each row went. */
function route(text: string, csvColumn?: string): Routed {
  const out: Routed = { plain: [], records: [], usernames: [] };
  const sink = {
    record(r: RawRecord) {
      out.records.push(r.startLine);
      for (const o of r.occurrences) out.usernames.push(o.value ?? '');
    },
  };
  const plainRows = {
    plainRow(buf: Buffer, s: number, e: number, _hash: number, _cased: boolean, line: number) {
      out.plain.push(line);
      out.usernames.push(buf.toString('latin1', s, e));
    },
  };
  const scanner = new CsvScanner(resolveConfig({ format: 'csv', ...(csvColumn ? { csvColumn } : {}) }), sink, undefined, plainRows);
  const buf = Buffer.from(text, 'utf8');
  let s = 0;
  for (let line = 0; s < buf.length; line++) {
    let e = buf.indexOf(10, s);
    if (e < 0) e = buf.length;
    scanner.lineBytes(buf, s, e, line, EOL_LF, true);
    s = e + 1;
  }
  scanner.end();
  return out;
}

describe('CSV rows read from bytes (CsvScanner.lineBytes)', () => {
  it('plain rows come from the bytes; the header is a record', () => {
    assert.deepEqual(route('username,mail\nalice,a@x\nbob,b@x\n'), { plain: [1, 2], records: [0], usernames: ['alice', 'bob'] });
  });

  it('the username in the first column is read from the bytes too', () => {
    assert.deepEqual(route('uid,mail\nalice,a@x\n', 'uid').plain, [1]);
  });

  it('a blank line is no row at all', () => {
    assert.deepEqual(route('username\na\n\nb\n'), { plain: [1, 3], records: [0], usernames: ['a', 'b'] });
  });

  it('without a username column, rows are records of line() with no username', () => {
    assert.deepEqual(route('x,y\n1,2\n3,4\n'), { plain: [], records: [0, 1, 2], usernames: [] });
  });

  it('a row with a finding of its own becomes a record; the rows after it still come from the bytes', () => {
    assert.deepEqual(route('username\na\nb c\nd\n'), { plain: [1, 3], records: [0, 2], usernames: ['a', 'b c', 'd'] });
  });

  it('an ldapsearch export: its rows come from the bytes once its "# dn" header is read', () => {
    assert.deepEqual(route('# dn,uid\n"uid=a,dc=x",alice\n# a comment\n"uid=b,dc=x",bob\n'), {
      plain: [1, 3],
      records: [0],
      usernames: ['alice', 'bob'],
    });
  });

  it('a sep= delimiter that is a quote or not ASCII: line() reads every row', () => {
    assert.deepEqual(route('sep="\nusername"x\na"1\n'), { plain: [], records: [1, 2], usernames: ['a'] });
    assert.deepEqual(route('sep=é\nusernameéx\naé1\n'), { plain: [], records: [1, 2], usernames: ['a'] });
    assert.deepEqual(route('sep=|\nusername|x\na|1\n'), { plain: [2], records: [1], usernames: ['a'] });
  });
});
