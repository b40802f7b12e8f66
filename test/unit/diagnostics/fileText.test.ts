import assert from 'node:assert/strict';
import fc from 'fast-check';
import { utf8TextLength } from '../../../src/diagnostics/fileText';

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
