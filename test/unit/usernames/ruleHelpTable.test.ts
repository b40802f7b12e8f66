// The per-code table (src/usernames/ruleHelp.ts) that SARIF rules, the CLI and the editor read: one
// entry for each code README.md "Diagnostic codes" documents, each with a title, a help sentence and
// its default severity.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SEVERITY, FINDING_CODES, RULE_HELP } from '../../../src/usernames/ruleHelp';

const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('<!-- codes -->'), readme.indexOf('<!-- /codes -->'));

describe('the finding code table', () => {
  it('has exactly the codes README.md documents for files, in its order', () => {
    // The last three README codes come from the editor and the environment check, not from a file scan.
    const others = ['too-many-problems', 'username-exists-in-environment', 'username-case-clash-in-environment'];
    const documented = [...section.matchAll(/^#### (\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual(documented.slice(-3), others);
    assert.deepEqual(FINDING_CODES, documented.slice(0, -3));
  });

  it('gives each code a short title and a help sentence', () => {
    for (const code of FINDING_CODES) {
      const { title, help } = RULE_HELP[code];
      assert.match(title, /^[A-Z][A-Za-z ]{5,40}$/, code);
      assert.match(help, /^\S.{30,}\.$/, code);
    }
  });

  it('default severities: what PingOne rejects or what cannot be read is an error, a value not fetched is information', () => {
    assert.deepEqual(DEFAULT_SEVERITY, {
      'username-missing': 'error',
      'username-too-long': 'error',
      'username-invalid-character': 'error',
      'username-format': 'warning',
      'username-whitespace': 'warning',
      'username-duplicate': 'error',
      'username-duplicate-case': 'warning',
      'username-multiple-values': 'warning',
      'username-unchecked': 'info',
      'ldif-rename': 'warning',
      'ldif-syntax': 'error',
      'csv-syntax': 'error',
    });
    // README marks the one information-level code as such.
    assert.match(section, /#### username-unchecked\n\(information\)/);
  });
});
