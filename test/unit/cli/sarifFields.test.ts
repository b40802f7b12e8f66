// Every SARIF field a consumer (GitHub code scanning, SARIF viewers) reads,
// checked against the SARIF 2.1.0 specification (OASIS): §3.27.10 `level` is
// one of none/note/warning/error (never "info"), §3.30 regions are 1-based,
// §3.14.8 `columnKind`, §3.19 the tool driver, §3.49 reporting descriptors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SEVERITY, FINDING_CODES } from '../../../src/usernames/ruleHelp';
import { SAMPLES, fileTree, runCaptured } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF JSON, asserted field by field */
type Sarif = any;

const SARIF_LEVELS = ['none', 'note', 'warning', 'error'];
const packageVersion: string = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')).version;

describe('pingone-sync-lint SARIF fields', () => {
  let tree: ReturnType<typeof fileTree>;
  before(() => {
    tree = fileTree({
      'errors.ldif': SAMPLES.errorLdif,
      'info.ldif': SAMPLES.infoLdif,
      'warn.csv': SAMPLES.warningCsv,
      'sub dir/ünï #1.csv': SAMPLES.errorCsv,
      // U+1F600 is two UTF-16 code units: the username starts at UTF-16 column 6 (1-based), code point column 4.
      'astral.csv': 'note,username\n\u{1F600}\u{1F600},bad user\n',
      'missing.csv': 'username,email\n,nobody@example.com\n',
      'clean.csv': SAMPLES.cleanCsv,
    });
  });
  after(() => tree.remove());

  async function sarif(...argv: string[]): Promise<Sarif> {
    const r = await runCaptured(['--format', 'sarif', ...argv], tree.dir);
    assert.notEqual(r.code, 2, r.err);
    return JSON.parse(r.out);
  }
  const results = (s: Sarif, ruleId: string) => s.runs[0].results.filter((r: Sarif) => r.ruleId === ruleId);

  it('is a SARIF 2.1.0 log with one run and the tool driver named and versioned', async () => {
    const s = await sarif('clean.csv');
    assert.equal(s.version, '2.1.0');
    assert.equal(s.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(s.runs.length, 1);
    const driver = s.runs[0].tool.driver;
    assert.equal(driver.name, 'pingone-sync-lint');
    assert.equal(driver.version, packageVersion);
    assert.deepEqual(Object.keys(driver).sort(), ['name', 'rules', 'version']);
    assert.equal(s.runs[0].columnKind, 'utf16CodeUnits');
    assert.deepEqual(s.runs[0].results, [], 'a clean file gives an empty results array, not a missing one');
  });

  it('lists one rule per finding code, each with id, name, descriptions, help and a default level that SARIF knows', async () => {
    const rules = (await sarif('clean.csv')).runs[0].tool.driver.rules;
    assert.deepEqual(
      rules.map((r: Sarif) => r.id),
      FINDING_CODES
    );
    for (const rule of rules) {
      assert.match(rule.name, /^[A-Za-z]+$/, rule.id);
      assert.ok(rule.shortDescription.text.length > 0, rule.id);
      assert.ok(rule.fullDescription.text.length > 20, rule.id);
      assert.equal(rule.help.text, rule.fullDescription.text, rule.id);
      assert.ok(rule.help.markdown.includes(`(README.md#${rule.id})`), rule.id);
      // SARIF 2.1.0 requires helpUri to be an absolute URI; the README link is in the Markdown help only.
      assert.equal(rule.helpUri, undefined, rule.id);
      assert.ok(SARIF_LEVELS.includes(rule.defaultConfiguration.level), `${rule.id}: ${rule.defaultConfiguration.level}`);
      const expected = { error: 'error', warning: 'warning', info: 'note' }[DEFAULT_SEVERITY[rule.id as keyof typeof DEFAULT_SEVERITY]];
      assert.equal(rule.defaultConfiguration.level, expected, rule.id);
    }
    assert.equal(rules.find((r: Sarif) => r.id === 'username-unchecked').defaultConfiguration.level, 'note');
  });

  it('writes levels error, warning and note; an info finding is "note", never "info"', async () => {
    const s = await sarif('errors.ldif', 'warn.csv', 'info.ldif');
    const levels = s.runs[0].results.map((r: Sarif) => `${r.ruleId}:${r.level}`).sort();
    assert.deepEqual(levels, ['username-duplicate:error', 'username-format:warning', 'username-unchecked:note']);
    for (const r of s.runs[0].results) assert.ok(SARIF_LEVELS.includes(r.level), r.level);
  });

  it('follows --severity into the level: info becomes note, off drops the result', async () => {
    const s = await sarif(
      '--severity',
      'username-duplicate=info',
      '--severity',
      'username-format=error',
      '--severity',
      'username-unchecked=off',
      'errors.ldif',
      'warn.csv',
      'info.ldif'
    );
    const levels = s.runs[0].results.map((r: Sarif) => `${r.ruleId}:${r.level}`).sort();
    assert.deepEqual(levels, ['username-duplicate:note', 'username-format:error']);
    assert.equal(s.runs[0].tool.driver.rules.length, FINDING_CODES.length, 'rules stay listed when their results are off');
  });

  it('every result names its rule by id and by index, with a message', async () => {
    const s = await sarif('.');
    const rules = s.runs[0].tool.driver.rules;
    assert.ok(s.runs[0].results.length >= 6);
    for (const r of s.runs[0].results) {
      assert.equal(rules[r.ruleIndex].id, r.ruleId);
      assert.equal(typeof r.message.text, 'string');
      assert.ok(r.message.text.length > 10);
      assert.equal(r.locations.length, 1);
    }
  });

  it('locations: the file relative to %SRCROOT% as a percent-encoded URI with "/" separators', async () => {
    const s = await sarif('.');
    const uris = [...new Set(s.runs[0].results.map((r: Sarif) => r.locations[0].physicalLocation.artifactLocation.uri))].sort();
    assert.deepEqual(uris, ['astral.csv', 'errors.ldif', 'info.ldif', 'missing.csv', 'sub%20dir/%C3%BCn%C3%AF%20%231.csv', 'warn.csv']);
    for (const r of s.runs[0].results) assert.equal(r.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  });

  it('regions are 1-based lines and columns, end after start', async () => {
    const s = await sarif('warn.csv', 'errors.ldif');
    const format = results(s, 'username-format')[0].locations[0].physicalLocation.region;
    // "bob smith" on line 2: the space is the 4th character.
    assert.deepEqual(format, { startLine: 2, startColumn: 4, endLine: 2, endColumn: 5 });
    const dup = results(s, 'username-duplicate')[0];
    assert.deepEqual(dup.locations[0].physicalLocation.region, { startLine: 5, startColumn: 6, endLine: 5, endColumn: 11 });
    assert.equal(dup.relatedLocations.length, 1);
    assert.deepEqual(dup.relatedLocations[0].physicalLocation.region, { startLine: 2, startColumn: 6, endLine: 2, endColumn: 11 });
    assert.equal(dup.relatedLocations[0].physicalLocation.artifactLocation.uri, 'errors.ldif');
    assert.equal(dup.relatedLocations[0].id, 0);
    assert.equal(typeof dup.relatedLocations[0].message.text, 'string');
  });

  it('columns count UTF-16 code units, as columnKind says', async () => {
    const s = await sarif('astral.csv');
    const region = results(s, 'username-format')[0].locations[0].physicalLocation.region;
    // "😀😀," is 5 UTF-16 units; "bad user" starts at column 6 and its space at column 9.
    assert.deepEqual(region, { startLine: 2, startColumn: 9, endLine: 2, endColumn: 10 });
  });

  it('an empty (zero-width) finding still gets a region at least one column wide', async () => {
    const s = await sarif('missing.csv');
    const [missing] = results(s, 'username-missing');
    const region = missing.locations[0].physicalLocation.region;
    assert.equal(region.startLine, 2);
    assert.ok(region.startColumn >= 1);
    assert.ok(region.endLine > region.startLine || region.endColumn > region.startColumn, JSON.stringify(region));
  });

  it('has as many results as the JSON output has findings, in the same order', async () => {
    const s = await sarif('.');
    const json = JSON.parse((await runCaptured(['--format', 'json', '.'], tree.dir)).out);
    const fromJson = json.files.flatMap((f: Sarif) => f.findings.map((x: Sarif) => `${x.code}@${x.line}:${x.column}`));
    const fromSarif = s.runs[0].results.map(
      (r: Sarif) => `${r.ruleId}@${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn}`
    );
    assert.deepEqual(fromSarif, fromJson);
  });
});
