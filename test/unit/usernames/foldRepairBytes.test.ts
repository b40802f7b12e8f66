// FoldRepair byte for byte: an LDIF fold (LF or CR LF, then one space) that splits a UTF-8
// character is moved before the partial character, for 2-, 3- and 4-byte sequences (RFC 2849
// note 2; UTF-8 sequence lengths per RFC 3629 section 4); anything that would not then decode
// as one valid character is left as it is, whatever the chunking.
import assert from 'node:assert/strict';
import { createScanner } from '../../../src/usernames';
import { FoldRepair } from '../../../src/usernames/foldRepair';

const b = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const LF_SP = [0x0a, 0x20];
const CRLF_SP = [0x0d, 0x0a, 0x20];

/** Runs the bytes through one FoldRepair in chunks of `size` bytes. */
function repaired(bytes: Buffer, size = bytes.length): Buffer {
  const r = new FoldRepair();
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += Math.max(size, 1)) out.push(r.push(bytes.subarray(i, i + size)));
  out.push(r.end());
  return Buffer.concat(out);
}

/** The same output for every chunk size, from one byte to the whole input. */
function repairedEveryChunking(bytes: Buffer): Buffer {
  const whole = repaired(bytes);
  for (let size = 1; size < bytes.length; size++) assert.deepEqual(repaired(bytes, size), whole, `chunks of ${size}`);
  return whole;
}

describe('FoldRepair: a fold inside a UTF-8 character', () => {
  const cases: Array<{ name: string; char: number[] }> = [
    { name: 'two bytes (é, C3 A9)', char: [0xc3, 0xa9] },
    { name: 'three bytes (€, E2 82 AC)', char: [0xe2, 0x82, 0xac] },
    { name: 'three bytes with lead E0 (U+0800, E0 A0 80)', char: [0xe0, 0xa0, 0x80] },
    { name: 'three bytes, continuation byte 80 before the fold (U+2000, E2 80 80)', char: [0xe2, 0x80, 0x80] },
    { name: 'four bytes, continuation bytes 80 before the fold (U+10000, F0 90 80 80)', char: [0xf0, 0x90, 0x80, 0x80] },
    { name: 'four bytes with lead F0 (😀, F0 9F 98 80)', char: [0xf0, 0x9f, 0x98, 0x80] },
    { name: 'four bytes with lead F4 (U+10FFFD, F4 8F BF BD)', char: [0xf4, 0x8f, 0xbf, 0xbd] },
  ];
  for (const { name, char } of cases) {
    for (const eol of [LF_SP, CRLF_SP]) {
      it(`${name}, split after each of its bytes, ${eol.length === 2 ? 'LF' : 'CR LF'} fold: moved after the fold`, () => {
        for (let cut = 1; cut < char.length; cut++) {
          const input = b('uid: x', char.slice(0, cut), eol, char.slice(cut), 'y\n');
          const want = b('uid: x', eol, char, 'y\n');
          assert.deepEqual(repairedEveryChunking(input), want, `cut after ${cut}`);
          assert.equal(new TextDecoder().decode(want), `uid: x${eol.length === 3 ? '\r' : ''}\n ${Buffer.from(char).toString('utf8')}y\n`);
        }
      });
    }
  }

  it('two split characters in one line are both moved; the second fold may follow the first at once', () => {
    const input = b('uid: ', [0xc3], LF_SP, [0xa9, 0xe2, 0x82], LF_SP, [0xac], '\n');
    assert.deepEqual(repairedEveryChunking(input), b('uid: ', LF_SP, [0xc3, 0xa9], LF_SP, [0xe2, 0x82, 0xac], '\n'));
  });

  it('a split character right at the start of the stream, and right at its end, is moved', () => {
    assert.deepEqual(repairedEveryChunking(b([0xc3], LF_SP, [0xa9])), b(LF_SP, [0xc3, 0xa9]));
  });
});

