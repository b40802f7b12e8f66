// Every sync-readiness check with its field absent, empty and wrong: each
// must fail on its own (the other checks still pass), name the fix, and say
// what was found. PingDataSync's PingOne sync destination needs a worker app
// with the Client Credentials grant, Client Secret Post and Identity Data
// Admin at environment scope (PingOne Platform API docs: Applications, Role
// Assignments).
import assert from 'node:assert/strict';
import type { Application, ReadinessCheck, ReadinessCheckId, Role, RoleAssignment } from '../../../src/pingone';
import { PingOneError, checkSyncReadiness, evaluateAppChecks } from '../../../src/pingone';
import type { Emulator } from './helpers';
import { clientFor, envIdByName, startTestEmulator } from './helpers';

const ENV = 'env-sync';
const IDA: Role = { id: 'role-ida', name: 'Identity Data Admin' };

function readyApp(): Application {
  return {
    id: 'app-1',
    name: 'Sync Worker',
    type: 'WORKER',
    protocol: 'OPENID_CONNECT',
    enabled: true,
    grantTypes: ['CLIENT_CREDENTIALS'],
    tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
  };
}

function idaAtEnvironment(): RoleAssignment[] {
  return [{ id: 'ra-1', role: { id: IDA.id }, scope: { id: ENV, type: 'ENVIRONMENT' } }];
}

/** `app` with one field replaced; `undefined` removes it (absent, not null). */
function withField(field: string, value: unknown): Application {
  const app: Record<string, unknown> = { ...readyApp() };
  if (value === undefined) delete app[field];
  else app[field] = value;
  return app as Application;
}

function failing(checks: ReadinessCheck[]): ReadinessCheck[] {
  return checks.filter((c) => !c.passed);
}

/** Exactly one check fails, with this fix; returns it for the message assertions. */
function onlyFailure(checks: ReadinessCheck[], id: ReadinessCheckId, fixId: string): ReadinessCheck {
  const bad = failing(checks);
  assert.deepEqual(
    bad.map((c) => c.id),
    [id],
    JSON.stringify(checks, null, 1)
  );
  assert.equal(bad[0].fixId, fixId);
  return bad[0];
}

