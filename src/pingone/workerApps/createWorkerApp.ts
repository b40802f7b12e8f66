/**
 * "Create Worker App": upload icon → create the WORKER app → assign roles →
 * read the secret; or, when a role would hide the secret from the connection's
 * worker (PingOne's Application Secret rules), read the secret before assigning
 * roles. Each step records its result in a serialisable state, so a failure can
 * be resumed on the same app: never a second app, and in the same order.
 *
 * API calls on the normal path: token (once per connection) + [POST image]
 * + [GET /roles, only when a role is given by name and not cached]
 * + POST application + one POST per role + GET secret.
 */
import type { PingOneClient } from '../client';
import { PingOneError, isPingOneError, isSecretHiddenError } from '../errors';
import type { Application, ApplicationIcon, RoleAssignment, RoleScopeType } from '../models';
import { buildWorkerApplicationBody, createApplication, findRecentlyCreatedApplication } from '../applications';
import { uploadImage } from '../images';
import { isRoleApplicableTo, listBuiltInRoles } from '../roles';
import type { RoleAssignmentSpec } from '../roleAssignments';
import { createApplicationRoleAssignment, describeAssignment, listApplicationRoleAssignments, matchesAssignment } from '../roleAssignments';
import { readApplicationSecret } from '../secrets';
import { validateIcon } from './icon';
import { WorkflowError } from './workflowError';
import type { CreateWorkerAppOrder } from '../permissions';

export type CreateWorkerAppStep = 'validate' | 'resolve-roles' | 'upload-icon' | 'create-app' | 'assign-roles' | 'read-secret';

export interface RoleRequest {
  roleId?: string;
  roleName?: string;
  scopeType: RoleScopeType;
  scopeId: string;
}

export interface CreateWorkerAppInput {
  environmentId: string;
  name: string;
  description?: string;
  icon?: { bytes: Uint8Array; fileName: string };
  roles: RoleRequest[];
}

export interface CreateWorkerAppProgress {
  step: CreateWorkerAppStep;
  message: string;
  /** 1-based position among the steps this run will do. */
  stepNumber: number;
  totalSteps: number;
}

export interface CreateWorkerAppOptions {
  onProgress?: (progress: CreateWorkerAppProgress) => void;
  signal?: AbortSignal;
  /**
   * After a create whose answer was lost, Resume only looks for the app and
   * never POSTs again, because a new app can take a while to be listed. Set
   * this when the user has checked PingOne and confirmed there is no such app.
   */
  createAnyway?: boolean;
  /**
   * From `planCreateWorkerApp`: 'secret-then-roles' reads the secret before
   * assigning roles. A resumed run keeps the order of the run it resumes.
   */
  order?: CreateWorkerAppOrder;
}

/** JSON-safe; holds IDs and names only, never a secret. */
export interface CreateWorkerAppResumeState {
  version: 1;
  environmentId: string;
  name: string;
  completedSteps: CreateWorkerAppStep[];
  roles?: Array<RoleAssignmentSpec>;
  icon?: ApplicationIcon;
  /** Set when a create was sent but its outcome is unknown: Resume looks for the app first. */
  createStartedAt?: string;
  appId?: string;
  /** Keys (`roleId|scopeType|scopeId`) of the assignments known to exist. */
  assignedRoles: string[];
  /** The order this workflow runs in (absent: roles, then secret). */
  order?: CreateWorkerAppOrder;
}

export interface CreateWorkerAppResult {
  app: Application;
  /** = app.id */
  clientId: string;
  environmentId: string;
  /** Held in memory only; offer "Copy Client Secret", never display it. Empty when `secretHandedOverEarlier`. */
  clientSecret: string;
  roleAssignments: RoleAssignment[];
  /**
   * Set on a resumed run when the secret was already handed over by the failed
   * run (its `WorkflowError.clientSecret`) and a role assigned since hides it.
   */
  secretHandedOverEarlier?: true;
}

