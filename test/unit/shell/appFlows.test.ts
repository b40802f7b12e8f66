import assert from 'node:assert/strict';
import { askRoleAssignment } from '../../../src/flows/assignRole';
import { askAuthMethod } from '../../../src/flows/authMethod';
import { confirmConfigurePlan } from '../../../src/flows/configureForSync';
import { confirmDeleteByName } from '../../../src/flows/deleteApp';
import { askDsconfig } from '../../../src/flows/dsconfig';
import type { Application, Population, Role } from '../../../src/pingone/models';
import { UserCancelled } from '../../../src/ui/prompter';
import { type Answer, BACK, ScriptedPrompter } from '../../integration/helpers/scriptedPrompter';

const ROLES: Role[] = [
  { id: 'r-env', name: 'Environment Admin', applicableTo: ['ENVIRONMENT'] },
  { id: 'r-ida', name: 'Identity Data Admin', applicableTo: ['ENVIRONMENT', 'POPULATION'] },
  { id: 'r-org', name: 'Organization Admin', applicableTo: ['ORGANIZATION'] },
];
const POPULATIONS: Population[] = [
  { id: 'p-default', name: 'Default', default: true } as Population,
  { id: 'p-contractors', name: 'Contractors' } as Population,
];
const pickLabel = (label: string): Answer => ({ pick: (items) => items.find((i) => i.label === label)?.value });

describe('Assign Role flow (Node, scripted prompts)', () => {
  const deps = (p: ScriptedPrompter, asked: string[] = []) => ({
    prompter: p,
    appName: 'Sync Worker',
    environmentId: 'env-1',
    roles: Promise.resolve(ROLES),
    populations: async () => (asked.push('populations'), POPULATIONS),
  });

  it('offers the roles a worker can hold here, Identity Data Admin first, and assigns at the environment', async () => {
    const asked: string[] = [];
    const p = new ScriptedPrompter([pickLabel('Identity Data Admin'), pickLabel('This environment')]);
    const choice = await askRoleAssignment(deps(p, asked));
    assert.deepEqual(p.asked[0].items, ['Identity Data Admin', 'Environment Admin']);
    assert.deepEqual(
      { role: choice.role.id, type: choice.scopeType, id: choice.scopeId },
      { role: 'r-ida', type: 'ENVIRONMENT', id: 'env-1' }
    );
    assert.deepEqual(asked, [], 'no population request for an environment scope');
  });

  it('asks no scope for a role with one, and the population for a population scope', async () => {
    let p = new ScriptedPrompter([pickLabel('Environment Admin')]);
    assert.equal((await askRoleAssignment(deps(p))).scopeType, 'ENVIRONMENT');
    assert.equal(p.asked.length, 1);
    p = new ScriptedPrompter([pickLabel('Identity Data Admin'), pickLabel('One population of this environment'), pickLabel('Contractors')]);
    const choice = await askRoleAssignment(deps(p));
    assert.deepEqual(
      { type: choice.scopeType, id: choice.scopeId, name: choice.scopeName },
      { type: 'POPULATION', id: 'p-contractors', name: 'Contractors' }
    );
  });

  it('Escape or Back (there is no earlier step) cancels', async () => {
    await assert.rejects(askRoleAssignment(deps(new ScriptedPrompter([{ pick: () => undefined }]))), UserCancelled);
    await assert.rejects(
      askRoleAssignment(deps(new ScriptedPrompter([pickLabel('Identity Data Admin'), { pick: () => BACK }]))),
      UserCancelled
    );
  });
});

describe('Copy PingDataSync Configuration flow (Node, scripted prompts)', () => {
  const deps = (p: ScriptedPrompter) => ({
    prompter: p,
    title: 'PingDataSync configuration for "W"',
    populations: Promise.resolve(POPULATIONS),
    suggestedName: async () => 'PingOne Staging',
  });

  it('a destination: the default population pre-selected, the suggested name, the secret as a variable', async () => {
    const p = new ScriptedPrompter([
      pickLabel('Sync destination'),
      { pick: (items, o) => items.find((i) => o.selected?.(i.value))?.value },
      { input: (o) => (assert.equal(o.value, 'PingOne Staging'), '  Staging Destination ') },
      { pick: (items) => items[0].value },
    ]);
    const choice = await askDsconfig(deps(p));
    assert.deepEqual(
      {
        direction: choice.direction,
        population: choice.defaultPopulation?.id,
        name: choice.objectName,
        secret: choice.includeSecret,
        toSync: choice.populationsToSynchronize,
      },
      { direction: 'destination', population: 'p-default', name: 'Staging Destination', secret: false, toSync: undefined }
    );
  });

  it('a destination may leave the population unset; a source picks populations to read and may include the secret', async () => {
    let p = new ScriptedPrompter([
      pickLabel('Sync destination'),
      pickLabel('Leave unset'),
      { input: 'D' },
      pickLabel('Include the client secret'),
    ]);
    let choice = await askDsconfig(deps(p));
    assert.equal(choice.defaultPopulation, undefined);
    assert.equal(choice.includeSecret, true);
    p = new ScriptedPrompter([
      pickLabel('Sync source'),
      { pickMany: (items) => [items[1].value] },
      { input: '' },
      { input: 'S' },
      { pick: (items) => items[0].value },
    ]);
    choice = await askDsconfig(deps(p));
    assert.deepEqual(
      choice.populationsToSynchronize?.map((x) => x.id),
      ['p-contractors']
    );
    assert.equal(p.asked.find((a) => a.kind === 'input')?.validation, 'Enter a name for the PingDataSync object.');
  });

  it('Escape cancels', async () => {
    await assert.rejects(askDsconfig(deps(new ScriptedPrompter([pickLabel('Sync source'), { pickMany: () => undefined }]))), UserCancelled);
  });
});

