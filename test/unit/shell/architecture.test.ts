import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '../../..');
const src = readdirSync(path.join(root, 'src'), { withFileTypes: true }).map((d) => (d.isDirectory() ? `${d.name}/` : d.name));
const PURE = ['pingone/', 'usernames/', 'syncConfig/', 'cli/'];

describe('Architecture', () => {
  it("README's architecture table names every folder and root file of src/", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Architecture'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| --- |')));
    assert.deepEqual(
      src.filter((entry) => !table.includes(`\`${entry}\``)),
      []
    );
  });

  it('the lint layering places every shell folder and root file, so none escapes the import rules', () => {
    const config = readFileSync(path.join(root, 'eslint.config.mjs'), 'utf8');
    // Any layout: one line or many, with or without trailing commas (the file is formatted by Prettier).
    const layers = /const SHELL_LAYERS = (\[[\s\S]*?\]);/.exec(config);
    assert.ok(layers, 'SHELL_LAYERS in eslint.config.mjs');
    const placed = new Set([...layers[1].matchAll(/'([^']+)'/g)].map((m) => m[1]));
    assert.ok(placed.size > 0, 'SHELL_LAYERS names at least one folder');
    const shell = src.filter((entry) => !PURE.includes(entry)).map((entry) => entry.replace(/\/$|\.ts$/, ''));
    assert.deepEqual(
      shell.filter((name) => !placed.has(name)),
      []
    );
  });
});
