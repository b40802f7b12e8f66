/**
 * "Configure for Sync" planning as the user reads it: which existing role
 * assignment counts as Identity Data Admin at environment scope (the role,
 * the scope type and the scope's ID must all match), and the exact text of
 * every planned change, warning and refusal. Then the progress a caller
 * shows while the plan is applied.
 */
import assert from 'node:assert/strict';
import type { Application, Role, RoleAssignment } from '../../../src/pingone';
import { IDENTITY_DATA_ADMIN, applyConfigureForSync, applySyncFieldChanges, planConfigureForSync } from '../../../src/pingone';
import { ENV as SCRIPTED_ENV, failure, scriptedClient, scriptedServers } from './scriptedApi';
import type { Emulator } from './helpers';
import { clientFor, envIdByName, startTestEmulator } from './helpers';

const ENV = 'env-1';
const IDA: Role = { id: 'role-ida', name: 'Identity Data Admin' };
const READY: Application = {
  id: 'app-1',
  name: 'Sync Worker',
  protocol: 'OPENID_CONNECT',
  type: 'WORKER',
  enabled: true,
  grantTypes: ['CLIENT_CREDENTIALS'],
  tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
  environment: { id: ENV },
};
const assignment = (roleId: string, type: string, scopeId: string): RoleAssignment => ({
  id: 'ra',
  role: { id: roleId },
  scope: { id: scopeId, type },
});
const changeIds = (app: Application, held: RoleAssignment[]) => planConfigureForSync(app, held, IDA).changes.map((c) => c.id);

