// Provisions and caches code-server 4.100.3 (VS Code 1.100.3's server and web
// workbench) under .vscode-test/, following shared/reference/vscode-test-host.md.
// Desktop VS Code cannot be downloaded on these machines; code-server comes
// from the npm registry and its native modules build with the local g++.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const hostDir = path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const marker = path.join(hostDir, '.provisioned');
export const codeServerBin = path.join(hostDir, 'node_modules', '.bin', 'code-server');

const npmFlags = ['--no-audit', '--no-fund', '--loglevel=error'];

function run(cmd, args, cwd) {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_config_yes: 'true' } });
}

function relink(target, linkPath) {
  rmSync(linkPath, { force: true, recursive: true });
  symlinkSync(target, linkPath);
}

/**
 * VS Code's search (quick open, findFiles, workspaceContains) runs ripgrep
 * from @vscode/ripgrep, whose install step downloads a binary from GitHub,
 * which these machines cannot reach. Debian's ripgrep is the same program:
 * link it in when we can. Without it the host still works; search is empty.
 */
function ensureRipgrep(log) {
  const bin = path.join(hostDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin');
  const target = path.join(bin, 'rg');
  if (existsSync(target)) return;
  if (!existsSync('/usr/bin/rg') && isRootOnDebian()) {
    log('[host] installing Debian ripgrep for VS Code search (first run only)');
    try {
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'ripgrep'], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      try {
        run('apt-get', ['update', '-qq'], repoRoot);
        execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'ripgrep'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      } catch {
        log('[host] ripgrep could not be installed; VS Code search stays empty in the test host');
      }
    }
  }
  if (existsSync('/usr/bin/rg')) {
    mkdirSync(bin, { recursive: true });
    relink('/usr/bin/rg', target);
  }
}

function isRootOnDebian() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/etc/debian_version');
}

/** Installs code-server once; the marker is written only after every step succeeded. */
export function ensureCodeServer(log = (m) => process.stderr.write(m + '\n')) {
  if (existsSync(marker) && existsSync(codeServerBin)) {
    ensureRipgrep(log);
    return codeServerBin;
  }
  log(`[host] provisioning code-server ${CODE_SERVER_VERSION} in ${path.relative(repoRoot, hostDir)} (first run only, about a minute)`);
  rmSync(hostDir, { recursive: true, force: true });
  mkdirSync(hostDir, { recursive: true });
  writeFileSync(path.join(hostDir, 'package.json'), '{"private":true}\n');
  run('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', ...npmFlags], hostDir);
  run('npm', ['rebuild', 'argon2', '--foreground-scripts'], hostDir);
  const vscodeDir = path.join(hostDir, 'node_modules', 'code-server', 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', ...npmFlags], vscodeDir);
  run('npm', ['rebuild', '@vscode/spdlog', 'native-watchdog', '--foreground-scripts'], vscodeDir);
  relink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  relink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  relink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev', '--ignore-scripts', ...npmFlags], path.join(vscodeDir, 'extensions'));
  if (!existsSync(codeServerBin)) throw new Error(`code-server binary missing after install: ${codeServerBin}`);
  ensureRipgrep(log);
  writeFileSync(marker, new Date().toISOString() + '\n');
  log('[host] code-server ready');
  return codeServerBin;
}

export const chromiumPath = '/usr/bin/chromium';

/** Debian's Chromium drives the web workbench; installed with apt-get when we may. */
export function ensureChromium(log = (m) => process.stderr.write(m + '\n')) {
  if (existsSync(chromiumPath)) return chromiumPath;
  if (!isRootOnDebian()) {
    throw new Error(
      'Chromium is needed to drive the VS Code web workbench in tests but /usr/bin/chromium is missing. ' +
        'Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`), or run `npm run test:desktop` on a desktop with network.'
    );
  }
  log('[host] installing Debian chromium with apt-get (first run only)');
  run('apt-get', ['update', '-qq'], repoRoot);
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!existsSync(chromiumPath)) throw new Error('apt-get install chromium finished but /usr/bin/chromium is still missing');
  return chromiumPath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureChromium();
  ensureCodeServer();
}
