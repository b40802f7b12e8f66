// How the CSV scanner writes a quick fix's new field text and reads the parts of a file around the
// username field (README.md "CSV"): each test names what a user would see go wrong.
import assert from 'node:assert/strict';
import { IncrementalDocumentScan, createScanner, encodeCsvField } from '../../../src/usernames';
import { CAPTURE_LIMIT } from '../../../src/usernames/csvScanner';
import { at, codes, csv, only } from './helpers';

const COMMA = 44,
  SEMICOLON = 59;

describe('CSV fields: the new text of a fix is a field the file reads back as the fixed value', () => {
  it('a plain value stays as it is; inner spaces need no quotes', () => {
    assert.equal(encodeCsvField('alice', COMMA, false), 'alice');
    assert.equal(encodeCsvField('al ice', COMMA, false), 'al ice');
    assert.equal(encodeCsvField('a;b', COMMA, false), 'a;b');
  });

  it('each reason to quote, alone: quoted before, a quote, CR, LF, the delimiter, white space at either end', () => {
    assert.equal(encodeCsvField('alice', COMMA, true), '"alice"');
    assert.equal(encodeCsvField('a"b', COMMA, false), '"a""b"');
    assert.equal(encodeCsvField('a\rb', COMMA, false), '"a\rb"');
    assert.equal(encodeCsvField('a\nb', COMMA, false), '"a\nb"');
    assert.equal(encodeCsvField('a,b', COMMA, false), '"a,b"');
    assert.equal(encodeCsvField('a;b', SEMICOLON, false), '"a;b"');
    assert.equal(encodeCsvField(' ab', COMMA, false), '" ab"');
    assert.equal(encodeCsvField('ab\t', COMMA, false), '"ab\t"');
  });

  it('every quote is doubled, quoted before or not', () => {
    assert.equal(encodeCsvField('"a""b"', COMMA, true), '"""a""""b"""');
  });

  it('the fix of a quoted username with a quote in it writes the quote doubled', () => {
    // U+200B is not accepted by PingOne; removing it leaves a value with a quote, which must stay escaped.
    const r = csv('mail,username\na@x,"x""y\u200b"\n');
    const [f] = only(r.findings, 'username-invalid-character');
    assert.equal(f.fix!.value, 'x"y');
    assert.equal(f.fix!.newText, '"x""y"');
    assert.deepEqual(f.fix!.range, { startLine: 1, startColumn: 4, endLine: 1, endColumn: 11 });
  });

  it('the fix of an unquoted username that keeps a leading space quotes the field', () => {
    const r = csv('username\n a\u200b\n');
    const [f] = only(r.findings, 'username-invalid-character');
    assert.equal(f.fix!.value, ' a');
    assert.equal(f.fix!.newText, '" a"');
  });
});

describe('CSV header: the delimiter is the commonest candidate outside quotes', () => {
  it('delimiters inside a quoted header field are not counted', () => {
    const r = csv('"x;y;z",username\n"1;2;3",a b\n');
    assert.deepEqual(codes(r.findings), ['username-format']);
    assert.equal(r.findings[0].username, 'a b');
    assert.deepEqual(at(r.findings[0]), [1, 9, 1, 10]);
  });

  it('a comma counts: a header of three commas and one semicolon is comma-separated', () => {
    const r = csv('mail,name,x;y,username\na@x,A,1;2,a b\n');
    assert.deepEqual(codes(r.findings), ['username-format']);
    assert.equal(r.findings[0].username, 'a b');
  });

  it('a tie goes to the candidate listed first (, ; TAB |)', () => {
    const comma = csv('username,x;y\na b,1;2\n');
    assert.deepEqual(codes(comma.findings), ['username-format']);
    assert.equal(comma.findings[0].username, 'a b');
    const semicolon = csv('x|y;username\n1|2;a b\n');
    assert.deepEqual(codes(semicolon.findings), ['username-format']);
    assert.equal(semicolon.findings[0].username, 'a b');
  });
});

