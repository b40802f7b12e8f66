import assert from 'node:assert/strict';
import type { ActorPermissions, DesiredRole, HeldRole } from '../../../src/pingone';
import {
  checkRoleAssignment,
  describeActorPermissions,
  heldRolesFrom,
  mayAssign,
  planCreateWorkerApp,
  roleCanAssign,
  scopeCovers,
  withinServerBounds,
} from '../../../src/pingone';

const ORG = { type: 'ORGANIZATION', id: 'org' };
const ENV = 'env-1';
const OTHER_ENV = 'env-2';
const atEnv = (id = ENV) => ({ type: 'ENVIRONMENT', id });
const held = (roleName: string, scope: HeldRole['scope'], permissions?: string[]): HeldRole => ({
  roleId: `id-${roleName}`,
  roleName,
  scope,
  permissions,
});
const actor = (...roles: HeldRole[]): ActorPermissions => ({ known: true, held: roles });
const want = (roleName: string, permissions?: string[]): DesiredRole => ({
  roleId: `id-${roleName}`,
  roleName,
  scopeType: 'ENVIRONMENT',
  scopeId: ENV,
  permissions,
});

const IDA = 'Identity Data Admin';
const ENV_ADMIN_ONLY = actor(held('Environment Admin', ORG));
const DEVELOPER_ONLY = actor(held('Client Application Developer', atEnv()));
const SANDBOX_ADMIN = actor(
  held('Organization Admin', ORG),
  held('Environment Admin', ORG),
  held(IDA, atEnv()),
  held('Client Application Developer', atEnv())
);

