/**
 * Where the CLI's report goes (src/cli/reportStream.ts): straight to descriptor 1 when stdout is a
 * file or a character device, and through the stream itself for a pipe, a terminal, another
 * descriptor, a `write` someone replaced, or a descriptor that cannot be examined.
 */
import assert from 'node:assert/strict';
import { type DescriptorProbe, type StdoutStream, reportStream } from '../../../src/cli/reportStream';

/** A stream whose `write` comes from its class, as `process.stdout`'s does. */
class FakeStdout implements StdoutStream {
  written: string[] = [];
  constructor(readonly fd: number) {}
  write(s: string): boolean {
    this.written.push(s);
    return true;
  }
}

type Kind = 'file' | 'character device' | 'pipe' | 'unreadable';

function probe(kind: Kind, tty = false): DescriptorProbe & { writes: Array<[number, Buffer]>; asked: number[] } {
  const writes: Array<[number, Buffer]> = [];
  const asked: number[] = [];
  return {
    writes,
    asked,
    isatty: (fd) => (asked.push(fd), tty),
    fstat: (fd) => {
      asked.push(fd);
      if (kind === 'unreadable') throw Object.assign(new Error('EBADF: bad file descriptor, fstat'), { code: 'EBADF' });
      return { isFile: () => kind === 'file', isCharacterDevice: () => kind === 'character device' };
    },
    // A short write at times, as write(2) may make: the stream must write the rest.
    write: (fd, data, offset, length) => {
      const n = length > 3 ? length - 3 : length;
      writes.push([fd, Buffer.from(data.subarray(offset, offset + n))]);
      return n;
    },
  };
}

describe('the report stream of pingone-sync-lint', () => {
  for (const kind of ['file', 'character device'] as const) {
    it(`writes straight to descriptor 1 when stdout is a ${kind}, never asking to wait for "drain"`, () => {
      const out = new FakeStdout(1);
      const p = probe(kind);
      const stream = reportStream(out, p);
      assert.notEqual(stream, out);
      assert.equal(stream.write('{"version": 1'), true);
      assert.equal(stream.write('}\n'), true);
      assert.equal(p.writes.length, 0, 'small parts are gathered');
      stream.flush!();
      assert.deepEqual(
        p.writes.map(([fd, b]) => [fd, b.toString()]),
        [
          [1, '{"version": '],
          [1, '1}\n'],
        ]
      );
      assert.deepEqual(out.written, [], 'nothing through the stream');
      assert.deepEqual(p.asked, [1, 1], 'descriptor 1 looked at: is it a terminal, what is it');
    });

    it(`writes parts of any size and characters of any width in order to a ${kind}`, () => {
      const p = probe(kind);
      const stream = reportStream(new FakeStdout(1), p);
      const parts = ['a', 'é'.repeat(30000), '😀'.repeat(7000), 'b'.repeat(70000), 'c', '\ud800', 'x'.repeat(21845), 'y'];
      for (const part of parts) assert.equal(stream.write(part), true);
      stream.flush!();
      const expected = Buffer.from(parts.join(''));
      const written = () => Buffer.concat(p.writes.map(([, b]) => b));
      assert.ok(written().equals(expected), 'the same bytes in the same order');
      assert.ok(p.writes.length > 3, 'written as the buffer fills');
      assert.ok(
        p.writes.every(([fd]) => fd === 1),
        'to descriptor 1'
      );
      stream.flush!();
      assert.ok(written().equals(expected), 'nothing twice');
    });
  }

  const throughTheStream: Array<[string, () => { out: StdoutStream; p: ReturnType<typeof probe> }]> = [
    ['a pipe', () => ({ out: new FakeStdout(1), p: probe('pipe') })],
    ['a terminal', () => ({ out: new FakeStdout(1), p: probe('file', true) })],
    ['a descriptor that cannot be examined', () => ({ out: new FakeStdout(1), p: probe('unreadable') })],
    ['a stream on another descriptor', () => ({ out: new FakeStdout(2), p: probe('file') })],
    [
      'a stream whose write was replaced (a test capturing output)',
      () => {
        const out = new FakeStdout(1);
        out.write = (s: string) => (out.written.push(`captured ${s}`), true);
        return { out, p: probe('file') };
      },
    ],
  ];
  for (const [what, make] of throughTheStream) {
    it(`writes through the stream for ${what}`, () => {
      const { out, p } = make();
      const stream = reportStream(out, p);
      assert.equal(stream, out);
      stream.write('x');
      assert.deepEqual(p.writes, [], 'nothing written to the descriptor');
    });
  }
});
