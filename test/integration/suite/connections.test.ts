import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import { type RunningEmulator, startEmulator } from '../../../emulator';
import type { PingOneExplorer } from '../../../src/explorer/explorer';
import type { ConnectionNode, EnvironmentNode } from '../../../src/explorer/nodes';
import type { InputOptions } from '../../../src/ui/prompter';
import type { Services } from '../../../src/services';
import { HOST_RETRY, startEmulatorConnection } from '../helpers/emulatorConnection';
import { testServices } from '../helpers/extension';
import { type Answer, ScriptedPrompter } from '../helpers/scriptedPrompter';
import { trackEmulator } from '../helpers/secretLedger';

const STATE_KEY = 'pingone.connections.v1';
const secretKey = (id: string) => `pingone.connection.${id}.clientSecret`;

const pickValue = (value: unknown): Answer => ({ pick: (items) => items.find((i) => i.value === value)?.value });

/** A port nothing listens on (a server was there a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('Connections', function () {
  this.timeout(60_000);
  let services: Services;
  let emulator: RunningEmulator;
  let restorePrompter: (() => void) | undefined;
  const added: string[] = [];

  before(async () => {
    services = await testServices();
    emulator = trackEmulator(await startEmulator({ seed: 'default', port: 0 }));
    services.clients.retryOverrides = { ...HOST_RETRY };
  });

  after(async () => {
    for (const id of added) if (services.connections.get(id)) await services.connections.remove(id);
    services.clients.retryOverrides = {};
    await emulator.close();
  });

  afterEach(() => {
    restorePrompter?.();
    restorePrompter = undefined;
  });

  function script(...answers: Answer[]): ScriptedPrompter {
    const p = new ScriptedPrompter(answers);
    restorePrompter = services.prompter.use(p);
    return p;
  }

  it('adds a connection: a wrong secret is refused with the reason, the secret step is corrected, then it is saved', async () => {
    const problemsAtSecret: Array<string | undefined> = [];
    const secretAnswer = (value: string) => ({
      input: (o: InputOptions) => {
        problemsAtSecret.push(o.problem);
        assert.equal(o.password, true, 'the secret is asked in a password input');
        return value;
      },
    });
    const prompter = script(
      { input: 'Emulator Org' },
      pickValue('custom'),
      { input: 'ftp://127.0.0.1/' }, // refused inline
      { input: 'http://auth.pingone.example/' }, // plain HTTP off this computer: refused
      { input: 'not a url' }, // refused
      { input: emulator.authBaseUrl },
      { input: emulator.apiBaseUrl },
      { input: 'not-an-environment-id' }, // refused inline
      { input: emulator.environmentId },
      { input: '12345' }, // not a client ID: refused inline
      { input: emulator.clientId },
      secretAnswer('wrong-secret'),
      pickValue('CLIENT_SECRET_POST'),
      // After the refusal the flow reopens the secret step only.
      secretAnswer(emulator.clientSecret)
    );
    const id = (await vscode.commands.executeCommand('pingone.connection.add')) as string;
    assert.ok(id, 'the command returns the new connection id');
    added.push(id);
    assert.equal(prompter.remaining, 0, 'every scripted answer was used');

    const validations = prompter.asked
      .filter((a) => a.kind === 'input' && typeof a.validation === 'string')
      .map((a) => a.validation as string);
    assert.ok(
      validations.some((v) => /https/.test(v)),
      `URL validated inline: ${validations.join(' | ')}`
    );
    assert.ok(
      validations.some((v) => /environment ID/.test(v)),
      'environment ID validated inline'
    );
    assert.ok(
      validations.some((v) => /HTTPS.*only to this computer/i.test(v)),
      `plain HTTP to another host refused: ${validations.join(' | ')}`
    );
    assert.ok(
      validations.some((v) => /is not a URL/.test(v)),
      'a malformed URL is named'
    );
    assert.ok(
      validations.some((v) => /not a Client ID/.test(v)),
      'a malformed client ID is named'
    );

    // The refusal does not wait behind a notification: the secret step comes back at once, the reason as its validation message.
    assert.deepEqual(prompter.messages('error'), [], 'no error notification to dismiss first');
    assert.equal(problemsAtSecret.length, 2);
    assert.equal(problemsAtSecret[0], undefined, 'the first secret step shows no problem');
    assert.match(problemsAtSecret[1] ?? '', /invalid_client/i, 'the reopened step says what PingOne refused');
    assert.match(problemsAtSecret[1] ?? '', /Correct the client secret and try again/, 'and what to correct');
    assert.ok(!(problemsAtSecret[1] ?? '').includes('wrong-secret'), 'the typed secret is not echoed');

    const tokens = emulator.requestLog.filter((r) => r.path.endsWith('/as/token'));
    assert.deepEqual(
      tokens.map((t) => t.status),
      [401, 200],
      'verified by fetching a token, before saving'
    );

    const saved = services.connections.get(id)!;
    assert.equal(saved.name, 'Emulator Org');
    assert.equal(saved.apiBaseUrl, emulator.apiBaseUrl);
    assert.equal(saved.authBaseUrl, emulator.authBaseUrl);
    assert.equal(saved.tokenEndpointAuthMethod, 'CLIENT_SECRET_POST');
    assert.equal(await services.context.secrets.get(secretKey(id)), emulator.clientSecret, 'secret in SecretStorage');
    const stateText = JSON.stringify(services.context.globalState.get(STATE_KEY));
    assert.ok(stateText.includes(id) && !stateText.includes(emulator.clientSecret), 'global state holds the connection without its secret');
    const settingsText = JSON.stringify([
      vscode.workspace.getConfiguration('pingone'),
      vscode.workspace.getConfiguration().inspect('pingone'),
    ]);
    assert.ok(!settingsText.includes(emulator.clientSecret), 'no setting holds the secret');
    assert.ok(!prompter.shownTexts().some((t) => t.includes(emulator.clientSecret)), 'the secret was never shown');
  });

  it('sends the user back to the host step when the host is unreachable', async () => {
    const port = await closedPort();
    const prompter = script(
      { input: 'Unreachable First' },
      pickValue('custom'),
      { input: `http://127.0.0.1:${port}` },
      { input: emulator.apiBaseUrl },
      { input: emulator.environmentId },
      { input: emulator.clientId },
      { input: emulator.clientSecret },
      pickValue('CLIENT_SECRET_POST'),
      { input: emulator.authBaseUrl } // the reopened auth URL step
    );
    const id = (await vscode.commands.executeCommand('pingone.connection.add')) as string;
    assert.ok(id);
    added.push(id);
    assert.equal(prompter.remaining, 0);
    const reopened = prompter.asked.filter((a) => a.kind === 'input').at(-1);
    assert.match(reopened?.problem ?? '', /could not reach 127\.0\.0\.1/i, 'the auth URL step comes back with the reason');
    assert.equal(services.connections.get(id)?.authBaseUrl, emulator.authBaseUrl);
  });

  it('edits a connection keeping its secret, renames it, tests it', async () => {
    const id = added[0];
    script(
      { input: 'Emulator Org (edited)' },
      pickValue('custom'),
      { input: emulator.authBaseUrl },
      { input: emulator.apiBaseUrl },
      { input: emulator.environmentId },
      { input: emulator.clientId },
      { input: '' }, // keep the saved secret
      pickValue('CLIENT_SECRET_POST')
    );
    await vscode.commands.executeCommand('pingone.connection.edit', { kind: 'connection', connectionId: id });
    assert.equal(services.connections.get(id)?.name, 'Emulator Org (edited)');
    assert.equal(await services.context.secrets.get(secretKey(id)), emulator.clientSecret);

    restorePrompter?.();
    script({ input: 'Renamed Org' });
    await vscode.commands.executeCommand('pingone.connection.rename', { kind: 'connection', connectionId: id });
    assert.equal(services.connections.get(id)?.name, 'Renamed Org');

    restorePrompter?.();
    const p = script();
    assert.equal(await vscode.commands.executeCommand('pingone.connection.test', { kind: 'connection', connectionId: id }), true);
    assert.match(p.messages('info')[0] ?? '', /works: a token was issued and 3 environments are visible/);
  });

  it('keeps several connections side by side in the tree', async () => {
    const explorer = services.explorer as PingOneExplorer;
    const roots = (await explorer.tree.getChildren()) as ConnectionNode[];
    for (const id of added) assert.ok(roots.some((r) => r.connectionId === id));
  });

  it('removes a connection after confirmation, and its secret with it', async () => {
    const id = added[1];
    const p = script({ message: 'Remove' });
    await vscode.commands.executeCommand('pingone.connection.remove', { kind: 'connection', connectionId: id });
    assert.match(p.messages('warn')[0] ?? '', /Remove the PingOne connection "Unreachable First"/);
    assert.equal(services.connections.get(id), undefined);
    assert.equal(await services.context.secrets.get(secretKey(id)), undefined, 'secret deleted');

    // Dismissing the confirmation keeps it.
    const keep = added[0];
    restorePrompter?.();
    script();
    await vscode.commands.executeCommand('pingone.connection.remove', { kind: 'connection', connectionId: keep });
    assert.ok(services.connections.get(keep));
    assert.ok(await services.context.secrets.get(secretKey(keep)));
  });

  describe('a workspace setting cannot redirect requests', () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    const settingsFile = path.join(folder, '.vscode', 'settings.json');
    let previous: string | undefined;
    let attackerHits: IncomingMessage[] = [];
    const attacker = createServer((req, res) => {
      attackerHits.push(req);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"_embedded":{"environments":[]}}');
    });

    before(async () => {
      await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', () => r()));
      previous = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
    });

    after(async () => {
      // Through VS Code's file service, like the write below, so the host sees it at once.
      if (previous === undefined) await vscode.workspace.fs.delete(vscode.Uri.file(settingsFile)).then(undefined, () => undefined);
      else await vscode.workspace.fs.writeFile(vscode.Uri.file(settingsFile), Buffer.from(previous));
      // Leave the configuration settled, so later suites see no late change event from this file.
      for (let i = 0; i < 50 && vscode.workspace.getConfiguration('pingone').inspect('apiBaseUrl')?.workspaceValue !== undefined; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise<void>((r) => attacker.close(() => r()));
    });

    it('sends every request to the connection’s own host even with http.proxy, pingone.api.* and invented pingone.* settings in the workspace', async () => {
      const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
      const ec = await startEmulatorConnection({ name: 'Guarded' });
      try {
        const changed = new Promise<void>((resolve) => {
          const sub = vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration('http.proxy') || e.affectsConfiguration('pingone')) {
              sub.dispose();
              resolve();
            }
          });
        });
        // A real .vscode/settings.json, written through VS Code's file service: the host
        // reloads workspace settings on its own writes, while noticing a write from
        // outside depends on its file watcher (VS Code 1.90 missed it under load).
        const hostile = {
          'http.proxy': attackerUrl,
          'http.proxyStrictSSL': false,
          'pingone.api.timeoutSeconds': 5,
          'pingone.api.maxRetries': 0,
          'pingone.api.baseUrl': `${attackerUrl}/v1`,
          'pingone.apiBaseUrl': `${attackerUrl}/v1`,
          'pingone.authBaseUrl': attackerUrl,
          'pingone.connection.apiBaseUrl': `${attackerUrl}/v1`,
          'pingone.connections': [{ id: ec.connection.id, apiBaseUrl: `${attackerUrl}/v1`, authBaseUrl: attackerUrl }],
        };
        await vscode.workspace.fs.writeFile(vscode.Uri.file(settingsFile), Buffer.from(JSON.stringify(hostile, null, 2)));
        await Promise.race([changed, new Promise((r) => setTimeout(r, 5000))]);
        // The workspace file is in effect: VS Code serves its invented pingone.* keys.
        for (let i = 0; i < 50 && vscode.workspace.getConfiguration('pingone').inspect('apiBaseUrl')?.workspaceValue === undefined; i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(vscode.workspace.getConfiguration('pingone').inspect('apiBaseUrl')?.workspaceValue, `${attackerUrl}/v1`);
        const inspected = vscode.workspace.getConfiguration('http').inspect<string>('proxy');
        console.log(
          `[connections] http.proxy as VS Code sees it: workspace=${String(inspected?.workspaceValue)} effective=${String(vscode.workspace.getConfiguration('http').get('proxy'))}`
        );

        const explorer = ec.services.explorer as PingOneExplorer;
        ec.services.clients.closeAll();
        attackerHits = [];
        const root = ((await explorer.tree.getChildren()) as ConnectionNode[]).find((n) => n.connectionId === ec.connection.id)!;
        const envs = (await explorer.tree.getChildren(root)).filter((n): n is EnvironmentNode => n.kind === 'environment');
        assert.equal(envs.length, 3, 'the emulator answered');
        await explorer.tree.getChildren(envs.find((e) => e.environment.name === 'Production')!);
        const p = script();
        assert.equal(
          await vscode.commands.executeCommand('pingone.connection.test', { kind: 'connection', connectionId: ec.connection.id }),
          true,
          p.asked.map((a) => a.title).join(' | ')
        );

        const hosts = new Set(ec.emulator.requestLog.map((r) => r.host));
        assert.deepEqual([...hosts], [new URL(ec.emulator.baseUrl).host], 'every request went to the connection’s host');
        assert.ok(ec.emulator.requestLog.length >= 4);
        assert.equal(attackerHits.length, 0, 'the other server received nothing');
        assert.equal(
          ec.services.connections.get(ec.connection.id)?.apiBaseUrl,
          ec.emulator.apiBaseUrl,
          'the saved connection is unchanged'
        );
      } finally {
        await ec.cleanup();
      }
    });
  });
});
