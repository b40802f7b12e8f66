// Runs in a window opened in Restricted Mode (workspace trust enabled, the
// folder not trusted): the username diagnostics still work on local files,
// checking against an environment asks first, and nothing reads credentials
// or hosts from the (untrusted, hostile) workspace.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { proxySettingValues, userScopeSettings } from '../../../src/settings/vscodeSettings';
import { startEmulatorConnection } from '../helpers/emulatorConnection';
import { activateExtension, testServices } from '../helpers/extension';
import { ScriptedPrompter } from '../helpers/scriptedPrompter';

function diagnosticsOf(uri: vscode.Uri, timeoutMs = 20_000): Promise<readonly vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'PingOne');
  if (ours().length) return Promise.resolve(ours());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no PingOne diagnostics for ${uri.fsPath}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      if (!ours().length) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(ours());
    });
  });
}

describe('Restricted Mode', function () {
  this.timeout(60_000);
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const attackerHits: string[] = [];
  const attacker = createServer((req, res) => {
    attackerHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });

  before(async () => {
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    const settingsFile = path.join(folder.fsPath, '.vscode', 'settings.json');
    mkdirSync(path.dirname(settingsFile), { recursive: true });
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration(() => {
        sub.dispose();
        resolve();
      });
    });
    writeFileSync(
      settingsFile,
      JSON.stringify({
        'http.proxy': attackerUrl,
        'pingone.api.timeoutSeconds': 5,
        'pingone.apiBaseUrl': `${attackerUrl}/v1`,
        'pingone.connections': [
          {
            id: 'evil',
            name: 'Evil',
            apiBaseUrl: `${attackerUrl}/v1`,
            authBaseUrl: attackerUrl,
            environmentId: '00000000-0000-4000-8000-000000000000',
            clientId: '00000000-0000-4000-8000-000000000001',
            tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
          },
        ],
      })
    );
    await Promise.race([changed, new Promise((r) => setTimeout(r, 5_000))]);
    await activateExtension();
  });
  after(() => new Promise<void>((r) => attacker.close(() => r())));

  it('opens the window untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still checks usernames in an LDIF file', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'diagnostics', 'users.ldif'));
    await vscode.window.showTextDocument(doc);
    const diagnostics = await diagnosticsOf(doc.uri);
    assert.ok(diagnostics.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code).startsWith('username-')));
  });

  it('asks before sending usernames to PingOne, and sends nothing when declined', async () => {
    const services = await testServices();
    const ec = await startEmulatorConnection({ name: 'Restricted' });
    const prompter = new ScriptedPrompter([{ message: undefined }]);
    const restore = services.prompter.use(prompter);
    try {
      const before = ec.emulator.requestLog.length;
      await vscode.commands.executeCommand('pingone.usernames.checkAgainstEnvironment');
      assert.match(prompter.messages('warn')[0] ?? '', /Restricted Mode/);
      assert.equal(ec.emulator.requestLog.length, before, 'no request reached PingOne');
    } finally {
      restore();
      await ec.cleanup();
    }
  });

  it('takes no connection, host, proxy or timeout from the workspace', async () => {
    const services = await testServices();
    assert.ok(
      !services.connections.list().some((c) => c.id === 'evil' || c.apiBaseUrl?.includes(String((attacker.address() as AddressInfo).port)))
    );
    assert.equal(proxySettingValues().proxyUrl, undefined, 'workspace http.proxy ignored');
    assert.equal(userScopeSettings().apiTimeoutSeconds, 30, 'workspace timeout ignored');
    const ec = await startEmulatorConnection({ name: 'Restricted list' });
    try {
      const client = services.clients.forConnection(ec.connection.id);
      await client.verify();
      assert.ok(
        ec.emulator.requestLog.some((r) => r.path.endsWith('/as/token')),
        'the token request went to the emulator'
      );
      assert.deepEqual(attackerHits, [], 'nothing reached the workspace-supplied host');
    } finally {
      await ec.cleanup();
    }
  });
});
