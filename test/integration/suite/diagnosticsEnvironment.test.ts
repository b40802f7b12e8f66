import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { type RunningEmulator, startEmulator } from '../../../emulator';
import type { EnvironmentCheckSummary } from '../../../src/commands/checkAgainstEnvironment';
import { testServices } from '../helpers/extension';
import { ScriptedPrompter } from '../helpers/scriptedPrompter';
import { trackEmulator } from '../helpers/secretLedger';

const CONNECTION_ID = 'diagnostics-env-check';
const CONNECTION_NAME = 'Diagnostics Emulator';

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

function envDiagnostics(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => codeOf(d).endsWith('-in-environment'))
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map(
      (d) =>
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${codeOf(d)} ${['error', 'warning', 'info', 'hint'][d.severity]}`
    );
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Picks our emulator connection or the Sync Staging environment, whichever is asked. */
const pickAnswer = {
  pick: (items: { label: string; value: unknown }[]) =>
    (items.find((i) => i.label === CONNECTION_NAME) ?? items.find((i) => i.label === 'Sync Staging'))?.value,
};

describe('Diagnostics: check against environment', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  const uri = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'diagnostics', 'env-check.ldif');

  before(async () => {
    emulator = trackEmulator(await startEmulator({ seed: 'default', port: 0 }));
    const services = await testServices();
    await services.connections.save(
      {
        id: CONNECTION_ID,
        name: CONNECTION_NAME,
        apiBaseUrl: emulator.apiBaseUrl,
        authBaseUrl: emulator.authBaseUrl,
        environmentId: emulator.environmentId,
        clientId: emulator.clientId,
        tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
      },
      emulator.clientSecret
    );
  });

  after(async () => {
    const services = await testServices();
    await services.connections.remove(CONNECTION_ID);
    await emulator?.close();
  });

  async function run(prompter: ScriptedPrompter, ...args: unknown[]): Promise<EnvironmentCheckSummary | undefined> {
    const services = await testServices();
    const restore = services.prompter.use(prompter);
    try {
      return (await vscode.commands.executeCommand('pingone.usernames.checkAgainstEnvironment', ...args)) as
        EnvironmentCheckSummary | undefined;
    } finally {
      restore();
    }
  }

  it('reports usernames that exist (information) and that clash by case only (warning), looked up in batches with SCIM or', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(doc, { preview: false });
    const prompter = new ScriptedPrompter([pickAnswer, pickAnswer]);
    const before = emulator.requestLog.length;
    const summary = await run(prompter);
    assert.deepEqual(prompter.messages('error'), []);
    assert.deepEqual(summary, { files: 1, usernames: 4, existing: 2, caseClashes: 1, cancelled: false });
    assert.deepEqual(envDiagnostics(uri()), [
      '2:5-2:22 username-exists-in-environment info',
      '6:5-6:14 username-case-clash-in-environment warning',
      '10:5-10:11 username-exists-in-environment info',
    ]);
    const clash = vscode.languages.getDiagnostics(uri()).find((d) => codeOf(d) === 'username-case-clash-in-environment')!;
    assert.match(clash.message, /"Bob\.Smith"/);
    assert.match(clash.message, /Sync Staging/);
    const userCalls = emulator.requestLog.slice(before).filter((r) => r.path.endsWith('/users'));
    assert.equal(userCalls.length, 1, 'four usernames fit one batch');
    assert.match(userCalls[0].query.filter, /^username eq "[^"]+"( or username eq "[^"]+"){3}$/);
    assert.ok(prompter.messages('progress').some((m) => /4\/4 usernames/.test(m)));
  });

  it('clears its results when the file changes', async () => {
    assert.equal(envDiagnostics(uri()).length, 3);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# edited\n'));
    await waitUntil(() => envDiagnostics(uri()).length === 0, 'environment results cleared after an edit');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('clears its results on the clear command and replaces them on a re-run', async () => {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
    assert.equal(editor.document.isDirty, false);
    await run(new ScriptedPrompter([pickAnswer, pickAnswer]));
    assert.equal(envDiagnostics(uri()).length, 3);
    await run(new ScriptedPrompter([pickAnswer, pickAnswer]));
    assert.equal(envDiagnostics(uri()).length, 3, 'a re-run replaces, never adds');
    await vscode.commands.executeCommand('pingone.usernames.clearEnvironmentCheck');
    assert.deepEqual(envDiagnostics(uri()), []);
  });

  it('takes the environment from an explorer environment node', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri()));
    const staging = [...emulator.state.environments.values()].find((e) => e.name === 'Sync Staging')!;
    const prompter = new ScriptedPrompter();
    const summary = await run(prompter, { kind: 'environment', connectionId: CONNECTION_ID, environmentId: staging.id });
    assert.equal(summary?.existing, 2);
    assert.deepEqual(prompter.messages('pick'), [], 'nothing asked');
    await vscode.commands.executeCommand('pingone.usernames.clearEnvironmentCheck');
  });

  it('looks up many usernames in several batches and stops when cancelled', async () => {
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'diagnostics', 'many-users.csv');
    writeFileSync(file.fsPath, ['username', ...Array.from({ length: 60 }, (_, i) => `user.${i}`)].join('\n') + '\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const before = emulator.requestLog.length;
    const all = await run(new ScriptedPrompter([pickAnswer, pickAnswer]));
    assert.deepEqual(all, { files: 1, usernames: 60, existing: 60, caseClashes: 0, cancelled: false });
    assert.equal(emulator.requestLog.slice(before).filter((r) => r.path.endsWith('/users')).length, 3, 'three batches of 20');

    emulator.faults.setLatency(300);
    try {
      const prompter = new ScriptedPrompter([pickAnswer, pickAnswer]);
      prompter.cancelProgressWhen = (m) => m.startsWith('20/60');
      const summary = await run(prompter);
      assert.equal(summary?.cancelled, true);
      assert.deepEqual(prompter.messages('error'), []);
      assert.deepEqual(envDiagnostics(file), [], 'a cancelled check publishes nothing');
    } finally {
      emulator.faults.setLatency(0);
    }
  });
});
