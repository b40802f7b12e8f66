/**
 * `openRegularFile` and `scanFile` read only regular files: anything else is
 * refused by name (directory, FIFO, device, socket) before it is opened, so a
 * FIFO never blocks and a device never streams. The CLI checks paths itself
 * before it scans; these tests hold the engine's own guard, which the editor's
 * worker and any other caller of `scanFile` rely on.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, promises as fsp, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { scanFile } from '../../../src/usernames';
import { type FileType, NotRegularFileError, fileKind, openRegularFile } from '../../../src/usernames/regularFile';
import { within } from '../../shared/within';

/** A file type answering true only for `kind`. */
function onlyA(kind: keyof FileType | undefined): FileType {
  const is = (k: keyof FileType) => () => k === kind;
  return {
    isFile: is('isFile'),
    isDirectory: is('isDirectory'),
    isFIFO: is('isFIFO'),
    isCharacterDevice: is('isCharacterDevice'),
    isBlockDevice: is('isBlockDevice'),
    isSocket: is('isSocket'),
  };
}

async function refusal(p: string): Promise<NotRegularFileError> {
  try {
    const file = await within(5000, openRegularFile(p));
    await file.close();
  } catch (e) {
    assert.ok(e instanceof NotRegularFileError, `expected a NotRegularFileError, got ${String(e)}`);
    return e;
  }
  assert.fail(`${p} was opened`);
}

describe('only regular files are read (openRegularFile, scanFile)', function () {
  this.timeout(20000);
  let dir: string;
  let server: Server | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'p1-regular-'));
  });
  afterEach(async () => {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('names every kind of file that is not regular', () => {
    assert.equal(fileKind(onlyA('isDirectory')), 'a directory');
    assert.equal(fileKind(onlyA('isFIFO')), 'a FIFO (named pipe)');
    assert.equal(fileKind(onlyA('isCharacterDevice')), 'a character device');
    assert.equal(fileKind(onlyA('isBlockDevice')), 'a block device');
    assert.equal(fileKind(onlyA('isSocket')), 'a socket');
    assert.equal(fileKind(onlyA(undefined)), 'not a regular file');
  });

  it('refuses a directory, a FIFO, a device and a socket with an error that says which', async () => {
    mkdirSync(path.join(dir, 'folder.ldif'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.ldif')]);
    server = createServer();
    await new Promise<void>((r) => server!.listen(path.join(dir, 'sock.csv'), () => r()));
    const cases: Array<[string, string]> = [
      [path.join(dir, 'folder.ldif'), 'a directory'],
      [path.join(dir, 'fifo.ldif'), 'a FIFO (named pipe)'],
      ['/dev/null', 'a character device'],
      [path.join(dir, 'sock.csv'), 'a socket'],
    ];
    for (const [p, kind] of cases) {
      const e = await refusal(p);
      assert.equal(e.message, `${kind}, not a regular file; only regular files are read`, p);
      assert.equal(e.name, 'NotRegularFileError', p);
      assert.match(String(e), /^NotRegularFileError: /, p);
    }
  });

  it('follows a link to a device and refuses it, and opens a link to a regular file', async () => {
    symlinkSync('/dev/zero', path.join(dir, 'zero.ldif'));
    assert.equal(
      (await refusal(path.join(dir, 'zero.ldif'))).message,
      'a character device, not a regular file; only regular files are read'
    );
    writeFileSync(path.join(dir, 'real.ldif'), 'dn: uid=a,dc=x\nuid: alice\n');
    symlinkSync(path.join(dir, 'real.ldif'), path.join(dir, 'link.ldif'));
    const file = await openRegularFile(path.join(dir, 'link.ldif'));
    try {
      assert.equal((await file.readFile('utf8')).split('\n')[1], 'uid: alice');
    } finally {
      await file.close();
    }
  });

  it('scanFile rejects a FIFO at once instead of waiting for a writer', async () => {
    execFileSync('mkfifo', [path.join(dir, 'users.ldif')]);
    await assert.rejects(within(5000, scanFile(path.join(dir, 'users.ldif'), { format: 'ldif' })), (e: unknown) => {
      assert.ok(e instanceof NotRegularFileError);
      assert.equal(e.message, 'a FIFO (named pipe), not a regular file; only regular files are read');
      return true;
    });
  });

  describe('a path swapped between the check and the open', () => {
    const realStat = fsp.stat;
    afterEach(() => {
      fsp.stat = realStat;
    });

    /** After the path's `stat`, before its `open`, `swap` replaces what the path names (a rename, as an attacker would). */
    function swapAfterStat(swap: () => void): void {
      fsp.stat = (async (...args: Parameters<typeof realStat>) => {
        const st = await realStat(...args);
        swap();
        return st;
      }) as typeof realStat;
    }

    it('for a FIFO: opened without waiting for a writer, and refused as a FIFO', async () => {
      const target = path.join(dir, 'users.ldif');
      writeFileSync(target, 'dn: uid=alice,dc=example,dc=com\nuid: alice\n');
      execFileSync('mkfifo', [path.join(dir, 'pipe')]);
      swapAfterStat(() => renameSync(path.join(dir, 'pipe'), target));
      assert.equal((await refusal(target)).message, 'a FIFO (named pipe), not a regular file; only regular files are read');
    });

    it('for another regular file: refused as changed, not read', async () => {
      const target = path.join(dir, 'users.ldif');
      writeFileSync(target, 'dn: uid=alice,dc=example,dc=com\nuid: alice\n');
      writeFileSync(path.join(dir, 'other.ldif'), 'dn: uid=mallory,dc=example,dc=com\nuid: mallory\n');
      swapAfterStat(() => renameSync(path.join(dir, 'other.ldif'), target));
      assert.equal((await refusal(target)).message, 'changed while it was being opened; not read');
    });
  });
});
