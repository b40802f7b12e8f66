import { compareRoles } from '../ui/ordering';
import type { CommandDefinition } from './registry';
import type { RoleScopeType, Role, Population } from '../pingone/models';
import { IDENTITY_DATA_ADMIN } from '../pingone/models';
import { listPopulations } from '../pingone/populations';
import { createApplicationRoleAssignment, describeAssignment } from '../pingone/roleAssignments';
import { isRoleApplicableTo, isRoleAssignableToWorker, listBuiltInRoles } from '../pingone/roles';
import { appTargetOf, resolveApp } from '../flows/appContext';
import { answered } from '../ui/prompter';

/** Scopes a worker's role can have here: this environment, or one of its populations. */
const SCOPES: Array<{ type: RoleScopeType; label: string }> = [
  { type: 'ENVIRONMENT', label: 'This environment' },
  { type: 'POPULATION', label: 'One population of this environment' },
];

export const assignRoleCommand: CommandDefinition = {
  id: 'pingone.workerApp.assignRole',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Assign Role', { fresh: false });
    const envId = ctx.target.environmentId;
    const appName = ctx.app.name;
    const prompter = services.prompter.get();
    const role = answered(
      await prompter.pick<Role>({
        title: `Assign a role to "${appName}"`,
        placeholder: 'Pick a role (PingDataSync needs Identity Data Admin)',
        items: listBuiltInRoles(ctx.client).then((roles) =>
          roles
            .filter((r) => isRoleAssignableToWorker(r) && SCOPES.some((s) => isRoleApplicableTo(r, s.type)))
            .sort(compareRoles)
            .map((r) => ({ label: r.name, description: (r.applicableTo ?? []).join(', ').toLowerCase(), detail: r.description, value: r }))
        ),
        selected: (r) => r.name === IDENTITY_DATA_ADMIN,
      })
    );
    const scopes = SCOPES.filter((s) => isRoleApplicableTo(role, s.type));
    const scopeType =
      scopes.length === 1
        ? scopes[0].type
        : answered(
            await prompter.pick<RoleScopeType>({
              title: `Scope of ${role.name}`,
              items: scopes.map((s) => ({ label: s.label, description: s.type.toLowerCase(), value: s.type })),
            })
          );
    let scopeId = envId;
    let scopeName: string | undefined;
    if (scopeType === 'POPULATION') {
      const population = answered(
        await prompter.pick<Population>({
          title: `Population for ${role.name}`,
          items: listPopulations(ctx.client, envId).then((ps) => ps.map((p) => ({ label: p.name, description: p.default ? 'default' : undefined, detail: p.id, value: p }))),
        })
      );
      scopeId = population.id;
      scopeName = population.name;
    }
    const spec = { roleId: role.id, roleName: role.name, scopeType, scopeId };
    await prompter.progress({ title: `Assigning ${role.name}…`, location: 'window' }, (_r, signal) =>
      createApplicationRoleAssignment(ctx.client, envId, ctx.target.applicationId, spec, { signal, appName })
    );
    const described = scopeName ? `${role.name} at population "${scopeName}"` : describeAssignment(spec);
    services.logger.info(`Assigned ${described} to "${appName}" (${ctx.target.applicationId}).`);
    prompter.status(`${described} assigned to "${appName}"`);
    await services.explorer.appChanged(appTargetOf(ctx));
  },
};
