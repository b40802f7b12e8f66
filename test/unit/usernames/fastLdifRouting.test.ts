/**
 * The LDIF fast path's routing (src/usernames/fastLdif.ts): which records it reads from the bytes,
 * which it hands to the reference scanner line by line, and when it hands the rest of the file to
 * the whole reference pipeline. fastPath.test.ts proves the findings equal the reference's whatever
 * the route; a record sent the slow way when it need not be gives the same findings, only slower,
 * so only these tests notice it (see docs/mutation-testing.md, fastLdif.ts).
 */
import assert from 'node:assert/strict';
import { MAX_LINE_BYTES } from '../../../src/usernames/byteLines';
import { MAX_FAST_RECORD } from '../../../src/usernames/fastLdif';
import { createReferenceScanner, createScanner } from '../../../src/usernames/scan';
import type { ScanOptions } from '../../../src/usernames/types';
import { type Route, lines, record, routeOf, routeOfChunks } from './fastLdifRouting.helpers';

/** The first record always goes through the splitter (it may hold `version:` or a byte-order mark). */
const FIRST = record('cn=first,o=x', 'uid: first');
/** Two plain records at the end, so a test shows the rest of the file was not handed over. */
const tail = (dnA: string, dnB: string) => record(dnA, 'uid: ta') + record(dnB, 'objectClass: person', 'uid: tb');

/** The route of `text` pushed whole and in chunks of every size up to `maxChunk`: all the same. */
function sameRouteInChunks(text: string, options: Partial<ScanOptions> = {}, maxChunk = 40): Route {
  const whole = routeOf(text, options);
  for (let size = 1; size <= maxChunk; size++) assert.deepEqual(routeOf(text, options, size), whole, `chunks of ${size} bytes`);
  return whole;
}

const fastLines = (r: Route) => r.fast.map((f) => f.line);

