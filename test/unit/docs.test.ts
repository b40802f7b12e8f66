// The README is the settings and diagnostics reference the extension links
// to: keep it complete.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FindingCode } from '../../src/usernames';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('README', () => {
  it('documents every setting of the manifest', () => {
    const keys = Object.keys(pkg.contributes.configuration.properties);
    const missing = keys.filter((k) => !readme.includes(`| \`${k}\``));
    assert.deepEqual(missing, []);
  });

  it('has a section (the diagnostics link target) for every diagnostic code', () => {
    const codes: FindingCode[] = [
      'username-missing',
      'username-too-long',
      'username-invalid-character',
      'username-format',
      'username-whitespace',
      'username-duplicate',
      'username-duplicate-case',
      'username-multiple-values',
      'username-unchecked',
      'ldif-rename',
      'ldif-syntax',
      'csv-syntax',
    ];
    const missing = [...codes, 'username-exists-in-environment', 'username-case-clash-in-environment', 'too-many-problems'].filter(
      (c) => !new RegExp(`^#### ${c}$`, 'm').test(readme)
    );
    assert.deepEqual(missing, []);
  });

  it('names both set-up commands', () => {
    assert.match(readme, /npm ci && npm run sandbox/);
    assert.match(readme, /npm ci && npm test/);
  });
});
