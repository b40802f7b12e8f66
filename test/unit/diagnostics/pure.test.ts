import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classifyMatches, environmentMessage, usernamesToLookUp } from '../../../src/diagnostics/environmentMatch';
import { formatOf } from '../../../src/diagnostics/fileFormat';
import { effectiveSeverity, selectFindings } from '../../../src/diagnostics/findings';
import { compileGlob, isIncluded, joinGlobs, matchesAny } from '../../../src/diagnostics/glob';
import { DEFAULT_SETTINGS, readSettings, scanOptionsFor } from '../../../src/settings/usernames';
import type { Finding, UsernameOccurrence } from '../../../src/usernames/types';

describe('diagnostics: globs', () => {
  it('matches the default include and exclude patterns', () => {
    const inc = ['**/*.ldif', '**/*.csv'];
    const exc = ['**/node_modules/**', '**/.git/**'];
    assert.ok(isIncluded('users.ldif', inc, exc));
    assert.ok(isIncluded('sync/2024/users.csv', inc, exc));
    assert.ok(!isIncluded('users.ldif.bak', inc, exc));
    assert.ok(!isIncluded('node_modules/x/users.ldif', inc, exc));
    assert.ok(!isIncluded('a/.git/users.csv', inc, exc));
  });

  it('supports *, ?, braces, classes and Windows separators', () => {
    assert.ok(matchesAny('sync/a.ldif', ['sync/*.ldif']));
    assert.ok(!matchesAny('sync/sub/a.ldif', ['sync/*.ldif']));
    assert.ok(matchesAny('sync/sub/a.ldif', ['sync/**']));
    assert.ok(matchesAny('a1.csv', ['a?.csv']));
    assert.ok(matchesAny('x/users.tsv', ['**/*.{csv,tsv}']));
    assert.ok(matchesAny('b.csv', ['[ab].csv']));
    assert.ok(!matchesAny('c.csv', ['[!c].csv']));
    assert.ok(matchesAny('sync\\users.ldif', ['sync/*.ldif']));
    assert.ok(matchesAny('node_modules/', ['**/node_modules/**']), 'a folder is excluded before it is walked');
    assert.ok(compileGlob('a.b').test('a.b') && !compileGlob('a.b').test('axb'), 'dots are literal');
  });

  it('keeps the meaning of nested braces, classes, ranges and unmatched brackets', () => {
    assert.ok(matchesAny('a/x.ldif', ['{a,b/{c,d}}/*.ldif']) && matchesAny('b/d/x.ldif', ['{a,b/{c,d}}/*.ldif']));
    assert.ok(!matchesAny('b/x.ldif', ['{a,b/{c,d}}/*.ldif']));
    assert.ok(matchesAny('f3.csv', ['f[0-9].csv']) && !matchesAny('fx.csv', ['f[0-9].csv']));
    assert.ok(matchesAny('{a.csv', ['{a.csv']), 'an unmatched brace is literal');
    assert.ok(matchesAny('a,b.csv', ['a,b.csv']), 'a comma outside braces is literal');
    assert.ok(matchesAny('[a.csv', ['[a.csv']), 'an unclosed bracket is literal');
    assert.ok(matchesAny('a/b/c/d.ldif', ['a/**/d.ldif']) && matchesAny('a/d.ldif', ['a/**/d.ldif']));
    assert.ok(!matchesAny('a/x/y', ['a/?']) && !matchesAny('a/b', ['a[/]b']), '? and classes stay inside a segment');
  });

  it('matches hostile patterns against long paths in linear time (each under 50 ms of CPU)', () => {
    // Both patterns make a backtracking RegExp take minutes or more on such paths.
    const patterns = ['**/{*,*}{*,*}{*,*}{*,*}{*,*}{*,*}{*,*}{*,*}{*,*}{*,*}{*,*}{*,*}Q', '**/*a*a*a*a*a*a*a*a*b'];
    const paths = [`dir/${'a'.repeat(5_000)}`, `${'x/'.repeat(2_000)}${'a'.repeat(3_000)}.csv`, 'a'.repeat(10_000)];
    for (const pattern of patterns) {
      for (const path of paths) {
        // CPU time, best of three: on a loaded machine wall time mostly measures waiting for a core.
        let ms = Infinity;
        for (let k = 0; k < 3 && ms >= 50; k++) {
          const started = process.cpuUsage();
          assert.equal(matchesAny(path, [pattern]), false);
          const used = process.cpuUsage(started);
          ms = Math.min(ms, (used.user + used.system) / 1000);
        }
        assert.ok(ms < 50, `${pattern.slice(0, 20)}… on a ${path.length}-character path took ${ms.toFixed(1)} ms of CPU`);
      }
    }
    assert.ok(
      matchesAny(`d/${'a'.repeat(5_000)}Q`, [patterns[0]]) && matchesAny(`d/${'a'.repeat(5_000)}b`, [patterns[1]]),
      'they still match what they should'
    );
  });

  it('joins several globs for findFiles', () => {
    assert.equal(joinGlobs([]), undefined);
    assert.equal(joinGlobs(['**/*.ldif']), '**/*.ldif');
    assert.equal(joinGlobs(['**/*.ldif', '**/*.csv']), '{**/*.ldif,**/*.csv}');
  });
});