describe('CSV header lines: the ldapsearch "# dn" header, comments and the sep= hint', () => {
  const first = (text: string, extra = {}) => {
    const r = csv(text, extra);
    return r.findings.map((f) => [f.code, f.username ?? '', f.range.startLine, f.range.startColumn]);
  };

  it('"#dn", "# dn" and "#   dn" all start an ldapsearch header', () => {
    for (const head of ['#dn', '# dn', '#   dn']) {
      assert.deepEqual(first(`${head},uid\n"uid=a,dc=x",a b\n`), [['username-format', 'a b', 1, 14]], head);
    }
  });

  it('"# dn" alone is a header of one column (which is not the username)', () => {
    const r = csv('# dn\n"uid=a,dc=x"\n');
    assert.equal(r.entries, 1);
    assert.deepEqual(codes(r.findings), ['username-missing']);
    assert.equal(r.findings[0].message, 'Header has no "username" column (columns: dn); usernames cannot be checked.');
  });

  it('the header\'s column list names "dn" without the "#" and the spaces after it', () => {
    assert.equal(
      csv('#   dn,mail\n"uid=a",a@x\n').findings[0].message,
      'Header has no "username" column (columns: dn, mail); usernames cannot be checked.'
    );
  });

  it('a comment that mentions "#dn," later in the line stays a comment', () => {
    assert.deepEqual(first('# exported #dn, by hand\nusername\na b\n'), [['username-format', 'a b', 2, 1]]);
  });

  it('after an ordinary header, a line starting with "#" is a data row; after an ldapsearch header, a comment', () => {
    assert.deepEqual(first('username\n#a b\n'), [['username-format', '#a b', 1, 0]]);
    assert.deepEqual(first('# dn,uid\n# a comment\n"uid=a",a b\n'), [['username-format', 'a b', 2, 9]]);
  });

  it('only a first line of exactly "sep=" and one character sets the delimiter', () => {
    // Longer: it is the header (three columns, none of them the username).
    const r = csv('sep=,,\nusername\na b\n');
    assert.deepEqual(codes(r.findings), ['username-missing', 'csv-syntax', 'csv-syntax']);
    assert.equal(r.findings[0].message, 'Header has no "username" column (columns: sep=, , ); usernames cannot be checked.');
    // Five characters that are not "sep=": the header.
    assert.deepEqual(first('login\na b\n', { csvColumn: 'login' }), [['username-format', 'a b', 1, 1]]);
    // A delimiter no header would suggest (NUL) is kept, not guessed again from the header.
    assert.deepEqual(first('sep=\u0000\nusername\u0000x\na b\u00001\n'), [['username-format', 'a b', 2, 1]]);
  });

  it('a sep= hint before an ldapsearch "# dn" header: the header is still read as one, in text, bytes and the editor model', () => {
    const text = 'sep=,\n# dn,uid\n"uid=a",a b\n';
    const bytes = createScanner({ format: 'csv' });
    bytes.push(Buffer.from(text));
    const model = new IncrementalDocumentScan(text, { format: 'csv' }).result();
    for (const r of [csv(text), bytes.end(), model]) {
      assert.equal(r.entries, 1);
      assert.deepEqual(
        r.findings.map((f) => [f.code, f.username, ...at(f)]),
        [['username-format', 'a b', 2, 9, 2, 10]]
      );
    }
  });

  it('a backslash before the closing quote at the end of the line is part of the value (no next character to escape)', () => {
    assert.deepEqual(first('username\n"a b\\"\n'), [['username-format', 'a b\\', 1, 2]]);
    assert.deepEqual(first('username,x\n"a b\\",1\n'), [['username-format', 'a b\\', 1, 2]]);
  });
});

describe('CSV: the pre-5.1.1 LDAP SDK escape \\" inside quotes', () => {
  it('is one quote in the value, found at the backslash, and a warning over both characters', () => {
    for (const [text, col, username] of [
      ['username,x\n"a\\"b",1\n', 2, 'a"b'],
      ['x,username\n1,"ab\\"c"\n', 5, 'ab"c'],
    ] as const) {
      const r = csv(text);
      assert.deepEqual(codes(r.findings), ['username-format', 'csv-syntax'], text);
      assert.equal(r.findings[0].username, username);
      assert.deepEqual(at(r.findings[0]), [1, col, 1, col + 1], text);
      assert.deepEqual(at(r.findings[1]), [1, col, 1, col + 2], text);
      assert.equal(r.findings[1].severity, 'warning');
    }
  });
});

