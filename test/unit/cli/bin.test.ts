// The CLI as CI pipelines run it: `npx pingone-sync-lint` resolves the
// package's `bin` to the esbuild bundle dist/cli.js.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '../../..');

describe('pingone-sync-lint as installed (npx, bundled dist/cli.js)', function () {
  this.timeout(60_000);
  before(() => {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repo, stdio: 'ignore' });
  });

  it('is the package bin, starts with a shebang, and carries the package version', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    assert.equal(pkg.bin['pingone-sync-lint'], 'dist/cli.js');
    const bundle = readFileSync(path.join(repo, 'dist', 'cli.js'), 'utf8');
    assert.ok(bundle.startsWith('#!/usr/bin/env node'));
    const sarif = JSON.parse(
      spawnSync('npx', ['--no-install', 'pingone-sync-lint', '--format', 'sarif', 'sandbox/workspace/users.csv'], {
        cwd: repo,
        encoding: 'utf8',
      }).stdout
    );
    assert.equal(sarif.runs[0].tool.driver.version, pkg.version);
  });

  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    const r = spawnSync('npx', ['--no-install', 'pingone-sync-lint', '--version'], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `pingone-sync-lint ${pkg.version}\n`);
  });

  it('lints the sandbox samples: JSON on stdout, exit 1 because there are errors', () => {
    const r = spawnSync('npx', ['--no-install', 'pingone-sync-lint', '--format', 'json', 'sandbox/workspace'], {
      cwd: repo,
      encoding: 'utf8',
    });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.files.map((f: { path: string }) => path.basename(f.path)).sort(), ['users.csv', 'users.ldif']);
    assert.ok(report.summary.errors > 0);
    const codes = new Set(report.files.flatMap((f: { findings: { code: string }[] }) => f.findings.map((x) => x.code)));
    for (const code of ['username-duplicate', 'username-invalid-character', 'username-missing', 'username-too-long'])
      assert.ok(codes.has(code), `missing ${code}`);
  });

  it('writes the same report into a file (written straight to the descriptor) as into a pipe', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'p1-cli-out-'));
    try {
      for (const format of ['json', 'sarif', 'text']) {
        const args = [path.join(repo, 'dist', 'cli.js'), '--format', format, 'sandbox/workspace'];
        const piped = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
        const file = path.join(dir, `out.${format}`);
        const fd = openSync(file, 'w');
        let status: number | null;
        try {
          status = spawnSync(process.execPath, args, { cwd: repo, stdio: ['ignore', fd, 'pipe'] }).status;
        } finally {
          closeSync(fd);
        }
        assert.equal(status, 1);
        assert.equal(piped.status, 1);
        assert.ok(piped.stdout.length > 1000, format);
        assert.equal(readFileSync(file, 'utf8'), piped.stdout, format);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops quietly when the reader of its output goes away (`| head`), exiting with the verdict', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'p1-cli-pipe-'));
    try {
      // 20,000 rows with an invalid username: a JSON report of megabytes, far more than a pipe holds.
      const csv = path.join(dir, 'many.csv');
      writeFileSync(csv, 'username\n' + Array.from({ length: 20_000 }, (_, i) => `bad\u200bname${i}\n`).join(''));
      const args = [path.join(repo, 'dist', 'cli.js'), '--format', 'json', csv];
      const verdict = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] }).status;
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '',
        read = 0;
      child.stderr.on('data', (d: Buffer) => (err += d));
      // Read the first piece, then close the pipe as `head` does.
      child.stdout.once('data', (d: Buffer) => {
        read = d.length;
        child.stdout.destroy();
      });
      const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      assert.ok(read > 0, 'the report began');
      assert.equal(err, '', 'no stack trace, no message');
      assert.equal(verdict, 1);
      assert.equal(status, verdict, 'the exit status is the verdict');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps its exit status when stderr is closed before it writes there', async () => {
    const child = spawn(process.execPath, [path.join(repo, 'dist', 'cli.js'), 'no-such-file.csv'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(status, 2, 'a missing file is status 2, said or not');
  });

  it('exits 2 with a message on a usage error', () => {
    const r = spawnSync('npx', ['--no-install', 'pingone-sync-lint', '--format', 'xml', 'x.ldif'], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /format/i);
  });
});
