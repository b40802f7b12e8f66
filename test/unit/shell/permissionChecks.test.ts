import assert from 'node:assert/strict';
import {
  ASSIGN_ANYWAY,
  COPY_SECRET_FIRST,
  CREATE_WITHOUT_ROLES,
  decideAssignRole,
  decideCreate,
} from '../../../src/flows/permissionChecks';
import { type ActorPermissions, planCreateWorkerApp } from '../../../src/pingone/permissions';
import { ScriptedPrompter } from '../../integration/helpers/scriptedPrompter';

const ENV = 'env-1';
const ida = { roleId: 'r-ida', roleName: 'Identity Data Admin', scopeType: 'ENVIRONMENT' as const, scopeId: ENV };
const held = (roleName: string, type: 'ENVIRONMENT' | 'ORGANIZATION' = 'ENVIRONMENT'): ActorPermissions['held'][number] => ({
  roleId: roleName === 'Identity Data Admin' ? 'r-ida' : `r-${roleName}`,
  roleName,
  scope: { type, id: type === 'ORGANIZATION' ? 'org-1' : ENV },
});
const actor = (...h: ActorPermissions['held']): ActorPermissions => ({ known: true, held: h });

describe('Permission checks before Create Worker App and Assign Role (Node, scripted prompts)', () => {
  it('default admin (Identity Data Admin + Client Application Developer): roles first, nothing shown', async () => {
    const p = new ScriptedPrompter();
    const plan = planCreateWorkerApp(actor(held('Identity Data Admin'), held('Client Application Developer')), ENV, [ida]);
    assert.deepEqual(await decideCreate(p, plan, 1), { order: 'roles-then-secret', withoutRoles: false });
    assert.deepEqual(p.asked, []);
  });

  it('Environment Admin only: secret first, with the note shown as information', async () => {
    const p = new ScriptedPrompter();
    const plan = planCreateWorkerApp(actor(held('Environment Admin', 'ORGANIZATION')), ENV, [ida]);
    assert.deepEqual(await decideCreate(p, plan, 1), { order: 'secret-then-roles', withoutRoles: false });
    assert.match(
      p.messages('info')[0],
      /^The connection's worker can assign Identity Data Admin, but will then no longer see the app's secret/
    );
  });

  it('Client Application Developer only: stops with the fix, or creates without roles when asked', async () => {
    const plan = planCreateWorkerApp(actor(held('Client Application Developer')), ENV, [ida]);
    const stop = new ScriptedPrompter();
    assert.equal(await decideCreate(stop, plan, 1), undefined);
    assert.match(
      stop.messages('error')[0],
      /^The connection's worker can create the app but cannot assign Identity Data Admin: ask someone with/
    );
    assert.deepEqual(stop.asked[0].actions, [CREATE_WITHOUT_ROLES]);
    const without = new ScriptedPrompter([{ message: CREATE_WITHOUT_ROLES }]);
    assert.deepEqual(await decideCreate(without, plan, 1), { order: 'roles-then-secret', withoutRoles: true });
  });

  it('a worker that cannot create apps is not offered "Create Without Roles"', async () => {
    const p = new ScriptedPrompter();
    const plan = planCreateWorkerApp(actor(held('Identity Data Read Only')), ENV, []);
    assert.equal(await decideCreate(p, plan, 0), undefined);
    assert.deepEqual(p.asked[0].actions, []);
  });

  it('an unreadable actor goes ahead secret first and warns that the check could not be made', async () => {
    const p = new ScriptedPrompter();
    const plan = planCreateWorkerApp(
      { known: false, held: [], unknownReason: "PingOne refused to show the worker's own role assignments" },
      ENV,
      [ida]
    );
    assert.deepEqual(await decideCreate(p, plan, 1), { order: 'secret-then-roles', withoutRoles: false });
    assert.match(p.messages('warn')[0], /^Could not check what the connection's worker may do \(PingOne refused/);
  });

  it('Assign Role: refused stops; a role that hides the secret offers Copy first; Escape assigns nothing', async () => {
    let copied = 0;
    const copy = async () => void copied++;
    const refused = new ScriptedPrompter();
    assert.equal(
      await decideAssignRole(
        refused,
        { allowed: false, hidesSecret: false, checked: true, message: "The connection's worker cannot assign Identity Data Admin: ask…" },
        copy
      ),
      false
    );
    assert.deepEqual(refused.messages('error'), ["The connection's worker cannot assign Identity Data Admin: ask…"]);

    const hides = { allowed: true, hidesSecret: true, checked: true, message: 'After Identity Data Admin is assigned, …' };
    assert.equal(await decideAssignRole(new ScriptedPrompter([{ message: COPY_SECRET_FIRST }]), hides, copy), true);
    assert.equal(copied, 1);
    assert.equal(await decideAssignRole(new ScriptedPrompter([{ message: ASSIGN_ANYWAY }]), hides, copy), true);
    assert.equal(await decideAssignRole(new ScriptedPrompter(), hides, copy), false);
    assert.equal(copied, 1);

    const fine = new ScriptedPrompter();
    assert.equal(await decideAssignRole(fine, { allowed: true, hidesSecret: false, checked: true }, copy), true);
    assert.deepEqual(fine.asked, []);
  });
});
