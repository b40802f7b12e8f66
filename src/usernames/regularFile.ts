/**
 * Only regular files are read. A FIFO would block the reader forever, a
 * device such as /dev/zero never ends, and a hostile pull request can commit
 * a symbolic link to either under a sync-file name. So the path is checked
 * with stat (which follows links) before it is opened, and never opened
 * when it is anything but a regular file.
 */
import type { Stats } from 'node:fs';
import { constants, promises as fs } from 'node:fs';

export class NotRegularFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotRegularFileError';
  }
}

/** File-type tests shared by `Stats` and `Dirent`. */
export type FileType = Pick<Stats, 'isFile' | 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>;

/** What a non-regular file is, for messages. */
export function fileKind(st: FileType): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a path that is not a regular file is not read (the CLI reports it under the path). */
export function notRegularFileReason(st: FileType): string {
  return `${fileKind(st)}, not a regular file; only regular files are read`;
}

function refuse(st: FileType): NotRegularFileError {
  return new NotRegularFileError(notRegularFileReason(st));
}

/**
 * Opens `path` for reading when it is (or links to) a regular file, and
 * throws `NotRegularFileError` without opening it otherwise. The open is
 * non-blocking and re-checked on the descriptor, so a path swapped for a
 * FIFO between the two steps cannot make it wait either.
 */
export async function openRegularFile(path: string): Promise<fs.FileHandle> {
  const st = await fs.stat(path);
  if (!st.isFile()) throw refuse(st);
  // O_NONBLOCK is 0 on Windows, which has no FIFOs in the file system.
  const file = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const now = await file.stat();
    if (!now.isFile()) throw refuse(now);
    if (now.ino !== st.ino || now.dev !== st.dev) throw new NotRegularFileError('changed while it was being opened; not read');
    return file;
  } catch (e) {
    await file.close();
    throw e;
  }
}
