import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../helpers/extension';

// Runs with the packaged .vsix installed by `code-server --install-extension`
// and no extension loaded from source but an empty harness.
describe('Packaged .vsix', () => {
  it('is installed from the extensions folder, not from the repository', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'the installed extension is known to the host');
    const repoRoot = process.env.PINGONE_REPO_ROOT ?? '';
    assert.ok(!ext.extensionPath.startsWith(repoRoot + path.sep) && ext.extensionPath !== repoRoot, `loaded from ${ext.extensionPath}`);
  });

  it('activates and runs its commands from the minified bundle', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const api = (await ext.activate()) as { version: string };
    assert.equal(api.version, ext.packageJSON.version);
    const registered = await vscode.commands.getCommands(true);
    assert.ok(registered.includes('pingone.explorer.refresh'));
  });
});