describe('LDIF fast path routing (what it reads itself, what goes to the reference)', () => {
  it('reads every plain record after the first itself, in chunks of any size', () => {
    const text =
      FIRST +
      record('cn=b,o=x', 'cn: b', 'uid: b') +
      '\n\n' + // extra blank lines between records belong to no record
      'dn:cn=c,o=x\nuid:c\n\n' +
      'DN:   cn=d,o=x\nUID:   D.d\n\n' +
      'Dn: cn=e\nUserID: e-1\n\n' +
      'dn: cn=f\nsn: f\n0.9.2342.19200300.100.1.1: f_1\n\n' +
      'dn: cn=g\nuid: g'; // the last record without a line break
    const r = sameRouteInChunks(text);
    assert.deepEqual(r.viaSplitter, lines(0, 2));
    assert.deepEqual(r.direct, []);
    assert.deepEqual(r.fast, [
      { line: 3, dn: 'cn=b,o=x', username: 'b', usernameLine: 5, usernameColumn: 5, cased: false },
      { line: 9, dn: 'cn=c,o=x', username: 'c', usernameLine: 10, usernameColumn: 4, cased: false },
      { line: 12, dn: 'cn=d,o=x', username: 'D.d', usernameLine: 13, usernameColumn: 7, cased: true },
      { line: 15, dn: 'cn=e', username: 'e-1', usernameLine: 16, usernameColumn: 8, cased: false },
      { line: 18, dn: 'cn=f', username: 'f_1', usernameLine: 20, usernameColumn: 27, cased: false },
      { line: 22, dn: 'cn=g', username: 'g', usernameLine: 23, usernameColumn: 5, cased: false },
    ]);
  });

  it('reads a record whose second line is any plain name that starts no change record', () => {
    // `surname` has the length of `control`, `postalcode` that of `changetype`; `a…` and `z…` are the letters' ends;
    // `controls` and `changetypes` only start like them.
    const seconds = ['surname: s', 'postalcode: 1', 'audio: a', 'zone: z', 'Zone: Z', 'c-1: x', 'uid: u', 'controls: c', 'changetypes: c'];
    const text = FIRST + seconds.map((s, i) => record(`cn=r${i}`, s, ...(s.startsWith('uid') ? [] : [`uid: r${i}`]))).join('');
    const r = sameRouteInChunks(text, {}, 12);
    assert.deepEqual(fastLines(r), [3, 7, 11, 15, 19, 23, 27, 30, 34]);
    assert.deepEqual(r.direct, []);
    assert.deepEqual(r.viaSplitter, lines(0, 2));
  });

  it('finds the username attribute by any configured name, in any case, and only by it', () => {
    const text =
      FIRST +
      record('cn=a', 'MAIL: a@x.example', 'cn: A') +
      record('cn=b', 'mAiL: b', 'uid: b', 'maix: c') +
      record('cn=z', 'rfc822Mailbox: z');
    const r = sameRouteInChunks(text, { ldifAttribute: 'Mail' }, 8);
    assert.deepEqual(
      r.fast.map((f) => [f.line, f.username]),
      [
        [7, 'b'],
        [12, 'z'],
      ]
    );
    // `a@x.example` is no plain username: that record goes to the scanner line by line.
    assert.deepEqual(r.direct, lines(3, 6));
    // Capital letters from A to Z fold: a name made of both ends of the range.
    const az = FIRST + record('cn=az', 'AZ: v') + record('cn=za', 'aZ: w', 'az-x: y');
    assert.deepEqual(
      routeOf(az, { ldifAttribute: 'az' }).fast.map((f) => f.username),
      ['v', 'w']
    );
  });

  it('reads a username with digits in the guide profile, not in the strict one', () => {
    const text = FIRST + record('cn=a', 'uid: user1') + record('cn=b', 'uid: user');
    assert.deepEqual(fastLines(routeOf(text, { profile: 'guide' })), [3, 6]);
    const strict = routeOf(text, { profile: 'strict' });
    assert.deepEqual(fastLines(strict), [6]);
    assert.deepEqual(strict.direct, lines(3, 5));
  });

  /** Records the fast path must leave to the scanner line by line (valid UTF-8, no CR, no fold). */
  const TO_SCANNER: Array<[string, string[]]> = [
    ['a comment', ['# note', 'uid: u']],
    ['no username', ['cn: u']],
    ['two usernames', ['uid: u', 'uid: v']],
    ['a username that is not plain', ['uid: u v']],
    ['a non-ASCII username', ['uid: josé']],
    ['a base64 username', ['uid:: dQ==']],
    ['a URL username', ['uid:< file:///u']],
    ['an empty username', ['uid:']],
    ['options on the username', ['uid;lang-en: u']],
    ['a line without a colon', ['uid: u', 'nocolon']],
    ['a name with a byte no name has', ['uid: u', 'x_y: 1']],
    ['`changetype` after the DN', ['changetype: add', 'uid: u']],
    ['`CHANGETYPE` after the DN', ['CHANGETYPE: modify', 'uid: u']],
    ['`control` after the DN', ['control: 1.2.3', 'uid: u']],
    ['`Control` after the DN', ['Control: 1.2.3', 'uid: u']],
    ['a dotted name after the DN', ['x.y: z', 'uid: u']],
    ['an OID after the DN', ['2.5.4.3: z', 'uid: u']],
    ['options after the DN', ['cn;lang-en: z', 'uid: u']],
    ['a digit-first name after the DN', ['1: z', 'uid: u']],
    ['a name starting with `-` after the DN', ['-x: z', 'uid: u']],
    ['a comment, then a fold', ['# note', 'uid: u', ' continued']],
  ];
  for (const [what, attrs] of TO_SCANNER) {
    it(`hands a record with ${what} to the scanner line by line, and reads the next records itself`, () => {
      const text = FIRST + record('cn=odd,o=x', ...attrs) + tail('cn=t1', 'cn=t2');
      const n = attrs.length;
      const r = sameRouteInChunks(text, {}, 12);
      assert.deepEqual(r.direct, lines(3, 4 + n), 'the odd record and its blank line');
      assert.deepEqual(r.directEols, Array(n + 2).fill(1));
      assert.deepEqual(r.viaSplitter, lines(0, 2));
      assert.deepEqual(fastLines(r), [5 + n, 8 + n]);
    });
  }

  const BAD_DNS = ['dn:: Y249YQ==', 'dn:< file:///dn', 'cn: a', 'dx: a', 'xn: a', 'dnx: a', 'dn a', 'd: a'];
  for (const dn of BAD_DNS) {
    it(`hands a record whose first line is \`${dn}\` to the scanner line by line`, () => {
      const text = FIRST + `${dn}\nuid: u\n\n` + tail('cn=t1', 'cn=t2');
      const r = sameRouteInChunks(text, {}, 12);
      assert.deepEqual(r.direct, lines(3, 5));
      assert.deepEqual(fastLines(r), [6, 9]);
    });
  }

  it('hands the last record without a line break to the scanner with no line break on its last line', () => {
    const r = sameRouteInChunks(FIRST + 'dn: cn=a\n# c\nuid: a', {}, 12);
    assert.deepEqual(r.direct, [3, 4, 5]);
    assert.deepEqual(r.directEols, [1, 1, 0]);
  });

  for (const [what, fold] of [
    ['space', ' continued'],
    ['tab', '\tcontinued'],
  ]) {
    it(`hands a record with a folded line (${what}) to the splitter, and reads the next records itself`, () => {
      const text = FIRST + record('cn=fold', 'uid: u', fold) + tail('cn=t1', 'cn=t2');
      const r = sameRouteInChunks(text, {}, 12);
      assert.deepEqual(r.viaSplitter, [...lines(0, 2), ...lines(3, 6)]);
      assert.deepEqual(r.direct, []);
      assert.deepEqual(fastLines(r), [7, 10]);
    });
  }
});

