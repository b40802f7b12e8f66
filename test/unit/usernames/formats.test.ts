// The one table of sync-file formats: the engine, the editor's settings and
// package.json, and the CLI's directory walk must all agree with it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCaptured } from '../cli/helpers';
import { formatOf } from '../../../src/diagnostics/fileFormat';
import { DEFAULT_SETTINGS } from '../../../src/settings/usernames';
import { FILE_FORMATS, LANGUAGE_IDS, syncFileGlobs } from '../../../src/usernames/formats';
import { detectFormat } from '../../../src/usernames/scan';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

async function cli(argv: string[], cwd: string) {
  return runCaptured(argv, cwd);
}

describe('one table of file formats', () => {
  it('is .ldif .ldf → ldif and .csv .tsv → csv', () => {
    assert.deepEqual(
      FILE_FORMATS.map((f) => `${f.extension}=${f.format}`),
      ['.ldif=ldif', '.ldf=ldif', '.csv=csv', '.tsv=csv']
    );
  });

  it('package.json contributes.languages declares exactly the table extensions per format', () => {
    for (const format of ['ldif', 'csv'] as const) {
      const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === format);
      assert.ok(lang, `no ${format} language`);
      assert.deepEqual(
        [...lang.extensions].sort(),
        FILE_FORMATS.filter((f) => f.format === format)
          .map((f) => f.extension)
          .sort()
      );
      assert.ok(LANGUAGE_IDS[format].includes(format));
    }
  });

  it('the default include globs (package.json and the settings reader) are the table', () => {
    assert.deepEqual(pkg.contributes.configuration.properties['pingone.usernames.include'].default, syncFileGlobs());
    assert.deepEqual(DEFAULT_SETTINGS.include, syncFileGlobs());
  });

  it('the engine and the editor read every extension of the table, in any case, and nothing else', () => {
    for (const f of FILE_FORMATS) {
      for (const name of [`users${f.extension}`, `USERS${f.extension.toUpperCase()}`]) {
        assert.equal(detectFormat(name), f.format, name);
        assert.equal(formatOf('plaintext', `/w/${name}`), f.format, name);
      }
    }
    for (const name of ['users.txt', 'users.ldif.bak', 'ldif', 'users.csvx']) {
      assert.equal(detectFormat(name), undefined, name);
      assert.equal(formatOf(undefined, name), undefined, name);
    }
  });

  describe('the CLI walk', () => {
    let dir = '';
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'p1-formats-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('lints a folder of ldifde .ldf exports and .tsv files', async () => {
      writeFileSync(path.join(dir, 'export.ldf'), 'dn: uid=a,dc=x\nuid: a\n\ndn: uid=b,dc=x\nuid: a\n');
      writeFileSync(path.join(dir, 'users.tsv'), 'username\tx\nb\t1\n');
      writeFileSync(path.join(dir, 'notes.txt'), 'uid: a\n');
      const r = await cli(['--format', 'json', '.'], dir);
      const j = JSON.parse(r.out);
      assert.deepEqual(
        j.files.map((f: { path: string; format: string; entries: number }) => [f.path, f.format, f.entries]),
        [
          ['export.ldf', 'ldif', 2],
          ['users.tsv', 'csv', 1],
        ]
      );
      assert.equal(r.code, 1); // the duplicate "a"
    });

    it('a run that lints no file says so on stderr and exits 2', async () => {
      mkdirSync(path.join(dir, 'sub'));
      writeFileSync(path.join(dir, 'sub', 'notes.txt'), 'uid: a\n');
      const r = await cli(['.'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /^pingone-sync-lint: no file to check: no \.ldif, \.ldf, \.csv or \.tsv file in \.\n$/);
      assert.match(r.out, /0 files/);
    });
  });
});
