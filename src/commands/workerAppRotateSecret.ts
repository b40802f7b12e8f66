import type { CommandDefinition } from './registry';
import { parseGracePeriod, rotateSecret } from '../pingone/workerApps';
import { appTargetOf, resolveApp } from '../flows/appContext';
import { answered } from '../ui/prompter';
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
    const text = answered(
      await prompter.input({
        title: `Rotate the client secret of "${name}"`,
        prompt: 'How long should the current secret keep working? e.g. 30m, 12h, 7d (1 minute to 30 days). Leave empty to end it at once.',
        placeholder: 'e.g. 1d — empty: no grace period',
        validate: (value) => {
          const parsed = parseGracePeriod(value);
          return 'error' in parsed ? parsed.error : undefined;
        },
      })
    );
    const parsed = parseGracePeriod(text);
    if ('error' in parsed) throw new Error(parsed.error);
    const consequence =
      parsed.ms === undefined
        ? 'The current secret stops working at once: anything using it (PingDataSync) fails until it gets the new one.'
        : 'The current secret keeps working for the grace period you entered, then stops.';
    const go = await prompter.warn(`Rotate the client secret of "${name}"? ${consequence}`, { modal: true }, 'Rotate');
    if (go !== 'Rotate') return;
    const result = await prompter.progress({ title: `Rotating the client secret of "${name}"…`, location: 'window' }, (_r, signal) =>
      rotateSecret(ctx.client, ctx.target.environmentId, ctx.target.applicationId, { gracePeriodMs: parsed.ms, signal, appName: name })
    );
    const until = result.previousExpiresAt ? ` The previous secret works until ${result.previousExpiresAt.toISOString()}.` : ' The previous secret no longer works.';
    services.logger.info(`Rotated the client secret of "${name}" (${ctx.target.applicationId}).${until}`);
    await services.explorer.appChanged(appTargetOf(ctx));
    const action = await prompter.info(`New client secret generated for "${name}".${until}`, {}, 'Copy Client Secret');
    if (action === 'Copy Client Secret') await copyToClipboard(services, result.secret, `New client secret of "${name}"`);
  },
};
