// The sandbox: the PingOne emulator + code-server with the freshly packaged
// .vsix installed and already connected to the emulator. Used by
// `npm run sandbox`, by the browser check in `npm test` and by the README
// screenshot script.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { codeServerBin, ensureChromium, ensureCodeServer, repoRoot } from './codeServerHost.mjs';
import { OFFLINE_GALLERY_ENV, startCodeServer } from './hostSession.mjs';

const SANDBOX_ENV = 'PINGONE_SANDBOX_CONNECTION';

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
 * @param {{ port?: number, emulatorPort?: number, log?: (m: string) => void, skipPackage?: boolean, workspaceDir?: string, stateDir?: string, userSettings?: object }} o
 *   stateDir: where the extensions, HOME and log live (default `.sandbox/`; the browser check uses its own so it never touches a running sandbox);
 *   userSettings: extra VS Code user settings (the screenshot script picks a theme).
 */
export async function startSandbox(o = {}) {
  const log = o.log ?? ((m) => process.stderr.write(m + '\n'));
  ensureChromium(log);
  ensureCodeServer(log);
  const vsix = o.skipPackage && existsSync(path.join(repoRoot, 'dist', 'pingone-sync-toolkit.vsix')) ? path.join(repoRoot, 'dist', 'pingone-sync-toolkit.vsix') : packageExtension(log);

  const sandboxRoot = o.stateDir ?? path.join(repoRoot, '.sandbox');
  const workspace = o.workspaceDir ?? path.join(sandboxRoot, 'workspace');
  const extensionsDir = path.join(sandboxRoot, 'extensions');
  rmSync(extensionsDir, { recursive: true, force: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (!existsSync(workspace)) cpSync(path.join(repoRoot, 'sandbox', 'workspace'), workspace, { recursive: true });

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
  try {
    host = await startCodeServer({
      workspace,
      port: o.port,
      extensionsDir,
      logFile: path.join(sandboxRoot, 'code-server.log'),
      env: { [SANDBOX_ENV]: handover },
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
    /** The host's user data (logs, settings), for checks that no secret was written there. */
    userDataDir: host.userDataDir,
    async stop() {
      await host.stop();
      await emulator.stop();
    },
  };
}