describe('pingone: readiness, each check with its field absent, empty and wrong', () => {
  it('a ready app passes every app check with no fix and says so', () => {
    const checks = evaluateAppChecks(readyApp(), idaAtEnvironment(), IDA, ENV);
    assert.deepEqual(
      checks.map((c) => c.id),
      ['worker-type', 'enabled', 'client-credentials', 'client-secret-post', 'identity-data-admin']
    );
    for (const c of checks) {
      assert.equal(c.passed, true, c.id);
      assert.equal(c.fixId, undefined, c.id);
      assert.ok(c.label.length > 0 && c.detail.length > 0, c.id);
    }
    assert.equal(checks[4].label, 'Identity Data Admin at environment scope');
    assert.match(checks[4].detail, /holds Identity Data Admin for this environment/);
    assert.match(checks[2].detail, /Client Credentials grant is enabled/);
    assert.match(checks[3].detail, /uses Client Secret Post/);
    assert.match(checks[1].detail, /is enabled/);
    assert.match(checks[0].detail, /is a worker/);
  });

  const typeCases: Array<[string, unknown]> = [
    ['absent', undefined],
    ['empty', ''],
    ['a web app', 'WEB_APP'],
    ['lower case', 'worker'],
    ['null', null],
  ];
  for (const [what, value] of typeCases) {
    it(`worker type ${what} fails with "create a worker app"`, () => {
      const c = onlyFailure(evaluateAppChecks(withField('type', value), idaAtEnvironment(), IDA, ENV), 'worker-type', 'create-worker-app');
      assert.match(c.detail, /PingDataSync needs a worker app/);
    });
  }

  const enabledCases: Array<[string, unknown]> = [
    ['absent', undefined],
    ['false', false],
    ['the string "true"', 'true'],
    ['1', 1],
    ['null', null],
  ];
  for (const [what, value] of enabledCases) {
    it(`enabled ${what} fails with "enable the app"`, () => {
      const c = onlyFailure(evaluateAppChecks(withField('enabled', value), idaAtEnvironment(), IDA, ENV), 'enabled', 'enable-app');
      assert.match(c.detail, /disabled/);
    });
  }

  const grantCases: Array<[string, unknown, RegExp]> = [
    ['absent', undefined, /Grant types are none;/],
    ['empty', [], /Grant types are none;/],
    ['null', null, /Grant types are none;/],
    ['only Authorization Code', ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'], /Grant types are AUTHORIZATION_CODE, REFRESH_TOKEN;/],
    ['a string, not a list', 'CLIENT_CREDENTIALS', /Grant types are none;/],
    ['lower case', ['client_credentials'], /Grant types are client_credentials;/],
  ];
  for (const [what, value, detail] of grantCases) {
    it(`grant types ${what} fail with "add the Client Credentials grant"`, () => {
      const c = onlyFailure(
        evaluateAppChecks(withField('grantTypes', value), idaAtEnvironment(), IDA, ENV),
        'client-credentials',
        'add-client-credentials-grant'
      );
      assert.match(c.detail, detail);
      assert.match(c.detail, /PingDataSync needs Client Credentials/);
    });
  }

  it('Client Credentials among other grants passes', () => {
    const checks = evaluateAppChecks(withField('grantTypes', ['AUTHORIZATION_CODE', 'CLIENT_CREDENTIALS']), idaAtEnvironment(), IDA, ENV);
    assert.deepEqual(failing(checks), []);
  });

  const authCases: Array<[string, unknown, RegExp]> = [
    ['absent', undefined, /uses no token endpoint auth method/],
    ['empty', '', /uses no token endpoint auth method/],
    ['Client Secret Basic', 'CLIENT_SECRET_BASIC', /uses CLIENT_SECRET_BASIC token endpoint auth method/],
    ['None', 'NONE', /uses NONE token endpoint auth method/],
    ['lower case', 'client_secret_post', /uses client_secret_post token endpoint auth method/],
  ];
  for (const [what, value, detail] of authCases) {
    it(`token endpoint auth method ${what} fails with "set Client Secret Post"`, () => {
      const c = onlyFailure(
        evaluateAppChecks(withField('tokenEndpointAuthMethod', value), idaAtEnvironment(), IDA, ENV),
        'client-secret-post',
        'set-client-secret-post'
      );
      assert.match(c.detail, detail);
      assert.match(c.detail, /Client Secret Post/);
    });
  }

  const roleCases: Array<[string, RoleAssignment[], RegExp]> = [
    ['no role assignments', [], /does not hold Identity Data Admin\.$/],
    [
      'another role at environment scope',
      [{ id: 'ra-2', role: { id: 'role-other' }, scope: { id: ENV, type: 'ENVIRONMENT' } }],
      /does not hold Identity Data Admin\.$/,
    ],
    [
      'an assignment without a role',
      [{ id: 'ra-3', scope: { id: ENV, type: 'ENVIRONMENT' } } as unknown as RoleAssignment],
      /does not hold Identity Data Admin\.$/,
    ],
    [
      'Identity Data Admin at organization scope',
      [{ id: 'ra-4', role: { id: IDA.id }, scope: { id: 'org-1', type: 'ORGANIZATION' } }],
      /assigned only at organization org-1, not at this environment/,
    ],
    [
      'Identity Data Admin for another environment',
      [{ id: 'ra-5', role: { id: IDA.id }, scope: { id: 'env-other', type: 'ENVIRONMENT' } }],
      /assigned only at environment env-other, not at this environment/,
    ],
    [
      'Identity Data Admin at population scope with the environment id',
      [{ id: 'ra-6', role: { id: IDA.id }, scope: { id: ENV, type: 'POPULATION' } }],
      /assigned only at population env-sync/,
    ],
    [
      'Identity Data Admin without a scope',
      [{ id: 'ra-7', role: { id: IDA.id } } as unknown as RoleAssignment],
      /assigned only at an unstated scope, not at this environment/,
    ],
    [
      'Identity Data Admin with a scope type but no id',
      [{ id: 'ra-8', role: { id: IDA.id }, scope: { type: 'ORGANIZATION' } } as unknown as RoleAssignment],
      /assigned only at organization scope \(no id given\), not at this environment/,
    ],
    [
      'Identity Data Admin with a scope id but no type',
      [{ id: 'ra-9', role: { id: IDA.id }, scope: { id: 'x-1' } } as unknown as RoleAssignment],
      /assigned only at scope x-1 \(no type given\), not at this environment/,
    ],
  ];
  for (const [what, assignments, detail] of roleCases) {
    it(`${what} fails with "assign Identity Data Admin"`, () => {
      const c = onlyFailure(evaluateAppChecks(readyApp(), assignments, IDA, ENV), 'identity-data-admin', 'assign-identity-data-admin');
      assert.match(c.detail, detail);
    });
  }

  it('Identity Data Admin at environment scope next to other assignments passes', () => {
    const assignments: RoleAssignment[] = [
      { id: 'ra-8', role: { id: IDA.id }, scope: { id: 'org-1', type: 'ORGANIZATION' } },
      { id: 'ra-9', role: { id: 'role-other' }, scope: { id: ENV, type: 'ENVIRONMENT' } },
      ...idaAtEnvironment(),
    ];
    assert.deepEqual(failing(evaluateAppChecks(readyApp(), assignments, IDA, ENV)), []);
  });

  it('several fields wrong at once: each check reports its own failure', () => {
    const app = { ...readyApp(), enabled: false, grantTypes: [], tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC' };
    assert.deepEqual(
      failing(evaluateAppChecks(app, [], IDA, ENV)).map((c) => c.fixId),
      ['enable-app', 'add-client-credentials-grant', 'set-client-secret-post', 'assign-identity-data-admin']
    );
  });
});

describe('pingone: readiness against the emulator (the report a user sees)', () => {
  let emu: Emulator;
  let client: ReturnType<typeof clientFor>;
  let staging: string;
  before(async () => {
    emu = await startTestEmulator();
    client = clientFor(emu);
    staging = envIdByName(emu, 'Sync Staging');
  });
  after(async () => {
    await client.close();
    await emu.close();
  });
  afterEach(() => emu.faults.clear());

  function readyWorker(name: string): string {
    return emu.addWorker(staging, { name, roles: [{ roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT' }] }).clientId;
  }

  it('a fully configured worker is ready, every check passed', async () => {
    const report = await checkSyncReadiness(client, staging, readyWorker('Ready Worker'));
    assert.equal(report.ready, true, JSON.stringify(failing(report.checks)));
    assert.deepEqual(
      report.checks.map((c) => [c.id, c.passed]),
      [
        ['worker-type', true],
        ['enabled', true],
        ['client-credentials', true],
        ['client-secret-post', true],
        ['identity-data-admin', true],
        ['secret-readable', true],
      ]
    );
    assert.match(report.checks[5].detail, /can be read \(it is not shown\)/);
  });

  for (const [what, value] of [
    ['absent', undefined],
    ['empty', []],
  ] as const) {
    it(`a worker whose grantTypes are ${what} is not ready`, async () => {
      const id = readyWorker(`No Grants ${what}`);
      const stored = emu.state.applications.get(id)!;
      if (value === undefined) delete stored.body.grantTypes;
      else stored.body.grantTypes = [...value];
      const report = await checkSyncReadiness(client, staging, id);
      assert.equal(report.ready, false);
      assert.deepEqual(
        failing(report.checks).map((c) => [c.id, c.fixId]),
        [['client-credentials', 'add-client-credentials-grant']]
      );
    });
  }

  for (const status of [403, 404]) {
    it(`a secret the connection may not read (HTTP ${status}) fails with "grant secret access" and PingOne's error id`, async () => {
      const id = readyWorker(`Secret ${status}`);
      emu.faults.failNext({ method: 'GET', path: `/applications/${id}/secret`, status, count: 1 });
      const report = await checkSyncReadiness(client, staging, id);
      assert.equal(report.ready, false);
      const bad = failing(report.checks);
      assert.deepEqual(
        bad.map((c) => [c.id, c.fixId]),
        [['secret-readable', 'grant-secret-access']]
      );
      assert.match(bad[0].detail, /may not read this app's secret: it needs applications:read:secret/);
      assert.match(bad[0].detail, /\(PingOne error id [0-9a-f-]{36}\)/);
    });
  }

  it('any other failure reading the secret is an error, not a verdict', async () => {
    const id = readyWorker('Secret 400');
    emu.faults.failNext({ method: 'GET', path: `/applications/${id}/secret`, status: 400, count: 1, code: 'INVALID_REQUEST' });
    await assert.rejects(
      checkSyncReadiness(client, staging, id),
      (e: unknown) => e instanceof PingOneError && e.kind === 'invalid-request'
    );
    const report = await checkSyncReadiness(client, staging, id);
    assert.equal(report.ready, true, 'the fault was for one request only');
  });

  it("the connection's own worker: its secret cannot be read, the other checks still run", async () => {
    const report = await checkSyncReadiness(client, emu.environmentId, emu.clientId);
    const secret = report.checks.find((c) => c.id === 'secret-readable')!;
    assert.equal(secret.passed, false);
    assert.equal(secret.fixId, 'use-another-connection');
    assert.match(secret.detail, /cannot read its own secret/);
    assert.equal(report.ready, false);
    assert.equal(report.checks.length, 6);
  });
});
