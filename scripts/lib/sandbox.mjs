// The sandbox: the PingOne emulator + code-server with the freshly packaged
// .vsix installed and already connected to the emulator. Used by
// `npm run sandbox`, by the browser check in `npm test` and by the README
// screenshot script.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { codeServerBin, ensureCodeServer, repoRoot } from './codeServerHost.mjs';
import { OFFLINE_GALLERY_ENV, startCodeServer } from './hostSession.mjs';

const SANDBOX_ENV = 'PINGONE_SANDBOX_CONNECTION';
/** Asks the extension to open its walkthrough once it has started (src/walkthrough). */
const WALKTHROUGH_ENV = 'PINGONE_SANDBOX_OPEN_WALKTHROUGH';

/** Starts the emulator CLI and resolves with its ready line. */
export function startEmulatorProcess({ port = 0, seed = 'default' } = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', String(port), '--seed', seed], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not report ready within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the emulator exited with code ${code} before it was ready`)));
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        const ready = JSON.parse(line);
        if (!ready.ready) throw new Error('not ready');
        resolve({ ready, child, stop: () => stopChild(child) });
      } catch {
        reject(new Error(`unexpected first line from the emulator: ${line.slice(0, 200)}`));
      }
    });
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Builds and packages the extension; returns the .vsix path. */
export function packageExtension(log) {
  log('[sandbox] building and packaging the extension');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  return path.join(repoRoot, 'dist', 'pingone-sync-toolkit.vsix');
}

/**
 * A second admin worker for trying Add Connection by hand: the emulator's
 * ready line lists `extraAdminWorkers` when its seed has them; otherwise one
 * is added through the emulator's loopback control endpoint
 * (`POST /__emulator/workers`, emulator/README.md) with the seeded admin
 * worker's organization-wide roles.
 */
export async function extraAdminWorkers(ready) {
  if (Array.isArray(ready.extraAdminWorkers) && ready.extraAdminWorkers.length) return ready.extraAdminWorkers;
  const label = 'Second Admin Worker';
  const res = await fetch(`${ready.baseUrl}/__emulator/workers`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      environmentId: ready.environmentId,
      name: label,
      roles: [
        { roleName: 'Organization Admin', scopeType: 'ORGANIZATION' },
        { roleName: 'Environment Admin', scopeType: 'ORGANIZATION' },
      ],
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`the emulator refused to add a second admin worker: HTTP ${res.status}`);
  const { clientId, clientSecret } = await res.json();
  return [{ label, description: 'Added by the sandbox for Add Connection', environmentId: ready.environmentId, clientId, clientSecret }];
}

/**
 * @param {{ port?: number, emulatorPort?: number, log?: (m: string) => void, skipPackage?: boolean, workspaceDir?: string, stateDir?: string, userSettings?: object, openWalkthrough?: boolean }} o
 *   stateDir: where the extensions, HOME and log live (default `.sandbox/`; the browser check uses its own so it never touches a running sandbox);
 *   workspaceDir: the folder to open as is (default: fresh sample files copied into `<stateDir>/workspace` on every start);
 *   userSettings: extra VS Code user settings (the screenshot script picks a theme);
 *   openWalkthrough: the extension opens its "Set up PingOne sync" walkthrough once started.
 * Needs no browser: the user opens the printed URL in their own.
 */
export async function startSandbox(o = {}) {
  const log = o.log ?? ((m) => process.stderr.write(m + '\n'));
  ensureCodeServer(log);
  const vsix =
    o.skipPackage && existsSync(path.join(repoRoot, 'dist', 'pingone-sync-toolkit.vsix'))
      ? path.join(repoRoot, 'dist', 'pingone-sync-toolkit.vsix')
      : packageExtension(log);

  const sandboxRoot = o.stateDir ?? path.join(repoRoot, '.sandbox');
  const workspace = o.workspaceDir ?? path.join(sandboxRoot, 'workspace');
  const extensionsDir = path.join(sandboxRoot, 'extensions');
  rmSync(extensionsDir, { recursive: true, force: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (!o.workspaceDir) {
    // Fresh samples every start: edits made while trying the product do not stick.
    rmSync(workspace, { recursive: true, force: true });
    cpSync(path.join(repoRoot, 'sandbox', 'workspace'), workspace, { recursive: true });
  }

  log('[sandbox] installing the .vsix into the code-server host');
  execFileSync(codeServerBin, ['--extensions-dir', extensionsDir, '--install-extension', vsix], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...OFFLINE_GALLERY_ENV, HOME: sandboxRoot },
  });

  log('[sandbox] starting the PingOne emulator');
  const emulator = await startEmulatorProcess({ port: o.emulatorPort ?? 0 });
  const e = emulator.ready;
  // The credentials travel in the host's environment only (never a settings file).
  const handover = JSON.stringify({
    name: 'Sandbox (local emulator)',
    authBaseUrl: e.authBaseUrl,
    apiBaseUrl: e.apiBaseUrl,
    environmentId: e.environmentId,
    clientId: e.clientId,
    clientSecret: e.clientSecret,
  });
  let host;
  let extraWorkers;
  try {
    extraWorkers = await extraAdminWorkers(e);
    host = await startCodeServer({
      workspace,
      port: o.port,
      extensionsDir,
      logFile: path.join(sandboxRoot, 'code-server.log'),
      env: { [SANDBOX_ENV]: handover, ...(o.openWalkthrough ? { [WALKTHROUGH_ENV]: '1' } : {}) },
      userSettings: { 'workbench.activityBar.location': 'default', ...(o.userSettings ?? {}) },
    });
  } catch (err) {
    await emulator.stop();
    throw err;
  }
  const url = `${host.baseUrl}/?folder=${encodeURIComponent(workspace)}`;
  return {
    url,
    workspace,
    emulator: e,
    /** Admin workers not connected yet, for trying Add Connection by hand. */
    extraAdminWorkers: extraWorkers,
    /** The host's user data (logs, settings), for checks that no secret was written there. */
    userDataDir: host.userDataDir,
    async stop() {
      await host.stop();
      await emulator.stop();
    },
  };
}
