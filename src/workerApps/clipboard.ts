import * as vscode from 'vscode';
import type { Services } from '../services';

/** What the copy commands need of a clipboard. */
export interface ClipboardLike {
  writeText(value: string): Thenable<void>;
  readText(): Thenable<string>;
}

/**
 * Test seam: the integration tests run in a headless browser whose clipboard
 * may not be readable, so in ExtensionMode.Test only they may install their
 * own clipboard under this global key. In normal use it is never consulted,
 * so no other extension can intercept a copied secret this way.
 */
export const TEST_CLIPBOARD_KEY = Symbol.for('pingone-sync-toolkit.test.clipboard');

function clipboardFor(services: Services): ClipboardLike {
  if (services.context.extensionMode === vscode.ExtensionMode.Test) {
    const seam = (globalThis as Record<symbol, unknown>)[TEST_CLIPBOARD_KEY] as ClipboardLike | undefined;
    if (seam) return seam;
  }
  return vscode.env.clipboard;
}

/**
 * Copies a value and confirms in the status bar. `what` names the value
 * ("Client ID of app X"); the value itself is never shown or logged, because
 * for a client secret that would defeat the point.
 */
export async function copyToClipboard(services: Services, value: string, what: string): Promise<void> {
  await clipboardFor(services).writeText(value);
  services.prompter.get().status(`${what} copied to the clipboard`);
  services.logger.info(`Copied ${what} to the clipboard.`);
}
