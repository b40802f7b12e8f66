import type { CommandDefinition } from './registry';
import { rotateSecret } from '../pingone/workerApps';
import { askRotation, previousSecretNote } from '../flows/rotateSecret';
import { appTargetOf, resolveApp } from '../flows/appContext';
import { copyToClipboard } from '../flows/copy';

/**
 * Rotate Client Secret…: a new secret, optionally keeping the old one valid
 * for 1 minute to 30 days so PingDataSync can be switched over without an
 * outage. The new secret is offered for copying, never shown.
 */
export const rotateSecretCommand: CommandDefinition = {
  id: 'pingone.workerApp.rotateSecret',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Rotate Client Secret', { fresh: false, oidcOnly: true });
    const name = ctx.app.name;
    const prompter = services.prompter.get();
    const choice = await askRotation(prompter, name);
    if (!choice) return;
    const result = await prompter.progress({ title: `Rotating the client secret of "${name}"…`, location: 'window' }, (_r, signal) =>
      rotateSecret(ctx.client, ctx.target.environmentId, ctx.target.applicationId, {
        gracePeriodMs: choice.gracePeriodMs,
        signal,
        appName: name,
      })
    );
    const until = previousSecretNote(result.previousExpiresAt);
    services.logger.info(`Rotated the client secret of "${name}" (${ctx.target.applicationId}).${until}`);
    await services.explorer.appChanged(appTargetOf(ctx));
    const action = await prompter.info(`New client secret generated for "${name}".${until}`, {}, 'Copy Client Secret');
    if (action === 'Copy Client Secret') await copyToClipboard(services, result.secret, `New client secret of "${name}"`);
  },
};