describe('CSV: stray quotes and long headers, as the Problems panel words them', () => {
  it('a quote inside an unquoted field: a warning at the first quote', () => {
    const r = csv('username\nab"c"d\n');
    assert.deepEqual(codes(r.findings), ['csv-syntax', 'username-format']);
    assert.equal(r.findings[0].severity, 'warning');
    assert.equal(r.findings[0].message, 'Quote inside an unquoted field; quote the whole field and double the quote ("").');
    assert.deepEqual(at(r.findings[0]), [1, 2, 1, 3]);
  });

  it('text after a closing quote: an error over that text', () => {
    const r = csv('username,x\n"ab"c,1\n');
    assert.deepEqual(codes(r.findings), ['csv-syntax']);
    assert.equal(r.findings[0].severity, 'error');
    assert.equal(r.findings[0].message, 'Text after the closing quote of a field; RFC 4180 allows only a delimiter or line end there.');
    assert.deepEqual(at(r.findings[0]), [1, 4, 1, 5]);
  });

  it('a header without the username column lists its first 12 columns, and says when there are more', () => {
    const header = (n: number) => Array.from({ length: n }, (_, i) => `c${i + 1}`).join(',');
    const twelve = header(12);
    assert.equal(
      csv(`${twelve}\n${twelve}\n`).findings[0].message,
      `Header has no "username" column (columns: ${twelve.replace(/,/g, ', ')}); usernames cannot be checked.`
    );
    assert.equal(
      csv(`${header(13)}\n${header(13)}\n`).findings[0].message,
      `Header has no "username" column (columns: ${twelve.replace(/,/g, ', ')}, …); usernames cannot be checked.`
    );
  });
});

describe('CSV: a quoted username with "" escapes, read from bytes (the CLI) and from text', () => {
  it('the same findings, at the same columns, with fixes that keep the field quoted and escaped', () => {
    const text = 'username,x\n"a""b c\u200b",1\n"x""y\u200b",2\n"""p""q\u200b",3\nplain,4\nb\u200bc,5\n';
    // The CLI's scan (no records kept) reads such rows on its fast path; with records kept, the scanner reads them.
    const cli = createScanner({ format: 'csv' });
    cli.push(Buffer.from(text));
    const bytes = createScanner({ format: 'csv', collectEntries: true });
    bytes.push(Buffer.from(text));
    const shown = (r: ReturnType<typeof csv>) => r.findings.map((f) => [f.code, f.username, ...at(f), f.fix?.newText, f.fix && at(f.fix)]);
    const fromBytes = bytes.end();
    assert.deepEqual(shown(fromBytes), [
      ['username-invalid-character', 'a"b c\u200b', 1, 7, 1, 8, '"a""b c"', [1, 0, 1, 9]],
      ['username-invalid-character', 'x"y\u200b', 2, 5, 2, 6, '"x""y"', [2, 0, 2, 7]],
      ['username-invalid-character', '"p"q\u200b', 3, 7, 3, 8, '"""p""q"', [3, 0, 3, 9]],
      ['username-invalid-character', 'b\u200bc', 5, 1, 5, 2, 'bc', [5, 0, 5, 3]],
    ]);
    assert.deepEqual(shown(fromBytes), shown(csv(text)));
    assert.deepEqual(shown(cli.end()), shown(fromBytes));
    assert.deepEqual(
      fromBytes.records!.map((r) => r.occurrences.map((o) => o.encoding)),
      [['quoted'], ['quoted'], ['quoted'], ['plain'], ['plain']]
    );
  });

  it('the profile "strict" takes digits out of a plain username, in the editor model too', () => {
    const text = 'username\nuser1\nuser\n';
    for (const r of [csv(text, { profile: 'strict' }), new IncrementalDocumentScan(text, { format: 'csv', profile: 'strict' }).result()]) {
      assert.deepEqual(
        r.findings.map((f) => [f.code, f.username]),
        [['username-format', 'user1']]
      );
    }
  });
});

describe('CSV: a quoted username over two lines', () => {
  it('a finding after the line break sits where its character is, after LF or CRLF, in text, bytes and the editor model', () => {
    for (const eol of ['\n', '\r\n']) {
      // The line break is the first invalid character; the trailing space is the third character of the next line.
      const text = `username,x${eol}"ab${eol}cd ",1${eol}`;
      const bytes = createScanner({ format: 'csv' });
      bytes.push(Buffer.from(text));
      for (const r of [csv(text), bytes.end(), new IncrementalDocumentScan(text, { format: 'csv' }).result()]) {
        assert.deepEqual(
          r.findings.map((f) => [f.code, ...at(f)]),
          [
            ['username-invalid-character', 1, 3, 2, 0],
            ['username-whitespace', 2, 2, 2, 3],
          ],
          JSON.stringify(eol)
        );
      }
    }
  });
});

