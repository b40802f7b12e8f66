/**
 * The two line splitters at their edges, fed directly: the text splitter
 * (`LineSplitter`, `splitLines`) and the byte splitter (`ByteLineSplitter`).
 * Line numbers, terminators and the byte-order mark across chunk boundaries;
 * the one report of invalid UTF-8; a line over the cap counted, never held.
 */
import assert from 'node:assert/strict';
import { ByteLineSplitter } from '../../../src/usernames/byteLines';
import { EOL_CR, EOL_CRLF, EOL_LF, EOL_NONE, LineSplitter, splitLines } from '../../../src/usernames/lineSplitter';

type Line = [number, string, number];

function textLines(chunks: string[], stripBom = true): { lines: Line[]; bom: boolean; ended: boolean } {
  const lines: Line[] = [];
  let ended = false;
  const sp = new LineSplitter(
    {
      line: (buf, s, e, n, eol) => lines.push([n, buf.slice(s, e), eol]),
      end: () => (ended = true),
    },
    stripBom
  );
  for (const c of chunks) sp.push(c);
  sp.end();
  return { lines, bom: sp.bom, ended };
}

interface ByteRun {
  lines: Array<[number, string, number, boolean]>;
  invalid: Array<[number, number]>;
  long: Array<[number, number]>;
  bom: boolean;
}

function byteLines(chunks: Buffer[], options: { max?: number; resumeAt?: number } = {}): ByteRun {
  const run: ByteRun = { lines: [], invalid: [], long: [], bom: false };
  const sp = new ByteLineSplitter(
    {
      lineBytes: (buf, s, e, n, eol, valid) => run.lines.push([n, buf.subarray(s, e).toString('latin1'), eol, valid]),
      end: () => undefined,
    },
    (line, col) => run.invalid.push([line, col]),
    (line, bytes) => {
      run.long.push([line, bytes]);
      return Buffer.from('<long>');
    },
    options.max
  );
  if (options.resumeAt !== undefined) sp.resumeAt(options.resumeAt);
  for (const c of chunks) sp.push(c);
  sp.end();
  run.bom = sp.bom;
  return run;
}

const b = (s: string) => Buffer.from(s, 'latin1');
const BOM = '\xef\xbb\xbf';

