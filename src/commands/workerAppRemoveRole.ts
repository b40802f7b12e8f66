import type { CommandDefinition } from './registry';
import type { RoleAssignment } from '../pingone/models';
import { deleteApplicationRoleAssignment, listApplicationRoleAssignments } from '../pingone/roleAssignments';
import { listBuiltInRoles } from '../pingone/roles';
import { isTarget } from '../explorer/targets';
import { appTargetOf, resolveApp } from '../flows/appContext';
import { answered } from '../ui/prompter';

/** Remove Role Assignment…: from a role row of the tree, or picked from the app's assignments. */
export const removeRoleCommand: CommandDefinition = {
  id: 'pingone.workerApp.removeRole',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Remove Role Assignment', { fresh: false });
    const envId = ctx.target.environmentId;
    const appId = ctx.target.applicationId;
    const prompter = services.prompter.get();
    const fromRow = isTarget(arg) && arg.kind === 'detail' ? arg.roleAssignmentId : undefined;
    const [assignments, roles] = await Promise.all([
      listApplicationRoleAssignments(ctx.client, envId, appId),
      listBuiltInRoles(ctx.client).catch(() => []),
    ]);
    const roleName = (a: RoleAssignment) => roles.find((r) => r.id === a.role?.id)?.name ?? `role ${a.role?.id}`;
    const describe = (a: RoleAssignment) =>
      `${roleName(a)} at ${String(a.scope?.type ?? '').toLowerCase()} scope${a.scope?.id === envId ? '' : ` ${a.scope?.id}`}`;
    let assignment: RoleAssignment;
    if (fromRow) {
      const found = assignments.find((a) => a.id === fromRow);
      if (!found) throw new Error(`That role assignment no longer exists on "${ctx.app.name}". Refresh the PingOne explorer.`);
      assignment = found;
    } else {
      if (assignments.length === 0) {
        await prompter.info(`"${ctx.app.name}" has no role assignments.`);
        return;
      }
      assignment = answered(
        await prompter.pick<RoleAssignment>({
          title: `Remove a role assignment from "${ctx.app.name}"`,
          items: assignments.map((a) => ({
            label: roleName(a),
            description: describe(a),
            detail: a.readOnly ? 'read-only: this connection cannot remove it' : undefined,
            value: a,
          })),
        })
      );
    }
    const confirm = await prompter.warn(`Remove ${describe(assignment)} from "${ctx.app.name}"?`, { modal: true }, 'Remove');
    if (confirm !== 'Remove') return;
    await prompter.progress({ title: 'Removing the role assignment…', location: 'window' }, (_r, signal) =>
      deleteApplicationRoleAssignment(ctx.client, envId, appId, assignment.id, { signal, description: describe(assignment) })
    );
    services.logger.info(`Removed ${describe(assignment)} from "${ctx.app.name}" (${appId}).`);
    prompter.status(`Removed ${roleName(assignment)} from "${ctx.app.name}"`);
    await services.explorer.appChanged(appTargetOf(ctx));
  },
};
