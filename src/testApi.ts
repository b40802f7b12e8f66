import * as vscode from 'vscode';
import type { Services } from './services';

export interface ExtensionApi {
  readonly version: string;
  /** Milliseconds from the bundle starting to load to the end of activate(). */
  readonly activationMs?: number;
  /** Present only when the extension runs under a test runner (ExtensionMode.Test). */
  readonly testing?: Services;
}

/**
 * The extension's exports. Internals (the prompter seam, the stores) are
 * handed out only in test mode, so no other extension can script prompts.
 */
export function createApi(context: vscode.ExtensionContext, services: Services): ExtensionApi {
  const testing = context.extensionMode === vscode.ExtensionMode.Test ? services : undefined;
  const loadStart = (globalThis as { __pingoneLoadStart?: number }).__pingoneLoadStart;
  const activationMs = loadStart === undefined ? undefined : performance.now() - loadStart;
  return { version: services.version, activationMs, testing };
}
