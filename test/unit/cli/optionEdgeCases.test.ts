// The options of `pingone-sync-lint` at their edges, as a CI step sees them:
// the exit status and the exact message on stderr (the usage text in
// src/cli/args.ts is the documentation).
import assert from 'node:assert/strict';
import { FINDING_CODES } from '../../../src/usernames/ruleHelp';
import { USAGE } from '../../../src/cli/args';
import { SAMPLES, fileTree, runCaptured } from './helpers';

describe('pingone-sync-lint options at their edges', () => {
  let tree: ReturnType<typeof fileTree>;
  before(() => {
    tree = fileTree({ 'w.csv': SAMPLES.warningCsv, '-dash.csv': SAMPLES.cleanCsv, 'ok.ldif': SAMPLES.cleanLdif });
  });
  after(() => tree.remove());
  const run = (...argv: string[]) => runCaptured(argv, tree.dir);
  const usageError = (message: string) => `pingone-sync-lint: ${message}\n\n${USAGE}`;

  it('--name=value works only for long options; "-h=1" is an unknown option, not help', async () => {
    const long = await run('--format=json', 'w.csv');
    assert.equal(long.code, 0, long.err);
    assert.equal(JSON.parse(long.out).summary.warnings, 1);
    const short = await run('-h=1');
    assert.equal(short.code, 2);
    assert.equal(short.err, usageError('unknown option -h=1'));
    assert.equal(short.out, '');
  });

  it('--profile api is accepted and drops the format rule; an unknown profile is refused by name', async () => {
    const api = await run('--profile', 'api', '--format', 'json', 'w.csv');
    assert.equal(api.code, 0, api.err);
    assert.equal(JSON.parse(api.out).summary.warnings, 0, 'a space is a format warning only in the guide and strict profiles');
    for (const profile of ['guide', 'strict']) {
      const r = await run('--profile', profile, '--format', 'json', 'w.csv');
      assert.equal(r.code, 0, r.err);
      assert.equal(JSON.parse(r.out).summary.warnings, 1, profile);
    }
    const bad = await run('--profile', 'loose', 'w.csv');
    assert.equal(bad.code, 2);
    assert.equal(bad.err, usageError('--profile must be api, guide or strict (got "loose")'));
  });

  it('--severity needs the whole value to be CODE=LEVEL, and names every known code when the code is unknown', async () => {
    for (const value of ['9username-format=error', 'username-format=errors', 'username-format=error ']) {
      const r = await run('--severity', value, 'w.csv');
      assert.equal(r.code, 2, value);
      assert.equal(r.err, usageError(`--severity expects CODE=error|warning|info|off (got "${value}")`));
    }
    const unknown = await run('--severity', 'username-colour=off', 'w.csv');
    assert.equal(unknown.code, 2);
    assert.equal(unknown.err, usageError(`unknown finding code "username-colour"; known: ${FINDING_CODES.join(', ')}`));
    assert.ok(FINDING_CODES.length > 1 && unknown.err.includes(`${FINDING_CODES[0]}, ${FINDING_CODES[1]}`));
    const raised = await run('--severity=username-format=error', 'w.csv');
    assert.equal(raised.code, 1, 'the inline form raises the warning to an error');
  });

  it('after "--" every argument is a path, even one that starts with a dash; a lone "-" is a path too', async () => {
    const r = await run('--format', 'json', '--', '-dash.csv', '--format');
    assert.equal(r.code, 2);
    assert.equal(r.err, 'pingone-sync-lint: --format: no such file or directory\n');
    assert.deepEqual(
      JSON.parse(r.out).files.map((f: { path: string }) => f.path),
      ['-dash.csv']
    );
    const dash = await run('-');
    assert.equal(dash.code, 2);
    assert.equal(dash.err, 'pingone-sync-lint: -: no such file or directory\n');
  });

  it('--ldif-attribute and --csv-column need a value', async () => {
    for (const option of ['--ldif-attribute', '--csv-column', '--format', '--profile', '--severity']) {
      const r = await run('w.csv', option);
      assert.equal(r.code, 2, option);
      assert.equal(r.err, usageError(`${option} needs a value`));
    }
  });
});
