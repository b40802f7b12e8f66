import * as vscode from 'vscode';
import { type CreateWorkerAppResult, WorkflowError, checkCreateWorkerApp, createWorkerApp, validateIcon } from '../pingone/workerApps';
import type { Services } from '../services';
import { UserCancelled, answered } from '../ui/prompter';
import { copyToClipboard } from './copy';
import { decideCreate } from './permissionChecks';
import { type PendingCreate, PendingCreates } from './pendingCreates';
import type { CreateWorkerAppOrder } from '../pingone/permissions';

const RESUME_COMMAND = 'pingone.workerApp.resumeCreate';

export function pendingCreates(services: Services): PendingCreates {
  return new PendingCreates(services.context.workspaceState);
}

/** Reads and checks an icon file (JPG/JPEG/GIF/PNG by content, ≤ 1 MB). Throws with the reason when refused. */
export async function readIcon(uri: vscode.Uri): Promise<{ bytes: Uint8Array; fileName: string; note?: string }> {
  const fileName = uri.path.split('/').pop() || 'icon';
  const bytes = await vscode.workspace.fs.readFile(uri);
  const check = validateIcon({ bytes, fileName });
  if (!check.ok) throw new Error(check.message);
  return { bytes, fileName, note: check.note };
}

/** What the create command returns (no secret). */
export interface CreateOutcome {
  clientId: string;
  environmentId: string;
  name: string;
}

const CREATE_ANYWAY = 'Create Anyway';
const COPY_SECRET = 'Copy Client Secret';

/**
 * Runs (or resumes) the create workflow under a progress notification. On
 * failure the pending state is saved and the message offers Resume, which
 * continues on the same app; on success the app is revealed and the three
 * values PingDataSync needs are offered for copying.
 */