describe('FoldRepair: what it leaves alone', () => {
  const unchanged: Array<[string, Buffer]> = [
    ['a fold after a whole character', b('uid: ', [0xc3, 0xa9], LF_SP, 'x\n')],
    ['a fold after plain ASCII', b('uid: ab', LF_SP, 'cd\n')],
    [
      'multi-byte characters with no fold at all (üüü, €€)',
      b('uid: ', [0xc3, 0xbc, 0xc3, 0xbc, 0xc3, 0xbc, 0xe2, 0x82, 0xac, 0xe2, 0x82, 0xac], '\n'),
    ],
    ['a line break without the space (no fold)', b('uid: ', [0xc3], '\n', [0xa9], '\n')],
    ['a lead byte whose continuation after the fold is ASCII', b('uid: ', [0xc3], LF_SP, 'A\n')],
    ['a 3-byte lead with only one continuation byte after the fold', b('uid: ', [0xe2], LF_SP, [0x82], 'x\n')],
    ['an overlong 2-byte sequence (C0 80)', b('uid: ', [0xc0], LF_SP, [0x80], '\n')],
    ['a surrogate encoded in UTF-8 (ED A0 80)', b('uid: ', [0xed, 0xa0], LF_SP, [0x80], '\n')],
    ['a lead byte F8, which starts no UTF-8 sequence', b('uid: ', [0xf8], LF_SP, [0x80, 0x80, 0x80], '\n')],
    ['a lead byte 80, a lone continuation byte', b('uid: ', [0x80], LF_SP, [0x80], '\n')],
    ['more continuation bytes before the fold than any character has', b('uid: ', [0x80, 0x80, 0x80, 0x80], LF_SP, [0x80], '\n')],
    ['a lead byte at the very end of the stream, after a fold with nothing after it', b('uid: ', [0xc3], LF_SP)],
    ['a 4-byte lead with two continuation bytes, then a fold and the end of the stream', b('uid: ', [0xf0, 0x9f], LF_SP, [0x98])],
  ];
  for (const [name, input] of unchanged) {
    it(name, () => assert.deepEqual(repairedEveryChunking(input), input));
  }

  it('a character already split and repaired is not moved again by the next fold', () => {
    // After the first repair the bytes before the second fold are the repaired é: whole, so left alone.
    const input = b('uid: ', [0xc3], LF_SP, [0xa9], LF_SP, 'x\n');
    assert.deepEqual(repairedEveryChunking(input), b('uid: ', LF_SP, [0xc3, 0xa9], LF_SP, 'x\n'));
  });

  it('the lead byte of a split character is looked for only in bytes not yet handed on', () => {
    // The first fold is repaired: `from` then starts after A9. The bytes 82 AC before the second fold are
    // continuation bytes whose lead (E2) lies before the first fold, so they start no character to join.
    const input = b('uid: ', [0xe2], LF_SP, [0x82, 0xac], LF_SP, [0x80], '\n');
    assert.deepEqual(repairedEveryChunking(input), b('uid: ', LF_SP, [0xe2, 0x82, 0xac], LF_SP, [0x80], '\n'));
  });
});

describe('FoldRepair: streaming', () => {
  it('holds back only the bytes a split character and its fold can take, and hands on the rest at once', () => {
    const r = new FoldRepair();
    const first = r.push(Buffer.from('0123456789abcdef'));
    // Thirteen bytes are kept: nine for a fold the next chunk may complete (3 lead bytes, CR LF SP, 3
    // continuation bytes), and the CR and 3 lead bytes that may come just before such a fold.
    assert.equal(first.toString('latin1'), '012');
    assert.equal(r.end().toString('latin1'), '3456789abcdef');
    assert.equal(r.end().length, 0);
  });

  it('a chunk that is a view into a larger buffer is read from its own offset', () => {
    const big = b('XXXX', 'uid: ', [0xc3], LF_SP, [0xa9], '\nYYYY');
    const view = new Uint8Array(big.buffer, big.byteOffset + 4, big.length - 8);
    const r = new FoldRepair();
    assert.deepEqual(Buffer.concat([r.push(view), r.end()]), b('uid: ', LF_SP, [0xc3, 0xa9], '\n'));
  });

  it('an empty stream gives nothing', () => {
    const r = new FoldRepair();
    assert.equal(r.push(new Uint8Array(0)).length, 0);
    assert.equal(r.end().length, 0);
  });
});

describe('LDIF byte scanner: a fold inside a character, whatever the chunk size', () => {
  it('reads the joined character at every chunk size, with more lines after it', () => {
    // Before the fix, chunks that ended within a few bytes after the split character's lead byte handed
    // that byte on before its fold was seen: the value read "Jos\uFFFD\uFFFD" with invalid UTF-8 findings.
    const bytes = b('dn: uid=a,dc=x\nuid: Jos', [0xc3], LF_SP, [0xa9], '\ncn: abcdefghijkl\n');
    for (let size = 1; size <= bytes.length; size++) {
      const s = createScanner({ format: 'ldif', collectEntries: true });
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
      const r = s.end();
      assert.equal(r.records![0].occurrences[0].value, 'José', `chunks of ${size}`);
      // Only the note that a non-ASCII value is not base64-encoded, over the value's two physical lines.
      assert.deepEqual(
        r.findings.map((f) => [f.code, f.severity, f.range]),
        [['ldif-syntax', 'info', { startLine: 1, startColumn: 5, endLine: 2, endColumn: 2 }]],
        `chunks of ${size}`
      );
    }
  });
});