describe('Set Token Endpoint Auth Method flow (Node, scripted prompts)', () => {
  const worker = {
    id: 'a1',
    name: 'W',
    type: 'WORKER',
    protocol: 'OPENID_CONNECT',
    enabled: true,
    tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
  } as Application;

  it('offers what the app can use, the current one marked and active; returns the pick', async () => {
    const p = new ScriptedPrompter([{ pick: (items) => items.find((i) => i.label === 'Client Secret Post')?.value }]);
    assert.equal(await askAuthMethod(p, worker), 'CLIENT_SECRET_POST');
    assert.deepEqual(
      p.asked[0].items,
      ['Client Secret Post', 'Client Secret Basic', 'Client Secret JWT'],
      'no Private Key JWT without a JWKS, no None for a worker'
    );
    assert.ok(p.asked[0].shown?.includes('current'));
  });

  it('refuses a SAML app before asking; Escape cancels', async () => {
    await assert.rejects(askAuthMethod(new ScriptedPrompter(), { ...worker, protocol: 'SAML' }), /only OpenID Connect apps/);
    await assert.rejects(askAuthMethod(new ScriptedPrompter([{ pick: () => undefined }]), worker), UserCancelled);
  });
});

describe('Configure for Sync confirmation (Node, scripted prompts)', () => {
  const change = (description: string) => ({ id: 'enable-app' as const, description });

  it('lists the changes and applies only when confirmed', async () => {
    const plan = { changes: [change('Enable the app'), change('Add the Client Credentials grant')], warnings: ['A warning.'] };
    let p = new ScriptedPrompter([{ message: 'Apply' }]);
    assert.equal(await confirmConfigurePlan(p, 'W', plan), true);
    assert.match(p.messages('warn')[0], /Configure "W" for PingDataSync\? 2 changes/);
    assert.match(p.asked[0].shown?.[0] ?? '', /• Enable the app\n• Add the Client Credentials grant\n⚠ A warning\./);
    p = new ScriptedPrompter([{ message: undefined }]);
    assert.equal(await confirmConfigurePlan(p, 'W', plan), false);
  });

  it('says so when nothing needs changing', async () => {
    const p = new ScriptedPrompter();
    assert.equal(await confirmConfigurePlan(p, 'W', { changes: [], warnings: [] }), false);
    assert.match(p.messages('info')[0], /already meets every PingDataSync prerequisite/);
  });
});

describe('Delete App confirmation (Node, scripted prompts)', () => {
  const app = { id: 'a1', name: 'Old Worker', type: 'WORKER' };

  it('goes on only once the exact name is typed', async () => {
    const p = new ScriptedPrompter([{ input: 'old worker' }, { input: 'Old Worker' }]);
    await confirmDeleteByName(p, app);
    assert.deepEqual(
      p.asked.map((a) => a.validation),
      ['Type "Old Worker" exactly to delete the app.', undefined]
    );
    assert.match(p.asked[0].shown?.[0] ?? '', /client ID a1/);
  });

  it('Escape cancels', async () => {
    await assert.rejects(confirmDeleteByName(new ScriptedPrompter([{ input: undefined }]), app), UserCancelled);
  });

  it('a name with a bidi override and a zero-width space is shown as <U+…>, and typing what is shown confirms', async () => {
    const hidden = { id: 'a2', name: 'Prod\u202eWorker\u200b', type: 'WORKER' };
    const p = new ScriptedPrompter([{ input: 'ProdWorker' }, { input: 'Prod<U+202E>Worker<U+200B>' }]);
    await confirmDeleteByName(p, hidden);
    assert.deepEqual(
      p.asked.map((a) => a.validation),
      ['Type "Prod<U+202E>Worker<U+200B>" exactly to delete the app.', undefined]
    );
    assert.equal(p.asked[0].title, 'Delete "Prod<U+202E>Worker<U+200B>"');
    for (const text of [p.asked[0].title, ...(p.asked[0].shown ?? [])]) assert.doesNotMatch(text ?? '', /[\u202e\u200b]/);
    // The raw name, pasted, confirms too.
    await confirmDeleteByName(new ScriptedPrompter([{ input: hidden.name }]), hidden);
  });
});
