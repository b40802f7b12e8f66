import type * as vscode from 'vscode';
import type { Logger } from '../pingone/logger';

/** What the username diagnostics need from the extension: its context (paths, mode) and the log. */
export interface DiagnosticsHost {
  readonly context: vscode.ExtensionContext;
  readonly logger: Logger;
}
