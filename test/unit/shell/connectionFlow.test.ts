import assert from 'node:assert/strict';
import { type ConnectionFlowDeps, runConnectionFlow } from '../../../src/flows/connectionFlow';
import type { Connection } from '../../../src/pingone/connection';
import { errorFromTokenResponse, networkError } from '../../../src/pingone/errors';
import { UserCancelled } from '../../../src/ui/prompter';
import { type Answer, BACK, ScriptedPrompter } from '../../integration/helpers/scriptedPrompter';

const ENV_ID = '3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8';
const CLIENT_ID = 'aa1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const pickValue = (value: unknown): Answer => ({ pick: (items) => items.find((i) => i.value === value)?.value });

/** A token refusal as the API layer builds it from PingOne's answer. */
function tokenRefusal(status: number, body: unknown) {
  return errorFromTokenResponse({
    status,
    body,
    clientId: CLIENT_ID,
    environmentId: ENV_ID,
    authHost: 'auth.pingone.eu',
    authMethod: 'CLIENT_SECRET_BASIC',
  });
}

/** Fake store and client factory: each verify() takes the next outcome (undefined = a token was issued). */
function fakes(outcomes: unknown[] = [], existing: Array<{ connection: Connection; secret: string }> = []) {
  const saved: Array<{ connection: Connection; secret?: string }> = [];
  const verified: Array<{ connection: Connection; secret: string }> = [];
  let resets = 0;
  const deps = (prompter: ScriptedPrompter): ConnectionFlowDeps => ({
    prompter,
    logger: { warn: () => undefined },
    connections: {
      list: () => existing.map((e) => e.connection),
      getSecret: async (id) => existing.find((e) => e.connection.id === id)?.secret,
      save: async (connection, secret) => void saved.push({ connection, secret }),
    },
    clients: {
      forUnsaved: (connection, secret) =>
        ({
          verify: async () => {
            verified.push({ connection, secret });
            const outcome = outcomes.shift();
            if (outcome) throw outcome;
          },
          close: async () => undefined,
        }) as never,
      forConnection: () => ({ resetToken: () => void resets++ }) as never,
    },
  });
  return { deps, saved, verified, resets: () => resets };
}

const regionAnswers = (authMethod: string, secret = 's3cret'): Answer[] => [
  { input: 'Acme EU' },
  pickValue('EU'),
  { input: ENV_ID },
  { input: CLIENT_ID },
  { input: secret },
  pickValue(authMethod),
];

