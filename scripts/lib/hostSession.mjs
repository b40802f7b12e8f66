// Starts code-server on a free loopback port with throwaway user data, opens
// the web workbench in headless Debian Chromium and hands back handles to
// both. Shared by the integration runner, the sandbox and the benchmarks.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerBin, ensureChromium } from './codeServerHost.mjs';

/**
 * code-server looks up extensions in Open VSX at start and after installs.
 * Tests touch nothing beyond loopback, so the gallery points at a closed
 * loopback port (the lookup fails at once, as it would offline).
 */
export const OFFLINE_GALLERY_ENV = {
  EXTENSIONS_GALLERY: JSON.stringify({
    serviceUrl: 'http://127.0.0.1:9/gallery',
    itemUrl: 'http://127.0.0.1:9/items',
    resourceUrlTemplate: 'http://127.0.0.1:9/resource',
  }),
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, timeoutMs, isAlive) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('code-server exited before it was ready');
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
}

export const defaultUserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'files.watcherExclude': { '**/node_modules/**': true },
};

/**
 * @param {object} o
 * @param {string} o.workspace folder to open
 * @param {boolean} [o.trust=true] false opens the window in Restricted Mode
 * @param {Record<string,string>} [o.env] extra environment for code-server and its extension host
 * @param {string} [o.logFile] where code-server's and the page's console go
 * @param {object} [o.userSettings]
 * @param {string} [o.extensionsDir]
 * @param {number} [o.port]
 * @param {string} [o.bin] code-server entry point (default: the default version's)
 */
export async function startCodeServer(o) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pingone-host-'));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = o.extensionsDir ?? path.join(root, 'extensions');
  const home = path.join(root, 'home');
  for (const d of [userDataDir, extensionsDir, home, path.join(userDataDir, 'User')]) mkdirSync(d, { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...defaultUserSettings, ...(o.userSettings ?? {}) }, null, 2)
  );
  const port = o.port || (await freePort());
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (o.trust !== false) args.push('--disable-workspace-trust');
  args.push(o.workspace);
  const log = o.logFile ? createWriteStream(o.logFile, { flags: 'a' }) : null;
  const child = spawn(o.bin ?? codeServerBin, args, {
    env: { ...process.env, ...OFFLINE_GALLERY_ENV, HOME: home, ...(o.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let alive = true;
  child.on('exit', () => (alive = false));
  child.stdout.on('data', (d) => log?.write(d));
  child.stderr.on('data', (d) => log?.write(d));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/healthz`, 30_000, () => alive);

  const stop = async () => {
    if (alive) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
      if (alive) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    log?.end();
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  return { baseUrl, port, root, userDataDir, extensionsDir, home, child, stop, isAlive: () => alive };
}

/** Launches headless Chromium (installed on first use) with the flags this closed network needs. Only tests and screenshots drive a browser. */
export async function launchBrowser() {
  const executablePath = ensureChromium();
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The workbench URL that loads an extension from source and runs a test module in its host. */
export function workbenchUrl(baseUrl, port, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const q = new URLSearchParams({ folder });
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `${baseUrl}/?${q.toString()}`;
}
