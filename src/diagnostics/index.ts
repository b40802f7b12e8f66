/**
 * The username diagnostics feature: live checks of open sync files, quick
 * fixes, base64 hover, the workspace scan and the environment check results.
 * extension.ts builds it before the services; the commands reach it as
 * `services.usernames`.
 */
import * as vscode from 'vscode';
import { syncFileGlobs } from '../usernames/formats';
import { Disposable } from '../util/disposable';
import { UsernameCodeActions } from './codeActions';
import { UsernameDiagnostics } from './controller';
import type { DiagnosticsHost } from './host';
import { EnvironmentCheckResults } from './environmentCheck';
import { Base64UsernameHover } from './hover';
import { WorkspaceScanner } from './workspaceScan';

/** Documents the providers serve; the controller narrows further by the include/exclude settings. */
export const SYNC_FILE_SELECTOR: vscode.DocumentSelector = [
  { language: 'ldif' },
  { language: 'csv' },
  ...syncFileGlobs().map((pattern) => ({ pattern })),
];

export class UsernameFeature extends Disposable {
  readonly diagnostics: UsernameDiagnostics;
  readonly scanner: WorkspaceScanner;
  readonly environment: EnvironmentCheckResults;

  constructor(services: DiagnosticsHost) {
    super();
    this.diagnostics = this._register(new UsernameDiagnostics(services));
    this.scanner = this._register(new WorkspaceScanner(services, this.diagnostics));
    this.environment = this._register(new EnvironmentCheckResults(this.diagnostics.diagnosticFactory, this.scanner.onDidChangeOnDisk));
    this._register(
      vscode.languages.registerCodeActionsProvider(
        SYNC_FILE_SELECTOR,
        new UsernameCodeActions(this.diagnostics),
        UsernameCodeActions.metadata
      )
    );
    this._register(vscode.languages.registerHoverProvider(SYNC_FILE_SELECTOR, new Base64UsernameHover(this.diagnostics)));
  }
}
