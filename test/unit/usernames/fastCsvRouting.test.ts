/**
 * The CSV fast path's routing (src/usernames/fastCsv.ts): which rows it reads from the bytes, which
 * it parses for the scanner to check, which lines it hands to the scanner one by one, and when it
 * hands the rest of the file to the line splitter. fastPath.test.ts proves the findings equal the
 * reference's whatever the route; a line sent the slow way when it need not be gives the same
 * findings, only slower, so only these tests notice it (see docs/mutation-testing.md).
 */
import assert from 'node:assert/strict';
import { MAX_LINE_BYTES } from '../../../src/usernames/byteLines';
import { CAPTURE_LIMIT } from '../../../src/usernames/csvScanner';
import { MAX_FAST_LINE, ROWS_PER_CALL } from '../../../src/usernames/fastCsv';
import { createReferenceScanner, createScanner } from '../../../src/usernames/scan';
import type { ScanOptions } from '../../../src/usernames/types';
import { type CsvRoute, csvRouteOf, csvRouteOfChunks, lines } from './fastLdifRouting.helpers';

const HEADER = 'id,username,mail\n';

/** The route of `text` pushed whole and in chunks of every size up to `maxChunk`: all the same. */
function sameRouteInChunks(text: string, options: Partial<ScanOptions> = {}, maxChunk = 40): CsvRoute {
  const whole = csvRouteOf(text, options);
  for (let size = 1; size <= maxChunk; size++) assert.deepEqual(csvRouteOf(text, options, size), whole, `chunks of ${size} bytes`);
  return whole;
}

const plainLines = (r: CsvRoute) => r.plain.map((p) => p.line);

/** The fast scan's findings equal the reference's (the route must never change them). */
function sameFindings(text: string | Buffer, options: Partial<ScanOptions> = {}): void {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const fast = createScanner({ format: 'csv', ...options }),
    ref = createReferenceScanner({ format: 'csv', ...options });
  fast.push(bytes);
  ref.push(bytes);
  assert.deepEqual(fast.end().findings, ref.end().findings);
}

