/**
 * `pingone-sync-lint`: the username checks for CI pipelines. Streams every
 * file through the engine's byte scanner, so files of any size work.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { extensionList, formatOfFileName } from '../usernames/formats';
import { detectFormat, scanFile } from '../usernames/scan';
import { USAGE, UsageError, parseArgs, type CliOptions } from './args';
import { renderJson, renderSarif, renderText, type FileReport } from './output';

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

/** The toolkit's version, from package.json (esbuild inlines just this field). */
export { version as TOOL_VERSION } from '../../package.json';
import { version as TOOL_VERSION } from '../../package.json';
const SKIP_DIRS = new Set(['node_modules', '.git']);

async function collect(arg: string, cwd: string, out: string[], problems: string[]): Promise<void> {
  const abs = path.resolve(cwd, arg);
  let st;
  try { st = await fs.stat(abs); } catch (e) { problems.push(`${arg}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`); return; }
  if (st.isDirectory()) {
    const walk = async (dir: string): Promise<void> => {
      const items = await fs.readdir(dir, { withFileTypes: true });
      items.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
      for (const it of items) {
        const p = path.join(dir, it.name);
        if (it.isDirectory()) { if (!SKIP_DIRS.has(it.name)) await walk(p); }
        else if (it.isFile() && formatOfFileName(it.name)) out.push(p);
      }
    };
    await walk(abs);
  } else if (!detectFormat(abs)) {
    problems.push(`${arg}: not an LDIF or CSV file (expected ${extensionList()})`);
  } else {
    out.push(abs);
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) { io.stderr.write(`pingone-sync-lint: ${e.message}\n\n${USAGE}`); return 2; }
    throw e;
  }
  if (opts.help) { io.stdout.write(USAGE); return 0; }
  const files: string[] = [];
  const problems: string[] = [];
  for (const p of opts.paths) await collect(p, io.cwd, files, problems);
  const reports: FileReport[] = [];
  for (const file of [...new Set(files)]) {
    const format = detectFormat(file)!;
    try {
      const r = await scanFile(file, {
        format, profile: opts.profile, ldifAttribute: opts.ldifAttribute, csvColumn: opts.csvColumn,
        severities: opts.severities, collectEntries: false,
      });
      const rel = path.relative(io.cwd, file) || file;
      reports.push({ path: rel.split(path.sep).join('/'), format, entries: r.entries, findings: r.findings });
    } catch (e) {
      problems.push(`${path.relative(io.cwd, file)}: ${(e as Error).message}`);
    }
  }
  // A CI step that checked nothing (a wrong path, a folder of other files) must not pass silently.
  if (reports.length === 0 && problems.length === 0) problems.push(`no file to check: no ${extensionList()} file in ${opts.paths.join(', ')}`);
  for (const p of problems) io.stderr.write(`pingone-sync-lint: ${p}\n`);
  io.stdout.write(opts.format === 'json' ? renderJson(reports) : opts.format === 'sarif' ? renderSarif(reports, TOOL_VERSION) : renderText(reports));
  if (problems.length > 0) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
