/**
 * Reads what the connection's own worker may do: its client ID is an
 * application in the connection's environment, so its role assignments come
 * from that app's role assignments endpoint (Application Role Assignments docs).
 */
import type { PingOneClient } from './client';
import { isPingOneError } from './errors';
import type { Role } from './models';
import type { ActorPermissions } from './permissions';
import { heldRolesFrom } from './permissions';
import { listApplicationRoleAssignments } from './roleAssignments';
import { listBuiltInRoles } from './roles';

/**
 * Never throws for a refusal or a failure to read: the result then says the
 * check could not be made, and callers go ahead (cancellation still throws).
 * `catalogue` saves the `GET /roles` call when the caller has the roles.
 */
export async function readActorPermissions(
  client: PingOneClient,
  options: { signal?: AbortSignal; catalogue?: Role[] } = {}
): Promise<ActorPermissions> {
  const { environmentId, clientId } = client.connection;
  try {
    const [assignments, catalogue] = await Promise.all([
      listApplicationRoleAssignments(client, environmentId, clientId, { signal: options.signal }),
      options.catalogue ?? listBuiltInRoles(client, { signal: options.signal }),
    ]);
    return { known: true, held: heldRolesFrom(assignments, catalogue) };
  } catch (error) {
    if (isPingOneError(error, 'cancelled')) throw error;
    const reason = isPingOneError(error, 'forbidden')
      ? "PingOne refused to show the worker's own role assignments"
      : `reading the worker's own role assignments failed: ${error instanceof Error ? error.message : String(error)}`;
    return { known: false, held: [], unknownReason: reason };
  }
}
