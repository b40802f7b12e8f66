/**
 * The check before Create Worker App and Assign Role: reads the connection's
 * own worker's roles and the role catalogue (two GETs, the catalogue cached),
 * then plans with the pure rules in `../permissions`.
 */
import { readActorPermissions } from '../actorPermissions';
import type { PingOneClient } from '../client';
import { isPingOneError } from '../errors';
import type { Role } from '../models';
import type { ActorPermissions, CreateWorkerAppPlan, DesiredRole, HeldRole, RoleAssignmentCheck } from '../permissions';
import { checkRoleAssignment, explainSecretAccess, heldRolesFrom, permissionIdsOf, planCreateWorkerApp } from '../permissions';
import type { RoleAssignmentSpec } from '../roleAssignments';
import { listApplicationRoleAssignments } from '../roleAssignments';
import { listBuiltInRoles } from '../roles';
import type { RoleRequest } from './createWorkerApp';

/** Joins requested roles with the catalogue; roles it does not list are left to the workflow to report. */
export function desiredRolesFrom(requests: Array<RoleRequest | RoleAssignmentSpec>, catalogue: Role[]): DesiredRole[] {
  const out: DesiredRole[] = [];
  for (const request of requests) {
    const role = catalogue.find((r) => (request.roleId ? r.id === request.roleId : r.name === request.roleName));
    if (!role) continue;
    out.push({
      roleId: role.id,
      roleName: role.name,
      scopeType: request.scopeType,
      scopeId: request.scopeId,
      permissions: permissionIdsOf(role),
    });
  }
  return out;
}

async function actorAndCatalogue(client: PingOneClient, signal?: AbortSignal): Promise<{ actor: ActorPermissions; catalogue: Role[] }> {
  let catalogue: Role[];
  try {
    catalogue = await listBuiltInRoles(client, { signal });
  } catch (error) {
    if (isPingOneError(error, 'cancelled')) throw error;
    return { actor: { known: false, held: [], unknownReason: 'the PingOne role list could not be read' }, catalogue: [] };
  }
  return { actor: await readActorPermissions(client, { signal, catalogue }), catalogue };
}

/** Before Create Worker App: what cannot be done, the fix, and the step order. Never throws for a refusal. */
export async function checkCreateWorkerApp(
  client: PingOneClient,
  input: { environmentId: string; roles: RoleRequest[] },
  options: { signal?: AbortSignal } = {}
): Promise<CreateWorkerAppPlan & { actor: ActorPermissions }> {
  const { actor, catalogue } = await actorAndCatalogue(client, options.signal);
  return { ...planCreateWorkerApp(actor, input.environmentId, desiredRolesFrom(input.roles, catalogue)), actor };
}

/** Before Assign Role (and Configure for Sync's role step): may it, and does it hide the secret? */
export async function checkAssignRole(
  client: PingOneClient,
  environmentId: string,
  spec: RoleAssignmentSpec,
  options: { signal?: AbortSignal } = {}
): Promise<RoleAssignmentCheck & { checked: boolean; message?: string }> {
  const { actor, catalogue } = await actorAndCatalogue(client, options.signal);
  const [desired] = desiredRolesFrom([spec], catalogue);
  if (!actor.known || !desired) {
    return {
      allowed: true,
      hidesSecret: false,
      checked: false,
      message: `Could not check what the connection's worker may assign${actor.unknownReason ? ` (${actor.unknownReason})` : ''}; going ahead.`,
    };
  }
  const check = checkRoleAssignment(actor, environmentId, desired);
  let message: string | undefined;
  if (check.problem) message = `The connection's worker ${check.problem.what}: ${check.problem.fix}.`;
  else if (check.hidesSecret)
    message = `After ${desired.roleName} is assigned, the connection's worker can no longer read this app's secret. Copy the secret first if you need it.`;
  return { ...check, checked: true, message };
}

/** Before Copy Client Secret: a sentence saying why it cannot be read and the fix, or undefined. */
export async function checkCopySecret(
  client: PingOneClient,
  environmentId: string,
  applicationId: string,
  options: { signal?: AbortSignal } = {}
): Promise<string | undefined> {
  const { actor, catalogue } = await actorAndCatalogue(client, options.signal);
  let workerRoles: HeldRole[] = [];
  if (actor.known && applicationId !== client.connection.clientId) {
    try {
      workerRoles = heldRolesFrom(
        await listApplicationRoleAssignments(client, environmentId, applicationId, { signal: options.signal }),
        catalogue
      );
    } catch (error) {
      if (isPingOneError(error, 'cancelled')) throw error;
      return undefined; // Not checkable: let PingOne answer the read itself.
    }
  }
  const problem = explainSecretAccess(actor, environmentId, applicationId, workerRoles, client.connection.clientId);
  return problem && `The connection's worker ${problem.what}: ${problem.fix}.`;
}