describe('CSV: a plain username and another that folds to it', () => {
  it('kim then \u212aim (KELVIN SIGN) is a case duplicate in text, bytes, bytes with records and the editor model', () => {
    const text = 'username,x\nkim,1\n\u212aim,2\n';
    const scans = [csv(text), new IncrementalDocumentScan(text, { format: 'csv' }).result()];
    for (const collectEntries of [false, true]) {
      const s = createScanner({ format: 'csv', collectEntries });
      s.push(Buffer.from(text));
      scans.push(s.end());
    }
    for (const [i, r] of scans.entries())
      assert.deepEqual(
        r.findings.map((f) => [f.code, f.username, ...at(f), f.related?.[0].range.startLine]),
        [['username-duplicate-case', '\u212aim', 2, 0, 2, 3, 1]],
        `scan ${i}`
      );
  });
});

describe('CSV rows and headers, as the Problems panel words them', () => {
  const shown = (text: string, extra = {}) => csv(text, extra).findings.map((f) => [f.code, f.severity, f.message, ...at(f)]);

  it('a row with several backslash-escaped quotes gets one warning, at the first', () => {
    const r = csv('username,x\n"a\\"b\\"c",1\n');
    assert.deepEqual(codes(r.findings), ['username-format', 'csv-syntax']);
    assert.deepEqual(at(r.findings[1]), [1, 2, 1, 4]);
  });

  it('header names are matched trimmed and in any case', () => {
    assert.deepEqual(
      csv('mail, UserName \nx,a b\n').findings.map((f) => [f.code, f.username]),
      [['username-format', 'a b']]
    );
  });

  it('the uid column stands in for the default username column only in an ldapsearch export', () => {
    assert.deepEqual(shown('uid,mail\na b,x\n'), [
      ['username-missing', 'error', 'Header has no "username" column (columns: uid, mail); usernames cannot be checked.', 0, 0, 0, 8],
    ]);
    assert.deepEqual(shown('# dn,uid\n"uid=a",a b\n', { csvColumn: 'login' }), [
      ['username-missing', 'error', 'Header has no "login" column (columns: dn, uid); usernames cannot be checked.', 0, 0, 0, 8],
    ]);
  });

  it('rows with too few or too many fields, and a row that stops before the username column', () => {
    assert.deepEqual(shown('a,b,username\n1,2\n'), [
      ['csv-syntax', 'warning', 'Row has 2 fields; the header has 3.', 1, 0, 1, 3],
      ['username-missing', 'error', 'Row has no value in the username column (column 3); PingOne requires a username.', 1, 0, 1, 3],
    ]);
    assert.deepEqual(shown('username,x,y\na\n')[0], ['csv-syntax', 'warning', 'Row has 1 field; the header has 3.', 1, 0, 1, 1]);
    assert.deepEqual(shown('username,x\na b,1,2\n')[0], ['csv-syntax', 'warning', 'Row has 3 fields; the header has 2.', 1, 0, 1, 7]);
  });

  it('a username with U+FFFD: a warning that the file was not read as UTF-8 here, over the value', () => {
    assert.deepEqual(shown('username\na\uFFFDb\n')[0], [
      'csv-syntax',
      'warning',
      'Username contains U+FFFD REPLACEMENT CHARACTER: the file has invalid UTF-8 here or was decoded with the wrong encoding.',
      1,
      0,
      1,
      3,
    ]);
  });
});

describe('CSV: a username field longer than the capture limit is kept to the limit, however it is written', () => {
  const lengthOf = (text: string) => {
    const f = csv(text).findings.find((x) => x.code === 'username-too-long');
    return Number(/Username is (\d+) characters long/.exec(f?.message ?? '')?.[1]);
  };
  const a = 'a'.repeat(CAPTURE_LIMIT);

  it('a quote escape right at the limit, or a line break inside the quotes, adds nothing', () => {
    assert.equal(lengthOf(`username\n"${a}""b"\n`), CAPTURE_LIMIT);
    assert.equal(lengthOf(`username\n"${a}\nb"\n`), CAPTURE_LIMIT);
  });

  it('a run that crosses the limit after an escape is cut at the limit', () => {
    assert.equal(lengthOf(`username\n"x""${a}"\n`), CAPTURE_LIMIT);
  });
});

describe('CSV: the lines the scanner reads are counted (the editor model reports them per check)', () => {
  it('a header, a non-ASCII row and a quoted field over two lines: every line once', () => {
    assert.equal(new IncrementalDocumentScan('username\nä b\nc\n', { format: 'csv' }).lastRescan.linesParsed, 3);
    assert.equal(new IncrementalDocumentScan('username\n"a\nb"\nc d\n', { format: 'csv' }).lastRescan.linesParsed, 4);
    assert.equal(new IncrementalDocumentScan('username\nab\n', { format: 'csv' }).lastRescan.linesParsed, 2);
  });
});
