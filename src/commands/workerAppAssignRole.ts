import { askRoleAssignment } from '../flows/assignRole';
import { appTargetOf, resolveApp } from '../flows/appContext';
import { listPopulations } from '../pingone/populations';
import { createApplicationRoleAssignment, describeAssignment } from '../pingone/roleAssignments';
import { listBuiltInRoles } from '../pingone/roles';
import { readApplicationSecret } from '../pingone/secrets';
import { checkAssignRole } from '../pingone/workerApps';
import { copyToClipboard } from '../flows/copy';
import { decideAssignRole } from '../flows/permissionChecks';
import type { CommandDefinition } from './registry';

export const assignRoleCommand: CommandDefinition = {
  id: 'pingone.workerApp.assignRole',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Assign Role', { fresh: false });
    const envId = ctx.target.environmentId;
    const appName = ctx.app.name;
    const prompter = services.prompter.get();
    const { role, scopeType, scopeId, scopeName } = await askRoleAssignment({
      prompter,
      appName,
      environmentId: envId,
      roles: listBuiltInRoles(ctx.client),
      populations: () => listPopulations(ctx.client, envId),
    });
    const spec = { roleId: role.id, roleName: role.name, scopeType, scopeId };
    const check = await prompter.progress(
      { title: "Checking what the connection's worker may assign…", location: 'window' },
      (_r, signal) => checkAssignRole(ctx.client, envId, spec, { signal })
    );
    const copySecret = async () => {
      const secret = await readApplicationSecret(ctx.client, envId, ctx.target.applicationId, { appName });
      await copyToClipboard(services, secret.secret, `Client secret of "${appName}"`);
    };
    if (!(await decideAssignRole(prompter, check, copySecret))) return;
    await prompter.progress({ title: `Assigning ${role.name}…`, location: 'window' }, (_r, signal) =>
      createApplicationRoleAssignment(ctx.client, envId, ctx.target.applicationId, spec, { signal, appName })
    );
    const described = scopeName ? `${role.name} at population "${scopeName}"` : describeAssignment(spec);
    services.logger.info(`Assigned ${described} to "${appName}" (${ctx.target.applicationId}).`);
    prompter.status(`${described} assigned to "${appName}"`);
    await services.explorer.appChanged(appTargetOf(ctx));
  },
};
