/**
 * The username diagnostics feature: live checks of open sync files, quick
 * fixes, base64 hover, the workspace scan and the environment check results.
 * extension.ts registers it with one call; the commands reach it through
 * `usernameFeatureOf(services)`.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { syncFileGlobs } from '../usernames/formats';
import { Disposable } from '../util/disposable';
import { UsernameCodeActions } from './codeActions';
import { UsernameDiagnostics } from './controller';
import { EnvironmentCheckResults } from './environmentCheck';
import { Base64UsernameHover } from './hover';
import { WorkspaceScanner } from './workspaceScan';

/** Documents the providers serve; the controller narrows further by the include/exclude settings. */
export const SYNC_FILE_SELECTOR: vscode.DocumentSelector = [
  { language: 'ldif' },
  { language: 'csv' },
  ...syncFileGlobs().map((pattern) => ({ pattern })),
];

/** Only in test mode: lets the in-host tests and the benchmark observe the feature. */
export const TEST_HOOK_COMMAND = 'pingone.usernames.testHooks';

export class UsernameFeature extends Disposable {
  readonly diagnostics: UsernameDiagnostics;
  readonly scanner: WorkspaceScanner;
  readonly environment: EnvironmentCheckResults;

  constructor(services: Services) {
    super();
    this.diagnostics = this._register(new UsernameDiagnostics(services));
    this.scanner = this._register(new WorkspaceScanner(services, this.diagnostics));
    this.environment = this._register(new EnvironmentCheckResults(this.diagnostics.diagnosticFactory, this.scanner.onDidChangeOnDisk));
    this._register(vscode.languages.registerCodeActionsProvider(SYNC_FILE_SELECTOR, new UsernameCodeActions(this.diagnostics), UsernameCodeActions.metadata));
    this._register(vscode.languages.registerHoverProvider(SYNC_FILE_SELECTOR, new Base64UsernameHover(this.diagnostics)));
  }
}

const features = new WeakMap<Services, UsernameFeature>();

export function usernameFeatureOf(services: Services): UsernameFeature {
  const f = features.get(services);
  if (!f) throw new Error('Username diagnostics are not running.');
  return f;
}

export function registerUsernameDiagnostics(services: Services): vscode.Disposable {
  const feature = new UsernameFeature(services);
  features.set(services, feature);
  const disposables: vscode.Disposable[] = [feature];
  if (services.context.extensionMode === vscode.ExtensionMode.Test) {
    disposables.push(vscode.commands.registerCommand(TEST_HOOK_COMMAND, () => feature));
  }
  return vscode.Disposable.from(...disposables, { dispose: () => features.delete(services) });
}
