// Runs the integration suites inside a real VS Code extension host:
// code-server 4.100.3 (VS Code 1.100.3) driven by headless Debian Chromium.
// Each group is one window: `suite` (trusted workspace), `restricted`
// (Restricted Mode) and `vsix` (the packaged .vsix installed with
// --install-extension). Results come back through a JSON file written by the
// in-host runner (test/integration/index.ts); a missing file fails the run.
//
//   node scripts/run-integration.mjs [--group suite|restricted|vsix]... [--grep TEXT] [--no-build]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium, ensureCodeServer, repoRoot, codeServerBin } from './lib/codeServerHost.mjs';
import { launchBrowser, startCodeServer, workbenchUrl } from './lib/hostSession.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const allGroups = ['suite', 'restricted', 'vsix'];
const groups = argv.flatMap((a, i) => (argv[i - 1] === '--group' ? [a] : []));
const selected = groups.length ? groups : allGroups;
const grep = opt('--grep');
const groupTimeoutMs = Number(process.env.PINGONE_TEST_TIMEOUT_MS ?? 20 * 60_000);
const logDir = path.join(repoRoot, '.vscode-test', 'logs');
mkdirSync(logDir, { recursive: true });

const log = (m) => process.stderr.write(m + '\n');

function build() {
  execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
}

function packageVsix() {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  // `npm run package` rebuilt dist/ minified; rebuild the development bundle for the other groups.
  build();
  return path.join(repoRoot, 'dist', 'pingone-sync-toolkit.vsix');
}

async function runGroup(group, browser) {
  const work = mkdtempSync(path.join(os.tmpdir(), `pingone-it-${group}-`));
  const workspace = path.join(work, 'workspace');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const resultsFile = path.join(work, 'results.json');
  const logFile = path.join(logDir, `${group}.log`);
  rmSync(logFile, { force: true });
  let extensionDevelopmentPath = repoRoot;
  let extensionsDir;
  if (group === 'vsix') {
    // Install the packaged extension the way a user would, then load only a
    // tiny harness from source so the host runs the test module.
    const vsix = packageVsix();
    extensionsDir = path.join(work, 'extensions');
    execFileSync(codeServerBin, ['--extensions-dir', extensionsDir, '--user-data-dir', path.join(work, 'ud'), '--install-extension', vsix], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, HOME: work },
    });
    extensionDevelopmentPath = path.join(repoRoot, 'test', 'vsix-harness');
  }
  const host = await startCodeServer({
    workspace,
    trust: group !== 'restricted',
    extensionsDir,
    logFile,
    env: {
      PINGONE_TEST_RESULTS: resultsFile,
      PINGONE_TEST_GROUP: group,
      PINGONE_TEST_WORKSPACE: workspace,
      PINGONE_REPO_ROOT: repoRoot,
      ...(grep ? { PINGONE_TEST_GREP: grep } : {}),
    },
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const pageLog = [];
  page.on('console', (m) => pageLog.push(m.text()));
  const started = Date.now();
  try {
    const url = workbenchUrl(host.baseUrl, host.port, {
      folder: workspace,
      extensionDevelopmentPath,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    while (!existsSync(resultsFile)) {
      if (Date.now() - started > groupTimeoutMs) throw new Error(`no results after ${groupTimeoutMs / 1000} s`);
      if (!host.isAlive()) throw new Error('code-server exited before the tests reported');
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 100)); // let the writer finish
    const outcome = JSON.parse(readFileSync(resultsFile, 'utf8'));
    return { ...outcome, seconds: (Date.now() - started) / 1000 };
  } catch (e) {
    return { passed: 0, failed: 1, pending: 0, failures: [{ title: `[${group}] host run`, error: String(e?.message ?? e) }], tests: [], seconds: (Date.now() - started) / 1000 };
  } finally {
    writeFileSync(path.join(logDir, `${group}.page.log`), pageLog.join('\n'));
    await context.close().catch(() => {});
    await host.stop();
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function main() {
  ensureChromium(log);
  ensureCodeServer(log);
  if (!argv.includes('--no-build')) build();
  const browser = await launchBrowser();
  const total = { passed: 0, failed: 0, pending: 0 };
  try {
    for (const group of selected) {
      if (group !== 'vsix' && !existsSync(path.join(repoRoot, 'test', 'integration', group))) continue;
      log(`\n[integration] ${group}: starting VS Code host`);
      const r = await runGroup(group, browser);
      for (const t of r.tests ?? []) log(`  ${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-'} ${t.title}${t.durationMs > 500 ? ` (${t.durationMs} ms)` : ''}`);
      for (const f of r.failures ?? []) log(`\n  FAILED: ${f.title}\n    ${String(f.error).split('\n').slice(0, 8).join('\n    ')}`);
      log(`[integration] ${group}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending in ${r.seconds.toFixed(1)} s (host log: .vscode-test/logs/${group}.log)`);
      total.passed += r.passed;
      total.failed += r.failed;
      total.pending += r.pending;
    }
  } finally {
    await browser.close();
  }
  if (process.env.MOCHA_SUMMARY_FILE) writeFileSync(process.env.MOCHA_SUMMARY_FILE, JSON.stringify(total));
  log(`[integration] total: ${total.passed} passed, ${total.failed} failed`);
  process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
}

main().catch((e) => {
  log(`[integration] ${e?.stack ?? e}`);
  process.exitCode = 1;
});
