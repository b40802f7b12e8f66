import type { PingOneClient } from '../pingone/client';
import { readActorPermissions } from '../pingone/actorPermissions';
import { describeActorPermissions } from '../pingone/permissions';
import type { ConnectionNode } from './nodes';
import type { PagedList } from './pagedList';

/** The lines, loaded once when the row is first expanded. */
export interface PermissionFacts {
  id: 'permissions';
  lines: string[];
  checked: boolean;
}

/**
 * "Worker permissions" under a connection: what the connection's own worker
 * may do (its role assignments and scopes, what it may assign and whose
 * secret it may read), so a user sees why a command is refused. Labels hold
 * role names, scopes and environment names only, never a secret.
 */
export class PermissionsNode {
  readonly kind = 'permissions';
  facts!: PagedList<PermissionFacts>;

  constructor(readonly parent: ConnectionNode) {}

  get connectionId(): string {
    return this.parent.connectionId;
  }

  get id(): string {
    return `${this.parent.id}/permissions`;
  }
}

/** One line of what the worker may do. */
export class PermissionLineNode {
  readonly kind = 'permissionLine';
  constructor(
    readonly parent: PermissionsNode,
    readonly index: number,
    readonly label: string,
    readonly warning: boolean
  ) {}

  get id(): string {
    return `${this.parent.id}/${this.index}`;
  }
}

/** Reads the worker's roles (never throws for a refusal: the line then says the check could not be made). */
export async function loadPermissionFacts(
  client: PingOneClient,
  environmentNames: Map<string, string>,
  signal: AbortSignal
): Promise<PermissionFacts> {
  const actor = await readActorPermissions(client, { signal });
  return { id: 'permissions', lines: describeActorPermissions(actor, environmentNames), checked: actor.known };
}