describe('pingone: Configure for Sync, planned and applied', () => {
  describe('which role assignment already counts', () => {
    it('Identity Data Admin at the scope of this environment: nothing to assign', () => {
      assert.deepEqual(changeIds(READY, [assignment('role-ida', 'ENVIRONMENT', ENV)]), []);
    });

    for (const [what, held] of [
      ['another role at environment scope', [assignment('role-other', 'ENVIRONMENT', ENV)]],
      ['the role at organization scope with the same ID', [assignment('role-ida', 'ORGANIZATION', ENV)]],
      ['the role at population scope', [assignment('role-ida', 'POPULATION', ENV)]],
      ['the role at the scope of another environment', [assignment('role-ida', 'ENVIRONMENT', 'env-2')]],
      ['an assignment answered without role or scope', [{ id: 'ra' } as unknown as RoleAssignment]],
      ['the role answered without a scope', [{ id: 'ra', role: { id: 'role-ida' } } as unknown as RoleAssignment]],
      ['no assignment at all', []],
    ] as const) {
      it(`${what}: the role is assigned at environment scope`, () => {
        const plan = planConfigureForSync(READY, [...held], IDA);
        assert.deepEqual(
          plan.changes.map((c) => c.id),
          ['assign-identity-data-admin']
        );
        assert.deepEqual(plan.roleAssignment, {
          roleId: 'role-ida',
          roleName: 'Identity Data Admin',
          scopeType: 'ENVIRONMENT',
          scopeId: ENV,
        });
        assert.equal(plan.changes[0].description, `Assign the Identity Data Admin role at environment scope (${ENV})`);
      });
    }

    it('the environment is the one asked for, else the app’s own', () => {
      const held = [assignment('role-ida', 'ENVIRONMENT', ENV)];
      assert.equal(planConfigureForSync(READY, held, IDA).environmentId, ENV);
      assert.deepEqual(
        planConfigureForSync(READY, held, IDA, 'env-2').changes.map((c) => c.id),
        ['assign-identity-data-admin']
      );
      assert.equal(planConfigureForSync({ ...READY, environment: undefined }, [], IDA).environmentId, '');
    });
  });

  describe('what each planned change says', () => {
    it('an app with no grants and no auth method, disabled', () => {
      const app: Application = { ...READY, grantTypes: undefined, tokenEndpointAuthMethod: undefined, enabled: false };
      const plan = planConfigureForSync(app, [assignment('role-ida', 'ENVIRONMENT', ENV)], IDA);
      assert.deepEqual(plan.changes, [
        { id: 'add-client-credentials-grant', description: 'Add the Client Credentials grant type (keeping no other grants)' },
        { id: 'set-client-secret-post', description: 'Change the token endpoint auth method from none to CLIENT_SECRET_POST' },
        { id: 'enable-app', description: 'Enable the app' },
      ]);
      assert.deepEqual(plan.warnings, []);
    });

    it('an app with other grants and Basic auth, enabled missing', () => {
      // An answer without `enabled` (the model says boolean; a server may still leave it out).
      const app = {
        ...READY,
        grantTypes: ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'],
        tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
        enabled: undefined,
      } as unknown as Application;
      const plan = planConfigureForSync(app, [assignment('role-ida', 'ENVIRONMENT', ENV)], IDA);
      assert.deepEqual(
        plan.changes.map((c) => c.description),
        [
          'Add the Client Credentials grant type (keeping AUTHORIZATION_CODE, REFRESH_TOKEN)',
          'Change the token endpoint auth method from CLIENT_SECRET_BASIC to CLIENT_SECRET_POST',
          'Enable the app',
        ]
      );
    });

    it('a grant list that is not a list counts as no grants, and is replaced by the one grant', () => {
      const app = { ...READY, grantTypes: 'CLIENT_CREDENTIALS' } as unknown as Application;
      const plan = planConfigureForSync(app, [assignment('role-ida', 'ENVIRONMENT', ENV)], IDA);
      assert.equal(plan.changes[0].description, 'Add the Client Credentials grant type (keeping no other grants)');
      assert.deepEqual(applySyncFieldChanges(app, plan).grantTypes, ['CLIENT_CREDENTIALS']);
    });

    it('a non-worker gets a warning; a SAML app is refused with the reason', () => {
      const web = planConfigureForSync({ ...READY, name: 'Portal', type: 'WEB_APP' }, [assignment('role-ida', 'ENVIRONMENT', ENV)], IDA);
      assert.deepEqual(web.warnings, [
        '"Portal" is a WEB_APP app, not a worker. PingOne gives admin roles only to workers, so the role assignment may be refused; a new worker app is the safer choice.',
      ]);
      assert.equal(web.blockedReason, undefined);
      const saml = planConfigureForSync({ ...READY, name: 'HR', protocol: 'SAML' }, [], IDA);
      assert.equal(
        saml.blockedReason,
        '"HR" is a SAML app; only OpenID Connect apps can use the Client Credentials grant. Create a worker app instead.'
      );
      assert.deepEqual(saml.changes, []);
      assert.deepEqual(saml.warnings, []);
    });
  });

  describe('progress while applying (emulator)', () => {
    let emu: Emulator;
    before(async () => {
      emu = await startTestEmulator();
    });
    after(async () => {
      await emu.close();
    });

    it('says each step it takes, and only those', async () => {
      const client = clientFor(emu);
      const staging = envIdByName(emu, 'Sync Staging');
      const half = emu.addWorker(staging, { name: 'Half Worker', grantTypes: ['AUTHORIZATION_CODE'] });
      const steps: string[] = [];
      await applyConfigureForSync(client, { environmentId: staging, applicationId: half.clientId }, { onProgress: (m) => steps.push(m) });
      assert.deepEqual(steps, ['Reading the app', 'Updating the app', `Assigning ${IDENTITY_DATA_ADMIN}`]);
      const again: string[] = [];
      const result = await applyConfigureForSync(
        client,
        { environmentId: staging, applicationId: half.clientId },
        { onProgress: (m) => again.push(m) }
      );
      assert.deepEqual(again, ['Reading the app'], 'nothing left to do: no update, no assignment');
      assert.equal(result.roleAssignment, undefined);
      await client.close();
    });
  });

  describe('applying against a scripted server', () => {
    const servers = scriptedServers();
    const appPath = `/v1/environments/${SCRIPTED_ENV}/applications/app-1`;
    const target = { environmentId: SCRIPTED_ENV, applicationId: 'app-1' };
    const here = { ...READY, environment: { id: SCRIPTED_ENV } };

    it('a SAML app is refused before any change, naming the app in the error', async () => {
      const api = await servers.start((r) =>
        r.url.endsWith('/roleAssignments')
          ? { body: { _embedded: { roleAssignments: [] } } }
          : { body: { ...here, name: 'HR', protocol: 'SAML' } }
      );
      const { client } = scriptedClient(api);
      const e = await failure(applyConfigureForSync(client, { ...target, identityDataAdminRole: IDA }));
      assert.equal(e.kind, 'invalid-request');
      assert.equal(
        e.message,
        'Could not configure "HR" for sync: "HR" is a SAML app; only OpenID Connect apps can use the Client Credentials grant. Create a worker app instead.'
      );
      assert.ok(api.apiRequests().every((r) => r.method === 'GET'));
      await client.close();
    });

    it('without Identity Data Admin in the role list it stops, saying which look-up found nothing', async () => {
      const api = await servers.start((r) =>
        r.url.startsWith('/v1/roles')
          ? { body: { _embedded: { roles: [{ id: 'role-other', name: 'Identity Data Read Only' }] } } }
          : r.url.endsWith('/roleAssignments')
            ? { body: { _embedded: { roleAssignments: [] } } }
            : { body: here }
      );
      const { client } = scriptedClient(api);
      const e = await failure(applyConfigureForSync(client, target));
      assert.equal(e.kind, 'not-found');
      assert.equal(e.message, 'Could not find the Identity Data Admin role: GET /roles lists no role with that exact name.');
      await client.close();
    });

    it("reads the secret first, and says so, when the role would hide it from the connection's worker", async () => {
      const api = await servers.start((r) => {
        if (r.url === `${appPath}/roleAssignments` && r.method === 'GET') return { body: { _embedded: { roleAssignments: [] } } };
        if (r.url === `${appPath}/roleAssignments`)
          return { status: 201, body: { id: 'ra-1', role: { id: IDA.id }, scope: { id: SCRIPTED_ENV, type: 'ENVIRONMENT' } } };
        if (r.url === `${appPath}/secret`) return { body: { secret: 'read-before-the-role' } };
        return { body: here };
      });
      const { client } = scriptedClient(api);
      // The connection's worker may assign the role (Environment Admin) but does not hold it: once the app has
      // it, the worker can no longer read the app's secret.
      const actor = {
        known: true,
        held: [{ roleId: 'role-env-admin', roleName: 'Environment Admin', scope: { type: 'ENVIRONMENT', id: SCRIPTED_ENV } }],
      };
      const steps: string[] = [];
      const result = await applyConfigureForSync(
        client,
        { ...target, identityDataAdminRole: IDA },
        { actor, onProgress: (m) => steps.push(m) }
      );
      assert.deepEqual(steps, [
        'Reading the app',
        'Reading the client secret before the role hides it',
        `Assigning ${IDENTITY_DATA_ADMIN}`,
      ]);
      assert.equal(result.clientSecret, 'read-before-the-role');
      assert.deepEqual(
        api
          .apiRequests()
          .filter((r) => r.method !== 'GET' || r.url.endsWith('/secret'))
          .map((r) => `${r.method} ${r.url}`),
        [`GET ${appPath}/secret`, `POST ${appPath}/roleAssignments`],
        'the secret is read before the role is assigned'
      );
      await client.close();
    });
  });
});