describe('CSV fast path routing (what it reads itself, what goes to the scanner)', () => {
  it('reads every plain row after the header itself, with its username column in UTF-16 units, in chunks of any size', () => {
    const text =
      HEADER +
      '1,alice,a@x\n' +
      '2,"Bob",b@x\n' + // quoted: the column is the content's
      'é,carol,c\n' + // a 2-byte character before: one UTF-16 unit
      '😀,dave,d\n' + // a 4-byte character before: two units
      'ü€,"erin",e\n' + // 2- and 3-byte characters
      '6,frank,f\r\n' + // CRLF
      '7,grace,"x,y"\n' + // a quoted delimiter after the username
      '8,heidi,\n' + // an empty last field
      '9,ivan,"q""r"\n' + // `""` in another field than the username's
      '"é😀",judy,j\n'; // non-ASCII in a quoted field before: three UTF-16 units and two quotes
    const r = sameRouteInChunks(text);
    assert.deepEqual(r.direct, [0]);
    assert.deepEqual(r.viaSplitter, []);
    assert.deepEqual(r.parsed, []);
    assert.deepEqual(r.plain, [
      { line: 1, username: 'alice', column: 2 },
      { line: 2, username: 'Bob', column: 3 },
      { line: 3, username: 'carol', column: 2 },
      { line: 4, username: 'dave', column: 3 },
      { line: 5, username: 'erin', column: 4 },
      { line: 6, username: 'frank', column: 2 },
      { line: 7, username: 'grace', column: 2 },
      { line: 8, username: 'heidi', column: 2 },
      { line: 9, username: 'ivan', column: 2 },
      { line: 10, username: 'judy', column: 6 },
    ]);
    sameFindings(text);
  });

  it('reads the username in the first or the last column', () => {
    const first = sameRouteInChunks('username,id\nalice,1\n"bob",2\n');
    assert.deepEqual(
      first.plain.map((p) => [p.line, p.username, p.column]),
      [
        [1, 'alice', 0],
        [2, 'bob', 1],
      ]
    );
    const last = sameRouteInChunks('id,username\n1,alice\n2,"bob"\r\n3,carol\n');
    assert.deepEqual(plainLines(last), [1, 2, 3]);
  });

  it('reads a username with digits in the guide profile, parses it for the scanner in the strict one', () => {
    const text = HEADER + '1,user1,a\n2,user,b\n';
    assert.deepEqual(plainLines(csvRouteOf(text, { profile: 'guide' })), [1, 2]);
    const strict = csvRouteOf(text, { profile: 'strict' });
    assert.deepEqual(plainLines(strict), [2]);
    assert.deepEqual(strict.parsed, [{ line: 1, username: 'user1', column: 2 }]);
  });

  it('parses a row whose username is not plain for the scanner, and reads the next rows itself', () => {
    for (const [field, content, column] of [
      ['josé', 'josé', 2],
      ['bob smith', 'bob smith', 2],
      ['"d""q"', 'd""q', 3],
      ['""', '', 3],
      ['', '', 2],
      ['"a,b"', 'a,b', 3],
    ] as const) {
      const text = HEADER + '1,alice,a\n' + `2,${field},b\n` + '3,carol,c\n';
      const r = sameRouteInChunks(text, {}, 12);
      assert.deepEqual(r.parsed, [{ line: 2, username: content, column }], field);
      assert.deepEqual(plainLines(r), [1, 3], field);
      assert.deepEqual(r.direct, [0], field);
      sameFindings(text);
    }
  });

  /** Lines the fast path must hand to the scanner one by one (then it reads the next rows itself). */
  const TO_SCANNER: Array<[string, string]> = [
    ['a comment', '# note'],
    ['a comment with as many commas as the header', '# a,b,c'],
    ['a backslash before the closing quote', '2,"bob\\",b'],
    ['a blank line', ''],
    ['too few fields', '2,bob'],
    ['too many fields', '2,bob,b,extra'],
    ['text after a closing quote', '2,"bob"x,b'],
    ['a quote inside an unquoted field', '2,bo"b,b'],
    ['a quote inside an unquoted field after non-ASCII', '2,é"b,b'],
    ['a backslash-escaped quote', '2,"bo\\"b",b'],
    ['a quoted field not closed before a delimiter', '"2"x,bob,b'],
  ];
  for (const [what, line] of TO_SCANNER) {
    it(`hands a line with ${what} to the scanner, and reads the next rows itself`, () => {
      const text = HEADER + '1,alice,a\n' + line + '\n3,carol,c\n4,dave,d\n';
      const r = sameRouteInChunks(text, {}, 12);
      assert.deepEqual(r.direct, [0, 2]);
      assert.deepEqual(r.directEols, [1, 1]);
      assert.deepEqual(plainLines(r), [1, 3, 4]);
      assert.deepEqual(r.parsed, []);
      assert.deepEqual(r.viaSplitter, []);
      sameFindings(text);
    });
  }

  it('hands the lines of a row with a quoted line break to the scanner until the row closes', () => {
    // (`4,bob,b` inside the quotes looks like a plain row: it is part of the field.)
    const text = HEADER + '1,alice,a\n2,"multi\nline",b\n3,"x\r\n4,bob,b\ny",c\n5,dave,d\n';
    const r = sameRouteInChunks(text, {}, 12);
    assert.deepEqual(r.direct, [0, 2, 3, 4, 5, 6]);
    assert.deepEqual(r.directEols, [1, 1, 1, 2, 1, 1]);
    assert.deepEqual(plainLines(r), [1, 7]);
    sameFindings(text);
  });

  it('hands a row with an escaped username longer than the scanner keeps (CAPTURE_LIMIT) to the scanner', () => {
    for (const [length, toScanner] of [
      [CAPTURE_LIMIT, false],
      [CAPTURE_LIMIT + 1, true],
    ] as const) {
      // The content `a""bbb…` is `length` bytes.
      const text = HEADER + `1,"a""${'b'.repeat(length - 3)}",x\n2,carol,c\n`;
      const r = csvRouteOf(text);
      assert.deepEqual(r.direct, toScanner ? [0, 1] : [0], `${length} bytes`);
      assert.deepEqual(
        r.parsed.map((p) => [p.line, p.username.length]),
        toScanner ? [] : [[1, length]]
      );
      assert.deepEqual(plainLines(r), [2]);
    }
  });

  it('hands the lines before the header and the header to the scanner, a byte-order mark skipped', () => {
    const text = '\ufeffsep=;\n# about\n\nid;username\n1;alice\n2;"bob"\n';
    const r = sameRouteInChunks(text);
    assert.deepEqual(r.direct, [0, 1, 2, 3]);
    assert.deepEqual(plainLines(r), [4, 5]);
    sameFindings(text);
    // Without the mark skipped the header would be read as `\ufeffid`, whatever the chunks.
    const bom = sameRouteInChunks('\ufeffusername,id\nalice,1\n');
    assert.deepEqual(plainLines(bom), [1]);
    // A line that is only the mark is a blank line.
    sameFindings('\ufeff\nusername,id\nalice,1\n');
    assert.deepEqual(plainLines(csvRouteOf('\ufeff\nusername,id\nalice,1\n')), [2]);
    // Only the file's first line can start with one: later, it is part of the line (here no comment, a row of one field).
    const later = HEADER + '# c\n\ufeff# d\n1,alice,a\n';
    assert.deepEqual(csvRouteOf(later).direct, [0, 1, 2]);
    sameFindings(later);
    // Only the file's first line can start with one.
    const late = csvRouteOf('username,id\n\ufeffalice,1\nbob,2\n');
    assert.deepEqual(
      late.parsed.map((p) => p.username),
      ['\ufeffalice']
    );
  });

  it('leaves every row to the scanner when the header has no username column, or the delimiter is a quote or non-ASCII', () => {
    // (`香` is E9 A6 99: its lead byte is the code of `é`, which must not be taken for the delimiter.)
    for (const text of ['id,name\n1,alice\n2,bob\n', 'sep="\nid"username\n1"alice\n', 'sep=é\nusernameéid\nalice香1\n', 'username\n\n']) {
      const r = csvRouteOf(text);
      assert.deepEqual(r.plain, [], text);
      assert.deepEqual(r.parsed, [], text);
      assert.deepEqual(r.direct, lines(0, text.split('\n').length - 2), text);
    }
  });

  it('reads rows in calls of ROWS_PER_CALL bytes, all of them, and the line after the last call too', () => {
    const count = Math.ceil((3 * ROWS_PER_CALL) / 12);
    const rows = Array.from({ length: count }, (_, i) => `${i % 10},u${String(i).padStart(5, '0')},x\n`).join('');
    const r = csvRouteOf(HEADER + rows + '# end\n' + '9,last,x\n');
    assert.deepEqual(plainLines(r), [...lines(1, count), count + 2]);
    assert.deepEqual(r.direct, [0, count + 1]);
  });
});