export async function runCreate(
  services: Services,
  pending: Omit<PendingCreate, 'id' | 'state' | 'whatExists' | 'failedAt'> & Partial<PendingCreate>,
  options: { createAnyway?: boolean } = {}
): Promise<CreateOutcome | undefined> {
  const prompter = services.prompter.get();
  const client = services.clients.forConnection(pending.connectionId);
  const store = pendingCreates(services);
  const needsIcon = pending.iconUri && !pending.state?.completedSteps.includes('upload-icon');
  const icon = needsIcon ? await readIcon(vscode.Uri.parse(pending.iconUri!)) : undefined;
  // A new create first checks what the connection's worker may do; a resumed one keeps its saved order.
  let order: CreateWorkerAppOrder | undefined;
  if (!pending.state) {
    const plan = await prompter.progress({ title: "Checking what the connection's worker may do…", location: 'window' }, (_r, signal) =>
      checkCreateWorkerApp(client, { environmentId: pending.input.environmentId, roles: pending.input.roles }, { signal })
    );
    const decision = await decideCreate(prompter, plan, pending.input.roles.length);
    if (!decision) return undefined;
    order = decision.order;
    if (decision.withoutRoles) pending = { ...pending, input: { ...pending.input, roles: [] } };
  }
  const input = { ...pending.input, icon: icon && { bytes: icon.bytes, fileName: icon.fileName } };
  let result: CreateWorkerAppResult;
  try {
    result = await prompter.progress(
      { title: `${pending.state ? 'Resuming: creating' : 'Creating'} worker app "${input.name}"`, cancellable: true },
      (reporter, signal) =>
        createWorkerApp(
          client,
          input,
          {
            signal,
            order,
            createAnyway: options.createAnyway,
            onProgress: (p) => reporter.report(`${p.stepNumber}/${p.totalSteps} ${p.message}…`, 100 / p.totalSteps),
          },
          pending.state
        )
    );
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    const saved = await store.save({
      id: pending.id,
      connectionId: pending.connectionId,
      input: pending.input,
      iconUri: pending.iconUri,
      state: error.resumeState as PendingCreate['state'],
      whatExists: error.whatExists,
      failedAt: error.failedStep,
    });
    services.logger.warn(`Create worker app "${input.name}" stopped at step ${error.failedStep}: ${error.message}`);
    void services.explorer.refresh({ kind: 'environment', connectionId: pending.connectionId, environmentId: input.environmentId });
    // When PingOne never confirmed the create, only the user can say it did not happen.
    const unconfirmed = !saved.state.appId && !!saved.state.createStartedAt;
    // A secret read before a role that hides it: this is the only chance to hand it over.
    const secretInHand = error.clientSecret;
    const actions = [...(secretInHand ? [COPY_SECRET] : []), 'Resume', ...(unconfirmed ? [CREATE_ANYWAY] : [])];
    let action: string | undefined;
    for (let i = 0; i < 3; i++) {
      action = error.cancelled
        ? await prompter.warn(`Creating "${input.name}" was cancelled. ${error.whatExists}`, {}, ...actions)
        : await prompter.error(error.message, {}, ...actions);
      if (action !== COPY_SECRET || !secretInHand) break;
      await copyToClipboard(services, secretInHand, `Client secret of "${input.name}"`);
      actions.shift();
    }
    if (action === 'Resume')
      return (await vscode.commands.executeCommand<CreateOutcome | undefined>(RESUME_COMMAND, saved.id)) ?? undefined;
    if (action === CREATE_ANYWAY) {
      const sure = await prompter.warn(
        `Create "${input.name}" again? Do this only if PingOne shows no app of that name in the environment; otherwise there will be two.`,
        { modal: true },
        CREATE_ANYWAY
      );
      if (sure === CREATE_ANYWAY)
        return (
          (await vscode.commands.executeCommand<CreateOutcome | undefined>(RESUME_COMMAND, saved.id, { createAnyway: true })) ?? undefined
        );
    }
    return undefined;
  }

  if (pending.id) await store.remove(pending.id);
  const { clientId, environmentId } = result;
  const roles = result.roleAssignments.length ? ` with ${describeRoles(pending.input.roles)}` : '';
  services.logger.info(`Created worker app "${input.name}" (client ID ${clientId}) in environment ${environmentId}${roles}.`);
  const appTarget = {
    kind: 'app' as const,
    connectionId: pending.connectionId,
    environmentId,
    applicationId: clientId,
    application: result.app,
  };
  void services.explorer
    .appCreated(appTarget)
    .catch((e) => services.logger.warn(`Could not reveal the new app in the explorer: ${String(e)}`));
  if (icon?.note) void prompter.info(icon.note);

  // The secret stays in this closure only; the user copies what PingDataSync needs, one after another.
  // A resumed run may have handed the secret over already (with the error) and can no longer read it.
  const earlier = result.secretHandedOverEarlier
    ? " The client secret was handed to you earlier (the connection's worker can no longer read it)."
    : '';
  const actions = ['Copy Client ID', ...(earlier ? [] : [COPY_SECRET]), 'Copy Environment ID'];
  let message = `Created worker app "${input.name}"${roles}.${earlier} Copy the values PingDataSync needs:`;
  for (let i = 0; i < 6; i++) {
    const action = await prompter.info(message, {}, ...actions);
    if (action === 'Copy Client ID') await copyToClipboard(services, clientId, `Client ID of "${input.name}"`);
    else if (action === COPY_SECRET) await copyToClipboard(services, result.clientSecret, `Client secret of "${input.name}"`);
    else if (action === 'Copy Environment ID') await copyToClipboard(services, environmentId, 'Environment ID');
    else break;
    message = `${action.replace('Copy ', '')} of "${input.name}" copied. Copy another value?`;
  }
  return { clientId, environmentId, name: input.name };
}

function describeRoles(roles: PendingCreate['input']['roles']): string {
  return roles.map((r) => `${r.roleName ?? r.roleId} at ${r.scopeType.toLowerCase()} scope`).join(', ');
}

/** The pending create to resume: the one named, the only one, or one the user picks. */
export async function choosePending(services: Services, id?: unknown): Promise<PendingCreate> {
  const store = pendingCreates(services);
  if (typeof id === 'string') {
    const found = store.get(id);
    if (!found) throw new Error('That interrupted create was already finished or discarded.');
    return found;
  }
  const all = store.list();
  if (all.length === 0) {
    await services.prompter.get().info('There is no interrupted worker app creation to resume.');
    throw new UserCancelled();
  }
  if (all.length === 1) return all[0];
  return answered(
    await services.prompter.get().pick<PendingCreate>({
      title: 'Resume Create Worker App',
      placeholder: 'Pick the interrupted creation to finish',
      items: all.map((p) => ({ label: p.input.name, description: `stopped at ${p.failedAt}`, detail: p.whatExists, value: p })),
    })
  );
}
