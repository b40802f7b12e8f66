/**
 * Where `pingone-sync-lint` writes its report. When stdout is a file or a device such as /dev/null
 * (Node's `process.stdout` is then a synchronous stream, see "A note on process I/O" in Node's
 * `process` docs), that stream copies every piece into a new Buffer before writing it; the report is
 * written to the descriptor instead, its small parts encoded into one reused buffer and written when
 * it is full. Fresh memory is dear (every page a fault), and a string handed to `fs.writeSync` is
 * first made flat: a piece of tens of thousands of characters is a new string each time, and one of
 * two-byte characters over 128 KiB is a large object of its own. A pipe (which may be non-blocking:
 * a direct write could fail with EAGAIN), a terminal, or a `write` replaced by whoever loaded the CLI
 * (a test capturing output) gets the stream as it is, guarded (see `guarded`).
 */
import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { CliIo } from './main';

/** The parts of `process.stdout` looked at. */
export interface StdoutStream {
  fd?: number;
  write(s: string): unknown;
  once?(event: 'drain', listener: () => void): unknown;
  on?(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
}

/** What is asked of the operating system about descriptor 1 (replaceable in tests). */
export interface DescriptorProbe {
  isatty(fd: number): boolean;
  fstat(fd: number): { isFile(): boolean; isCharacterDevice(): boolean };
  /** Writes `length` bytes of `data` from `offset`; returns how many were written. */
  write(fd: number, data: Uint8Array, offset: number, length: number): number;
}

/** Bytes gathered before they are written. */
const BUFFER = 1 << 16;
/** Characters of small parts joined before they are encoded (a string this size is an ordinary young object). */
const GATHER = 1 << 13;
/** Bytes UTF-8 takes at most per UTF-16 unit (a surrogate pair's 4 bytes are 2 per unit). */
const MAX_BYTES_PER_UNIT = 3;

const SYSTEM: DescriptorProbe = { isatty, fstat: fstatSync, write: writeSync };

export function reportStream(out: StdoutStream, probe: DescriptorProbe = SYSTEM): CliIo['stdout'] {
  if (out.fd !== 1 || out.write !== Object.getPrototypeOf(out).write || probe.isatty(1)) return guarded(out);
  try {
    const st = probe.fstat(1);
    if (!st.isFile() && !st.isCharacterDevice()) return guarded(out);
  } catch {
    return guarded(out);
  }
  const buf = Buffer.allocUnsafeSlow(BUFFER);
  let used = 0,
    // Small parts joined first: one encoding call per part costs more than the part itself.
    pending = '';
  const writeAll = (data: Uint8Array, length: number): void => {
    for (let at = 0; at < length;) at += probe.write(1, data, at, length - at);
  };
  const encode = (): void => {
    if (MAX_BYTES_PER_UNIT * pending.length > BUFFER - used) {
      writeAll(buf, used);
      used = 0;
      if (MAX_BYTES_PER_UNIT * pending.length > BUFFER) {
        const bytes = Buffer.from(pending, 'utf8');
        writeAll(bytes, bytes.length);
        pending = '';
        return;
      }
    }
    used += buf.write(pending, used);
    pending = '';
  };
  return {
    // Never asks the CLI to wait for 'drain': what does not fit is written before it returns.
    write(part: string): boolean {
      pending += part;
      if (pending.length >= GATHER) encode();
      return true;
    },
    flush(): void {
      encode();
      writeAll(buf, used);
      used = 0;
    },
  };
}

/**
 * A stream's write errors arrive as its 'error' event, which would end the process with a stack
 * trace when nobody listens. A reader that goes away (EPIPE: `pingone-sync-lint … | head`) does not
 * want the rest: writing stops quietly and the exit status is still the verdict. Any other error
 * stops writing too, and `failure` tells the CLI, which says so and exits 2. A wait for 'drain'
 * ends at the error (none would come after it).
 */
function guarded(out: StdoutStream): CliIo['stdout'] {
  if (!out.on || !out.once) return out;
  let ended = false,
    failure: Error | undefined;
  const waiting = new Set<() => void>();
  out.on('error', (e) => {
    if (ended) return;
    ended = true;
    if (e.code !== 'EPIPE') failure = e;
    for (const resume of waiting) resume();
    waiting.clear();
  });
  return {
    write: (s: string) => (ended ? true : out.write(s)),
    once(event: 'drain', listener: () => void): void {
      if (ended) return listener();
      const resume = (): void => {
        if (waiting.delete(resume)) listener();
      };
      waiting.add(resume);
      out.once!(event, resume);
    },
    failure: () => failure,
  };
}
