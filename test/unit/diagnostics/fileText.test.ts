import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FileTextMeter, fileText, mayBeDocumentText, utf8TextLength } from '../../../src/diagnostics/fileText';

describe('utf8TextLength: is a file on disk the text of its document', () => {
  it('counts UTF-16 units as VS Code shows the text: ASCII, two-, three- and four-byte characters', () => {
    assert.equal(utf8TextLength(Buffer.from('uid: jos\u00e9\n')), 10);
    assert.equal(utf8TextLength(Buffer.from('\u20ac\u4e2d')), 2);
    assert.equal(utf8TextLength(Buffer.from('\u{1F600}x')), 3);
    assert.equal(utf8TextLength(new Uint8Array(0)), 0);
  });

  it('drops a leading UTF-8 byte order mark, as VS Code does, and only a leading one', () => {
    assert.equal(utf8TextLength(Buffer.from('\ufeffuid: a')), 6);
    assert.equal(utf8TextLength(Buffer.from('a\ufeff')), 2);
  });

  it('says "not this text" for bytes that are not UTF-8: Latin-1, UTF-16 with its byte order mark, a cut character', () => {
    assert.equal(utf8TextLength(Buffer.from('jos\u00e9', 'latin1')), undefined);
    assert.equal(utf8TextLength(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('uid: a', 'utf16le')])), undefined);
    assert.equal(utf8TextLength(Buffer.from('\u20ac').subarray(0, 2)), undefined);
  });

  it('counts one unit per byte for ASCII text, control characters and line ends included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
        assert.equal(utf8TextLength(Buffer.from(s, 'latin1')), s.length);
      }),
      { numRuns: 300 }
    );
    assert.equal(utf8TextLength(Buffer.from('uid: a\r\n\u007f\t')), 10);
  });

  it('equals the decoded length for any text not starting with a byte order mark', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        fc.pre(!s.startsWith('\ufeff'));
        assert.equal(utf8TextLength(Buffer.from(s)), Buffer.from(s).toString('utf8').length);
      }),
      { numRuns: 500 }
    );
  });
});

describe('fileText: the document a file becomes before the document arrives', () => {
  it('gives the length of an LF and of a CRLF document: LF, CRLF and lone CR breaks', () => {
    assert.deepEqual(fileText(Buffer.from('a\nb\n')), { lengthIfLf: 4, lengthIfCrlf: 6 });
    assert.deepEqual(fileText(Buffer.from('a\r\nb\r\n')), { lengthIfLf: 4, lengthIfCrlf: 6 });
    assert.deepEqual(fileText(Buffer.from('a\r\nb\nc\rd')), { lengthIfLf: 7, lengthIfCrlf: 10 });
    assert.deepEqual(fileText(Buffer.from('\ufeffjos\u00e9')), { lengthIfLf: 4, lengthIfCrlf: 4 });
  });

  it('refuses bytes VS Code may show otherwise: not UTF-8, or a NUL byte (binary)', () => {
    assert.equal(fileText(Buffer.from('jos\u00e9', 'latin1')), undefined);
    assert.equal(fileText(Buffer.from('uid: a\0\n')), undefined);
  });

  it('equals the length of the text with its line ends normalised either way', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('\n', '\r\n', '\r'))), (parts) => {
        const s = parts.join('').replace(/\0/g, '');
        fc.pre(!s.startsWith('\ufeff'));
        const t = fileText(Buffer.from(s));
        assert.equal(t?.lengthIfLf, s.replace(/\r\n|\r/g, '\n').length);
        assert.equal(t?.lengthIfCrlf, s.replace(/\r\n|\r|\n/g, '\r\n').length);
      }),
      { numRuns: 300 }
    );
  });
});

describe('FileTextMeter: the same answers from a file read in pieces', () => {
  /** Bytes that make every case likely: text, line breaks of each kind, a BOM, NUL, cut and stray UTF-8 bytes. */
  const part = fc.oneof(
    fc.string({ unit: 'grapheme' }).map((s) => Buffer.from(s)),
    fc.constantFrom('\n', '\r\n', '\r', '\ufeff', '\u{1F600}', '\u20ac', '\u00e9', '\0').map((s) => Buffer.from(s)),
    fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => Buffer.from(b))
  );
  const bytesAndCuts = fc
    .array(part, { maxLength: 30 })
    .map((parts) => Buffer.concat(parts))
    .chain((bytes) => fc.tuple(fc.constant(bytes), fc.uniqueArray(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 })));

  function measured(bytes: Buffer, cuts: number[]): FileTextMeter {
    const meter = new FileTextMeter();
    let at = 0;
    for (const cut of [...cuts.sort((a, b) => a - b), bytes.length]) {
      meter.push(bytes.subarray(at, cut));
      at = cut;
    }
    return meter;
  }

  /** What the bytes are as VS Code shows them, told by the platform's own decoder: the text (a leading BOM dropped) or undefined. */
  function decoded(bytes: Buffer): string | undefined {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }

  it('gives what the decoded text gives, wherever the pieces are cut, and the same as the bytes in one piece', () => {
    fc.assert(
      fc.property(bytesAndCuts, ([bytes, cuts]) => {
        const meter = measured(bytes, cuts);
        const text = decoded(bytes);
        assert.equal(meter.textLength(), text?.length);
        assert.equal(meter.mayBeText, text !== undefined && !bytes.includes(0));
        const lengths =
          text === undefined || bytes.includes(0)
            ? undefined
            : { lengthIfLf: text.replace(/\r\n|\r/g, '\n').length, lengthIfCrlf: text.replace(/\r\n|\r|\n/g, '\r\n').length };
        assert.deepEqual(meter.fileText(), lengths);
        assert.equal(utf8TextLength(bytes), meter.textLength());
        assert.deepEqual(fileText(bytes), meter.fileText());
        assert.equal(mayBeDocumentText(bytes), meter.mayBeText);
      }),
      { numRuns: 2000 }
    );
  });

  it('judges a character and a CR LF cut between pieces whole, byte by byte', () => {
    const bytes = Buffer.from('\ufeffa\r\n\u{1F600}\r\u20ac\r\n\u00e9\n');
    const meter = measured(
      bytes,
      Array.from({ length: bytes.length }, (_, i) => i)
    );
    assert.deepEqual(meter.fileText(), fileText(bytes));
    assert.deepEqual(meter.fileText(), { lengthIfLf: 9, lengthIfCrlf: 13 });
    // A file that ends inside a character, and one whose cut character goes on with a byte that cannot follow.
    assert.equal(measured(Buffer.from('a\u20ac').subarray(0, 3), [2]).textLength(), undefined);
    assert.equal(measured(Buffer.concat([Buffer.from('a\u20ac').subarray(0, 3), Buffer.from('b')]), [3]).textLength(), undefined);
  });
});
