import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCaptured } from './helpers';

const FIX = path.resolve(__dirname, '../../fixtures/sync-files');

async function run(argv: string[], cwd = FIX) {
  return runCaptured(argv, cwd);
}

describe('pingone-sync-lint (runCli)', () => {
  it('text output like a compiler, exit 1 on errors', async () => {
    const r = await run(['users.ldif']);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.ok(
      lines.includes(
        'users.ldif:16:6: error: Username "user.0" is used by another entry too; PingOne usernames are unique per environment. (first occurrence of this username: 6:6) [username-duplicate]'
      ),
      r.out
    );
    assert.ok(
      lines.some((l) =>
        /^users\.ldif:20:9: error: Username contains U\+200B ZERO WIDTH SPACE at character 4, which PingOne does not accept\. \[username-invalid-character\]$/.test(
          l
        )
      ),
      r.out
    );
    assert.equal(lines[lines.length - 1], '1 file, 5 entries: 2 errors, 0 warnings');
  });

  it('JSON output has exactly the documented shape', async () => {
    const r = await run(['--format', 'json', 'users.csv', 'clean/ok.ldif']);
    assert.equal(r.code, 0); // warnings only
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['version', 'files', 'summary']);
    assert.equal(j.version, 1);
    assert.deepEqual(j.summary, { files: 2, entries: 4, errors: 0, warnings: 2 });
    assert.deepEqual(j.files[0], {
      path: 'users.csv',
      format: 'csv',
      entries: 3,
      findings: [
        {
          code: 'username-format',
          severity: 'warning',
          message: j.files[0].findings[0].message,
          line: 3,
          column: 27,
          endLine: 3,
          endColumn: 28,
          username: 'bob smith',
        },
        {
          code: 'username-duplicate-case',
          severity: 'warning',
          message: j.files[0].findings[1].message,
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 28,
          username: 'Alice',
        },
      ],
    });
    assert.deepEqual(j.files[1], { path: 'clean/ok.ldif', format: 'ldif', entries: 1, findings: [] });
  });

  it('exit 0 without errors; --severity and --profile change the outcome', async () => {
    assert.equal((await run(['--format', 'json', 'users.csv'])).code, 0);
    assert.equal((await run(['--severity', 'username-format=error', 'users.csv'])).code, 1);
    assert.equal(
      (await run(['--profile', 'api', '--severity=username-duplicate-case=off', '--format', 'json', 'users.csv'])).out.includes(
        '"findings": []'
      ),
      true
    );
    const off = await run(['--severity', 'username-duplicate=off', '--severity', 'username-invalid-character=info', 'users.ldif']);
    assert.equal(off.code, 0);
  });

  it('walks directories for .ldif and .csv; ldapsearch dialect; --ldif-attribute / --csv-column', async () => {
    const r = await run(['--format', 'json', '.']);
    const j = JSON.parse(r.out);
    assert.deepEqual(
      j.files.map((f: { path: string }) => f.path),
      ['clean/ok.csv', 'clean/ok.ldif', 'ldapsearch.csv', 'users.csv', 'users.ldif']
    );
    const lds = j.files[2];
    assert.equal(lds.entries, 2);
    assert.deepEqual(lds.findings.map((f: { code: string }) => f.code).sort(), ['csv-syntax', 'username-format']);
    const mail = await run(['--format', 'json', '--ldif-attribute', 'mail', 'clean/ok.ldif']);
    assert.equal(JSON.parse(mail.out).files[0].findings[0].code, 'username-missing');
    const col = await run(['--format', 'json', '--csv-column', 'email', 'users.csv']);
    assert.deepEqual(JSON.parse(col.out).files[0].findings, []);
  });

  it('SARIF 2.1.0 with rules, help text and README anchors', async () => {
    const r = await run(['--format', 'sarif', 'users.ldif']);
    const s = JSON.parse(r.out);
    assert.equal(s.version, '2.1.0');
    const run0 = s.runs[0];
    assert.equal(run0.tool.driver.name, 'pingone-sync-lint');
    const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === 'username-invalid-character');
    assert.equal(rule.helpUri, undefined, 'helpUri must be absolute in SARIF 2.1.0, so the README anchor is in the Markdown help');
    assert.ok(rule.help.markdown.includes('(README.md#username-invalid-character)'), rule.help.markdown);
    assert.ok(rule.help.text.length > 20);
    const res = run0.results.find((x: { ruleId: string }) => x.ruleId === 'username-duplicate');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 16, startColumn: 6, endLine: 16, endColumn: 12 });
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'users.ldif');
    assert.equal(res.relatedLocations[0].physicalLocation.region.startLine, 6);
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'username-duplicate');
  });

  it('usage and I/O errors exit 2', async () => {
    for (const argv of [
      [],
      ['--format', 'xml', 'a.ldif'],
      ['--bogus'],
      ['--severity', 'nope=error', 'a.ldif'],
      ['--severity', 'username-format=loud', 'x.csv'],
    ]) {
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, /pingone-sync-lint: /);
    }
    const missing = await run(['nope.ldif', 'users.csv']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.ldif: no such file or directory/);
    assert.equal((await run(['package.json'], path.resolve(FIX, '../../..'))).code, 2);
    assert.equal((await run(['--help'])).code, 0);
  });

  it('streams a large file (40 MB) through the byte scanner', async function () {
    this.timeout(60000);
    const dir = mkdtempSync(path.join(tmpdir(), 'p1lint-'));
    try {
      const chunk: string[] = [];
      for (let i = 0; i < 10000; i++)
        chunk.push(
          `dn: uid=user.${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: user.${i}\ndescription: ${'x'.repeat(300)}\n`
        );
      const block = chunk.join('\n') + '\n';
      const file = path.join(dir, 'big.ldif');
      writeFileSync(file, block.repeat(10));
      const r = await run(['--format', 'json', 'big.ldif'], dir);
      const j = JSON.parse(r.out);
      assert.equal(j.summary.entries, 100000);
      assert.equal(j.summary.errors, 90000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pingone-sync-lint as a child process (npx tsx src/cli/bin.ts)', () => {
  it('sets the exit code and prints to stdout', function (done) {
    this.timeout(60000);
    execFile(
      'npx',
      ['tsx', 'src/cli/bin.ts', '--format', 'json', path.join(FIX, 'users.ldif')],
      { cwd: path.resolve(__dirname, '../../..') },
      (err, stdout) => {
        try {
          assert.equal((err as { code?: number } | null)?.code, 1);
          assert.equal(JSON.parse(stdout).summary.errors, 2);
          done();
        } catch (e) {
          done(e);
        }
      }
    );
  });
});