describe('diagnostics: settings', () => {
  it('falls back to the defaults for missing or bad values', () => {
    assert.deepEqual(
      readSettings(() => undefined),
      DEFAULT_SETTINGS
    );
    const bad: Record<string, unknown> = {
      profile: 'lenient',
      ldifAttribute: '  ',
      include: 'x',
      maxProblemsPerFile: -3,
      debounceMs: 99_999,
      severity: { 'username-format': 'loud', 'username-duplicate': 'off' },
    };
    const s = readSettings(<T>(k: string) => bad[k] as T);
    assert.equal(s.profile, 'guide');
    assert.equal(s.ldifAttribute, 'uid');
    assert.deepEqual(s.include, DEFAULT_SETTINGS.include);
    assert.equal(s.maxProblemsPerFile, 1);
    assert.equal(s.debounceMs, 5000);
    assert.deepEqual(s.severity, { 'username-duplicate': 'off' });
  });

  it("ignores the workspace's include and exclude globs in Restricted Mode", () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of ['pingone.usernames.include', 'pingone.usernames.exclude']) assert.ok(restricted.includes(key), key);
  });

  it('builds the engine options', () => {
    const s = { ...DEFAULT_SETTINGS, profile: 'strict' as const, csvColumn: 'login', severity: { 'username-format': 'info' as const } };
    assert.deepEqual(scanOptionsFor(s, 'csv'), {
      format: 'csv',
      profile: 'strict',
      ldifAttribute: 'uid',
      csvColumn: 'login',
      severities: { 'username-format': 'info' },
    });
  });
});

describe('diagnostics: findings to publish', () => {
  const at = (line: number, code: Finding['code'], severity: Finding['severity']): Finding => ({
    code,
    severity,
    message: code,
    range: { startLine: line, startColumn: 0, endLine: line, endColumn: 1 },
  });

  it('applies severity overrides; off removes', () => {
    assert.equal(effectiveSeverity(at(0, 'username-format', 'warning'), { 'username-format': 'info' }), 'info');
    assert.equal(effectiveSeverity(at(0, 'username-format', 'warning'), { 'username-format': 'off' }), undefined);
    assert.equal(effectiveSeverity(at(0, 'username-format', 'warning'), {}), 'warning');
  });

  it('caps the problems per file and counts the rest', () => {
    const findings = [
      at(0, 'username-format', 'warning'),
      at(1, 'username-duplicate-case', 'warning'),
      at(2, 'username-duplicate', 'error'),
      at(3, 'username-missing', 'error'),
    ];
    const r = selectFindings(findings, { 'username-duplicate-case': 'off' }, 2, 5);
    assert.deepEqual(
      r.shown.map((p) => [p.finding.range.startLine, p.severity]),
      [
        [0, 'warning'],
        [2, 'error'],
      ]
    );
    assert.equal(r.hidden, 6, 'one beyond the cap plus five the engine already left out');
  });
});

describe('diagnostics: file formats', () => {
  it('goes by language id, then extension', () => {
    assert.equal(formatOf('ldif', '/a/x.txt'), 'ldif');
    assert.equal(formatOf('csv (semicolon)', '/a/x.txt'), 'csv');
    assert.equal(formatOf('plaintext', '/a/X.LDIF'), 'ldif');
    assert.equal(formatOf(undefined, '/a/x.tsv'), 'csv');
    assert.equal(formatOf('plaintext', '/a/x.txt'), undefined);
  });
});

describe('diagnostics: environment matches', () => {
  it('tells existing users from case-only matches', () => {
    const m = classifyMatches(
      new Map([
        ['alice@example.com', ['alice@example.com']],
        ['bob.smith', ['Bob.Smith']],
        ['new.person', []],
      ])
    );
    assert.deepEqual(
      [...m.entries()],
      [
        ['alice@example.com', { kind: 'exists', existing: 'alice@example.com' }],
        ['bob.smith', { kind: 'case', existing: ['Bob.Smith'] }],
      ]
    );
    assert.match(
      environmentMessage(m.get('bob.smith')!, 'bob.smith', 'Sync Staging'),
      /"Bob\.Smith" in environment "Sync Staging" only when case is ignored/
    );
    assert.match(environmentMessage(m.get('alice@example.com')!, 'alice@example.com', 'Sync Staging'), /already exists/);
  });

  it('asks about each decoded, non-empty username once', () => {
    const occ = (value: string | undefined): UsernameOccurrence => ({
      entryIndex: 0,
      valueRange: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
      specRange: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 },
      encoding: 'plain',
      value,
    });
    assert.deepEqual(usernamesToLookUp([occ('a'), occ(undefined), occ(''), occ('a'), occ('B')]), ['a', 'B']);
  });
});
