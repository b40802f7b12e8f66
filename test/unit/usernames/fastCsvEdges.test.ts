/**
 * Corners of the CSV fast path (src/usernames/fastCsv.ts) that its routing tests and the byte-for-byte
 * comparison on generated files do not reach: a `sep=` delimiter whose one UTF-16 unit is 0x80, a
 * first character whose UTF-8 bytes start and end like a byte order mark, and the rest of a chunk
 * after the line where the fast path hands the file to the line splitter. Each is held to the
 * reference pipeline (`createReferenceScanner`), whole and in chunks of every size.
 */
import assert from 'node:assert/strict';
import { createReferenceScanner, createScanner } from '../../../src/usernames/scan';
import type { ScanResult } from '../../../src/usernames/types';
import { csvRouteOf } from './fastLdifRouting.helpers';

function scanInChunks(bytes: Buffer, size: number, reference: boolean): ScanResult {
  const scanner = reference ? createReferenceScanner({ format: 'csv' }) : createScanner({ format: 'csv' });
  for (let i = 0; i < bytes.length; i += size) scanner.push(bytes.subarray(i, i + size));
  return scanner.end();
}

/** The fast scan's findings and entry count equal the reference's, for the text whole and in chunks of 1 to `maxChunk` bytes. */
function sameAsReference(text: string, maxChunk = 24): ScanResult {
  const bytes = Buffer.from(text, 'utf8');
  const expected = scanInChunks(bytes, bytes.length, true);
  for (const size of [bytes.length, ...Array.from({ length: maxChunk }, (_, i) => i + 1)]) {
    const got = scanInChunks(bytes, size, false);
    assert.deepEqual(got.findings, expected.findings, `chunks of ${size} bytes`);
    assert.equal(got.entries, expected.entries, `entries, chunks of ${size} bytes`);
  }
  return expected;
}

describe('CSV fast path corners, held to the reference pipeline', () => {
  it('a sep= delimiter U+0080 (one UTF-16 unit 0x80, two bytes in UTF-8) is left to the scanner', () => {
    const d = '\u0080';
    const text = `sep=${d}\nid${d}username\n1${d}bob\n2${d}b\u00e9b\n3${d}bob\n4${d}Bob\n`;
    const result = sameAsReference(text);
    const dups = result.findings.filter((f) => f.code.startsWith('username-duplicate')).map((f) => [f.code, f.range.startLine]);
    assert.deepEqual(
      dups,
      [
        ['username-duplicate', 4],
        ['username-duplicate-case', 5],
      ],
      'the rows were read with the delimiter'
    );
    assert.deepEqual(
      csvRouteOf(text).plain.map((p) => p.line),
      [],
      'no row is read from the bytes'
    );
  });

  it('a sep= delimiter NUL (byte 0) is a delimiter like any other: the fast path reads the rows itself', () => {
    const text = 'sep=\0\nid\0username\n1\0bob\n2\0carol\n3\0bob\n';
    const result = sameAsReference(text);
    assert.deepEqual(
      result.findings.map((f) => [f.code, f.range.startLine]),
      [['username-duplicate', 4]]
    );
    assert.deepEqual(
      csvRouteOf(text).plain.map((p) => p.line),
      [2, 3, 4]
    );
  });

  it('a first character whose bytes start with EF and end with BF, but is no byte order mark, stays in the header', () => {
    // U+FF3F FULLWIDTH LOW LINE is EF BC BF, U+FEFC (an Arabic ligature) EF BB BC: the header's column is then "＿username", not "username".
    // U+1EFF is E1 BB BF: only its first byte differs from a byte order mark's.
    for (const first of ['\uff3f', '\ufefc', '\u1eff']) {
      const text = `${first}username,mail\nbob,b@x\nbob,c@x\n`;
      const result = sameAsReference(text);
      assert.ok(!result.findings.some((f) => f.code === 'username-duplicate'), `${first}: no username column, so no duplicate`);
    }
    // The real byte order mark is skipped: the column is found.
    const withBom = sameAsReference('\ufeffusername,mail\nbob,b@x\nbob,c@x\n');
    assert.ok(withBom.findings.some((f) => f.code === 'username-duplicate' && f.range.startLine === 2));
  });

  it('after a lone CR hands the file to the splitter, the rest of its chunk and a last line without a break are read', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i},user${i % 5}\n`).join('');
    const text = `id,username\n${rows}7,lone\rcr\n${rows}9,Tail`;
    const result = sameAsReference(text, 40);
    const last = result.findings.filter((f) => f.range.startLine >= 14);
    assert.ok(last.length > 0, 'duplicates after the lone CR are found');
    // 12 rows, the line cut in two by its CR, 12 rows, the tail.
    assert.equal(result.entries, 27);
  });

  it('a lone CR inside a quoted username, a lone CR as the first byte, and text after a closing quote', () => {
    // A lone CR is a line break of its own (the splitter's), wherever it is, quoted or not.
    sameAsReference('id,username\n1,"bo\rb"\n2,bob\n3,carol\n');
    sameAsReference('\rid,username\n1,bob\n2,bob\n');
    // The username is the last field: the text after its closing quote is the scanner's finding.
    const after = sameAsReference('id,username\n1,"bob"x\n2,carol\n');
    assert.ok(
      after.findings.some((f) => f.code === 'csv-syntax' && f.range.startLine === 1),
      'text after the closing quote is reported'
    );
  });

  it('a carried line the fast path refuses (a lone CR inside it) hands the rest of that chunk to the splitter', () => {
    // Chunks of every size put the line break before `x\r` in one chunk and the rest of the line in the next.
    const text = 'id,username\n1,alpha\n2,be\rta\n3,alpha\n4,gamma\n5,alpha';
    const result = sameAsReference(text, 30);
    assert.deepEqual(
      result.findings.filter((f) => f.code === 'username-duplicate').map((f) => f.range.startLine),
      [4, 6]
    );
  });
});
