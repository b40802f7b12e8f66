// Provisions and caches code-server (VS Code's own server and web workbench)
// under .vscode-test/code-server-<version>/, one folder per version, with the
// same recipe for each. Desktop VS Code cannot be downloaded on these
// machines; code-server comes from the npm registry and its native modules
// build with the local g++.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The VS Code versions the integration suites run on: the current release we
 * pin, and the oldest one `engines.vscode` claims (code-server 4.90.3 is VS
 * Code 1.90.2). Both declare Node 20. The first entry is the default host
 * (sandbox, screenshots, benchmarks).
 */
export const CODE_SERVER_HOSTS = [
  { codeServer: '4.100.3', vscode: '1.100.3' },
  { codeServer: '4.90.3', vscode: '1.90.2' },
];
export const CODE_SERVER_VERSION = CODE_SERVER_HOSTS[0].codeServer;
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where one code-server version is cached and its entry point. */
export function codeServerHost(version = CODE_SERVER_VERSION) {
  const dir = path.join(repoRoot, '.vscode-test', `code-server-${version}`);
  return { version, dir, bin: path.join(dir, 'node_modules', '.bin', 'code-server'), marker: path.join(dir, '.provisioned') };
}
export const hostDir = codeServerHost().dir;
export const codeServerBin = codeServerHost().bin;

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
function ensureRipgrep(hostDir, log) {
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
        execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'ripgrep'], {
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        });
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

/** Installs one code-server version once; the marker is written only after every step succeeded. */
export function ensureCodeServer(log = (m) => process.stderr.write(m + '\n'), version = CODE_SERVER_VERSION) {
  const { dir: hostDir, bin: codeServerBin, marker } = codeServerHost(version);
  if (existsSync(marker) && existsSync(codeServerBin)) {
    ensureRipgrep(hostDir, log);
    return codeServerBin;
  }
  const t0 = Date.now();
  log(`[host] provisioning code-server ${version} in ${path.relative(repoRoot, hostDir)} (first run only, about a minute)`);
  rmSync(hostDir, { recursive: true, force: true });
  mkdirSync(hostDir, { recursive: true });
  writeFileSync(path.join(hostDir, 'package.json'), '{"private":true}\n');
  run('npm', ['install', `code-server@${version}`, '--ignore-scripts', ...npmFlags], hostDir);
  run('npm', ['rebuild', 'argon2', '--foreground-scripts'], hostDir);
  const vscodeDir = path.join(hostDir, 'node_modules', 'code-server', 'lib', 'vscode');
  // VS Code's npm-shrinkwrap.json pins the whole tree; 4.90.3's pins xterm
  // betas whose peer ranges npm 10 refuses (ERESOLVE), so peers are not
  // re-resolved. The shrinkwrap still decides every version.
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--legacy-peer-deps', ...npmFlags], vscodeDir);
  run('npm', ['rebuild', '@vscode/spdlog', 'native-watchdog', '--foreground-scripts'], vscodeDir);
  relink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  relink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  relink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--omit=dev', '--ignore-scripts', ...npmFlags], path.join(vscodeDir, 'extensions'));
  if (!existsSync(codeServerBin)) throw new Error(`code-server binary missing after install: ${codeServerBin}`);
  ensureRipgrep(hostDir, log);
  writeFileSync(marker, new Date().toISOString() + '\n');
  log(`[host] code-server ${version} ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
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
  for (const h of CODE_SERVER_HOSTS) ensureCodeServer(undefined, h.codeServer);
}
