// What `pingone-sync-lint` says on stderr when the file system fails it, one
// line per problem, and the exit status (2) that makes a CI step fail.
// Failures are injected through the CLI's fs seam (tests run as root, where
// permission bits do not stop reads).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { CliFs } from '../../../src/cli/main';
import { scanFile } from '../../../src/usernames/scan';
import { SAMPLES, fileTree, runCaptured } from './helpers';

const failure = (code: string, message = `${code}: failed`) => Object.assign(new Error(message), { code });

describe('pingone-sync-lint on a failing file system', () => {
  let tree: ReturnType<typeof fileTree>;
  before(() => {
    tree = fileTree({ 'a.csv': SAMPLES.cleanCsv, 'sub/b.csv': SAMPLES.cleanCsv, 'notes/readme.txt': 'x\n', 'docs/x.md': 'y\n' });
  });
  after(() => tree.remove());

  /** Real file-system calls, except that `fail(kind, path)` may throw instead. */
  const failing = (fail: (kind: 'stat' | 'readdir' | 'scan', p: string) => Error | undefined): CliFs => ({
    stat: async (p) => {
      const e = fail('stat', p);
      if (e) throw e;
      return fs.stat(p);
    },
    readdir: async (d) => {
      const e = fail('readdir', d);
      if (e) throw e;
      return fs.readdir(d, { withFileTypes: true });
    },
    scanFile: async (p, o) => {
      const e = fail('scan', p);
      if (e) throw e;
      return scanFile(p, o);
    },
  });

  it('permission refusals (EACCES and EPERM) read "permission denied"; other errors keep their own words', async () => {
    for (const [code, says] of [
      ['EACCES', 'permission denied'],
      ['EPERM', 'permission denied'],
      ['ENOENT', 'no such file or directory'],
      ['EIO', 'EIO: i/o error, stat'],
    ]) {
      const r = await runCaptured(
        ['a.csv'],
        tree.dir,
        failing((kind) => (kind === 'stat' ? failure(code, 'EIO: i/o error, stat') : undefined))
      );
      assert.equal(r.code, 2, code);
      assert.equal(r.err, `pingone-sync-lint: a.csv: ${says}\n`, code);
    }
  });

  it('a file that fails while being read is named relative to the working folder', async () => {
    const r = await runCaptured(
      ['sub'],
      tree.dir,
      failing((kind) => (kind === 'scan' ? failure('EPERM') : undefined))
    );
    assert.equal(r.code, 2);
    assert.equal(r.err, 'pingone-sync-lint: sub/b.csv: permission denied\n');
  });

  it('links in a folder: one that leads nowhere is named; one to a folder is neither followed nor reported; the rest is linted', async () => {
    const links = fileTree({ 'ok.csv': SAMPLES.cleanCsv, 'real/bad.csv': SAMPLES.errorCsv });
    try {
      symlinkSync(path.join(links.dir, 'missing.csv'), path.join(links.dir, 'gone.csv'));
      symlinkSync(path.join(links.dir, 'real'), path.join(links.dir, 'folder.csv'));
      const r = await runCaptured(['--format', 'json', '.'], links.dir);
      assert.equal(r.code, 2);
      assert.equal(r.err, 'pingone-sync-lint: gone.csv: no such file or directory\n');
      assert.deepEqual(
        JSON.parse(r.out).files.map((f: { path: string }) => f.path),
        ['ok.csv', 'real/bad.csv']
      );
    } finally {
      links.remove();
    }
  });

  it('a named FIFO is reported under the path as typed, and never opened', async () => {
    const fifo = fileTree({});
    try {
      execFileSync('mkfifo', [path.join(fifo.dir, 'pipe.ldif')]);
      const r = await runCaptured(['./pipe.ldif'], fifo.dir);
      assert.equal(r.code, 2);
      assert.equal(r.err, 'pingone-sync-lint: ./pipe.ldif: a FIFO (named pipe), not a regular file; only regular files are read\n');
    } finally {
      fifo.remove();
    }
  });

  it('the working folder itself unreadable: named by its full path, not an empty name', async () => {
    const r = await runCaptured(
      ['.'],
      tree.dir,
      failing((kind, p) => (kind === 'readdir' && p === tree.dir ? failure('EACCES') : undefined))
    );
    assert.equal(r.code, 2);
    assert.equal(r.err, `pingone-sync-lint: ${tree.dir}: cannot read this folder (permission denied)\n`);
  });

  it('folders without any sync file: one message naming every path given, and status 2', async () => {
    const r = await runCaptured(['notes', 'docs'], tree.dir);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'pingone-sync-lint: no file to check: no .ldif, .ldf, .csv or .tsv file in notes, docs\n');
  });
});
