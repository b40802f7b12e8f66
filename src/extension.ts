import * as vscode from 'vscode';

export interface ExtensionApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  return { version };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
