/**
 * What pingone-sync-lint prints is inert: file names a pull request chose (a line break, an escape
 * sequence, a bidi override) and text from the files reach the text report and the stderr lines as
 * `<U+…>`, so no line of a CI log is forged (GitHub Actions reads `::error::…` lines of a step's
 * output as workflow commands) and no escape sequence reaches a terminal. JSON keeps the exact path:
 * it is data there, escaped by JSON.
 */
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { hasUnsafeCharacter } from '../../../src/usernames/inertText';
import { fileTree, runCaptured } from './helpers';

const FORGED = 'e\n::error::forged\x1b[2J\u202e';

function assertInertLines(where: string, text: string): void {
  for (const line of text.split('\n')) {
    assert.ok(!hasUnsafeCharacter(line), `${where}: ${JSON.stringify(line)}`);
    assert.ok(!line.startsWith('::'), `${where}: a forged line ${JSON.stringify(line)}`);
  }
}

describe('pingone-sync-lint prints outside text inert', () => {
  it('a file name with a line break and an escape sequence: the text report and stderr show it as <U+…>; JSON keeps it exact', async () => {
    const tree = fileTree({ [`${FORGED}.csv`]: `username\nbad\u200bname\nv\x1b[31m\nv\x1b[31m\n` });
    try {
      symlinkSync(path.join(tree.dir, 'missing'), path.join(tree.dir, `${FORGED}.ldif`));
      const text = await runCaptured(['.'], tree.dir);
      assert.equal(text.code, 2, text.err);
      assert.match(text.out, /^e<U\+000A>::error::forged<U\+001B>\[2J<U\+202E>\.csv:2:4: error: /);
      assert.match(text.out, /Username "v<U\+001B>\[31m" is used by another entry too/);
      assert.match(text.err, /^pingone-sync-lint: e<U\+000A>::error::forged<U\+001B>\[2J<U\+202E>\.ldif: no such file or directory\n$/);
      assertInertLines('text report', text.out);
      assertInertLines('stderr', text.err);
      const json = await runCaptured(['--format', 'json', '.'], tree.dir);
      assert.equal(JSON.parse(json.out).files[0].path, `${FORGED}.csv`);
      assertInertLines('stderr (json run)', json.err);
    } finally {
      tree.remove();
    }
  });

  it('a usage error quoting a hostile option shows it inert', async () => {
    const tree = fileTree({ 'a.csv': 'username\nx\n' });
    try {
      const r = await runCaptured([`--format\n::error::x\x1b`, 'a.csv'], tree.dir);
      assert.equal(r.code, 2);
      assert.ok(r.err.includes('<U+000A>::error::x<U+001B>'), r.err);
      assertInertLines('stderr', r.err);
    } finally {
      tree.remove();
    }
  });
});
