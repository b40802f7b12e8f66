import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, local, workspaceUri } from '../helpers/diagnostics';
import { EXTENSION_ID } from '../helpers/extension';

/** Waits (bounded) until the file has PingOne diagnostics. */
async function diagnosticsOf(uri: vscode.Uri, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = local(uri);
    if (found.length) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no PingOne diagnostics for ${uri.fsPath} within ${timeoutMs} ms`);
}

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

  it("links each diagnostic code to a README file that exists in the installed extension, at the code's heading", async () => {
    const uri = workspaceUri('diagnostics', 'users.ldif');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await diagnosticsOf(uri);
    for (const d of diagnostics) {
      const code = d.code;
      assert.ok(typeof code === 'object' && code !== null && code.target, `${codeOf(d)} has a link`);
      const target = code.target;
      // A link that names a file the host cannot find opens "file not found".
      const stat = await vscode.workspace.fs.stat(target.with({ fragment: '' })).then(
        (s) => s,
        (e: unknown) => assert.fail(`${codeOf(d)} links to ${target.toString()}, which does not exist: ${String(e)}`)
      );
      assert.equal(stat.type, vscode.FileType.File);
      const readme = Buffer.from(await vscode.workspace.fs.readFile(target.with({ fragment: '' }))).toString('utf8');
      const headings = readme
        .split(/\r?\n/)
        .filter((l) => l.startsWith('#'))
        .map((l) => l.replace(/^#+\s*/, ''));
      assert.ok(headings.includes(target.fragment), `the README has a heading for #${target.fragment}`);
    }
  });
});