describe('CSV fast path routing: the rest of the file handed to the line splitter', () => {
  const rows = (from: number, n: number) =>
    lines(from, from + n - 1)
      .map((i) => `${i},u${i},x\n`)
      .join('');

  for (const [what, odd] of [
    ['a lone CR', Buffer.from('3,bob\rx,b\n')],
    ['a lone CR ending a row', Buffer.from('3,bob,b\rx\n')],
    ['invalid UTF-8', Buffer.from('3,b\xffb,b\n', 'latin1')],
    ['a literal U+FFFD (first in its chunk)', Buffer.from('\ufffd,bob,b\n')],
  ] as const) {
    it(`hands the rest of the file over from the line (or region) that holds ${what}`, () => {
      const head = Buffer.from(HEADER + rows(1, 2));
      const text = Buffer.concat([head, odd, Buffer.from(rows(4, 2))]);
      const r = csvRouteOfChunks([head, text.subarray(head.length)]);
      assert.deepEqual(plainLines(r), [1, 2]);
      assert.deepEqual(r.direct, [0]);
      const total = text.filter((b) => b === 10 || b === 13).length - (what === 'a lone CR' ? 0 : 0);
      assert.deepEqual(r.viaSplitter, lines(3, total - 1));
      sameFindings(text);
    });
  }

  it('reads the lines before a lone CR in the same region itself', () => {
    const text = HEADER + rows(1, 2) + '3,bob\rx,b\n' + rows(4, 1);
    const r = csvRouteOf(text);
    assert.deepEqual(plainLines(r), [1, 2]);
    assert.deepEqual(r.viaSplitter, lines(3, 5));
    // A CR in a line the scanner reads (a comment) hands over from that line too.
    const comment = csvRouteOf(HEADER + rows(1, 1) + '# a\rb\n' + rows(3, 1));
    assert.deepEqual(plainLines(comment), [1]);
    assert.deepEqual(comment.direct, [0]);
    assert.deepEqual(comment.viaSplitter, lines(2, 4));
    // A CR in a line after one the scanner read: found again from there.
    const later = csvRouteOf(HEADER + '# a\n' + rows(2, 1) + '# b\rc\n' + rows(4, 1));
    assert.deepEqual(later.direct, [0, 1]);
    assert.deepEqual(plainLines(later), [2]);
    assert.deepEqual(later.viaSplitter, lines(3, 5));
  });

  it('reads a large file in 600 KiB chunks itself (the open line at the end of a chunk is kept)', () => {
    const count = 100_000; // about 1.3 MB, over MAX_FAST_LINE in all
    const r = csvRouteOf(HEADER + rows(1, count), {}, 600 * 1024);
    assert.equal(r.plain.length, count);
    assert.deepEqual(r.viaSplitter, []);
  });

  it('hands the last line over when it has no line break', () => {
    const r = sameRouteInChunks(HEADER + rows(1, 2) + '3,carol,c');
    assert.deepEqual(plainLines(r), [1, 2]);
    assert.deepEqual(r.viaSplitter, [3]);
  });

  it('hands the rest of the file over once a line kept across chunks is over MAX_FAST_LINE, and not before', () => {
    const head = Buffer.from(HEADER + rows(1, 2));
    const pieces = (b: Buffer) => Array.from({ length: Math.ceil(b.length / 65536) }, (_, i) => b.subarray(i * 65536, (i + 1) * 65536));
    for (const [kept, handedOver] of [
      [MAX_FAST_LINE, false],
      [MAX_FAST_LINE + 1, true],
    ] as const) {
      // A row whose last field is long, without its line break: all of it is kept.
      const open = Buffer.from(`3,bob,${'x'.repeat(kept - 6)}`);
      const r = csvRouteOfChunks([head, ...pieces(open), Buffer.from('\n' + rows(4, 2))]);
      assert.deepEqual(plainLines(r), handedOver ? [1, 2] : [1, 2, 3, 4, 5], `${kept} bytes kept`);
      assert.deepEqual(r.viaSplitter, handedOver ? lines(3, 5) : [], `${kept} bytes kept`);
    }
  });

  it('hands the rest of the file over from a line over MAX_LINE_BYTES, whether a row or a line for the scanner', () => {
    for (const line of [
      `3,bob,${'x'.repeat(MAX_LINE_BYTES)}`,
      `3,bob,${'x'.repeat(MAX_LINE_BYTES - 6)}`,
      `# ${'x'.repeat(MAX_LINE_BYTES)}`,
      `# ${'x'.repeat(MAX_LINE_BYTES - 2)}`,
    ]) {
      const text = HEADER + rows(1, 2) + line + '\n' + rows(4, 1);
      const r = csvRouteOf(text);
      const over = Buffer.byteLength(line) > MAX_LINE_BYTES;
      assert.deepEqual(plainLines(r), over ? [1, 2] : line.startsWith('#') ? [1, 2, 4] : [1, 2, 3, 4], `${line.length} bytes`);
      assert.deepEqual(r.viaSplitter, over ? lines(3, 4) : [], `${line.length} bytes`);
      sameFindings(text);
    }
  });
});

