/**
 * "Configure for Sync" planning as the user reads it: which existing role
 * assignment counts as Identity Data Admin at environment scope (the role,
 * the scope type and the scope's ID must all match), and the exact text of
 * every planned change, warning and refusal. Then the progress a caller
 * shows while the plan is applied.
 */
import assert from 'node:assert/strict';
import type { Application, Role, RoleAssignment } from '../../../src/pingone';
import { IDENTITY_DATA_ADMIN, applyConfigureForSync, planConfigureForSync } from '../../../src/pingone';
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

    it('a grant list that is not a list counts as no grants', () => {
      const app = { ...READY, grantTypes: 'CLIENT_CREDENTIALS' } as unknown as Application;
      assert.equal(
        planConfigureForSync(app, [assignment('role-ida', 'ENVIRONMENT', ENV)], IDA).changes[0].description,
        'Add the Client Credentials grant type (keeping no other grants)'
      );
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
});
