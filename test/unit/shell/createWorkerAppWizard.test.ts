import assert from 'node:assert/strict';
import { askCreateWorkerApp } from '../../../src/flows/createWorkerAppWizard';
import type { Role } from '../../../src/pingone/models';
import { UserCancelled } from '../../../src/ui/prompter';
import { type Answer, BACK, ScriptedPrompter } from '../../integration/helpers/scriptedPrompter';

const ROLES: Role[] = [
  { id: 'r-ro', name: 'Identity Data Read Only', applicableTo: ['ENVIRONMENT', 'POPULATION'] },
  { id: 'r-org', name: 'Organization Admin', applicableTo: ['ORGANIZATION'] },
  { id: 'r-dv', name: 'DaVinci Admin', applicableTo: ['ENVIRONMENT'] },
  { id: 'r-ida', name: 'Identity Data Admin', applicableTo: ['ENVIRONMENT', 'POPULATION'] },
  { id: 'r-env', name: 'Environment Admin', applicableTo: ['ENVIRONMENT'] },
];

const uri = (path: string) => ({ path, toString: () => `file://${path}` }) as never;
const pickLabel = (label: string): Answer => ({ pick: (items) => items.find((i) => i.label === label)?.value });
const keepSelected: Answer = { pickMany: (items, o) => items.filter((i) => o.selected?.(i.value)).map((i) => i.value) };

function deps(p: ScriptedPrompter, refused: string[] = []) {
  return {
    prompter: p,
    title: 'Create Worker App in Sync Staging',
    existingNames: Promise.resolve(new Set(['taken worker'])),
    roles: Promise.resolve(ROLES),
    checkIcon: async (u: { path: string }) => {
      if (refused.includes(u.path)) throw new Error(`${u.path} is not a PNG, JPEG or GIF image.`);
    },
  };
}

describe('Create Worker App wizard (Node, scripted prompts)', () => {
  it('asks name, description, icon and roles, with Identity Data Admin first and pre-selected', async () => {
    const p = new ScriptedPrompter([{ input: '  Sync Destination  ' }, { input: ' writes users ' }, pickLabel('No icon'), keepSelected]);
    const answers = await askCreateWorkerApp(deps(p));
    assert.deepEqual(
      { name: answers.name, description: answers.description, icon: answers.iconUri, roles: answers.roles.map((r) => r.id) },
      { name: 'Sync Destination', description: 'writes users', icon: undefined, roles: ['r-ida'] }
    );
    const rolesStep = p.asked.find((a) => a.kind === 'pickMany')!;
    assert.deepEqual(
      rolesStep.items,
      ['Identity Data Admin', 'Environment Admin', 'Identity Data Read Only'],
      'environment-scope roles a worker can hold, Identity Data Admin first'
    );
    assert.ok((rolesStep.shown?.[0] ?? '').length <= 40, 'the roles placeholder is short enough not to be cut off');
    assert.deepEqual(
      p.asked.filter((a) => a.kind !== 'openFile').map((a) => a.title),
      Array(4).fill('Create Worker App in Sync Staging')
    );
  });

  it('saves every role picked, not only the pre-selected one', async () => {
    const p = new ScriptedPrompter([
      { input: 'A' },
      { input: '' },
      pickLabel('No icon'),
      { pickMany: (items) => items.filter((i) => i.label !== 'Identity Data Admin').map((i) => i.value) },
    ]);
    assert.deepEqual(
      (await askCreateWorkerApp(deps(p))).roles.map((r) => r.name),
      ['Environment Admin', 'Identity Data Read Only']
    );
  });

  it('refuses an empty name and warns (but lets through) a name already used', async () => {
    const p = new ScriptedPrompter([{ input: '   ' }, { input: 'Taken Worker' }, { input: '' }, pickLabel('No icon'), keepSelected]);
    const answers = await askCreateWorkerApp(deps(p));
    assert.equal(answers.name, 'Taken Worker');
    const validations = p.asked.filter((a) => a.kind === 'input').map((a) => a.validation);
    assert.equal(validations[0], 'Enter a name for the app.');
    assert.match((validations[1] as { warning: string }).warning, /already exists in this environment/);
  });

  it('a refused icon says why and asks for the icon again; the accepted one is kept across Back', async () => {
    const p = new ScriptedPrompter([
      { input: 'With Icon' },
      { input: '' },
      pickLabel('Choose an image file…'),
      { file: uri('/w/fake.png') },
      pickLabel('Choose an image file…'),
      { file: uri('/w/icon.gif') },
      { pickMany: () => BACK },
      pickLabel('Keep icon.gif'),
      keepSelected,
    ]);
    const answers = await askCreateWorkerApp(deps(p, ['/w/fake.png']));
    assert.equal(p.remaining, 0);
    assert.equal(answers.iconUri && (answers.iconUri as { path: string }).path, '/w/icon.gif');
    assert.deepEqual(p.messages('error'), ['/w/fake.png is not a PNG, JPEG or GIF image.']);
  });

  it('Back from the description returns to the name with it prefilled', async () => {
    const p = new ScriptedPrompter([
      { input: 'First' },
      { input: BACK },
      { input: (o) => (assert.equal(o.value, 'First'), 'Second') },
      { input: '' },
      pickLabel('No icon'),
      keepSelected,
    ]);
    assert.equal((await askCreateWorkerApp(deps(p))).name, 'Second');
  });

  it('Escape cancels', async () => {
    const p = new ScriptedPrompter([{ input: 'A' }, { input: undefined }]);
    await assert.rejects(askCreateWorkerApp(deps(p)), UserCancelled);
  });
});
