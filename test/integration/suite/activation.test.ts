import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension } from '../helpers/extension';

describe('Extension activation', () => {
  it('activates in the host and exposes its API', async () => {
    console.log(`[host] vscode.version = ${vscode.version}`);
    const api = await activateExtension();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'extension is active');
    assert.equal(api.version, ext!.packageJSON.version);
    assert.ok(api.testing, 'test mode exposes the test API');
  });

  it('contributes the PingOne view container and explorer view', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.deepEqual(
      pkg.contributes.viewsContainers.activitybar.map((c: { id: string }) => c.id),
      ['pingone']
    );
    assert.deepEqual(
      pkg.contributes.views.pingone.map((v: { id: string }) => v.id),
      ['pingone.explorer']
    );
  });

  it('opens the explorer view through its focus command', async () => {
    await vscode.commands.executeCommand('pingone.explorer.focus');
  });

  it('registers every contributed command', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `commands contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes the "Set up PingOne sync" walkthrough, whose buttons, media and completion events exist, and opens it', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const pkg = ext.packageJSON;
    const walkthroughs: {
      id: string;
      title: string;
      steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[];
    }[] = pkg.contributes.walkthroughs;
    assert.deepEqual(
      walkthroughs.map((w) => w.title),
      ['Set up PingOne sync']
    );
    const steps = walkthroughs[0].steps;
    assert.deepEqual(
      steps.map((s) => s.id),
      ['addConnection', 'createWorkerApp', 'copyCredentials', 'checkSyncFile']
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    const commandsOf = (text: string) => [...text.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
    const used = steps.flatMap((s) => [
      ...commandsOf(s.description),
      ...(s.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length)),
    ]);
    for (const c of [
      'pingone.connection.add',
      'pingone.workerApp.create',
      'pingone.workerApp.copyClientId',
      'pingone.usernames.checkWorkspace',
    ])
      assert.ok(used.includes(c), `no step uses ${c}`);
    const unknown = used.filter((c) => !registered.has(c));
    assert.deepEqual(unknown, [], `walkthrough commands that are not registered: ${unknown.join(', ')}`);
    for (const s of steps) {
      assert.ok(s.media.markdown?.startsWith('media/walkthrough/'), `step ${s.id} has no Markdown media under media/walkthrough/`);
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, s.media.markdown!));
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${ext.id}#setupSync`, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('opens an .ldif file with language id ldif and a .csv file with language id csv', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const ldif = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'activation', 'sample.ldif'));
    assert.equal(ldif.languageId, 'ldif');
    const csv = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'activation', 'sample.csv'));
    assert.equal(csv.languageId, 'csv');
  });
});
