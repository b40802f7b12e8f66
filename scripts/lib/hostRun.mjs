// Runs one group of in-host mocha suites in a fresh code-server window and
// returns its outcome. Shared by the integration runner and the benchmarks.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeServerHost, repoRoot } from './codeServerHost.mjs';
import { OFFLINE_GALLERY_ENV, startCodeServer, workbenchUrl } from './hostSession.mjs';

const groupTimeoutMs = Number(process.env.PINGONE_TEST_TIMEOUT_MS ?? 20 * 60_000);
const logDir = path.join(repoRoot, '.vscode-test', 'logs');

export function build() {
  execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot, stdio: 'inherit' });
}

export function packageVsix() {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  // `npm run package` rebuilt dist/ minified; rebuild the development bundle for the other groups.
  build();
  return path.join(repoRoot, 'dist', 'pingone-sync-toolkit.vsix');
}

/**
 * @param {string} group folder under test/integration
 * @param {object} [o]
 * @param {string} [o.codeServer] code-server version to run on (default: the pinned current one)
 */
/**
 * A loopback endpoint through which an in-host suite presses keys in the window, as a user types
 * (the editor bench times typed edits from the key press). `POST /press` with a JSON body
 * `{"key": "Space"}` (Playwright's key names) answers `{"at": ms}`: the moment the key went down,
 * as `performance.timeOrigin + performance.now()`, the same clock the extension host reads.
 * Benches only: 127.0.0.1, a free port, JSON bodies only.
 */
async function startKeyboard(pageOf) {
  const server = http.createServer((req, res) => {
    const answer = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/press' || !String(req.headers['content-type']).startsWith('application/json'))
      return answer(400, { error: 'POST /press with a JSON body' });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body = (body + c).slice(0, 1000)));
    req.on('end', async () => {
      const page = pageOf();
      const key = (() => {
        try {
          return JSON.parse(body).key;
        } catch {
          return undefined;
        }
      })();
      if (!page || typeof key !== 'string') return answer(400, { error: 'no window yet, or no key' });
      const at = performance.timeOrigin + performance.now();
      try {
        await page.keyboard.press(key);
        answer(200, { at });
      } catch (e) {
        answer(500, { error: String(e?.message ?? e) });
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/press`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * @param {boolean} [o.keyboard] start the key-press endpoint (see startKeyboard) and give its URL to the host as PINGONE_BENCH_KEYS_URL
 */
export async function runGroup(
  group,
  browser,
  { grep, env = {}, installVsix = group === 'vsix', vsix: prebuiltVsix, codeServer, keyboard: wantKeyboard = false } = {}
) {
  const { version, bin: codeServerBin } = codeServerHost(codeServer);
  mkdirSync(logDir, { recursive: true });
  const work = mkdtempSync(path.join(os.tmpdir(), `pingone-it-${group}-`));
  const workspace = path.join(work, 'workspace');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const resultsFile = path.join(work, 'results.json');
  const logFile = path.join(logDir, `${group}-${version}.log`);
  rmSync(logFile, { force: true });
  let extensionDevelopmentPath = repoRoot;
  let extensionsDir;
  if (installVsix) {
    // Install the packaged extension the way a user would, then load only a
    // tiny harness from source so the host runs the test module.
    const vsix = prebuiltVsix ?? packageVsix();
    extensionsDir = path.join(work, 'extensions');
    execFileSync(
      codeServerBin,
      ['--extensions-dir', extensionsDir, '--user-data-dir', path.join(work, 'ud'), '--install-extension', vsix],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, ...OFFLINE_GALLERY_ENV, HOME: work },
      }
    );
    extensionDevelopmentPath = path.join(repoRoot, 'test', 'vsix-harness');
  }
  let page;
  const keyboard = wantKeyboard ? await startKeyboard(() => page) : undefined;
  const host = await startCodeServer({
    workspace,
    trust: group !== 'restricted',
    extensionsDir,
    logFile,
    bin: codeServerBin,
    env: {
      PINGONE_TEST_RESULTS: resultsFile,
      PINGONE_TEST_GROUP: group,
      PINGONE_TEST_WORKSPACE: workspace,
      PINGONE_REPO_ROOT: repoRoot,
      PINGONE_TEST_RUN_LIMIT_MS: String(Math.max(60_000, groupTimeoutMs - 60_000)),
      ...(grep ? { PINGONE_TEST_GREP: grep } : {}),
      ...(keyboard ? { PINGONE_BENCH_KEYS_URL: keyboard.url } : {}),
      ...env,
    },
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
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
    return {
      passed: 0,
      failed: 1,
      pending: 0,
      failures: [{ title: `[${group}] host run`, error: String(e?.message ?? e) }],
      tests: [],
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    writeFileSync(path.join(logDir, `${group}-${version}.page.log`), pageLog.join('\n'));
    await context.close().catch(() => {});
    await keyboard?.close();
    await host.stop();
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
}
