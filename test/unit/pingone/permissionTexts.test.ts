/**
 * The pure permission rules (Built-in Admin Roles and Roles Management docs: "Can Assign"; Application
 * Secret docs: who may read a worker's secret) and every sentence they give the user, word for word.
 */
import assert from 'node:assert/strict';
import type { ActorPermissions, HeldRole } from '../../../src/pingone';
import {
  checkRoleAssignment,
  describeActorPermissions,
  explainSecretAccess,
  mayReadSecretOf,
  planCreateWorkerApp,
} from '../../../src/pingone';

const ENV = 'env-1';
const ORG = { type: 'ORGANIZATION', id: 'org' };
const atEnv = { type: 'ENVIRONMENT', id: ENV };
const role = (roleName: string | undefined, scope: HeldRole['scope'], permissions?: string[], roleId = `id-${roleName}`): HeldRole => ({
  roleId,
  roleName,
  scope,
  permissions,
});
const actor = (...held: HeldRole[]): ActorPermissions => ({ known: true, held });
const unknown: ActorPermissions = { known: false, held: [] };

describe('pingone: permission rules and their sentences', () => {
  describe('reading a worker secret', () => {
    const developer = actor(role('Client Application Developer', atEnv));
    const developerAndIda = actor(role('Client Application Developer', atEnv), role('Identity Data Admin', atEnv));
    const workerRoles = [role('Identity Data Admin', atEnv)];

    it('needs the read permission and every role the worker holds', () => {
      assert.equal(mayReadSecretOf(developerAndIda, ENV, 'app', workerRoles), true);
      assert.equal(mayReadSecretOf(developer, ENV, 'app', workerRoles), false, 'lacks a role of the worker');
      assert.equal(mayReadSecretOf(developer, ENV, 'app', []), true);
      assert.equal(mayReadSecretOf(actor(role('Identity Data Admin', atEnv)), ENV, 'app', workerRoles), false, 'no read permission');
      assert.equal(
        mayReadSecretOf(developerAndIda, ENV, 'app', [...workerRoles, role('Help Desk Admin', atEnv)]),
        false,
        'one of two missing'
      );
    });

    it('an Application Owner (no permission list given) may read the secret of its own app only', () => {
      const owner = actor(role('Application Owner', { type: 'APPLICATION', id: 'app', environmentId: ENV }));
      assert.equal(mayReadSecretOf(owner, ENV, 'app', []), true);
      assert.equal(mayReadSecretOf(owner, ENV, 'other-app', []), false);
    });

    it('says why not, and the fix', () => {
      assert.deepEqual(explainSecretAccess(developer, ENV, 'own', [], 'own'), {
        what: 'cannot read its own secret (PingOne never lets a worker do that)',
        fix: 'use another connection to read it',
      });
      assert.equal(explainSecretAccess(unknown, ENV, 'app', workerRoles), undefined);
      assert.deepEqual(explainSecretAccess(actor(role('Identity Data Admin', atEnv)), ENV, 'app', []), {
        what: 'may not read application secrets here',
        fix: 'give it Client Application Developer or Environment Admin on this environment, or use another connection',
      });
      assert.deepEqual(
        explainSecretAccess(developer, ENV, 'app', [
          role('Identity Data Admin', atEnv),
          role('Identity Data Admin', { type: 'POPULATION', id: 'p', environmentId: ENV }),
          role(undefined, atEnv, undefined, 'custom-7'),
        ]),
        {
          what: "cannot read this app's secret: the app holds Identity Data Admin, custom role custom-7, which the connection's worker does not hold there",
          fix: 'ask an admin whose worker holds every role of this app to copy the secret, or use such a connection',
        }
      );
      assert.equal(explainSecretAccess(developerAndIda, ENV, 'app', workerRoles), undefined);
    });
  });

  describe('assigning roles', () => {
    it('with unknown permissions anything may be tried, and the secret is read first', () => {
      assert.deepEqual(
        checkRoleAssignment(unknown, ENV, { roleId: 'r', roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT', scopeId: ENV }),
        {
          allowed: true,
          hidesSecret: true,
        }
      );
    });

    it('Environment Admin can be assigned by an Organization Admin too, and the fix says so', () => {
      const check = checkRoleAssignment(actor(role('Identity Data Admin', atEnv)), ENV, {
        roleId: 'e',
        roleName: 'Environment Admin',
        scopeType: 'ENVIRONMENT',
        scopeId: ENV,
      });
      assert.equal(check.allowed, false);
      assert.equal(check.hidesSecret, false, 'nothing is assigned, so nothing is hidden');
      assert.equal(
        check.problem?.fix,
        "ask someone with Organization Admin or Environment Admin to assign Environment Admin to the new app (or to give this connection's worker Environment Admin), or use a connection whose worker may assign it"
      );
    });
  });

  describe('Create Worker App plan', () => {
    it('unknown permissions: goes ahead secret first, saying why nothing was checked', () => {
      assert.deepEqual(planCreateWorkerApp({ known: false, held: [], unknownReason: 'PingOne refused' }, ENV, []).messages, [
        "Could not check what the connection's worker may do (PingOne refused); going ahead, and reading the secret before assigning roles.",
      ]);
      assert.deepEqual(planCreateWorkerApp(unknown, ENV, []).messages, [
        "Could not check what the connection's worker may do; going ahead, and reading the secret before assigning roles.",
      ]);
    });

    it('may create apps but not read their secrets: stops with that fix', () => {
      const plan = planCreateWorkerApp(actor(role('Custom creator', atEnv, ['applications:create:application'])), ENV, []);
      assert.equal(plan.proceed, false);
      assert.deepEqual(plan.messages, [
        "The connection's worker cannot read the new app's secret: give the connection's worker Client Application Developer or Environment Admin on this environment, or use another connection.",
      ]);
    });
  });

  describe('the lines under a connection', () => {
    it('unknown, with and without a reason; no roles at all', () => {
      assert.deepEqual(describeActorPermissions({ known: false, held: [], unknownReason: 'refused' }), [
        'Permissions not checked: refused',
      ]);
      assert.deepEqual(describeActorPermissions(unknown), ['Permissions not checked']);
      assert.deepEqual(describeActorPermissions(actor()), ['No roles: this worker can do nothing in PingOne']);
    });

    it('each role with its scope, what it may assign, and the secret rule', () => {
      const names = new Map([[ENV, 'Sync Staging']]);
      assert.deepEqual(
        describeActorPermissions(
          actor(
            role('Organization Admin', ORG),
            role('Identity Data Admin', atEnv),
            role(undefined, { type: 'POPULATION', id: 'pop-1' }, undefined, 'c-1')
          ),
          names
        ),
        [
          'Organization Admin at organization scope',
          'Identity Data Admin at environment "Sync Staging"',
          'Custom role c-1 at population pop-1',
          'Can assign: Environment Admin, Identity Data Admin, Identity Data Read Only, Help Desk Admin (where it holds the granting role)',
          'Can read the secret of a worker only if it holds every role that worker holds, and never its own',
        ]
      );
      assert.deepEqual(describeActorPermissions(actor(role('Environment Admin', atEnv))), [
        'Environment Admin at environment env-1',
        'Can assign: every role except Organization Admin (where it holds the granting role)',
        'Can read the secret of a worker only if it holds every role that worker holds, and never its own',
      ]);
      assert.deepEqual(describeActorPermissions(actor(role('Client Application Developer', atEnv))).slice(1, 2), ['Can assign: no roles']);
    });
  });
});
