import assert from 'node:assert/strict';
import { Utf16ToUtf8 } from '../../../src/usernames/utf16';

/** Everything `push` and `end` give for `chunks`, joined, and the kind told. */
function convert(chunks: Buffer[]): { out: string; bytes: Buffer; kind: string | undefined } {
  const c = new Utf16ToUtf8();
  const parts = chunks.map((chunk) => Buffer.from(c.push(chunk)));
  parts.push(Buffer.from(c.end()));
  const bytes = Buffer.concat(parts);
  return { out: bytes.toString('utf8'), bytes, kind: c.kind };
}

const le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

describe('Utf16ToUtf8: UTF-16 files with a byte order mark become UTF-8; anything else passes through', () => {
  it('UTF-16 LE and BE with their byte order mark, in any chunks, the mark dropped', () => {
    for (const [bytes, kind] of [
      [le('uid: jos\u00e9\n'), 'utf-16le'],
      [be('uid: jos\u00e9\n'), 'utf-16be'],
    ] as const) {
      for (const cut of [1, 2, 3, 5, bytes.length]) {
        const r = convert([bytes.subarray(0, cut), bytes.subarray(cut)]);
        assert.equal(r.out, 'uid: jos\u00e9\n', `${kind} cut at ${cut}`);
        assert.equal(r.kind, kind);
      }
    }
  });

  it('a first chunk of one byte is kept for the next: nothing of it is lost or taken twice', () => {
    assert.equal(convert([Buffer.from('u'), Buffer.from('id: a\n')]).out, 'uid: a\n');
    assert.equal(convert([Buffer.from([0xff]), Buffer.from([0xfe]), Buffer.from('a\0', 'latin1')]).out, 'a');
    // The reader may reuse its buffer: the byte kept is a copy.
    const reused = Buffer.from('x');
    const c = new Utf16ToUtf8();
    const first = Buffer.from(c.push(reused));
    reused[0] = 0x79;
    assert.equal(Buffer.concat([first, Buffer.from(c.push(Buffer.from('z\n'))), Buffer.from(c.end())]).toString(), 'xz\n');
  });

  it('a file that is only a byte order mark becomes nothing; one lone byte stays itself', () => {
    assert.deepEqual(convert([Buffer.from([0xff, 0xfe])]), { out: '', bytes: Buffer.alloc(0), kind: 'utf-16le' });
    assert.deepEqual(convert([Buffer.from([0xfe, 0xff])]).bytes, Buffer.alloc(0));
    assert.deepEqual(convert([Buffer.from([0x41])]).bytes, Buffer.from([0x41]));
  });

  it('UTF-8, ASCII and bytes that only look like half a mark pass through unchanged, with no kind', () => {
    for (const bytes of [
      Buffer.from('uid: alice\n'),
      Buffer.from('\ufeffuid: bob\n'),
      Buffer.from([0x41, 0xff, 0x0a]),
      Buffer.from([0xfe, 0x41, 0x0a]),
      Buffer.from([0xff, 0x41, 0x0a]),
      Buffer.from([0x41, 0xfe, 0x0a]),
    ]) {
      const r = convert([bytes]);
      assert.deepEqual(r.bytes, bytes, bytes.toString('hex'));
      assert.equal(r.kind, undefined, bytes.toString('hex'));
    }
  });
});