const assignmentKey = (r: RoleAssignmentSpec) => `${r.roleId}|${r.scopeType}|${r.scopeId}`;

export async function createWorkerApp(
  client: PingOneClient,
  input: CreateWorkerAppInput,
  options: CreateWorkerAppOptions = {},
  resumeState?: CreateWorkerAppResumeState
): Promise<CreateWorkerAppResult> {
  const { signal } = options;
  const state: CreateWorkerAppResumeState = resumeState
    ? structuredClone(resumeState)
    : { version: 1, environmentId: input.environmentId, name: input.name, completedSteps: [], assignedRoles: [], order: options.order };
  if (resumeState && (resumeState.environmentId !== input.environmentId || resumeState.name !== input.name)) {
    throw new Error('The resume state belongs to a different app or environment.');
  }
  const env = input.environmentId;
  const done = (step: CreateWorkerAppStep) => state.completedSteps.includes(step);
  const markDone = (step: CreateWorkerAppStep) => {
    if (!done(step)) state.completedSteps.push(step);
  };

  const secretFirst = state.order === 'secret-then-roles';
  const tail: CreateWorkerAppStep[] = secretFirst ? ['read-secret', 'assign-roles'] : ['assign-roles', 'read-secret'];
  // With the secret first, a resumed run reads it again (it is never stored) unless every role is in place.
  const mustReadSecret = !done('read-secret') || (secretFirst && !done('assign-roles'));
  const planned = (['validate', 'resolve-roles', 'upload-icon', 'create-app', ...tail] as CreateWorkerAppStep[]).filter(
    (s) =>
      (s === 'read-secret' ? mustReadSecret : !done(s)) &&
      (s !== 'upload-icon' || input.icon) &&
      (s !== 'assign-roles' || input.roles.length > 0)
  );
  let current = 'validate' as CreateWorkerAppStep;
  const begin = (step: CreateWorkerAppStep, message: string) => {
    current = step;
    options.onProgress?.({ step, message, stepNumber: planned.indexOf(step) + 1, totalSteps: planned.length });
  };

  let app: Application | undefined;
  /** Read in this run; on a failure it goes to the user with the error, never into the resume state. */
  let secret: string | undefined;
  let appIsNewThisRun = false;
  /** Set once this run sends the create: only its own answer can prove that nothing was created. */
  let createSent = false;
  try {
    // Validate everything before touching PingOne, so bad input creates nothing.
    let iconUpload: ReturnType<typeof validateIcon> | undefined;
    if (!done('validate')) {
      begin('validate', 'Checking the input');
      if (!input.name.trim()) throw new Error('The app needs a name.');
      if (input.icon) {
        iconUpload = validateIcon(input.icon);
        if (!iconUpload.ok) throw new Error(iconUpload.message);
      }
      for (const role of input.roles) {
        if (!role.roleId && !role.roleName) throw new Error('Each role needs a role ID or a role name.');
      }
      markDone('validate');
    }

    if (!done('resolve-roles')) {
      begin('resolve-roles', 'Looking up the roles');
      state.roles = await resolveRoles(client, input.roles, signal);
      markDone('resolve-roles');
    }
    const roles = state.roles ?? [];

    if (input.icon && !done('upload-icon')) {
      begin('upload-icon', 'Uploading the icon');
      iconUpload ??= validateIcon(input.icon);
      if (!iconUpload.ok) throw new Error(iconUpload.message);
      const image = await uploadImage(
        client,
        env,
        { bytes: input.icon.bytes, fileName: iconUpload.fileName, format: iconUpload.format },
        { signal }
      );
      state.icon = { id: image.id, href: image.targets.original.href };
      markDone('upload-icon');
    }

    if (!done('create-app')) {
      begin('create-app', `Creating the worker app "${input.name}"`);
      if (state.createStartedAt && !options.createAnyway) {
        // An earlier run sent the create and lost the answer: look for the app,
        // a few times, since PingOne may not list a new app at once. Not
        // finding it proves nothing, so this never creates a second one.
        app = await lookForEarlierCreate(client, env, input.name, Date.parse(state.createStartedAt), signal);
        if (!app) {
          throw new PingOneError({
            kind: 'not-found',
            operation: `find the worker app "${input.name}" created earlier`,
            explanation: 'PingOne does not list it (yet); a new app can take a while to appear',
          });
        }
      }
      if (!app) {
        state.createStartedAt = new Date().toISOString();
        createSent = true;
        app = await createApplication(
          client,
          env,
          buildWorkerApplicationBody({ name: input.name, description: input.description, icon: state.icon }),
          { signal }
        );
        appIsNewThisRun = true;
      }
      state.appId = app.id;
      state.createStartedAt = undefined;
      markDone('create-app');
    }
    const appId = state.appId!;

    const readSecret = async () => {
      begin('read-secret', 'Reading the client secret');
      // Right after creation and role changes, PingOne may briefly answer 404/403 (Application Secret docs).
      const read = await readApplicationSecret(client, env, appId, {
        signal,
        appName: input.name,
        propagation: { notFound: true, notAuthorized: true },
      });
      markDone('read-secret');
      return read.secret;
    };
    let handedOverEarlier = false;
    if (secretFirst && mustReadSecret) {
      try {
        secret = await readSecret();
      } catch (error) {
        // An earlier run read the secret (and handed it over with its error), then assigned a role
        // that hides it: finish the roles; the secret cannot be read again by this connection.
        handedOverEarlier = done('read-secret') && state.assignedRoles.length > 0 && isPingOneError(error) && isSecretHiddenError(error);
        if (!handedOverEarlier) throw error;
      }
    }

    const assignments: RoleAssignment[] = [];
    if (roles.length && !done('assign-roles')) {
      begin('assign-roles', `Assigning ${roles.map((r) => describeAssignment(r)).join(', ')}`);
      // A brand-new app (assignActorRoles: false) has no roles, so listing would be a wasted call.
      if (!appIsNewThisRun) {
        const existing = await listApplicationRoleAssignments(client, env, appId, { signal, propagation: { notFound: true } });
        for (const spec of roles) {
          const found = existing.find((a) => matchesAssignment(a, spec));
          if (found) {
            assignments.push(found);
            if (!state.assignedRoles.includes(assignmentKey(spec))) state.assignedRoles.push(assignmentKey(spec));
          }
        }
      }
      for (const spec of roles) {
        if (state.assignedRoles.includes(assignmentKey(spec))) continue;
        current = 'assign-roles';
        const assignment = await createApplicationRoleAssignment(client, env, appId, spec, { signal, appName: input.name });
        assignments.push(assignment);
        state.assignedRoles.push(assignmentKey(spec));
      }
      markDone('assign-roles');
    }

    if (!handedOverEarlier) secret ??= await readSecret();
    app ??= { id: appId, name: input.name, type: 'WORKER', protocol: 'OPENID_CONNECT', enabled: true };
    return {
      app,
      clientId: appId,
      environmentId: env,
      clientSecret: secret ?? '',
      roleAssignments: assignments,
      ...(handedOverEarlier ? { secretHandedOverEarlier: true as const } : {}),
    };
  } catch (error) {
    if (createSent && !state.appId && !isAmbiguous(error)) {
      // PingOne answered the create definitively: nothing was created, a later create is safe. A failed look
      // for an earlier create (a GET) proves nothing about that create, so it stays unconfirmed.
      state.createStartedAt = undefined;
    }
    throw new WorkflowError(current, error, describeCreateState(state, input, secret !== undefined), state, secret);
  }
}

