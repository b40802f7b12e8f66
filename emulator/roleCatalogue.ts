/**
 * Built-in PingOne admin roles (PingOne Platform API, Roles). Names follow `EnumRoleName` in the PingOne Management OpenAPI spec.
 * Permissions use PingOne-style IDs; the emulator authorizes every endpoint by
 * these permission IDs, so a custom role with the same IDs works the same way.
 */
export type ScopeType = 'ORGANIZATION' | 'ENVIRONMENT' | 'POPULATION' | 'APPLICATION';

export const P = {
  readEnvironment: 'orgmgt:read:environment',
  updateEnvironment: 'orgmgt:update:environment',
  createEnvironment: 'orgmgt:create:environment',
  readOrganization: 'orgmgt:read:organization',
  readApplication: 'applications:read:application',
  createApplication: 'applications:create:application',
  updateApplication: 'applications:update:application',
  deleteApplication: 'applications:delete:application',
  readSecret: 'applications:read:secret',
  updateSecret: 'applications:update:secret',
  deleteSecret: 'applications:delete:secret',
  readRole: 'roles:read:role',
  readRoleAssignment: 'assignments:read:roleAssignment',
  createRoleAssignment: 'assignments:create:roleAssignment',
  deleteRoleAssignment: 'assignments:delete:roleAssignment',
  readPopulation: 'directory:read:population',
  createPopulation: 'directory:create:population',
  readUser: 'directory:read:user',
  createUser: 'directory:create:user',
  deleteUser: 'directory:delete:user',
  readImage: 'images:read:image',
  createImage: 'images:create:image',
  deleteImage: 'images:delete:image',
} as const;
export type Permission = (typeof P)[keyof typeof P];

export interface BuiltInRoleDefinition {
  name: string;
  description: string;
  applicableTo: ScopeType[];
  permissions: Permission[];
  /** Names of roles an actor holding this role may assign (PingOne Platform API, Roles "Who can assign"). */
  canAssign: string[];
  /** DaVinci roles cannot be given to a worker (PingOne Platform API, Roles). */
  assignableToWorkers: boolean;
}

const APP_ADMIN: Permission[] = [
  P.readApplication,
  P.createApplication,
  P.updateApplication,
  P.deleteApplication,
  P.readSecret,
  P.updateSecret,
  P.deleteSecret,
  P.readImage,
  P.createImage,
  P.deleteImage,
];
const IDENTITY_ROLES = ['Identity Data Admin', 'Identity Data Read Only', 'Help Desk Admin'];

function simple(name: string, description: string, applicableTo: ScopeType[], extra: Permission[] = []): BuiltInRoleDefinition {
  return {
    name,
    description,
    applicableTo,
    permissions: [P.readEnvironment, P.readRole, ...extra],
    canAssign: [],
    assignableToWorkers: true,
  };
}

export const BUILT_IN_ROLES: BuiltInRoleDefinition[] = [
  {
    name: 'Organization Admin',
    description: 'Manage the organization and see all of its environments.',
    applicableTo: ['ORGANIZATION'],
    permissions: [
      P.readOrganization,
      P.readEnvironment,
      P.createEnvironment,
      P.readRole,
      P.readRoleAssignment,
      P.createRoleAssignment,
      P.deleteRoleAssignment,
    ],
    canAssign: ['Environment Admin'],
    assignableToWorkers: true,
  },
  {
    name: 'Environment Admin',
    description: 'Manage environments, applications, populations and configuration.',
    applicableTo: ['ORGANIZATION', 'ENVIRONMENT'],
    // Users are NOT included: whether "Environment Admin alone may read users" is UNCONFIRMED (PingOne Platform API, Users).
    permissions: [
      P.readEnvironment,
      P.updateEnvironment,
      P.readRole,
      ...APP_ADMIN,
      P.readRoleAssignment,
      P.createRoleAssignment,
      P.deleteRoleAssignment,
      P.readPopulation,
      P.createPopulation,
    ],
    canAssign: [], // filled below: every role except Organization Admin
    assignableToWorkers: true,
  },
  {
    name: 'Identity Data Admin',
    description: 'Manage users, groups and populations.',
    applicableTo: ['ENVIRONMENT', 'POPULATION'],
    permissions: [
      P.readEnvironment,
      P.readRole,
      P.readUser,
      P.createUser,
      P.deleteUser,
      P.readPopulation,
      P.createPopulation,
      P.readRoleAssignment,
      P.createRoleAssignment,
      P.deleteRoleAssignment,
    ],
    canAssign: IDENTITY_ROLES,
    assignableToWorkers: true,
  },
  simple('Identity Data Read Only', 'Read users, groups and populations.', ['ENVIRONMENT', 'POPULATION'], [P.readUser, P.readPopulation]),
  {
    name: 'Client Application Developer',
    description: 'Create and manage applications.',
    applicableTo: ['ENVIRONMENT'],
    permissions: [P.readEnvironment, P.readRole, ...APP_ADMIN, P.readRoleAssignment],
    canAssign: [],
    assignableToWorkers: true,
  },
  {
    name: 'Application Owner',
    description: 'Manage one application.',
    // ENVIRONMENT too: PingOne accepts it there (Terraform acceptance test TestAccRoleAssignmentApplication_Environment).
    applicableTo: ['ENVIRONMENT', 'APPLICATION'],
    permissions: [P.readApplication, P.updateApplication, P.readSecret, P.updateSecret, P.deleteSecret, P.readRoleAssignment],
    canAssign: [],
    assignableToWorkers: true,
  },
  simple(
    'Configuration Read Only',
    'Read the configuration of an environment.',
    ['ORGANIZATION', 'ENVIRONMENT'],
    [P.readApplication, P.readPopulation, P.readRoleAssignment, P.readImage]
  ),
  simple('Custom Roles Admin', 'Manage custom roles.', ['ORGANIZATION', 'ENVIRONMENT']),
  { ...simple('DaVinci Admin', 'Manage DaVinci.', ['ENVIRONMENT']), assignableToWorkers: false },
  { ...simple('DaVinci Admin Read Only', 'Read DaVinci configuration.', ['ENVIRONMENT']), assignableToWorkers: false },
  simple('Help Desk Admin', 'Help users with their accounts.', ['ENVIRONMENT', 'POPULATION'], [P.readUser, P.readPopulation]),
  simple('Authorize Gateway Policy Evaluator', 'Evaluate PingOne Authorize policies.', ['ENVIRONMENT']),
  simple('Advanced Identity Cloud Super Admin', 'Administer Advanced Identity Cloud.', ['ENVIRONMENT']),
  simple('Advanced Identity Cloud Tenant Admin', 'Administer an Advanced Identity Cloud tenant.', ['ENVIRONMENT']),
  simple('PingFederate Administrator', 'Administer PingFederate.', ['ENVIRONMENT']),
  simple('PingFederate Auditor', 'Audit PingFederate.', ['ENVIRONMENT']),
  simple('PingFederate Crypto Administrator', 'Administer PingFederate keys.', ['ENVIRONMENT']),
  simple('PingFederate Expression Administrator', 'Administer PingFederate expressions.', ['ENVIRONMENT']),
  simple('PingFederate User Administrator', 'Administer PingFederate users.', ['ENVIRONMENT']),
];

const environmentAdmin = BUILT_IN_ROLES.find((r) => r.name === 'Environment Admin');
if (environmentAdmin) {
  environmentAdmin.canAssign = BUILT_IN_ROLES.map((r) => r.name).filter((n) => n !== 'Organization Admin');
}
