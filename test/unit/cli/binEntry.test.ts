// The `pingone-sync-lint` entry point (src/cli/bin.ts) run in this process:
// what it reads from the process (arguments, working folder) and what it
// leaves there (exit status, stderr), including when the run itself throws.
// bin.test.ts checks the same through the bundled dist/cli.js.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { SAMPLES, fileTree } from './helpers';

interface BinRun {
  exitCode: number | string | undefined;
  out: string;
  err: string;
}

const BIN = require.resolve('../../../src/cli/bin');

/** Loads bin.ts afresh with `argv` and captured streams; `stdoutFails` makes every stdout write throw it. */
async function runBin(argv: string[], cwd: string, stdoutFails?: unknown): Promise<BinRun> {
  const saved = {
    argv: process.argv,
    exitCode: process.exitCode,
    out: process.stdout.write,
    err: process.stderr.write,
    cwd: process.cwd(),
  };
  let out = '',
    err = '';
  process.argv = [process.execPath, 'pingone-sync-lint', ...argv];
  process.exitCode = undefined;
  process.stdout.write = ((s: string) => {
    if (stdoutFails !== undefined) throw stdoutFails;
    out += s;
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => {
    err += s;
    return true;
  }) as typeof process.stderr.write;
  process.chdir(cwd);
  try {
    // bin.ts runs when loaded, so each run loads it afresh: only require's cache can be emptied.
    delete require.cache[BIN];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(BIN);
    // The run is asynchronous: wait (bounded) for the exit status it sets.
    const deadline = Date.now() + 10_000;
    while (process.exitCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    return { exitCode: process.exitCode, out, err };
  } finally {
    process.chdir(saved.cwd);
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
  }
}

describe('pingone-sync-lint entry point (bin.ts) in process', () => {
  let tree: ReturnType<typeof fileTree>;
  before(() => {
    tree = fileTree({ 'clean.csv': SAMPLES.cleanCsv, 'errors.csv': SAMPLES.errorCsv });
  });
  after(() => tree.remove());

  it('reads the arguments after the script name and the working folder; sets 0, 1 or 2', async () => {
    const clean = await runBin(['clean.csv'], tree.dir);
    assert.equal(clean.exitCode, 0, clean.err);
    assert.equal(clean.out, '1 file, 1 entry: 0 errors, 0 warnings\n');
    const errors = await runBin(['--format', 'json', 'errors.csv'], tree.dir);
    assert.equal(errors.exitCode, 1);
    assert.equal(JSON.parse(errors.out).files[0].path, 'errors.csv', 'paths relative to the working folder');
    const missing = await runBin([path.join(tree.dir, 'nope.csv')], tree.dir);
    assert.equal(missing.exitCode, 2);
    assert.equal(missing.err, `pingone-sync-lint: ${path.join(tree.dir, 'nope.csv')}: no such file or directory\n`);
  });

  it('a run that throws ends with status 2 and one line on stderr, not a stack trace', async () => {
    const thrown = await runBin(['clean.csv'], tree.dir, new Error('write EPIPE'));
    assert.equal(thrown.exitCode, 2);
    assert.equal(thrown.err, 'pingone-sync-lint: write EPIPE\n');
    const odd = await runBin(['clean.csv'], tree.dir, 'stream closed');
    assert.equal(odd.exitCode, 2);
    assert.equal(odd.err, 'pingone-sync-lint: stream closed\n');
  });
});