/** Looks for the app of an earlier, unconfirmed create with the client's propagation backoff, on the client's clock. */
async function lookForEarlierCreate(
  client: PingOneClient,
  env: string,
  name: string,
  sinceMs: number,
  signal?: AbortSignal
): Promise<Application | undefined> {
  const { maxPropagationRetries, propagationBaseDelayMs, maxDelayMs } = client.policy;
  for (let attempt = 0; ; attempt++) {
    const app = await findRecentlyCreatedApplication(client, env, { name, type: 'WORKER' }, sinceMs, signal);
    if (app || attempt >= maxPropagationRetries) return app;
    await client.wait(Math.min(maxDelayMs, propagationBaseDelayMs * 2 ** attempt), signal);
  }
}

/**
 * Only a definite refusal proves the create did nothing: PingOne said no
 * (4xx, 429) or the client refused to send. Anything else, including an odd
 * 2xx (`bad-response`) and errors of our own, leaves the outcome unknown, so
 * Resume looks for the app instead of POSTing again.
 */
const NOTHING_CREATED_KINDS: ReadonlySet<string> = new Set([
  'bad-credentials',
  'forbidden',
  'not-found',
  'conflict',
  'invalid-request',
  'rate-limited',
  'refused',
]);

function isAmbiguous(error: unknown): boolean {
  return !(isPingOneError(error) && NOTHING_CREATED_KINDS.has(error.kind));
}

