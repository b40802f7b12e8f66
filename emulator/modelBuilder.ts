import { randomUUID } from 'node:crypto';
import { newSecret } from './ids';
import { BUILT_IN_ROLES, type ScopeType } from './roleCatalogue';
import type { Application, EmulatorState, Environment, Population, Role, RoleAssignment, User } from './state';

/** Creates model objects with consistent IDs and timestamps; used by seeds and by the test helpers. */
export class ModelBuilder {
  constructor(
    readonly state: EmulatorState,
    readonly newId: () => string,
    private readonly timestamp: () => string = () => new Date().toISOString()
  ) {}

  /** Built-in role IDs are random per run: PingOne says never hard-code them (PingOne Platform API, Roles). */
  installBuiltInRoles(): void {
    for (const def of BUILT_IN_ROLES) {
      const role: Role = {
        id: randomUUID(),
        type: 'PLATFORM',
        ...def,
        applicableTo: [...def.applicableTo],
        permissions: [...def.permissions],
        canAssign: [...def.canAssign],
      };
      this.state.roles.set(role.id, role);
    }
  }

  customRole(environmentId: string, name: string, description: string, applicableTo: ScopeType[], permissions: Role['permissions']): Role {
    const role: Role = {
      id: randomUUID(),
      name,
      description,
      applicableTo,
      permissions,
      canAssign: [],
      assignableToWorkers: true,
      type: 'CUSTOM',
      environmentId,
    };
    this.state.roles.set(role.id, role);
    return role;
  }

  environment(input: { name: string; type: Environment['type']; region?: string; description?: string; visibleAt?: number }): Environment {
    const stamp = this.timestamp();
    const env: Environment = {
      id: this.newId(),
      name: input.name,
      description: input.description,
      type: input.type,
      region: input.region ?? 'NA',
      status: 'ACTIVE',
      licenseId: this.licenseId(),
      organizationId: this.state.organization.id,
      createdAt: stamp,
      updatedAt: stamp,
      visibleAt: input.visibleAt ?? 0,
    };
    this.state.environments.set(env.id, env);
    return env;
  }

  population(environmentId: string, name: string, isDefault = false, description?: string): Population {
    const stamp = this.timestamp();
    const population: Population = {
      id: this.newId(),
      environmentId,
      name,
      description,
      default: isDefault,
      createdAt: stamp,
      updatedAt: stamp,
    };
    this.state.populations.set(population.id, population);
    return population;
  }

  /** Adds an app; OIDC apps get a client secret. Returns the app and its secret. */
  application(
    environmentId: string,
    body: Record<string, unknown>,
    extra: { hidden?: boolean; visibleAt?: number } = {}
  ): { app: Application; secret?: string } {
    const stamp = this.timestamp();
    // As the create route does: every OIDC app has pkceEnforcement (Terraform's default, OPTIONAL).
    if (body.protocol === 'OPENID_CONNECT' && body.pkceEnforcement === undefined) body = { ...body, pkceEnforcement: 'OPTIONAL' };
    const app: Application = {
      id: this.newId(),
      environmentId,
      createdAt: stamp,
      updatedAt: stamp,
      visibleAt: extra.visibleAt ?? 0,
      hidden: extra.hidden,
      body,
    };
    const secret = body.protocol === 'OPENID_CONNECT' ? newSecret() : undefined;
    this.state.addApplication(app, secret);
    return { app, secret };
  }

  worker(environmentId: string, name: string, fields: Record<string, unknown> = {}): { app: Application; secret: string } {
    const { app, secret } = this.application(environmentId, {
      name,
      enabled: true,
      type: 'WORKER',
      protocol: 'OPENID_CONNECT',
      grantTypes: ['CLIENT_CREDENTIALS'],
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
      ...fields,
    });
    return { app, secret: secret as string };
  }

  assign(applicationId: string, roleName: string, scope: { type: ScopeType; id: string }, effectiveAt = 0): RoleAssignment {
    const app = this.state.applications.get(applicationId);
    const role = this.state.findRoleByName(roleName, app?.environmentId);
    if (!app || !role) throw new Error(`cannot assign ${roleName} to ${applicationId}`);
    const assignment: RoleAssignment = {
      id: this.newId(),
      applicationId,
      environmentId: app.environmentId,
      roleId: role.id,
      scope: { ...scope },
      createdAt: this.timestamp(),
      effectiveAt,
    };
    this.state.roleAssignments.set(assignment.id, assignment);
    return assignment;
  }

  user(environmentId: string, populationId: string, username: string, email?: string, extra: Record<string, unknown> = {}): User {
    const stamp = this.timestamp();
    const user: User = {
      id: this.newId(),
      environmentId,
      populationId,
      username,
      email,
      enabled: true,
      createdAt: stamp,
      updatedAt: stamp,
      extra,
    };
    this.state.users.set(user.id, user);
    return user;
  }

  private license?: string;
  private licenseId(): string {
    this.license ??= this.newId();
    return this.license;
  }
}