describe("CSV fast path: the estimate of the file's usernames", () => {
  it('counts the line breaks of the first 64 KiB and scales them to the file size, once, before a row of that chunk is offered', () => {
    // A 17-byte header, then 16-byte rows: a line break falls on byte 65,536, just past the sample.
    const row = (i: number) => `${String(i).padStart(4, '0')},u${String(i).padStart(7, '0')},x\n`;
    const text = HEADER + Array.from({ length: 8192 }, (_, i) => row(i)).join('');
    const data = Buffer.from(text);
    assert.equal(data[65536], 10);
    const firstLines = data.subarray(0, 65536).filter((b) => b === 10).length;
    for (const chunk of [65536, 1000, 65536 * 2]) {
      const r = csvRouteOf(data, {}, chunk, 10 * data.length);
      assert.deepEqual(r.expected, [Math.ceil((firstLines * 10 * data.length) / 65536)], `chunks of ${chunk} bytes`);
      // Told before a row of the chunk that completes the sample reaches the index: growing it later would rehash
      // what it holds with code not yet optimized. With the sample in the first chunk, before any row.
      if (chunk >= 65536) assert.equal(r.expectedAfterRows[0], 0, `chunks of ${chunk} bytes`);
      else assert.ok(r.expectedAfterRows[0] < r.plain.filter((p) => p.line * 16 + 17 < 65536).length, `chunks of ${chunk} bytes`);
    }
    // No size, or a file no larger than the sample: no estimate.
    assert.deepEqual(csvRouteOf(data, {}, 4096).expected, []);
    assert.deepEqual(csvRouteOf(data.subarray(0, 65536), {}, 4096, 65536).expected, []);
  });
});