describe('line splitters at their edges', () => {
  describe('LineSplitter (text)', () => {
    it('numbers lines carried across chunks and the ones after them', () => {
      assert.deepEqual(textLines(['ab', 'c\nd', 'e\r', '\nf\rg']).lines, [
        [0, 'abc', EOL_LF],
        [1, 'de', EOL_CRLF],
        [2, 'f', EOL_CR],
        [3, 'g', EOL_NONE],
      ]);
    });

    it('a CR ending a chunk waits for the next one: CRLF, or a lone CR then more', () => {
      assert.deepEqual(textLines(['a\r', 'b']).lines, [
        [0, 'a', EOL_CR],
        [1, 'b', EOL_NONE],
      ]);
      assert.deepEqual(textLines(['a\r']).lines, [[0, 'a', EOL_CR]]);
    });

    it('mixed terminators in one chunk, in order', () => {
      assert.deepEqual(textLines(['a\rb\nc\r\nd\re\n']).lines, [
        [0, 'a', EOL_CR],
        [1, 'b', EOL_LF],
        [2, 'c', EOL_CRLF],
        [3, 'd', EOL_CR],
        [4, 'e', EOL_LF],
      ]);
    });

    it('strips a byte-order mark only at the very start of the text, after empty chunks too', () => {
      const first = textLines(['', '\ufeffa\n']);
      assert.equal(first.bom, true);
      assert.deepEqual(first.lines, [[0, 'a', EOL_LF]]);
      const later = textLines(['a', '\ufeffb\n']);
      assert.equal(later.bom, false);
      assert.deepEqual(later.lines, [[0, 'a\ufeffb', EOL_LF]]);
      const kept = textLines(['\ufeffa'], false);
      assert.equal(kept.bom, false);
      assert.deepEqual(kept.lines, [[0, '\ufeffa', EOL_NONE]]);
      assert.equal(kept.ended, true);
    });
  });

  describe('splitLines (a whole text, as an editor sees it)', () => {
    it('a text ending in a line break has one more, empty line; an empty text is one empty line', () => {
      assert.deepEqual(splitLines(''), { lines: [''], eols: [EOL_NONE] });
      assert.deepEqual(splitLines('a\n'), { lines: ['a', ''], eols: [EOL_LF, EOL_NONE] });
      assert.deepEqual(splitLines('a\r\nb'), { lines: ['a', 'b'], eols: [EOL_CRLF, EOL_NONE] });
      assert.deepEqual(splitLines('a\rb\r'), { lines: ['a', 'b', ''], eols: [EOL_CR, EOL_CR, EOL_NONE] });
    });

    it('strips a leading byte-order mark unless told not to', () => {
      assert.deepEqual(splitLines('\ufeffa').lines, ['a']);
      assert.deepEqual(splitLines('\ufeffa', false).lines, ['\ufeffa']);
    });
  });

  describe('ByteLineSplitter (bytes)', () => {
    it('numbers lines across chunks and marks each checked line valid', () => {
      const run = byteLines([b('ab'), b('c\nd'), b('e\r'), b('\nf')]);
      assert.deepEqual(run.lines, [
        [0, 'abc', EOL_LF, true],
        [1, 'de', EOL_CRLF, true],
        [2, 'f', EOL_NONE, true],
      ]);
      assert.deepEqual(run.invalid, []);
    });

    it('reports only the first invalid line, at its UTF-16 column', () => {
      const run = byteLines([b('ok\nx\xffy\n\xfe\n')]);
      assert.deepEqual(run.invalid, [[1, 1]]);
      assert.deepEqual(
        run.lines.map(([n, , , valid]) => [n, valid]),
        [
          [0, true],
          [1, false],
          [2, false],
        ]
      );
    });

    it('a byte-order mark is the three bytes EF BB BF at the very start, and nothing like them', () => {
      const real = byteLines([b(`${BOM}a\n`)]);
      assert.equal(real.bom, true);
      assert.deepEqual(real.lines[0].slice(0, 2), [0, 'a']);
      for (const near of ['A\xbb\xbfa\n', '\xefA\xbfa\n', '\xef\xbbAa\n']) {
        const run = byteLines([b(near)]);
        assert.equal(run.bom, false, JSON.stringify(near));
        assert.equal(run.lines[0][1], near.slice(0, -1));
      }
      const second = byteLines([b(`a\n${BOM}b\n`)]);
      assert.equal(second.bom, false);
      assert.equal(second.lines[1][1], `${BOM}b`);
    });

    it('after the fast reader hands the stream back mid-file, a line starting with EF BB BF is content', () => {
      const run = byteLines([b(`${BOM}x\n`)], { resumeAt: 3 });
      assert.equal(run.bom, false);
      assert.deepEqual(run.lines, [[3, `${BOM}x`, EOL_LF, true]]);
    });

    it('a line over the cap is counted across chunks, replaced by the placeholder, and the next line keeps its number', () => {
      const run = byteLines([b('abc'), b('defghij'), b('klm\nnext\n')], { max: 8 });
      assert.deepEqual(run.long, [[0, 13]]);
      assert.deepEqual(run.lines, [
        [0, '<long>', EOL_LF, true],
        [1, 'next', EOL_LF, true],
      ]);
    });

    it('a line over the cap inside one chunk, then a first short line is not taken for the start of the file', () => {
      const run = byteLines([b(`0123456789\n${BOM}b\n`)], { max: 8 });
      assert.deepEqual(run.long, [[0, 10]]);
      assert.equal(run.bom, false, 'the long line was the first line');
      assert.equal(run.lines[1][1], `${BOM}b`);
    });

    it('a long line whose bytes went over the cap in a later chunk counts every byte', () => {
      const run = byteLines([b('abcdef'), b('ghijkl'), b('mn')], { max: 8 });
      assert.deepEqual(run.long, [[0, 14]]);
      assert.deepEqual(run.lines, [[0, '<long>', EOL_NONE, true]]);
    });

    it('a CR ending a chunk still waits across an empty chunk for its LF', () => {
      const run = byteLines([b('a\r'), Buffer.alloc(0), b('\nb')]);
      assert.deepEqual(run.lines, [
        [0, 'a', EOL_CRLF, true],
        [1, 'b', EOL_NONE, true],
      ]);
    });

    it('a long line that starts inside a chunk counts only its own bytes', () => {
      // It goes over the cap at the chunk's end, or at a CR ending the chunk, 2 bytes after the chunk's start.
      const atEnd = byteLines([b('a\n0123456789'), b('ab\nnext\n')], { max: 8 });
      assert.deepEqual(atEnd.long, [[1, 12]]);
      assert.deepEqual(atEnd.lines[2], [2, 'next', EOL_LF, true]);
      const atCR = byteLines([b('a\n0123456789\r'), b('next\n')], { max: 8 });
      assert.deepEqual(atCR.long, [[1, 10]]);
      assert.deepEqual(atCR.lines.slice(1), [
        [1, '<long>', EOL_CR, true],
        [2, 'next', EOL_LF, true],
      ]);
    });

    it('holds no more than the cap of a long line in memory while it is read', () => {
      // The same 1 MiB chunk, 64 times, with a 1 MiB cap: kept, the line would be 64 copies of it.
      const chunk = Buffer.alloc(1 << 20, 0x78);
      const sp = new ByteLineSplitter(
        { lineBytes: () => undefined, end: () => undefined },
        () => undefined,
        () => Buffer.alloc(0),
        1 << 20
      );
      const before = process.memoryUsage().arrayBuffers;
      for (let i = 0; i < 64; i++) sp.push(chunk);
      const held = process.memoryUsage().arrayBuffers - before;
      sp.end();
      assert.ok(held < 16 * (1 << 20), `${(held / (1 << 20)).toFixed(1)} MiB held after 64 MiB of one line`);
    });
  });
});
