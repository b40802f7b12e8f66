/** Entry point bundled to dist/cli.js (`pingone-sync-lint`). */
import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { type CliIo, runCli } from './main';

/**
 * Where the report goes. When stdout is a file or a device such as /dev/null (Node's `process.stdout`
 * is then a synchronous stream, see "A note on process I/O" in Node's `process` docs), that stream
 * copies every piece into a new Buffer before writing it; the string is written to the descriptor
 * instead (`fs.writeSync` encodes it without that copy: 64-78 → 46-57 ms of CPU for the 2.6 MB JSON
 * report of the 21 MB CSV benchmark file). A pipe, a terminal, or a `write` replaced by whoever
 * loaded this module (a test capturing output) gets `process.stdout` as it is.
 */
function reportStream(): CliIo['stdout'] {
  const out = process.stdout;
  if (out.fd !== 1 || out.write !== Object.getPrototypeOf(out).write || isatty(1)) return out;
  try {
    const st = fstatSync(1);
    if (!st.isFile() && !st.isCharacterDevice()) return out;
  } catch {
    return out;
  }
  return {
    write(piece: string): boolean {
      writeSync(1, piece);
      return true;
    },
  };
}

runCli(process.argv.slice(2), { stdout: reportStream(), stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`pingone-sync-lint: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
);