describe('LDIF fast path routing: the rest of the file handed over', () => {
  const plain = (from: number, count: number) =>
    lines(from, from + count - 1)
      .map((i) => record(`cn=u${i}`, `uid: u${i}`))
      .join('');

  for (const [what, bytes] of [
    // (first in its chunk: a CRLF blank line before the record)
    ['a CR (CRLF line breaks)', Buffer.from('\r\ndn: cn=odd\r\nuid: u\r\n\r\n')],
    ['invalid UTF-8', Buffer.from('dn: cn=odd\ncn: \xff\nuid: u\n\n', 'latin1')],
    ['a literal U+FFFD', Buffer.from('dn: cn=odd\ncn: \ufffd\nuid: u\n\n')],
  ] as const) {
    it(`hands the rest of the file over from the region that holds ${what}`, () => {
      // The last record has no line break: the bytes after the chunk's last blank line go over too.
      const text = Buffer.concat([Buffer.from(FIRST + plain(1, 2)), bytes, Buffer.from(plain(4, 2) + 'dn: cn=last\nuid: last')]);
      const lastLine = text.filter((b) => b === 10).length;
      // Pushed whole, the whole file is one region: nothing is read fast.
      const whole = routeOf(text);
      assert.deepEqual(whole.fast, []);
      assert.deepEqual(whole.direct, []);
      assert.deepEqual(whole.viaSplitter, lines(0, lastLine));
      // Pushed in two chunks cut before the odd record, the records before it are read fast.
      const cut = Buffer.byteLength(FIRST + plain(1, 2));
      const r = routeOf(text, {}, cut);
      assert.deepEqual(fastLines(r), [3, 6]);
      assert.deepEqual(r.viaSplitter.slice(0, 3), lines(0, 2));
      assert.deepEqual(r.viaSplitter.slice(3, 4), [9]);
      assert.deepEqual(r.direct, []);
      // A chunk is checked as one region: records before the odd one in the same chunk go over with it.
      const sameChunk = routeOfChunks([Buffer.from(FIRST), text.subarray(Buffer.byteLength(FIRST))]);
      assert.deepEqual(sameChunk.fast, []);
      // The odd record cut by a chunk's end: read from the carry, it hands over the rest of the next chunk.
      const oddAt = text.indexOf('cn=odd');
      const split = routeOfChunks([text.subarray(0, oddAt), text.subarray(oddAt)]);
      assert.deepEqual(fastLines(split), [3, 6]);
      assert.deepEqual(split.viaSplitter, [...lines(0, 2), ...lines(9, lastLine)]);
    });
  }

  it('hands the whole file over when it starts with a literal U+FFFD', () => {
    const r = routeOf('\ufffd\n\n' + plain(0, 3));
    assert.deepEqual(r.fast, []);
    assert.deepEqual(r.viaSplitter, lines(0, 10));
  });

  it('hands the whole file over when a configured name is no attribute name', () => {
    const text = FIRST + plain(1, 2);
    assert.deepEqual(fastLines(routeOf(text, { ldifAttribute: 'user_name' })), []);
    assert.deepEqual(routeOf(text, { ldifAttribute: 'user_name' }).viaSplitter, lines(0, 8));
    assert.deepEqual(fastLines(routeOf(text.replace(/uid/g, 'employeeNumber'), { ldifAttribute: 'employeeNumber' })), [3, 6]);
  });

  it('reads a large plain file itself in 64 KiB chunks (a chunk without a blank line is kept, not handed over)', () => {
    // 60,000 records of 27 bytes (5-digit numbers), about 1.6 MB: over MAX_FAST_RECORD in all. Chunks of
    // 2,427 records' bytes all cut the records at the same place, never at a blank line.
    const count = 60_000;
    const text = FIRST + plain(10_000, count);
    assert.ok(text.length > MAX_FAST_RECORD);
    for (const size of [27 * 2427, 600 * 1024]) {
      const r = routeOf(text, {}, size);
      assert.equal(r.fast.length, count, `chunks of ${size} bytes`);
      assert.deepEqual(r.viaSplitter, lines(0, 2));
    }
  });

  it('hands the rest of the file over once the part of a record kept across chunks is over MAX_FAST_RECORD, not before', () => {
    const head = Buffer.from(FIRST + plain(1, 2));
    // A record's lines without its blank line, pushed in 64 KiB pieces: all of it is kept.
    const open = (bytes: number) => {
      const base = 'dn: cn=big\nuid: big\ndescription: \n';
      return Buffer.from(base.replace('description: ', 'description: ' + 'x'.repeat(bytes - base.length)));
    };
    const pieces = (b: Buffer) => Array.from({ length: Math.ceil(b.length / 65536) }, (_, i) => b.subarray(i * 65536, (i + 1) * 65536));
    for (const [kept, handedOver] of [
      [MAX_FAST_RECORD, false],
      [MAX_FAST_RECORD + 1, true],
    ] as const) {
      const r = routeOfChunks([head, ...pieces(open(kept)), Buffer.from('\n' + plain(100, 2))]);
      assert.deepEqual(fastLines(r), handedOver ? [3, 6] : [3, 6, 9, 13, 16], `${kept} bytes kept`);
      assert.deepEqual(r.viaSplitter, handedOver ? [...lines(0, 2), ...lines(9, 18)] : lines(0, 2), `${kept} bytes kept`);
    }
  });

  it('reports a line over MAX_LINE_BYTES in a first record that does not start the file, as the reference does', () => {
    const text = '\n' + record('cn=first', 'uid: f', `description: ${'x'.repeat(MAX_LINE_BYTES)}`) + record('cn=t', 'uid: t');
    const r = routeOf(text);
    assert.deepEqual(r.viaSplitter, lines(1, 4));
    const fast = createScanner({ format: 'ldif' }),
      ref = createReferenceScanner({ format: 'ldif' });
    fast.push(Buffer.from(text));
    ref.push(Buffer.from(text));
    const findings = fast.end().findings;
    assert.deepEqual(findings, ref.end().findings);
    assert.match(findings[0].message, /over the 16 MiB limit/);
  });

  it('closes a kept record at a blank line split across two chunks, so what follows is kept on its own', () => {
    // 600 KiB records: the first kept whole (its last line break ends a chunk), the blank line starts the next chunk.
    const big = (name: string) => `dn: cn=${name}\nuid: ${name}\ndescription: ${'x'.repeat(600 * 1024)}\n`;
    const second = big('two');
    const r = routeOfChunks([
      Buffer.from(FIRST),
      Buffer.from(big('one')),
      Buffer.from('\n' + second.slice(0, 500 * 1024)),
      Buffer.from(second.slice(500 * 1024) + '\n' + record('cn=t', 'uid: t')),
    ]);
    assert.deepEqual(
      r.fast.map((f) => f.username),
      ['one', 'two', 't']
    );
    assert.deepEqual(r.viaSplitter, lines(0, 2));
  });

  it('gives a line over MAX_LINE_BYTES to the splitter (which caps it), whatever else made its record slow', () => {
    const long = 'x'.repeat(MAX_LINE_BYTES - 'description: '.length);
    for (const [attrs, route] of [
      [['uid: u', `description: ${long}`], 'fast'],
      [['uid: u', `description: ${long}x`], 'splitter'],
      [['# note', 'uid: u', `description: ${long}x`], 'splitter'],
      [['# note', 'uid: u', `description: ${long}`], 'direct'],
    ] as const) {
      const text = FIRST + record('cn=long', ...attrs) + record('cn=t', 'uid: t');
      const r = routeOf(text);
      const n = attrs.length;
      assert.deepEqual(fastLines(r), route === 'fast' ? [3, 5 + n] : [5 + n], attrs[0]);
      assert.deepEqual(r.viaSplitter, route === 'splitter' ? [...lines(0, 2), ...lines(3, 4 + n)] : lines(0, 2));
      assert.deepEqual(r.direct, route === 'direct' ? lines(3, 4 + n) : []);
      // The findings are the reference's: the long line reported, not read.
      const fast = createScanner({ format: 'ldif' }),
        ref = createReferenceScanner({ format: 'ldif' });
      fast.push(Buffer.from(text));
      ref.push(Buffer.from(text));
      assert.deepEqual(fast.end().findings, ref.end().findings);
    }
  });
});
