import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const commands: Array<{ command: string; title: string }> = manifest.contributes.commands;
const menus: Record<string, Array<{ command: string; when?: string; group?: string }>> = manifest.contributes.menus;

describe('Manifest: where commands appear', () => {
  it('no two commands in the palette share a title', () => {
    const hidden = new Set((menus.commandPalette ?? []).filter((m) => m.when === 'false' || m.when === 'never').map((m) => m.command));
    const titles = commands.filter((c) => !hidden.has(c.command)).map((c) => c.title);
    assert.deepEqual(
      titles.filter((t, i) => titles.indexOf(t) !== i),
      []
    );
  });

  it('Create Worker App is a button in the view title bar and an inline action of an environment', () => {
    assert.ok(menus['view/title'].some((m) => m.command === 'pingone.workerApp.create' && m.group?.startsWith('navigation')));
    assert.ok(
      menus['view/item/context'].some(
        (m) =>
          m.command === 'pingone.workerApp.create' && m.when?.includes('viewItem == pingone.environment') && m.group?.startsWith('inline')
      )
    );
    assert.ok(commands.find((c) => c.command === 'pingone.workerApp.create')?.title);
  });
});
