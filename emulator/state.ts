import type { Permission, ScopeType } from './roleCatalogue';

export interface Organization {
  id: string;
  name: string;
}

export interface Environment {
  id: string;
  name: string;
  description?: string;
  type: 'PRODUCTION' | 'SANDBOX';
  region: string;
  status: 'ACTIVE' | 'DELETE_PENDING';
  licenseId: string;
  organizationId: string;
  createdAt: string;
  updatedAt: string;
  /** Epoch ms before which the environment is not yet "consistent" (fault: eventual consistency). */
  visibleAt: number;
}

/** Application: server-owned metadata plus `body`, the client-owned fields (kept as sent, unknown ones too). */
export interface Application {
  id: string;
  environmentId: string;
  createdAt: string;
  updatedAt: string;
  visibleAt: number;
  /** The hidden PINGFEDERATE_SSO system app is never returned (PingOne Platform API, Applications). */
  hidden?: boolean;
  body: Record<string, unknown>;
}

export interface ApplicationSecret {
  current: string;
  lastUsed?: string;
  previous?: { secret: string; expiresAt: number; lastUsed?: string };
}

export interface Role {
  id: string;
  name: string;
  description: string;
  applicableTo: ScopeType[];
  permissions: Permission[];
  canAssign: string[];
  assignableToWorkers: boolean;
  type: 'PLATFORM' | 'CUSTOM';
  /** Custom roles belong to one environment. */
  environmentId?: string;
}

export interface RoleScope {
  type: ScopeType;
  id: string;
}

export interface RoleAssignment {
  id: string;
  /** The application (actor) holding the role. */
  applicationId: string;
  environmentId: string;
  roleId: string;
  scope: RoleScope;
  createdAt: string;
  /** Epoch ms from which the assignment counts for authorization (fault: role-change delay). */
  effectiveAt: number;
}

export interface Population {
  id: string;
  environmentId: string;
  name: string;
  description?: string;
  default: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: string;
  environmentId: string;
  populationId: string;
  username: string;
  email?: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** Other attributes the client sent (name, …), echoed back. */
  extra: Record<string, unknown>;
}

export interface Image {
  id: string;
  environmentId: string;
  format: 'png' | 'jpg' | 'gif';
  mimeType: string;
  width: number;
  height: number;
  bytes: Buffer;
  createdAt: string;
}

export interface IssuedToken {
  clientId: string;
  environmentId: string;
  expiresAt: number;
}

/**
 * The in-memory model. Maps are keyed by id and can be inspected by tests;
 * add or remove applications through the methods so the per-environment index stays right.
 */
export class EmulatorState {
  organization: Organization = { id: '', name: '' };
  readonly environments = new Map<string, Environment>();
  readonly applications = new Map<string, Application>();
  readonly secrets = new Map<string, ApplicationSecret>();
  readonly roles = new Map<string, Role>();
  readonly roleAssignments = new Map<string, RoleAssignment>();
  readonly populations = new Map<string, Population>();
  readonly users = new Map<string, User>();
  readonly images = new Map<string, Image>();
  readonly tokens = new Map<string, IssuedToken>();

  private readonly applicationIndex = new Map<string, Set<string>>();
  /** Environments whose apps/users are generated on first use (the `large` seed). */
  private readonly lazyFillers = new Map<string, () => void>();

  deferEnvironmentContent(environmentId: string, fill: () => void): void {
    this.lazyFillers.set(environmentId, fill);
  }

  /** Generates a lazily seeded environment's content the first time anything looks inside it. */
  materialize(environmentId: string): void {
    const fill = this.lazyFillers.get(environmentId);
    if (!fill) return;
    this.lazyFillers.delete(environmentId);
    fill();
  }

  materializeAll(): void {
    for (const id of [...this.lazyFillers.keys()]) this.materialize(id);
  }

  addApplication(app: Application, secret?: string): void {
    this.applications.set(app.id, app);
    let ids = this.applicationIndex.get(app.environmentId);
    if (!ids) this.applicationIndex.set(app.environmentId, (ids = new Set()));
    ids.add(app.id);
    if (secret !== undefined) this.secrets.set(app.id, { current: secret });
  }

  removeApplication(appId: string): void {
    const app = this.applications.get(appId);
    if (!app) return;
    this.applications.delete(appId);
    this.applicationIndex.get(app.environmentId)?.delete(appId);
    this.secrets.delete(appId);
    for (const [id, a] of this.roleAssignments) if (a.applicationId === appId) this.roleAssignments.delete(id);
    for (const [token, t] of this.tokens) if (t.clientId === appId) this.tokens.delete(token);
  }

  /** Apps of one environment in creation order, hidden system apps included. */
  applicationsIn(environmentId: string): Application[] {
    this.materialize(environmentId);
    const ids = this.applicationIndex.get(environmentId);
    if (!ids) return [];
    const out: Application[] = [];
    for (const id of ids) {
      const app = this.applications.get(id);
      if (app && app.environmentId === environmentId) out.push(app);
    }
    return out;
  }

  populationsIn(environmentId: string): Population[] {
    this.materialize(environmentId);
    return [...this.populations.values()].filter((p) => p.environmentId === environmentId);
  }

  usersIn(environmentId: string): User[] {
    this.materialize(environmentId);
    return [...this.users.values()].filter((u) => u.environmentId === environmentId);
  }

  assignmentsOf(applicationId: string): RoleAssignment[] {
    return [...this.roleAssignments.values()].filter((a) => a.applicationId === applicationId);
  }

  findRoleByName(name: string, environmentId?: string): Role | undefined {
    for (const role of this.roles.values()) {
      if (role.name === name && (role.type === 'PLATFORM' || role.environmentId === environmentId)) return role;
    }
    return undefined;
  }

  summary(): Record<string, number> {
    return {
      environments: this.environments.size,
      applications: this.applications.size,
      roles: this.roles.size,
      roleAssignments: this.roleAssignments.size,
      populations: this.populations.size,
      users: this.users.size,
      images: this.images.size,
      activeTokens: [...this.tokens.values()].filter((t) => t.expiresAt > Date.now()).length,
    };
  }
}
