/**
 * Where the CLI's report goes (src/cli/reportStream.ts): straight to descriptor 1 when stdout is a
 * file or a character device, and through the stream itself for a pipe, a terminal, another
 * descriptor, a `write` someone replaced, or a descriptor that cannot be examined.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { runCli } from '../../../src/cli/main';
import { type DescriptorProbe, type StdoutStream, reportStream } from '../../../src/cli/reportStream';
import { SAMPLES, fileTree } from './helpers';

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

  describe('a stream whose writes fail (a pipe whose reader went away)', () => {
    /** A pipe as Node's stream is one: `write` false when its buffer is full, then 'drain', or 'error' if the write fails. */
    class FakePipe extends EventEmitter implements StdoutStream {
      readonly fd = 1;
      written: string[] = [];
      full = false;
      write(s: string): boolean {
        this.written.push(s);
        return !this.full;
      }
    }
    const errno = (code: string) => Object.assign(new Error(`write ${code}`), { code });

    it('a reader that went away (EPIPE) ends the writing quietly, and a wait for "drain" with it', async () => {
      const pipe = new FakePipe();
      const stream = reportStream(pipe, probe('pipe'));
      pipe.full = true;
      assert.equal(stream.write('a'), false, 'the stream asks to wait');
      let resumed = 0;
      const drained = new Promise<void>((resolve) =>
        stream.once!('drain', () => {
          resumed++;
          resolve();
        })
      );
      pipe.emit('error', errno('EPIPE'));
      await drained;
      // A 'drain' after the error (none comes, but one must not resume the wait twice).
      pipe.emit('drain');
      assert.equal(resumed, 1);
      assert.equal(stream.write('b'), true, 'no wait is asked for once the reader went away');
      assert.deepEqual(pipe.written, ['a'], 'nothing written after the error');
      assert.equal(stream.failure!(), undefined, 'a reader going away is no failure');
      // A later error (writing to the destroyed stream) changes nothing.
      pipe.emit('error', errno('ERR_STREAM_DESTROYED'));
      assert.equal(stream.failure!(), undefined);
      let late = false;
      stream.once!('drain', () => (late = true));
      assert.ok(late, 'a wait asked for after the error ends at once');
    });

    it('any other write error is a failure, and a wait for "drain" is resumed by a real drain only once', async () => {
      const pipe = new FakePipe();
      const stream = reportStream(pipe, probe('pipe'));
      let resumed = 0;
      stream.once!('drain', () => resumed++);
      pipe.emit('drain');
      pipe.emit('error', errno('EIO'));
      assert.equal(resumed, 1);
      assert.equal(stream.failure!()?.message, 'write EIO');
    });

    it('the CLI says it could not write the report and exits 2; when the reader went away, the verdict stands', async () => {
      const tree = fileTree({ 'errors.csv': SAMPLES.errorCsv });
      try {
        for (const [code, status, err] of [
          ['EIO', 2, 'pingone-sync-lint: cannot write the report: write EIO\n'],
          ['EPIPE', 1, ''],
        ] as const) {
          const pipe = new FakePipe();
          const stream = reportStream(pipe, probe('pipe'));
          let errText = '';
          pipe.full = true;
          const writes = pipe.write.bind(pipe);
          // The first write fills the pipe; its error arrives as the CLI waits for 'drain'.
          pipe.write = (s: string) => (setImmediate(() => pipe.emit('error', errno(code))), writes(s));
          const exit = await runCli(['--format', 'json', 'errors.csv'], {
            stdout: stream,
            stderr: { write: (s: string) => (errText += s) },
            cwd: tree.dir,
          });
          assert.equal(exit, status, code);
          assert.equal(errText, err, code);
          assert.equal(pipe.written.length, 1, `${code}: nothing written after the error`);
        }
      } finally {
        tree.remove();
      }
    });
  });
});
