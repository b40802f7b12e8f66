import type { EmulatorCore } from './context';
import type { Application, Environment, Image, Population, Role, RoleAssignment, User } from './state';

/** JSON shapes the API returns (PingOne Platform API). `_links` are absolute URLs on the emulator's origin. */
const api = (core: EmulatorCore, path: string) => ({ href: `${core.baseUrl()}/v1${path}` });

export function renderEnvironment(core: EmulatorCore, env: Environment): Record<string, unknown> {
  return {
    _links: { self: api(core, `/environments/${env.id}`), organization: api(core, `/organizations/${env.organizationId}`) },
    id: env.id,
    name: env.name,
    ...(env.description !== undefined ? { description: env.description } : {}),
    type: env.type,
    region: env.region,
    status: env.status,
    license: { id: env.licenseId },
    organization: { id: env.organizationId },
    createdAt: env.createdAt,
    updatedAt: env.updatedAt,
  };
}

export function renderApplication(core: EmulatorCore, app: Application): Record<string, unknown> {
  const base = `/environments/${app.environmentId}/applications/${app.id}`;
  const links: Record<string, { href: string }> = {
    self: api(core, base),
    environment: api(core, `/environments/${app.environmentId}`),
  };
  if (app.body.protocol === 'OPENID_CONNECT') links.secret = api(core, `${base}/secret`);
  if (app.body.type === 'WORKER') links.roleAssignments = api(core, `${base}/roleAssignments`);
  return {
    _links: links,
    ...app.body,
    id: app.id,
    environment: { id: app.environmentId },
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}

export function renderRole(core: EmulatorCore, role: Role): Record<string, unknown> {
  return {
    _links: { self: api(core, role.type === 'CUSTOM' ? `/environments/${role.environmentId}/roles/${role.id}` : `/roles/${role.id}`) },
    id: role.id,
    name: role.name,
    description: role.description,
    applicableTo: role.applicableTo,
    permissions: role.permissions.map((id) => ({ id, classifier: id.split(':')[0], description: id })),
    type: role.type,
    ...(role.environmentId ? { environment: { id: role.environmentId } } : {}),
    // Required on custom roles by the spec's CustomAdminRole: who may assign it (Environment Admin may assign any role).
    ...(role.type === 'CUSTOM' ? { canBeAssignedBy: builtInIds(core, ['Environment Admin']).map((id) => ({ id })) } : {}),
  };
}

function builtInIds(core: EmulatorCore, names: string[]): string[] {
  return names.map((name) => core.state.findRoleByName(name)?.id).filter((id): id is string => id !== undefined);
}

export function renderRoleAssignment(core: EmulatorCore, assignment: RoleAssignment, readOnly: boolean): Record<string, unknown> {
  const base = `/environments/${assignment.environmentId}/applications/${assignment.applicationId}/roleAssignments`;
  return {
    _links: {
      self: api(core, `${base}/${assignment.id}`),
      application: api(core, `/environments/${assignment.environmentId}/applications/${assignment.applicationId}`),
    },
    id: assignment.id,
    role: { id: assignment.roleId },
    scope: { id: assignment.scope.id, type: assignment.scope.type },
    environment: { id: assignment.environmentId },
    application: { id: assignment.applicationId },
    readOnly,
    createdAt: assignment.createdAt,
  };
}

export function renderPopulation(core: EmulatorCore, population: Population, userCount: number): Record<string, unknown> {
  return {
    _links: { self: api(core, `/environments/${population.environmentId}/populations/${population.id}`) },
    id: population.id,
    environment: { id: population.environmentId },
    name: population.name,
    ...(population.description !== undefined ? { description: population.description } : {}),
    default: population.default,
    userCount,
    createdAt: population.createdAt,
    updatedAt: population.updatedAt,
  };
}

export function renderUser(core: EmulatorCore, user: User): Record<string, unknown> {
  return {
    _links: { self: api(core, `/environments/${user.environmentId}/users/${user.id}`) },
    ...user.extra,
    id: user.id,
    environment: { id: user.environmentId },
    population: { id: user.populationId },
    username: user.username,
    ...(user.email !== undefined ? { email: user.email } : {}),
    enabled: user.enabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function imageHref(core: EmulatorCore, image: Image): string {
  return `${core.baseUrl()}/assets/images/${image.id}/original.${image.format}`;
}

export function renderImage(core: EmulatorCore, image: Image): Record<string, unknown> {
  return {
    _links: { self: api(core, `/environments/${image.environmentId}/images/${image.id}`) },
    id: image.id,
    environment: { id: image.environmentId },
    createdAt: image.createdAt,
    targets: {
      original: { id: image.id, href: imageHref(core, image), type: image.format, width: image.width, height: image.height },
    },
  };
}