async function resolveRoles(client: PingOneClient, requests: RoleRequest[], signal?: AbortSignal): Promise<RoleAssignmentSpec[]> {
  const needsLookup = requests.some((r) => !r.roleId);
  const catalogue = needsLookup ? await listBuiltInRoles(client, { signal }) : [];
  return requests.map((request) => {
    const role = request.roleId ? catalogue.find((r) => r.id === request.roleId) : catalogue.find((r) => r.name === request.roleName);
    if (!request.roleId && !role) {
      throw new PingOneError({
        kind: 'not-found',
        operation: `find the role "${request.roleName}"`,
        explanation: 'PingOne lists no built-in role with that exact name',
      });
    }
    if (role && !isRoleApplicableTo(role, request.scopeType)) {
      throw new PingOneError({
        kind: 'invalid-request',
        operation: `assign ${role.name}`,
        explanation: `${role.name} cannot be assigned at ${request.scopeType.toLowerCase()} scope (it applies to ${(role.applicableTo ?? []).join(', ').toLowerCase()})`,
      });
    }
    return {
      roleId: request.roleId ?? role!.id,
      roleName: role?.name ?? request.roleName,
      scopeType: request.scopeType,
      scopeId: request.scopeId,
    };
  });
}

/** One or two sentences: exactly what exists in PingOne now and what Resume will do. */
export function describeCreateState(
  state: CreateWorkerAppResumeState,
  input: Pick<CreateWorkerAppInput, 'name' | 'environmentId'>,
  secretInHand = false
): string {
  if (!state.appId) {
    const icon = state.icon ? ' An icon image was uploaded but is not used by any app yet.' : '';
    if (state.createStartedAt) {
      return `PingOne did not confirm whether the app "${input.name}" was created.${icon} Resume looks for it and never makes a second one; if PingOne shows no such app, choose Create Anyway.`;
    }
    return `No application was created in PingOne.${icon}`;
  }
  const roles = state.roles ?? [];
  const assigned = roles.filter((r) => state.assignedRoles.includes(assignmentKey(r)));
  const missing = roles.filter((r) => !state.assignedRoles.includes(assignmentKey(r)));
  let text = `The worker app "${input.name}" exists in PingOne (client ID ${state.appId})`;
  if (roles.length) {
    text += assigned.length ? ` with ${assigned.map(describeAssignment).join(', ')}` : ' with no roles yet';
    if (missing.length) text += `; not yet assigned: ${missing.map(describeAssignment).join(', ')}`;
  }
  if (secretInHand) text += '; its secret was read and is offered to you now: copy it, this connection may not be able to read it again.';
  else text += state.completedSteps.includes('read-secret') ? '.' : '; its secret has not been read yet.';
  if (missing.length || !state.completedSteps.includes('read-secret')) text += ' Resume finishes the remaining steps on this same app.';
  return text;
}
