import { parseGracePeriod } from '../pingone/workerApps';
import { type Prompter, answered } from '../ui/prompter';

const ROTATE = 'Rotate';

/** 90 minutes → "1 hour 30 minutes": the grace period as the user will read it back. */
export function describeDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const parts: Array<[number, string]> = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [minutes % 60, 'minute'],
  ];
  return (
    parts
      .filter(([n]) => n > 0)
      .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
      .join(' ') || 'less than a minute'
  );
}

/** A moment in the user's locale and time zone (never an ISO UTC string). */
export function localTime(date: Date, locale?: string): string {
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Rotate Client Secret's questions: the grace period, then a confirmation
 * that says how long the current secret keeps working and until when.
 * Returns the grace period (undefined: none), or false when the user did
 * not confirm; throws UserCancelled on Escape.
 */
export async function askRotation(
  prompter: Prompter,
  appName: string,
  options: { now?: () => number; locale?: string } = {}
): Promise<{ gracePeriodMs?: number } | false> {
  const text = answered(
    await prompter.input({
      title: `Rotate the client secret of "${appName}"`,
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
  const now = options.now?.() ?? Date.now();
  const consequence =
    parsed.ms === undefined
      ? 'The current secret stops working at once: anything using it (PingDataSync) fails until it gets the new one.'
      : `The current secret keeps working for ${describeDuration(parsed.ms)}, until ${localTime(new Date(now + parsed.ms), options.locale)}, then stops.`;
  const go = await prompter.warn(`Rotate the client secret of "${appName}"? ${consequence}`, { modal: true }, ROTATE);
  return go === ROTATE ? { gracePeriodMs: parsed.ms } : false;
}

/** After the rotation: until when the previous secret works, in the user's locale. */
export function previousSecretNote(previousExpiresAt: Date | undefined, locale?: string): string {
  return previousExpiresAt
    ? ` The previous secret works until ${localTime(previousExpiresAt, locale)}.`
    : ' The previous secret no longer works.';
}
