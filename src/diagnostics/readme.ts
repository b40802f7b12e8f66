import { readdirSync } from 'node:fs';
import * as vscode from 'vscode';

/**
 * The README inside the extension, which the diagnostics' code links open.
 * `vsce package` stores it in the .vsix as `extension/readme.md` (lower case)
 * while a source checkout has `README.md`, and the file system is
 * case-sensitive on Linux, in code-server and on remote hosts: look the name
 * up instead of assuming one.
 */
export function extensionReadme(extensionUri: vscode.Uri): vscode.Uri {
  let name = 'README.md';
  try {
    name = readdirSync(extensionUri.fsPath).find((f) => f.toLowerCase() === 'readme.md') ?? name;
  } catch {
    // Not a local folder: keep the conventional name.
  }
  return vscode.Uri.joinPath(extensionUri, name);
}
