// Every exit path of `pingone-sync-lint` as a CI pipeline sees it (the
// documented status: 0 no errors, 1 errors found, 2 usage or I/O error), in
// process and as a real child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SAMPLES, fileTree, runCaptured } from './helpers';

const repo = path.resolve(__dirname, '../../..');

describe('pingone-sync-lint exit status', () => {
  let tree: ReturnType<typeof fileTree>;
  before(() => {
    tree = fileTree({
      'clean/a.ldif': SAMPLES.cleanLdif,
      'clean/b.csv': SAMPLES.cleanCsv,
      'mixed/1-clean.ldif': SAMPLES.cleanLdif,
      'mixed/2-clean.csv': SAMPLES.cleanCsv,
      'mixed/deep/er/3-errors.csv': SAMPLES.errorCsv,
      'mixed/4-clean.csv': SAMPLES.cleanCsv,
      'lastonly/a.csv': SAMPLES.cleanCsv,
      'lastonly/z.ldif': SAMPLES.errorLdif,
      'warnings/w.csv': SAMPLES.warningCsv,
      'warnings/ok.ldif': SAMPLES.cleanLdif,
      'info/i.ldif': SAMPLES.infoLdif,
      'skipped/ok.csv': SAMPLES.cleanCsv,
      'skipped/node_modules/pkg/bad.csv': SAMPLES.errorCsv,
      'skipped/.git/bad.ldif': SAMPLES.errorLdif,
      'nosync/readme.txt': 'not a sync file\n',
      'notes.txt': 'x\n',
    });
  });
  after(() => tree.remove());
  const run = (...argv: string[]) => runCaptured(argv, tree.dir);

  it('0 for clean files and for a clean directory, with the summary on stdout', async () => {
    const r = await run('clean');
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.err, '');
    assert.equal(r.out, '2 files, 2 entries: 0 errors, 0 warnings\n');
    assert.equal((await run('clean/a.ldif', 'clean/b.csv')).code, 0);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`1 for a directory where only one file of several has errors (--format ${format})`, async () => {
      const r = await run('--format', format, 'mixed');
      assert.equal(r.code, 1, r.out);
      assert.equal(r.err, '');
      assert.match(r.out, /3-errors\.csv/);
    });
  }

  it('1 when the only file with errors is the last one walked, or one of several paths', async () => {
    assert.equal((await run('lastonly')).code, 1);
    assert.equal((await run('clean', 'lastonly/z.ldif')).code, 1);
    assert.equal((await run('mixed/deep/er/3-errors.csv', 'clean')).code, 1);
    assert.equal((await run('.')).code, 1, 'the whole tree');
  });

  it('0 with warnings only, and with info findings only', async () => {
    const w = await run('warnings');
    assert.equal(w.code, 0, w.out);
    assert.match(w.out, /w\.csv:2:4: warning: .*\[username-format\]/);
    assert.match(w.out, /2 files, 2 entries: 0 errors, 1 warning\n$/);
    const i = await run('info');
    assert.equal(i.code, 0, i.out);
    assert.match(i.out, /i\.ldif:2:\d+: info: .*\[username-unchecked\]/);
  });

  it('--severity moves a file across the line: warning raised to error exits 1, error lowered or turned off exits 0', async () => {
    assert.equal((await run('--severity', 'username-format=error', 'warnings')).code, 1);
    assert.equal((await run('--severity=username-format=info', 'warnings')).code, 0);
    assert.equal((await run('--severity', 'username-invalid-character=warning', 'mixed')).code, 0);
    assert.equal((await run('--severity', 'username-invalid-character=info', 'mixed')).code, 0);
    assert.equal((await run('--severity', 'username-invalid-character=off', 'mixed')).code, 0);
    assert.equal((await run('--severity', 'username-duplicate=off', 'mixed')).code, 1, 'another code turned off changes nothing');
  });

  it('--profile changes the outcome only through severities (api has no format warnings)', async () => {
    const strict = await run('--profile', 'strict', '--format', 'json', 'warnings');
    assert.equal(strict.code, 0);
    assert.equal(JSON.parse(strict.out).summary.warnings, 1);
    const api = await run('--profile', 'api', '--format', 'json', 'warnings');
    assert.equal(api.code, 0);
    assert.equal(JSON.parse(api.out).summary.warnings, 0);
  });

  it('skips node_modules and .git when walking: errors only there exit 0', async () => {
    const r = await run('--format', 'json', 'skipped');
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(
      JSON.parse(r.out).files.map((f: { path: string }) => f.path),
      ['skipped/ok.csv']
    );
    assert.equal((await run('skipped/node_modules/pkg/bad.csv')).code, 1, 'named explicitly, the file is checked');
  });

  it('2 for a directory without sync files (a CI step that checked nothing must not pass), saying so on stderr', async () => {
    const r = await run('nosync');
    assert.equal(r.code, 2);
    assert.match(r.err, /^pingone-sync-lint: no file to check: no \.ldif, .* file in nosync\n$/);
    assert.equal(r.out, '0 files, 0 entries: 0 errors, 0 warnings\n', 'the (empty) report is still written');
  });

  it('2 for a missing path, even next to files with errors; the other files are still reported', async () => {
    const r = await run('--format', 'json', 'missing.ldif', 'mixed');
    assert.equal(r.code, 2);
    assert.equal(r.err, 'pingone-sync-lint: missing.ldif: no such file or directory\n');
    assert.equal(JSON.parse(r.out).summary.errors, 1);
    assert.equal((await run('clean', 'missing-dir')).code, 2);
  });

  it('2 for a file that is not LDIF or CSV, named as such', async () => {
    const r = await run('notes.txt', 'clean');
    assert.equal(r.code, 2);
    assert.match(r.err, /notes\.txt: not an LDIF or CSV file/);
  });

  const usageErrors: Array<[string, string[], RegExp]> = [
    ['no paths', [], /no files or directories given/],
    ['unknown option', ['--bogus', 'clean'], /unknown option --bogus/],
    ['unknown format', ['--format', 'xml', 'clean'], /--format must be text, json or sarif \(got "xml"\)/],
    ['unknown profile', ['--profile', 'loose', 'clean'], /--profile must be api, guide or strict/],
    ['option without its value', ['clean', '--format'], /--format needs a value/],
    ['bad severity syntax', ['--severity', 'username-format', 'clean'], /--severity expects CODE=error\|warning\|info\|off/],
    ['unknown severity code', ['--severity', 'nope=error', 'clean'], /unknown finding code "nope"/],
    ['unknown severity level', ['--severity', 'username-format=loud', 'clean'], /--severity expects/],
  ];
  for (const [what, argv, message] of usageErrors) {
    it(`2 for a usage error (${what}): message and usage on stderr, nothing on stdout`, async () => {
      const r = await run(...argv);
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err, /^pingone-sync-lint: /);
      assert.match(r.err, message);
      assert.match(r.err, /Usage: pingone-sync-lint/);
    });
  }

  it('0 for --help, with the usage on stdout, even next to other arguments', async () => {
    for (const argv of [['--help'], ['-h'], ['--help', 'mixed']]) {
      const r = await run(...argv);
      assert.equal(r.code, 0, argv.join(' '));
      assert.match(r.out, /^Usage: pingone-sync-lint/);
      assert.match(r.out, /Exit status: 0 no errors, 1 errors found, 2 usage or I\/O error/);
      assert.equal(r.err, '');
    }
  });

  it('0 for --version and -V: the name and the package version on stdout, no scan', async () => {
    const { version } = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string };
    for (const argv of [['--version'], ['-V'], ['--version', 'mixed']]) {
      const r = await run(...argv);
      assert.equal(r.code, 0, argv.join(' '));
      assert.equal(r.out, `pingone-sync-lint ${version}\n`);
      assert.equal(r.err, '');
    }
  });

  it('"--" ends the options: a path that looks like an option is a path', async () => {
    const r = await run('--', '--not-an-option.csv');
    assert.equal(r.code, 2);
    assert.match(r.err, /--not-an-option\.csv: no such file or directory/);
  });

  describe('as a child process (the status a CI job sees)', function () {
    this.timeout(60_000);
    const bin = (...argv: string[]) =>
      spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(repo, 'src/cli/bin.ts'), ...argv], {
        cwd: tree.dir,
        encoding: 'utf8',
        timeout: 30_000,
      });

    it('0, 1 and 2 reach the process exit status', () => {
      const clean = bin('clean');
      assert.equal(clean.status, 0, clean.stderr);
      const mixed = bin('--format', 'sarif', 'mixed');
      assert.equal(mixed.status, 1, mixed.stderr);
      assert.equal(JSON.parse(mixed.stdout).runs[0].results.length, 1);
      const usage = bin('--format', 'xml', 'clean');
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /--format must be/);
    });
  });
});
