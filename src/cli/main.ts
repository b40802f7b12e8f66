/**
 * `pingone-sync-lint`: the username checks for CI pipelines. Streams every
 * file through the engine's byte scanner, so files of any size work.
 */
import { type Dirent, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { extensionList, formatOfFileName } from '../usernames/formats';
import { neutralize } from '../usernames/inertText';
import { type FileType, NotRegularFileError, notRegularFileReason } from '../usernames/regularFile';
import { detectFormat, findingListOf, scanFileBlocking } from '../usernames/scan';
import type { ScanOptions, ScanResult } from '../usernames/types';
import { USAGE, UsageError, parseArgs, type CliOptions } from './args';
import { type FileReport, inPieces, jsonParts, sarifParts, textParts } from './output';

export interface CliIo {
  /**
   * `write` returning false asks the CLI to wait for `drain` (as a Node stream does) before writing
   * more. With `flush`, `write` gathers the report's small parts itself and `flush` writes what it
   * holds; without, the parts come grouped in pieces (see `inPieces`).
   */
  stdout: {
    write(s: string): unknown;
    once?(event: 'drain', listener: () => void): unknown;
    flush?(): void;
    /** Why the report could not be written, once it could not (a reader that went away is no failure). */
    failure?(): Error | undefined;
  };
  stderr: { write(s: string): unknown };
  cwd: string;
  /** File-system access; tests inject failures here (an unreadable folder cannot be made as root). */
  fs?: CliFs;
}

/** What the CLI reads from disk. */
export interface CliFs {
  stat(path: string): Promise<Stats>;
  readdir(dir: string): Promise<Dirent[]>;
  scanFile(path: string, options: ScanOptions): Promise<ScanResult>;
}

const NODE_FS: CliFs = {
  stat: (p) => fs.stat(p),
  readdir: (d) => fs.readdir(d, { withFileTypes: true }),
  // The CLI does nothing else while it reads a file: read calls on this thread (see scanFileBlocking).
  scanFile: scanFileBlocking,
};

/** The toolkit's version, from package.json (esbuild inlines just this field). */
export { version as TOOL_VERSION } from '../../package.json';
import { version as TOOL_VERSION } from '../../package.json';
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A short reason for an I/O failure, without a stack. */
function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error).message;
}

/**
 * Adds the files an argument names to `out`. Only regular files are linted:
 * anything else (FIFO, device, socket, a link to one) is a per-path problem
 * and is never opened. A folder that cannot be read is a problem too; the
 * walk goes on with the rest.
 */
async function collect(arg: string, cwd: string, fsx: CliFs, out: string[], problems: string[]): Promise<void> {
  const abs = path.resolve(cwd, arg);
  const shown = (p: string) => path.relative(cwd, p) || p;
  let st: Stats;
  try {
    st = await fsx.stat(abs);
  } catch (e) {
    problems.push(`${arg}: ${ioReason(e)}`);
    return;
  }
  if (st.isDirectory()) {
    const walk = async (dir: string): Promise<void> => {
      let items: Dirent[];
      try {
        items = await fsx.readdir(dir);
      } catch (e) {
        problems.push(`${shown(dir)}: cannot read this folder (${ioReason(e)})`);
        return;
      }
      items.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
      for (const it of items) {
        const p = path.join(dir, it.name);
        if (it.isDirectory()) {
          if (!SKIP_DIRS.has(it.name)) await walk(p);
          continue;
        }
        if (!formatOfFileName(it.name)) continue;
        if (it.isFile()) {
          out.push(p);
          continue;
        }
        // Links are not followed into folders (no loops); a link to a regular file is linted like one.
        let target: FileType;
        try {
          target = it.isSymbolicLink() ? await fsx.stat(p) : it;
        } catch (e) {
          problems.push(`${shown(p)}: ${ioReason(e)}`);
          continue;
        }
        if (target.isFile()) out.push(p);
        else if (!target.isDirectory()) problems.push(`${shown(p)}: ${notRegularFileReason(target)}`);
      }
    };
    await walk(abs);
  } else if (!detectFormat(abs)) {
    problems.push(`${arg}: not an LDIF or CSV file (expected ${extensionList()})`);
  } else if (!st.isFile()) {
    problems.push(`${arg}: ${notRegularFileReason(st)}`);
  } else {
    out.push(abs);
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`pingone-sync-lint: ${neutralize(e.message)}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (opts.version) {
    io.stdout.write(`pingone-sync-lint ${TOOL_VERSION}\n`);
    return 0;
  }
  const files: string[] = [];
  const problems: string[] = [];
  const fsx = io.fs ?? NODE_FS;
  for (const p of opts.paths) await collect(p, io.cwd, fsx, files, problems);
  const reports: FileReport[] = [];
  let errors = 0;
  for (const file of [...new Set(files)]) {
    const format = detectFormat(file)!;
    try {
      const r = await fsx.scanFile(file, {
        format,
        profile: opts.profile,
        ldifAttribute: opts.ldifAttribute,
        csvColumn: opts.csvColumn,
        severities: opts.severities,
        collectEntries: false,
      });
      const rel = path.relative(io.cwd, file) || file;
      // The findings as the scan keeps them: the writers below read them one at a time.
      reports.push({ path: rel.split(path.sep).join('/'), format, entries: r.entries, findings: findingListOf(r) });
      errors += r.errors;
    } catch (e) {
      problems.push(`${path.relative(io.cwd, file) || file}: ${e instanceof NotRegularFileError ? e.message : ioReason(e)}`);
    }
  }
  // A CI step that checked nothing (a wrong path, a folder of other files) must not pass silently.
  if (reports.length === 0 && problems.length === 0)
    problems.push(`no file to check: no ${extensionList()} file in ${opts.paths.join(', ')}`);
  // Paths and system messages name files a pull request may have named: shown inert (see inertText.ts).
  for (const p of problems) io.stderr.write(`pingone-sync-lint: ${neutralize(p)}\n`);
  const parts =
    opts.format === 'json' ? jsonParts(reports) : opts.format === 'sarif' ? sarifParts(reports, TOOL_VERSION) : textParts(reports);
  const out = io.stdout;
  for (const piece of out.flush ? parts : inPieces(parts)) {
    // A pipe that is not read as fast as the report is made: wait, rather than queue the report in memory.
    if (out.write(piece) === false && out.once) await new Promise<void>((resolve) => out.once!('drain', resolve));
  }
  out.flush?.();
  const failed = out.failure?.();
  if (failed) {
    io.stderr.write(`pingone-sync-lint: cannot write the report: ${neutralize(ioReason(failed))}\n`);
    return 2;
  }
  if (problems.length > 0) return 2;
  return errors > 0 ? 1 : 0;
}
