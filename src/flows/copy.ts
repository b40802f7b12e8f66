import type { Logger } from '../pingone/logger';
import type { ClipboardHolder } from '../ui/clipboard';
import type { PrompterHolder } from '../ui/prompterHolder';

/**
 * Copies a value and confirms in the status bar. `what` names the value
 * ("Client ID of app X"); the value itself is never shown or logged, because
 * for a client secret that would defeat the point.
 */
export async function copyToClipboard(
  services: { clipboard: ClipboardHolder; prompter: PrompterHolder; logger: Pick<Logger, 'info'> },
  value: string,
  what: string
): Promise<void> {
  await services.clipboard.get().writeText(value);
  services.prompter.get().status(`${what} copied to the clipboard`);
  services.logger.info(`Copied ${what} to the clipboard.`);
}
