/** Shared by the CLI tests: run `pingone-sync-lint` in process, and throwaway file trees. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type CliFs, runCli } from '../../../src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in process with captured output; `fs` replaces its file-system calls (to inject I/O failures). */
export async function runCaptured(argv: string[], cwd: string, fs?: CliFs): Promise<CliRun> {
  let out = '',
    err = '';
  const code = await runCli(argv, {
    stdout: {
      write: (s: string) => {
        out += s;
      },
    },
    stderr: {
      write: (s: string) => {
        err += s;
      },
    },
    cwd,
    fs,
  });
  return { code, out, err };
}

/** A temporary directory holding `files` (relative path → content); removed by `remove()`. */
export function fileTree(files: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'p1lint-tree-'));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Sync-file bodies with a known outcome under the default (guide) profile. */
export const SAMPLES = {
  cleanLdif: 'dn: uid=a,ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: alice\n',
  cleanCsv: 'username,email\nbob,bob@example.com\n',
  /** One error: a duplicate username. */
  errorLdif: 'dn: uid=a,dc=example,dc=com\nuid: carol\n\ndn: uid=b,dc=example,dc=com\nuid: carol\n',
  /** One error: U+200B inside a username. */
  errorCsv: 'username\nbad\u200bname\n',
  /** One warning: a space in a username (username-format). */
  warningCsv: 'username\nbob smith\n',
  /** One info: a username read from a URL is not checked (username-unchecked). */
  infoLdif: 'dn: uid=u,dc=example,dc=com\nuid:< file:///etc/hostname\n',
};
