/**
 * The CLI on odd file-system objects: only regular files are read (a FIFO
 * or a link to /dev/zero is reported, never opened), an unreadable folder or
 * file is reported and the rest is still linted, exit 2 after the report.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliFs } from '../../../src/cli/main';
import { runCaptured } from './helpers';
import { scanFile } from '../../../src/usernames';
import { within } from '../../shared/within';

const GOOD = 'dn: uid=a,dc=x\nuid: alice\n\n';
const BAD = 'dn: uid=b,dc=x\nuid: bob smith\n\n';

async function run(argv: string[], cwd: string, fs?: CliFs) {
  return runCaptured(argv, cwd, fs);
}

describe('pingone-sync-lint on odd file-system objects', function () {
  this.timeout(20000);
  let dir: string;
  let server: Server | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'p1lint-odd-'));
    writeFileSync(path.join(dir, 'good.ldif'), GOOD);
  });
  afterEach(async () => {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a FIFO, a link to /dev/zero and a socket per path, never reads them, and lints the rest', async () => {
    execFileSync('mkfifo', [path.join(dir, 'fifo.ldif')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.ldif'));
    server = createServer();
    await new Promise<void>((r) => server!.listen(path.join(dir, 'sock.csv'), () => r()));
    const r = await within(5000, run(['--format', 'json', 'fifo.ldif', 'zero.ldif', 'sock.csv', 'good.ldif'], dir));
    assert.equal(r.code, 2);
    assert.match(r.err, /fifo\.ldif: a FIFO \(named pipe\), not a regular file; only regular files are read/);
    assert.match(r.err, /zero\.ldif: a character device, not a regular file/);
    assert.match(r.err, /sock\.csv: a socket, not a regular file/);
    // The report still comes, with the regular file in it.
    assert.deepEqual(
      JSON.parse(r.out).files.map((f: { path: string }) => f.path),
      ['good.ldif']
    );
  });

  it('reports odd objects found while walking a folder, and links to regular files are linted', async () => {
    mkdirSync(path.join(dir, 'sub'));
    execFileSync('mkfifo', [path.join(dir, 'sub', 'fifo.ldif')]);
    symlinkSync('/dev/zero', path.join(dir, 'sub', 'zero.csv'));
    writeFileSync(path.join(dir, 'sub', 'bad.ldif'), BAD);
    symlinkSync(path.join(dir, 'sub', 'bad.ldif'), path.join(dir, 'link.ldif'));
    const r = await within(5000, run(['--format', 'json', '.'], dir));
    assert.equal(r.code, 2);
    assert.match(r.err, /sub\/fifo\.ldif: a FIFO \(named pipe\), not a regular file/);
    assert.match(r.err, /sub\/zero\.csv: a character device, not a regular file/);
    assert.deepEqual(
      JSON.parse(r.out).files.map((f: { path: string }) => f.path),
      ['good.ldif', 'link.ldif', 'sub/bad.ldif']
    );
  });

  it('the engine refuses a FIFO without opening it (the workspace scan reads files through it)', async () => {
    execFileSync('mkfifo', [path.join(dir, 'fifo.ldif')]);
    await assert.rejects(
      within(5000, scanFile(path.join(dir, 'fifo.ldif'), { format: 'ldif' })),
      /a FIFO \(named pipe\), not a regular file/
    );
    await assert.rejects(within(5000, scanFile('/dev/zero', { format: 'ldif' })), /a character device, not a regular file/);
  });

  it('an unreadable folder and an unreadable file are reported; the rest is linted; exit 2 after the report', async () => {
    // Tests run as root, where permission bits do not stop reads: the failures are injected through the CLI's fs seam.
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'locked', 'hidden.ldif'), BAD);
    writeFileSync(path.join(dir, 'secret.csv'), 'username\nx\n');
    writeFileSync(path.join(dir, 'z.ldif'), BAD);
    const denied = (p: string) => Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
    const fs: CliFs = {
      stat: (p) => import('node:fs').then((m) => m.promises.stat(p)),
      readdir: async (d) => {
        if (path.basename(d) === 'locked') throw denied(d);
        return (await import('node:fs')).promises.readdir(d, { withFileTypes: true });
      },
      scanFile: (p, o) => (path.basename(p) === 'secret.csv' ? Promise.reject(denied(p)) : scanFile(p, o)),
    };
    const r = await run(['.'], dir, fs);
    assert.equal(r.code, 2);
    assert.match(r.err, /locked: cannot read this folder \(permission denied\)/);
    assert.match(r.err, /secret\.csv: permission denied/);
    // Both readable files are in the report, the one after the failures too.
    assert.match(r.out, /^z\.ldif:2:9: warning: .*\[username-format\]$/m);
    assert.match(r.out, /^2 files, 2 entries: 0 errors, 1 warning$/m);
  });
});