describe('pingone: admin worker permissions (pure)', () => {
  it('follows the Can Assign table', () => {
    assert.ok(roleCanAssign('Organization Admin', 'Environment Admin'));
    assert.ok(!roleCanAssign('Organization Admin', IDA));
    assert.ok(roleCanAssign('Environment Admin', IDA));
    assert.ok(roleCanAssign('Environment Admin', 'Environment Admin'));
    assert.ok(!roleCanAssign('Environment Admin', 'Organization Admin'));
    for (const r of [IDA, 'Identity Data Read Only', 'Help Desk Admin']) assert.ok(roleCanAssign(IDA, r), r);
    assert.ok(!roleCanAssign(IDA, 'Client Application Developer'));
    for (const r of ['Client Application Developer', 'Identity Data Read Only', 'Configuration Read Only', undefined])
      assert.ok(!roleCanAssign(r, IDA), String(r));
  });

  it("assigns only within the actor's own scope", () => {
    assert.ok(scopeCovers(ORG, atEnv()));
    assert.ok(scopeCovers(atEnv(), { type: 'POPULATION', id: 'p', environmentId: ENV }));
    assert.ok(!scopeCovers(atEnv(), atEnv(OTHER_ENV)));
    assert.ok(!scopeCovers(atEnv(), ORG));
    const idaHere = actor(held(IDA, atEnv()));
    assert.ok(mayAssign(idaHere, 'Help Desk Admin', atEnv()));
    assert.ok(!mayAssign(idaHere, 'Help Desk Admin', atEnv(OTHER_ENV)));
  });

  it('Environment Admin only: can create and assign Identity Data Admin, reading the secret first', () => {
    const plan = planCreateWorkerApp(ENV_ADMIN_ONLY, ENV, [want(IDA)]);
    assert.equal(plan.proceed, true);
    assert.equal(plan.order, 'secret-then-roles');
    assert.deepEqual(plan.rolesHidingSecret, [IDA]);
    assert.deepEqual(plan.messages, [
      "The connection's worker can assign Identity Data Admin, but will then no longer see the app's secret: the secret is read and handed to you before the role is assigned.",
    ]);
  });

  it('the same with permission lists from GET /roles: Environment Admin lacks the user permissions of Identity Data Admin', () => {
    const envAdmin = actor(held('Environment Admin', ORG, ['applications:create:application', 'applications:read:secret']));
    const plan = planCreateWorkerApp(envAdmin, ENV, [want(IDA, ['directory:read:user'])]);
    assert.equal(plan.order, 'secret-then-roles');
    const both = actor(
      held('Environment Admin', ORG, ['applications:create:application', 'applications:read:secret']),
      held(IDA, atEnv(), ['directory:read:user'])
    );
    assert.equal(planCreateWorkerApp(both, ENV, [want(IDA, ['directory:read:user'])]).order, 'roles-then-secret');
  });

  it('Client Application Developer only: says before creating anything that it cannot assign, and the fix', () => {
    const plan = planCreateWorkerApp(DEVELOPER_ONLY, ENV, [want(IDA)]);
    assert.equal(plan.proceed, false);
    assert.deepEqual(
      plan.problems.map((p) => p.roleName),
      [IDA]
    );
    assert.equal(plan.messages.length, 1);
    assert.match(
      plan.messages[0],
      /^The connection's worker can create the app but cannot assign Identity Data Admin: ask someone with Environment Admin or Identity Data Admin to assign Identity Data Admin to the new app/
    );
    // Without roles it can create and read the secret.
    assert.deepEqual(planCreateWorkerApp(DEVELOPER_ONLY, ENV, []), {
      checked: true,
      proceed: true,
      problems: [],
      rolesHidingSecret: [],
      order: 'roles-then-secret',
      messages: [],
    });
  });

  it('the sandbox admin (holds Identity Data Admin): the usual order, nothing to say', () => {
    const plan = planCreateWorkerApp(SANDBOX_ADMIN, ENV, [want(IDA)]);
    assert.deepEqual([plan.proceed, plan.order, plan.messages], [true, 'roles-then-secret', []]);
  });

  it('an actor that cannot create apps in the environment is stopped with the fix', () => {
    const plan = planCreateWorkerApp(actor(held(IDA, atEnv())), ENV, [want(IDA)]);
    assert.equal(plan.proceed, false);
    assert.match(
      plan.messages[0],
      /cannot create applications in this environment: give the connection's worker Client Application Developer or Environment Admin/
    );
    assert.equal(planCreateWorkerApp(DEVELOPER_ONLY, OTHER_ENV, []).proceed, false, 'developer elsewhere only');
  });

  it("when the actor's roles could not be read: proceeds, says so, and reads the secret first", () => {
    const plan = planCreateWorkerApp({ known: false, held: [], unknownReason: 'PingOne refused' }, ENV, [want(IDA)]);
    assert.deepEqual([plan.checked, plan.proceed, plan.order], [false, true, 'secret-then-roles']);
    assert.match(plan.messages[0], /Could not check what the connection's worker may do \(PingOne refused\); going ahead/);
  });

  it('Assign Role: refuses what the table forbids, warns when the secret would be hidden', () => {
    assert.equal(checkRoleAssignment(DEVELOPER_ONLY, ENV, want(IDA)).allowed, false);
    assert.deepEqual(checkRoleAssignment(ENV_ADMIN_ONLY, ENV, want(IDA)), { allowed: true, hidesSecret: true });
    assert.deepEqual(checkRoleAssignment(SANDBOX_ADMIN, ENV, want(IDA)), { allowed: true, hidesSecret: false });
    assert.equal(
      checkRoleAssignment(ENV_ADMIN_ONLY, ENV, { ...want('Organization Admin'), scopeType: 'ORGANIZATION', scopeId: 'org' }).allowed,
      false
    );
  });

  it('joins assignments with the role catalogue and describes them for the tree', () => {
    const roles = heldRolesFrom(
      [
        { id: 'a1', role: { id: 'r1' }, scope: { id: 'org', type: 'ORGANIZATION' } },
        { id: 'a2', role: { id: 'rx' }, scope: { id: ENV, type: 'ENVIRONMENT' } },
      ],
      [{ id: 'r1', name: 'Environment Admin', permissions: [{ id: 'applications:read:secret' }] }]
    );
    assert.deepEqual(roles[0], {
      roleId: 'r1',
      roleName: 'Environment Admin',
      scope: { type: 'ORGANIZATION', id: 'org' },
      permissions: ['applications:read:secret'],
    });
    assert.equal(roles[1].roleName, undefined);
    const lines = describeActorPermissions({ known: true, held: roles }, new Map([[ENV, 'Sync Staging']]));
    assert.deepEqual(lines.slice(0, 3), [
      'Environment Admin at organization scope',
      'Custom role rx at environment "Sync Staging"',
      'Can assign: every role except Organization Admin (where it holds the granting role)',
    ]);
    assert.deepEqual(describeActorPermissions({ known: false, held: [], unknownReason: 'refused' }), ['Permissions not checked: refused']);
  });

  it("keeps a rotation grace period inside both of PingOne's bounds", () => {
    assert.equal(withinServerBounds(60_000), 90_000);
    assert.equal(withinServerBounds(30 * 86_400_000), 30 * 86_400_000 - 30_000);
    assert.equal(withinServerBounds(3_600_000), 3_600_000);
  });
});
