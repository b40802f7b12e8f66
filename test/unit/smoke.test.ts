import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

describe('package manifest', () => {
  it('declares the extension entry point and engine', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.engines.vscode, '^1.90.0');
  });
});
