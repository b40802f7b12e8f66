import * as vscode from 'vscode';
import type { CommandDefinition } from './registry';
import { listApplicationRoleAssignments } from '../pingone/roleAssignments';
import { applyConfigureForSync, planConfigureForSync, requireIdentityDataAdmin } from '../pingone/workerApps';
import { appTargetOf, resolveApp } from '../flows/appContext';
import { confirmConfigurePlan } from '../flows/configureForSync';
import { copyToClipboard } from '../flows/copy';
import { readActorPermissions } from '../pingone/actorPermissions';

/**
 * Configure for Sync: shows the planned changes first, then applies them in
 * one step (read–change–replace, so every other field of the app is kept).
 * Returns the applied plan, or undefined when nothing was changed.
 */
export const configureForSyncCommand: CommandDefinition = {
  id: 'pingone.workerApp.configureForSync',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Configure for Sync', { oidcOnly: true });
    const envId = ctx.target.environmentId;
    const prompter = services.prompter.get();
    // The connection's worker's own roles decide whether it may assign the role and still read the secret after.
    const [assignments, role, actor] = await Promise.all([
      listApplicationRoleAssignments(ctx.client, envId, ctx.app.id),
      requireIdentityDataAdmin(ctx.client),
      readActorPermissions(ctx.client),
    ]);
    const plan = planConfigureForSync(ctx.app, assignments, role, envId, actor);
    if (plan.blockedReason) throw new Error(plan.blockedReason);
    if (!(await confirmConfigurePlan(prompter, ctx.app.name, plan))) return undefined;
    const result = await prompter.progress({ title: `Configuring "${ctx.app.name}" for sync`, cancellable: true }, (reporter, signal) =>
      applyConfigureForSync(
        ctx.client,
        { environmentId: envId, applicationId: ctx.app.id, identityDataAdminRole: role },
        { signal, actor, onProgress: (m) => reporter.report(m) }
      )
    );
    services.logger.info(
      `Configured "${ctx.app.name}" (${ctx.app.id}) for sync: ${result.plan.changes.map((c) => c.id).join(', ') || 'no changes were needed'}.`
    );
    await services.explorer.appChanged(appTargetOf(ctx), result.app);
    const done = `"${ctx.app.name}" is configured for PingDataSync: ${result.plan.changes.map((c) => c.description.charAt(0).toLowerCase() + c.description.slice(1)).join('; ') || 'nothing needed changing'}.`;
    const refused = result.plan.roleRefused ? ` ${result.plan.warnings.join(' ')}` : '';
    // Read before the role hid it: offered once here, since the connection's worker can no longer read it.
    const secret = result.clientSecret;
    let next = await prompter.info(`${done}${refused}`, {}, ...(secret ? ['Copy Client Secret'] : []), 'Check Sync Readiness');
    if (next === 'Copy Client Secret' && secret) {
      await copyToClipboard(services, secret, `Client secret of "${ctx.app.name}"`);
      next = await prompter.info(
        `Client secret of "${ctx.app.name}" copied; it cannot be read again with this connection.`,
        {},
        'Check Sync Readiness'
      );
    }
    if (next === 'Check Sync Readiness') {
      await vscode.commands.executeCommand('pingone.workerApp.checkReadiness', appTargetOf(ctx, result.app));
    }
    return result.plan;
  },
};
