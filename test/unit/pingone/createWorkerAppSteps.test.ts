/**
 * Create Worker App as the user follows it: the numbered steps it reports,
 * the exact refusals of the role look-up (before anything is created), how
 * long Resume looks for an app whose create answer was lost, and which
 * failures of the create prove that nothing was created (so a later create
 * is safe) and which leave it unknown (so Resume only looks).
 */
import assert from 'node:assert/strict';
import type { CreateWorkerAppInput, CreateWorkerAppProgress, CreateWorkerAppResumeState, RoleRequest } from '../../../src/pingone';
import { PingOneError, WorkflowError, createWorkerApp, describeCreateState } from '../../../src/pingone';
import type { Emulator } from './helpers';
import { PNG_BYTES, clientFor, envIdByName, startTestEmulator } from './helpers';
import type { Answer, Script, SeenRequest } from './scriptedApi';
import { ENV, scriptedClient, scriptedServers } from './scriptedApi';

const IDA = { id: 'role-ida', name: 'Identity Data Admin', applicableTo: ['ENVIRONMENT', 'ORGANIZATION'] };
const ORG_ADMIN = { id: 'role-org-admin', name: 'Organization Admin', applicableTo: ['ORGANIZATION'] };
const NAME = 'Sync Worker';
const STARTED = '2026-01-01T00:00:00.000Z';

/** How many POSTs the API was sent (a refusal before any create sends none). */
function postsTo(api: { apiRequests(): Array<{ method: string }> }): number {
  return api.apiRequests().filter((r) => r.method === 'POST').length;
}

async function workflowFailure(p: Promise<unknown>): Promise<WorkflowError<CreateWorkerAppResumeState>> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof WorkflowError, `not a WorkflowError: ${String(e)}`);
    return e as WorkflowError<CreateWorkerAppResumeState>;
  }
  assert.fail('it succeeded');
}

/** Routes a request to the answer for its method and path (query left out). */
function route(table: Record<string, (req: SeenRequest) => Answer>): (req: SeenRequest) => Answer {
  return (req) => {
    const key = `${req.method} ${req.url.split('?')[0]}`;
    const answer = table[key];
    return answer ? answer(req) : { status: 599, body: { message: `unscripted ${key}` } };
  };
}

const appsAt = `/v1/environments/${ENV}/applications`;