describe('Add Connection flow (Node, scripted prompts)', () => {
  it('saves every answer, including the auth method picked (Client Secret Basic), and skips the URL steps for a region', async () => {
    const f = fakes();
    const p = new ScriptedPrompter(regionAnswers('CLIENT_SECRET_BASIC'));
    const connection = await runConnectionFlow(f.deps(p));
    assert.equal(p.remaining, 0);
    assert.equal(f.saved.length, 1);
    const { connection: c, secret } = f.saved[0];
    assert.deepEqual(
      {
        name: c.name,
        region: c.region,
        environmentId: c.environmentId,
        clientId: c.clientId,
        authMethod: c.tokenEndpointAuthMethod,
        authBaseUrl: c.authBaseUrl,
      },
      {
        name: 'Acme EU',
        region: 'EU',
        environmentId: ENV_ID,
        clientId: CLIENT_ID,
        authMethod: 'CLIENT_SECRET_BASIC',
        authBaseUrl: undefined,
      }
    );
    assert.equal(secret, 's3cret');
    assert.equal(connection.id, c.id);
    assert.deepEqual(
      f.verified.map((v) => v.connection.tokenEndpointAuthMethod),
      ['CLIENT_SECRET_BASIC'],
      'verified with the method picked, before saving'
    );
    const titles = p.asked.filter((a) => a.kind === 'input' || a.kind === 'pick').map((a) => a.title);
    assert.equal(titles.length, 6, 'no auth or API base URL step for a region');
  });

  it('saves Client Secret Post and custom URLs without a trailing slash', async () => {
    const f = fakes();
    const p = new ScriptedPrompter([
      { input: 'Local' },
      pickValue('custom'),
      { input: 'http://127.0.0.1:9000/' },
      { input: 'http://127.0.0.1:9000/v1/' },
      { input: ENV_ID },
      { input: CLIENT_ID },
      { input: 's' },
      pickValue('CLIENT_SECRET_POST'),
    ]);
    await runConnectionFlow(f.deps(p));
    const c = f.saved[0].connection;
    assert.equal(c.tokenEndpointAuthMethod, 'CLIENT_SECRET_POST');
    assert.equal(c.authBaseUrl, 'http://127.0.0.1:9000');
    assert.equal(c.apiBaseUrl, 'http://127.0.0.1:9000/v1');
    assert.equal(c.region, undefined);
  });

  it('Back returns to the previous step with its answer kept; the corrected answer is saved', async () => {
    const f = fakes();
    const p = new ScriptedPrompter([
      { input: 'Acme EU' },
      pickValue('EU'),
      { input: ENV_ID },
      { input: 'bb1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
      { input: BACK }, // at the secret step
      { input: (o) => (assert.equal(o.value, 'bb1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'the client ID is prefilled'), CLIENT_ID) },
      { input: 's' },
      { pick: () => BACK }, // at the auth method step
      { input: 's2' },
      pickValue('CLIENT_SECRET_POST'),
    ]);
    await runConnectionFlow(f.deps(p));
    assert.equal(p.remaining, 0);
    assert.equal(f.saved[0].connection.clientId, CLIENT_ID);
    assert.equal(f.saved[0].secret, 's2');
  });

  it('validates inline: empty and duplicate names, malformed IDs, spaces around the secret', async () => {
    const other = {
      connection: {
        id: 'x',
        name: 'Taken',
        region: 'NA',
        environmentId: ENV_ID,
        clientId: CLIENT_ID,
        tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
      } as Connection,
      secret: 'x',
    };
    const f = fakes([], [other]);
    const p = new ScriptedPrompter([
      { input: '  ' },
      { input: 'taken' },
      { input: 'Fresh' },
      pickValue('NA'),
      { input: 'nope' },
      { input: ENV_ID },
      { input: '12' },
      { input: CLIENT_ID },
      { input: ' s ' },
      { input: 's' },
      pickValue('CLIENT_SECRET_POST'),
    ]);
    await runConnectionFlow(f.deps(p));
    const validations = p.asked.map((a) => a.validation).filter((v): v is string => typeof v === 'string');
    assert.equal(validations.length, 5, validations.join(' | '));
    assert.match(validations[0], /Enter a name/);
    assert.match(validations[1], /already a connection named "taken"/);
    assert.match(validations[4], /spaces around the secret/);
    assert.equal(f.saved[0].connection.name, 'Fresh');
  });

  for (const [title, failure, step, label] of [
    [
      'a wrong secret',
      tokenRefusal(401, { error: 'invalid_client', error_description: 'Invalid client credentials' }),
      'secret',
      'client secret',
    ],
    [
      'an auth method the app does not accept',
      tokenRefusal(401, { error: 'invalid_client', error_description: 'Unsupported authentication method' }),
      'authMethod',
      'token endpoint auth method',
    ],
    ['an unknown environment', tokenRefusal(404, {}), 'environmentId', 'environment ID'],
    ['an unknown client', tokenRefusal(401, { error: 'invalid_client', error_description: 'Client not found' }), 'clientId', 'client ID'],
    ['a disabled app', tokenRefusal(401, { error: 'invalid_client', error_description: 'Client is disabled' }), 'clientId', 'client ID'],
    ['an app without the Client Credentials grant', tokenRefusal(400, { error: 'unauthorized_client' }), 'clientId', 'client ID'],
    ['an unreachable host', networkError('get an access token', 'auth.pingone.eu', { code: 'ECONNREFUSED' }), 'where', 'region'],
  ] as const) {
    it(`after ${title}, reopens only the ${label} step, with the reason as its validation message and no notification`, async () => {
      const f = fakes([failure]);
      const reopened: Answer =
        step === 'where'
          ? pickValue('EU')
          : step === 'authMethod'
            ? pickValue('CLIENT_SECRET_POST')
            : step === 'environmentId'
              ? { input: ENV_ID }
              : step === 'clientId'
                ? { input: CLIENT_ID }
                : { input: 'right' };
      const p = new ScriptedPrompter([...regionAnswers('CLIENT_SECRET_BASIC', 'wrong'), reopened]);
      await runConnectionFlow(f.deps(p));
      assert.equal(p.remaining, 0, 'no other step is asked again');
      assert.deepEqual(p.messages('error'), []);
      const last = p.asked.filter((a) => a.kind === 'input' || a.kind === 'pick').at(-1)!;
      assert.ok(last.problem?.startsWith('Not saved: '), `problem on the reopened step: ${last.problem}`);
      assert.ok(last.problem?.includes(`Correct the ${label} and try again.`), last.problem);
      assert.equal(p.asked.filter((a) => a.problem).length, 1, 'only the reopened step carries the problem');
      assert.equal(f.verified.length, 2);
      assert.equal(f.saved.length, 1, 'saved once, after the second verification');
      if (step === 'secret') assert.equal(f.saved[0].secret, 'right');
      else assert.equal(f.saved[0].secret, 'wrong', 'a step other than the secret keeps the typed secret');
    });
  }

  it('Back from the reopened step asks every step again from there', async () => {
    const f = fakes([tokenRefusal(404, {})]);
    const p = new ScriptedPrompter([
      ...regionAnswers('CLIENT_SECRET_POST'),
      { input: BACK }, // at the reopened environment ID step
      pickValue('CA'),
      { input: ENV_ID },
      { input: CLIENT_ID },
      { input: 's' },
      pickValue('CLIENT_SECRET_POST'),
    ]);
    await runConnectionFlow(f.deps(p));
    assert.equal(p.remaining, 0);
    assert.equal(f.saved[0].connection.region, 'CA');
  });

  it('Escape cancels without saving', async () => {
    const f = fakes();
    const p = new ScriptedPrompter([{ input: 'Acme' }, { pick: () => undefined }]);
    await assert.rejects(runConnectionFlow(f.deps(p)), UserCancelled);
    assert.equal(f.saved.length, 0);
    assert.equal(f.verified.length, 0);
  });

  it('editing with an empty secret keeps the saved one and verifies with it', async () => {
    const existing: Connection = {
      id: 'c1',
      name: 'Old',
      region: 'EU',
      environmentId: ENV_ID,
      clientId: CLIENT_ID,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    };
    const f = fakes([], [{ connection: existing, secret: 'kept' }]);
    const p = new ScriptedPrompter([
      { input: 'New' },
      pickValue('EU'),
      { input: ENV_ID },
      { input: CLIENT_ID },
      { input: '' },
      pickValue('CLIENT_SECRET_BASIC'),
    ]);
    const saved = await runConnectionFlow(f.deps(p), existing);
    assert.equal(saved.id, 'c1');
    assert.equal(f.verified[0].secret, 'kept');
    assert.equal(f.saved[0].secret, undefined, 'the secret is not rewritten');
    assert.equal(f.saved[0].connection.tokenEndpointAuthMethod, 'CLIENT_SECRET_BASIC');
    assert.equal(f.resets(), 0, 'the token is kept when the secret is');
  });
});
