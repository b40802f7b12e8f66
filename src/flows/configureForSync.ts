import type { ConfigureForSyncPlan } from '../pingone/workerApps';
import type { Prompter } from '../ui/prompter';

const APPLY = 'Apply';

/**
 * Configure for Sync's one question: the planned changes, shown before
 * anything is changed. True to apply; false when nothing needs changing (the
 * user is told so) or the user did not confirm.
 */
export async function confirmConfigurePlan(
  prompter: Prompter,
  appName: string,
  plan: Pick<ConfigureForSyncPlan, 'changes' | 'warnings'>
): Promise<boolean> {
  if (plan.changes.length === 0) {
    await prompter.info(
      `"${appName}" already meets every PingDataSync prerequisite that Configure for Sync sets.${plan.warnings.length ? ` ${plan.warnings.join(' ')}` : ''}`
    );
    return false;
  }
  const detail = [
    ...plan.changes.map((c) => `• ${c.description}`),
    ...plan.warnings.map((w) => `⚠ ${w}`),
    'Every other setting of the app stays as it is.',
  ].join('\n');
  const go = await prompter.warn(
    `Configure "${appName}" for PingDataSync? ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'}:`,
    { modal: true, detail },
    APPLY
  );
  return go === APPLY;
}