describe('pingone: Create Worker App, step by step', () => {
  describe('against the emulator', () => {
    let emu: Emulator;
    before(async () => {
      emu = await startTestEmulator();
    });
    after(async () => {
      await emu.close();
    });

    it('numbers every step it will take, and only those', async () => {
      const client = clientFor(emu);
      const staging = envIdByName(emu, 'Sync Staging');
      const seen: CreateWorkerAppProgress[] = [];
      await createWorkerApp(
        client,
        {
          environmentId: staging,
          name: 'Numbered Worker',
          icon: { bytes: PNG_BYTES, fileName: 'logo.png' },
          roles: [{ roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: staging }],
        },
        { onProgress: (p) => seen.push(p) }
      );
      assert.deepEqual(
        seen.map((p) => `${p.stepNumber}/${p.totalSteps} ${p.step}: ${p.message}`),
        [
          '1/6 validate: Checking the input',
          '2/6 resolve-roles: Looking up the roles',
          '3/6 upload-icon: Uploading the icon',
          '4/6 create-app: Creating the worker app "Numbered Worker"',
          '5/6 assign-roles: Assigning Identity Data Admin at environment scope',
          '6/6 read-secret: Reading the client secret',
        ]
      );
      const plain: CreateWorkerAppProgress[] = [];
      await createWorkerApp(client, { environmentId: staging, name: 'Plain Worker', roles: [] }, { onProgress: (p) => plain.push(p) });
      assert.deepEqual(
        plain.map((p) => `${p.stepNumber}/${p.totalSteps} ${p.step}`),
        ['1/4 validate', '2/4 resolve-roles', '3/4 create-app', '4/4 read-secret'],
        'no icon, no roles: those steps are not counted'
      );
      await client.close();
    });
  });

  describe('against a scripted server', () => {
    const servers = scriptedServers();

    /** Create Worker App with one role by name against a server that lists only Identity Data Admin. */
    async function createWithRole(role: RoleRequest) {
      const api = await servers.start(route({ 'GET /v1/roles': () => ({ body: { _embedded: { roles: [IDA] } } }) }));
      const { client } = scriptedClient(api);
      const e = await workflowFailure(createWorkerApp(client, { environmentId: ENV, name: NAME, roles: [role] }));
      return { api, client, e };
    }

    it('an unknown role name is refused word for word before anything is created', async () => {
      const { api, client, e } = await createWithRole({ roleName: 'Identity Data Admn', scopeType: 'ENVIRONMENT', scopeId: ENV });
      assert.equal(e.failedStep, 'resolve-roles');
      assert.ok(e.cause instanceof PingOneError && e.cause.kind === 'not-found');
      assert.equal(e.cause.message, 'Could not find the role "Identity Data Admn": PingOne lists no built-in role with that exact name.');
      assert.equal(e.whatExists, 'No application was created in PingOne.');
      assert.deepEqual(
        api.apiRequests().map((r) => `${r.method} ${r.url}`),
        ['GET /v1/roles']
      );
      await client.close();
    });

    it('a role at a scope it does not apply to is refused, naming the scopes it applies to', async () => {
      const { api, client, e } = await createWithRole({ roleName: 'Identity Data Admin', scopeType: 'POPULATION', scopeId: 'pop-1' });
      assert.ok(e.cause instanceof PingOneError && e.cause.kind === 'invalid-request');
      assert.equal(
        e.cause.message,
        'Could not assign Identity Data Admin: Identity Data Admin cannot be assigned at population scope (it applies to environment, organization).'
      );
      assert.equal(postsTo(api), 0);
      await client.close();
    });

    it('roles given by ID need no role list', async () => {
      const api = await servers.start(
        route({
          [`POST ${appsAt}`]: () => ({
            status: 201,
            body: { id: 'app-1', name: NAME, type: 'WORKER', protocol: 'OPENID_CONNECT', enabled: true },
          }),
          [`POST ${appsAt}/app-1/roleAssignments`]: () => ({
            status: 201,
            body: { id: 'ra-1', role: { id: 'role-x' }, scope: { id: ENV, type: 'ENVIRONMENT' } },
          }),
          [`GET ${appsAt}/app-1/secret`]: () => ({ body: { secret: 'not-shown' } }),
        })
      );
      const { client } = scriptedClient(api);
      const result = await createWorkerApp(client, {
        environmentId: ENV,
        name: NAME,
        roles: [{ roleId: 'role-x', scopeType: 'ENVIRONMENT', scopeId: ENV }],
      });
      assert.equal(result.clientId, 'app-1');
      assert.deepEqual(
        api.apiRequests().map((r) => `${r.method} ${r.url}`),
        [`POST ${appsAt}`, `POST ${appsAt}/app-1/roleAssignments`, `GET ${appsAt}/app-1/secret`]
      );
      await client.close();
    });

    describe('Resume after a create whose answer was lost', () => {
      const lost: CreateWorkerAppResumeState = {
        version: 1,
        environmentId: ENV,
        name: NAME,
        completedSteps: ['validate', 'resolve-roles'],
        roles: [],
        assignedRoles: [],
        createStartedAt: STARTED,
      };
      const retry = { maxPropagationRetries: 3, propagationBaseDelayMs: 100, maxDelayMs: 300 };

      it('looks a bounded number of times, waiting longer each time, then says it is not listed yet and never posts', async () => {
        const api = await servers.start(route({ [`GET ${appsAt}`]: () => ({ body: { _embedded: { applications: [] } } }) }));
        const { client, clock } = scriptedClient(api, { retry });
        const e = await workflowFailure(createWorkerApp(client, { environmentId: ENV, name: NAME, roles: [] }, {}, lost));
        assert.equal(e.failedStep, 'create-app');
        assert.equal(
          (e.cause as Error).message,
          `Could not find the worker app "${NAME}" created earlier: PingOne does not list it (yet); a new app can take a while to appear.`
        );
        assert.deepEqual(clock.sleeps, [100, 200, 300], 'doubling waits, capped');
        assert.equal(api.apiRequests().length, 4, 'the first look and one per wait');
        assert.ok(api.apiRequests().every((r) => r.method === 'GET'));
        assert.equal(e.resumeState.createStartedAt, STARTED, 'still unconfirmed: the next Resume looks again');
        await client.close();
      });

      it('finds the app on a later look and finishes on it', async () => {
        let looks = 0;
        const api = await servers.start(
          route({
            [`GET ${appsAt}`]: () => ({
              body: {
                _embedded: {
                  applications:
                    ++looks < 3
                      ? []
                      : [{ id: 'app-7', name: NAME, type: 'WORKER', protocol: 'OPENID_CONNECT', createdAt: '2026-01-01T00:00:02.000Z' }],
                },
              },
            }),
            [`GET ${appsAt}/app-7/secret`]: () => ({ body: { secret: 'not-shown' } }),
          })
        );
        const { client, clock } = scriptedClient(api, { retry });
        const result = await createWorkerApp(client, { environmentId: ENV, name: NAME, roles: [] }, {}, lost);
        assert.equal(result.clientId, 'app-7');
        assert.deepEqual(clock.sleeps, [100, 200]);
        assert.equal(postsTo(api), 0);
        await client.close();
      });

      // The look is a GET: its failure says nothing about the earlier POST, so the next Resume must look again.
      for (const [what, answer] of [
        ['403', { status: 403, body: { id: 'e', code: 'ACCESS_FAILED', message: 'no' } }],
        ['404', { status: 404, body: { id: 'e', code: 'NOT_FOUND', message: 'no env' } }],
        ['400', { status: 400, body: { id: 'e', code: 'INVALID_DATA', message: 'bad' } }],
      ] as Array<[string, Answer]>) {
        it(`a look that fails with ${what} leaves the earlier create unconfirmed: Resume looks again, never posts`, async () => {
          const api = await servers.start(route({ [`GET ${appsAt}`]: () => answer }));
          const { client } = scriptedClient(api, { retry });
          const e = await workflowFailure(createWorkerApp(client, { environmentId: ENV, name: NAME, roles: [] }, {}, lost));
          assert.equal(e.failedStep, 'create-app');
          assert.equal(e.resumeState.createStartedAt, STARTED);
          assert.match(e.whatExists, /^PingOne did not confirm whether the app "Sync Worker" was created\. Resume looks for it/);
          assert.equal(postsTo(api), 0);
          await client.close();
        });
      }
    });

    describe('input refused before anything is sent', () => {
      for (const [what, input, message] of [
        ['a name of spaces', { environmentId: ENV, name: '   ', roles: [] }, 'The app needs a name.'],
        [
          'a role with neither ID nor name',
          { environmentId: ENV, name: NAME, roles: [{ scopeType: 'ENVIRONMENT', scopeId: ENV } as RoleRequest] },
          'Each role needs a role ID or a role name.',
        ],
      ] as Array<[string, CreateWorkerAppInput, string]>) {
        it(`${what}: "${message}"`, async () => {
          const api = await servers.start(() => ({ status: 599 }));
          const { client } = scriptedClient(api);
          const e = await workflowFailure(createWorkerApp(client, input));
          assert.equal(e.failedStep, 'validate');
          assert.equal((e.cause as Error).message, message);
          assert.equal(e.whatExists, 'No application was created in PingOne.');
          assert.equal(api.requests.length, 0);
          await client.close();
        });
      }

      it('a resume state of another app or environment is refused before anything is sent', async () => {
        const api = await servers.start(() => ({ status: 599 }));
        const { client } = scriptedClient(api);
        const state: CreateWorkerAppResumeState = {
          version: 1,
          environmentId: ENV,
          name: 'Other Worker',
          completedSteps: [],
          assignedRoles: [],
        };
        await assert.rejects(
          createWorkerApp(client, { environmentId: ENV, name: NAME, roles: [] }, {}, state),
          (e: unknown) => e instanceof Error && e.message === 'The resume state belongs to a different app or environment.'
        );
        await assert.rejects(
          createWorkerApp(client, { environmentId: 'env-other', name: 'Other Worker', roles: [] }, {}, state),
          /belongs to a different app or environment/
        );
        assert.equal(api.requests.length, 0);
        await client.close();
      });
    });

    it('a role given by ID is checked against the role list when another role needed it', async () => {
      const api = await servers.start(route({ 'GET /v1/roles': () => ({ body: { _embedded: { roles: [IDA, ORG_ADMIN] } } }) }));
      const { client } = scriptedClient(api);
      const e = await workflowFailure(
        createWorkerApp(client, {
          environmentId: ENV,
          name: NAME,
          roles: [
            { roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: ENV },
            { roleId: ORG_ADMIN.id, scopeType: 'ENVIRONMENT', scopeId: ENV },
          ],
        })
      );
      assert.equal(e.failedStep, 'resolve-roles');
      assert.equal(
        (e.cause as Error).message,
        'Could not assign Organization Admin: Organization Admin cannot be assigned at environment scope (it applies to organization).'
      );
      assert.equal(postsTo(api), 0);
      await client.close();
    });

    it('a role given by ID takes its name from the role list when it was read', async () => {
      const api = await servers.start(
        route({
          'GET /v1/roles': () => ({ body: { _embedded: { roles: [IDA, ORG_ADMIN] } } }),
          [`POST ${appsAt}`]: () => ({ status: 201, body: { id: 'app-1', name: NAME, type: 'WORKER', protocol: 'OPENID_CONNECT' } }),
          [`POST ${appsAt}/app-1/roleAssignments`]: () => ({ status: 403, body: { id: 'e', code: 'ACCESS_FAILED', message: 'no' } }),
        })
      );
      const { client } = scriptedClient(api);
      const e = await workflowFailure(
        createWorkerApp(client, {
          environmentId: ENV,
          name: NAME,
          roles: [
            { roleId: IDA.id, scopeType: 'ENVIRONMENT', scopeId: ENV },
            { roleName: 'Identity Data Admin', scopeType: 'ORGANIZATION', scopeId: 'org-1' },
          ],
        })
      );
      assert.deepEqual(
        e.resumeState.roles?.map((r) => r.roleName),
        ['Identity Data Admin', 'Identity Data Admin']
      );
      assert.match(e.whatExists, /not yet assigned: Identity Data Admin at environment/);
      await client.close();
    });

    describe('cancelling while a look-up or the icon upload waits for PingOne', () => {
      // With no answer coming, only the caller's signal can end the step before the client's 20 s timeout.
      for (const [what, script, input] of [
        [
          'the role look-up',
          route({ 'GET /v1/roles': () => 'hang' }),
          { environmentId: ENV, name: NAME, roles: [{ roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: ENV }] },
        ],
        [
          'the icon upload',
          route({ [`POST /v1/environments/${ENV}/images`]: () => 'hang' }),
          { environmentId: ENV, name: NAME, roles: [], icon: { bytes: PNG_BYTES, fileName: 'logo.png' } },
        ],
      ] as Array<[string, Script, CreateWorkerAppInput]>) {
        it(`${what}: ends as cancelled at once, before anything is created`, async () => {
          const api = await servers.start(script);
          const { client } = scriptedClient(api, { retry: { timeoutMs: 20_000 } });
          const stop = new AbortController();
          const pending = workflowFailure(createWorkerApp(client, input, { signal: stop.signal }));
          while (api.apiRequests().length < 1) await new Promise((r) => setTimeout(r, 5));
          const cancelledAt = Date.now();
          stop.abort(new Error('user'));
          const e = await pending;
          assert.ok(Date.now() - cancelledAt < 5_000, 'it stopped when cancelled, not at the timeout');
          assert.ok(e.cause instanceof PingOneError && e.cause.kind === 'cancelled', String(e.cause));
          assert.equal(api.apiRequests().filter((r) => r.url.endsWith('/applications')).length, 0);
          await client.close();
        });
      }
    });

    describe('which failed creates prove nothing was created', () => {
      const definite: Array<[string, Answer]> = [
        ['400 (invalid request)', { status: 400, body: { id: 'e', code: 'INVALID_DATA', message: 'bad' } }],
        ['403 (forbidden)', { status: 403, body: { id: 'e', code: 'ACCESS_FAILED', message: 'no' } }],
        ['404 (not found)', { status: 404, body: { id: 'e', code: 'NOT_FOUND', message: 'no env' } }],
        ['409 (conflict)', { status: 409, body: { id: 'e', code: 'UNIQUENESS_VIOLATION', message: 'taken' } }],
        ['401 even with a fresh token (bad credentials)', { status: 401, body: { id: 'e', code: 'INVALID_TOKEN', message: 'no' } }],
        [
          '429 after the retries (rate limited)',
          { status: 429, headers: { 'retry-after': '0' }, body: { id: 'e', code: 'REQUEST_LIMITED', message: 'slow' } },
        ],
      ];
      for (const [what, answer] of definite) {
        it(`${what}: a later create is safe`, async () => {
          const api = await servers.start(route({ [`POST ${appsAt}`]: () => answer }));
          const { client } = scriptedClient(api);
          const e = await workflowFailure(createWorkerApp(client, { environmentId: ENV, name: NAME, roles: [] }));
          assert.equal(e.failedStep, 'create-app');
          assert.equal(e.resumeState.createStartedAt, undefined);
          assert.equal(e.whatExists, 'No application was created in PingOne.');
          await client.close();
        });
      }

      const unknown: Array<[string, Answer]> = [
        ['500 (PingOne failed)', { status: 500, body: { id: 'e', code: 'UNEXPECTED_ERROR', message: 'oops' } }],
        ['201 with a body that is not JSON', { status: 201, raw: 'created', headers: { 'content-type': 'text/plain' } }],
        ['a dropped connection', 'destroy'],
      ];
      for (const [what, answer] of unknown) {
        it(`${what}: the outcome stays unknown, so Resume only looks`, async () => {
          const api = await servers.start(route({ [`POST ${appsAt}`]: () => answer }));
          const { client } = scriptedClient(api);
          const e = await workflowFailure(createWorkerApp(client, { environmentId: ENV, name: NAME, roles: [] }));
          assert.equal(e.failedStep, 'create-app');
          assert.ok(e.resumeState.createStartedAt, 'the create stays unconfirmed');
          assert.match(e.whatExists, /^PingOne did not confirm whether the app "Sync Worker" was created\. Resume looks for it/);
          assert.equal(postsTo(api), 1, 'never posted twice');
          await client.close();
        });
      }
    });
  });

  describe('what a stopped create says exists', () => {
    const input = { name: NAME, environmentId: ENV };
    const base: CreateWorkerAppResumeState = {
      version: 1,
      environmentId: ENV,
      name: NAME,
      completedSteps: ['validate'],
      assignedRoles: [],
    };
    const icon = { id: 'img-1', href: 'https://uploads.example/img-1.png' };

    it('an icon uploaded before a create that PingOne refused, or did not confirm', () => {
      assert.equal(
        describeCreateState({ ...base, icon }, input),
        'No application was created in PingOne. An icon image was uploaded but is not used by any app yet.'
      );
      assert.equal(
        describeCreateState({ ...base, icon, createStartedAt: STARTED }, input),
        'PingOne did not confirm whether the app "Sync Worker" was created. An icon image was uploaded but is not used by any app yet. Resume looks for it and never makes a second one; if PingOne shows no such app, choose Create Anyway.'
      );
    });

    it('an app whose secret was not read: said so, unless it was handed over with the error', () => {
      const created = {
        ...base,
        appId: 'app-1',
        completedSteps: ['validate', 'resolve-roles', 'create-app'],
      } as CreateWorkerAppResumeState;
      assert.equal(
        describeCreateState(created, input),
        'The worker app "Sync Worker" exists in PingOne (client ID app-1); its secret has not been read yet. Resume finishes the remaining steps on this same app.'
      );
      assert.equal(
        describeCreateState(created, input, true),
        'The worker app "Sync Worker" exists in PingOne (client ID app-1); its secret was read and is offered to you now: copy it, this connection may not be able to read it again. Resume finishes the remaining steps on this same app.'
      );
      assert.equal(
        describeCreateState({ ...created, completedSteps: [...created.completedSteps, 'read-secret'] }, input),
        'The worker app "Sync Worker" exists in PingOne (client ID app-1).'
      );
    });
  });
});
