import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';

export const EXTENSION_ID = 'pingone-sync-toolkit.pingone-sync-toolkit';

export async function activateExtension(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** The extension's internals, available only in test mode. */
export async function testServices() {
  const api = await activateExtension();
  if (!api.testing) throw new Error('the extension did not expose its test API (not running in ExtensionMode.Test?)');
  return api.testing;
}
