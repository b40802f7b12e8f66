import { IDENTITY_DATA_ADMIN, type Application, type Role, type RoleAssignment } from '../pingone/models';
import { type ReadinessCheck, evaluateAppChecks } from '../pingone/workerApps/readiness';

export type { ReadinessCheck };

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

/**
 * The sync-readiness line of an app in the tree, from facts the tree already
 * has (the app, its role assignments, the role catalogue), so it costs no
 * extra request. It runs the API layer's own checks except the secret-read
 * one, which needs a request per app; Check Sync Readiness runs them all.
 */
export function assessReadiness(
  app: Application,
  environmentId: string,
  assignments: RoleAssignment[] | undefined,
  roles: Role[]
): Readiness {
  // Without the catalogue (it failed to load) an unknown id makes that one check fail rather than guess.
  const identityDataAdmin = roles.find((r) => r.name === IDENTITY_DATA_ADMIN) ?? { id: '', name: IDENTITY_DATA_ADMIN };
  let checks = evaluateAppChecks(app, assignments ?? [], identityDataAdmin, environmentId);
  // Role assignments are fetched only for workers; for other apps the role check would be a guess.
  if (assignments === undefined) checks = checks.filter((c) => c.id !== 'identity-data-admin');
  return { ready: checks.every((c) => c.passed), checks };
}
