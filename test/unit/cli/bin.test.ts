// The CLI as CI pipelines run it: `npx pingone-sync-lint` resolves the
// package's `bin` to the esbuild bundle dist/cli.js.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
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

  it('exits 2 with a message on a usage error', () => {
    const r = spawnSync('npx', ['--no-install', 'pingone-sync-lint', '--format', 'xml', 'x.ldif'], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /format/i);
  });
});
