import { IDENTITY_DATA_ADMIN, type Population, type Role, type RoleScopeType } from '../pingone/models';
import { isRoleApplicableTo, isRoleAssignableToWorker } from '../pingone/roles';
import { compareRoles } from '../ui/ordering';
import { type Prompter, answered } from '../ui/prompter';

/** Scopes a worker's role can have here: this environment, or one of its populations. */
const SCOPES: Array<{ type: RoleScopeType; label: string }> = [
  { type: 'ENVIRONMENT', label: 'This environment' },
  { type: 'POPULATION', label: 'One population of this environment' },
];

export interface RoleAssignmentChoice {
  role: Role;
  scopeType: RoleScopeType;
  scopeId: string;
  /** The population's name, when the scope is one. */
  scopeName?: string;
}

export interface AssignRoleDeps {
  prompter: Prompter;
  appName: string;
  environmentId: string;
  roles: Promise<Role[]>;
  /** Asked only when a population scope is chosen. */
  populations: () => Promise<Population[]>;
}

/**
 * Assign Role's questions: the role (Identity Data Admin first and
 * pre-selected), its scope when it can have more than one, and the
 * population for a population scope. Throws UserCancelled on Escape.
 */
export async function askRoleAssignment(deps: AssignRoleDeps): Promise<RoleAssignmentChoice> {
  const { prompter } = deps;
  const role = answered(
    await prompter.pick<Role>({
      title: `Assign a role to "${deps.appName}"`,
      placeholder: 'Pick a role (PingDataSync needs Identity Data Admin)',
      items: deps.roles.then((roles) =>
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
  if (scopeType !== 'POPULATION') return { role, scopeType, scopeId: deps.environmentId };
  const population = answered(
    await prompter.pick<Population>({
      title: `Population for ${role.name}`,
      items: deps
        .populations()
        .then((ps) => ps.map((p) => ({ label: p.name, description: p.default ? 'default' : undefined, detail: p.id, value: p }))),
    })
  );
  return { role, scopeType, scopeId: population.id, scopeName: population.name };
}
