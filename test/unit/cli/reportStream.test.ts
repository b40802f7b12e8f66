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

function probe(kind: Kind, tty = false): DescriptorProbe & { writes: Array<[number, string]>; asked: number[] } {
  const writes: Array<[number, string]> = [];
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
    write: (fd, s) => writes.push([fd, s]),
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
      assert.deepEqual(p.writes, [
        [1, '{"version": 1'],
        [1, '}\n'],
      ]);
      assert.deepEqual(out.written, [], 'nothing through the stream');
      assert.deepEqual(p.asked, [1, 1], 'descriptor 1 looked at: is it a terminal, what is it');
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
