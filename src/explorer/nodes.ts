import type { Connection } from '../pingone/connection';
import type { Application, Environment, Role, RoleAssignment } from '../pingone/models';
import type { PagedList } from './pagedList';
import type { PermissionLineNode, PermissionsNode } from './permissionsNode';
import type { Readiness } from './readiness';
import type { AppTarget, ConnectionTarget, DetailKind, DetailTarget, EnvironmentTarget } from './targets';

/**
 * The explorer's tree model: plain objects, no TreeItems. Connection,
 * environment, app and detail nodes implement the command target shapes, so
 * a command run from the tree receives its target as the first argument.
 * Tree ids are paths, unique across connections.
 */
export class ConnectionNode implements ConnectionTarget {
  readonly kind = 'connection';
  readonly parent = undefined;
  readonly children = new Map<string, EnvironmentNode>();
  environments!: PagedList<Environment>;
  permissions!: PermissionsNode;

  constructor(public connection: Connection) {}

  get connectionId(): string {
    return this.connection.id;
  }

  get id(): string {
    return `c/${this.connection.id}`;
  }
}

export class EnvironmentNode implements EnvironmentTarget {
  readonly kind = 'environment';
  readonly children = new Map<string, AppNode>();
  applications!: PagedList<Application>;

  constructor(
    readonly parent: ConnectionNode,
    public environment: Environment
  ) {}

  get connectionId(): string {
    return this.parent.connectionId;
  }

  get environmentId(): string {
    return this.environment.id;
  }

  get id(): string {
    return `${this.parent.id}/e/${this.environment.id}`;
  }
}

/** What an app's detail rows need beyond the app itself: one request for role assignments (+ the cached role catalogue). */
export interface AppFacts {
  id: 'facts';
  assignments?: RoleAssignment[];
  roles: Role[];
}

export class AppNode implements AppTarget {
  readonly kind = 'app';
  facts!: PagedList<AppFacts>;

  constructor(
    readonly parent: EnvironmentNode,
    public application: Application
  ) {}

  get connectionId(): string {
    return this.parent.connectionId;
  }

  get environmentId(): string {
    return this.parent.environmentId;
  }

  get applicationId(): string {
    return this.application.id;
  }

  get id(): string {
    return `${this.parent.id}/a/${this.application.id}`;
  }
}

export class DetailNode implements DetailTarget {
  readonly kind = 'detail';

  constructor(
    readonly parent: AppNode,
    readonly detail: DetailKind,
    readonly label: string,
    readonly value: string,
    readonly extra: { roleAssignmentId?: string; readiness?: Readiness; tooltip?: string } = {}
  ) {}

  get connectionId(): string {
    return this.parent.connectionId;
  }
  get environmentId(): string {
    return this.parent.environmentId;
  }
  get applicationId(): string {
    return this.parent.applicationId;
  }
  get roleAssignmentId(): string | undefined {
    return this.extra.roleAssignmentId;
  }
  get application(): Application {
    return this.parent.application;
  }
  get id(): string {
    return `${this.parent.id}/d/${this.detail}${this.extra.roleAssignmentId ? `/${this.extra.roleAssignmentId}` : ''}`;
  }
}

export type ParentNode = ConnectionNode | EnvironmentNode | AppNode | PermissionsNode;

/** "Load more…" under a paged list (no connectionId: it is not a command target). */
export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(
    readonly parent: ConnectionNode | EnvironmentNode,
    readonly loading: boolean,
    readonly loaded: number,
    readonly total?: number
  ) {}
  get id(): string {
    return `${this.parent.id}/more`;
  }
}

/** A failed load shown in place (Azure Resources' pattern) with a retry action. */
export class ErrorNode {
  readonly kind = 'error';
  constructor(
    readonly parent: ParentNode,
    readonly message: string,
    readonly retry: () => void,
    /** A failed "Load more" keeps the loaded items; the error takes the Load more row's place. */
    readonly during: 'load' | 'loadMore' = 'load'
  ) {}
  get id(): string {
    return `${this.parent.id}/error`;
  }
}

/** A hint row (an empty list, a filter that hides everything). */
export class InfoNode {
  readonly kind = 'info';
  constructor(
    readonly parent: ParentNode,
    readonly label: string,
    readonly tooltip?: string
  ) {}
  get id(): string {
    return `${this.parent.id}/info`;
  }
}

export type ExplorerNode =
  ConnectionNode | EnvironmentNode | AppNode | DetailNode | LoadMoreNode | ErrorNode | InfoNode | PermissionsNode | PermissionLineNode;
