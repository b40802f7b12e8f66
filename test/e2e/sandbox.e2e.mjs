// The sandbox checked in a browser: brings up the sandbox exactly as
// `npm run sandbox` does (packaged .vsix in code-server, the emulator with the
// default seed, the credentials handed over through the host environment),
// on free ports and in throwaway directories, and drives headless Chromium
// through it like a user:
//   explorer     the PingOne view shows the sandbox connection and its environments
//   diagnostics  users.ldif opened from quick open has its PingOne rows in Problems
//   create       "PingOne: Create Worker App…" from the palette creates an app in the emulator
// Prints each check as ✔/✖, writes {passed, failed} to $MOCHA_SUMMARY_FILE for
// `npm test`, and always stops code-server, the emulator and the browser.
//
//   node test/e2e/sandbox.e2e.mjs [--skip-package] [--keep-artifacts]
//   PINGONE_E2E_TIMEOUT_MS  overall bound (default 6 minutes)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/codeServerHost.mjs';
import { launchBrowser } from '../../scripts/lib/hostSession.mjs';
import { startSandbox } from '../../scripts/lib/sandbox.mjs';
import { Workbench } from '../../scripts/lib/workbench.mjs';
import { createdApp, emulatorRequests } from './emulatorProbe.mjs';

const argv = process.argv.slice(2);
const overallMs = Number(process.env.PINGONE_E2E_TIMEOUT_MS ?? 6 * 60_000);
const stepMs = 45_000;
const artifacts = path.join(repoRoot, '.vscode-test', 'logs', 'e2e');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (m) => process.stderr.write(`[e2e ${elapsed()}] ${m}\n`);

const results = [];
let sandbox;
let browser;
let wb;
let work;
let cleaning;
let timedOut = false;

function writeSummary() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (process.env.MOCHA_SUMMARY_FILE) writeFileSync(process.env.MOCHA_SUMMARY_FILE, JSON.stringify({ passed, failed }));
  return { passed, failed };
}

/** Every regular file below dir (skipping paths `skip` matches). */
function filesUnder(dir, skip = () => false) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (skip(full)) return [];
    const st = statSync(full);
    return st.isDirectory() ? filesUnder(full, skip) : st.isFile() ? [full] : [];
  });
}

async function cleanup() {
  cleaning ??= (async () => {
    await wb?.close();
    await browser?.close().catch(() => {});
    await sandbox?.stop().catch((e) => log(`stopping the sandbox: ${e.message}`));
    if (work && !argv.includes('--keep-artifacts')) rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  })();
  return cleaning;
}

// Fail, don't hang: whatever is stuck, the whole run ends within the bound.
const watchdog = setTimeout(async () => {
  timedOut = true;
  log(`overall timeout of ${overallMs / 1000} s reached; stopping everything`);
  results.push({ name: 'finished within the time bound', ok: false });
  console.log(`  ✖ finished within ${overallMs / 1000} s`);
  writeSummary();
  await Promise.race([cleanup(), new Promise((r) => setTimeout(r, 15_000))]);
  process.exit(1);
}, overallMs);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    log(`${signal}: stopping everything`);
    await cleanup();
    process.exit(130);
  });
}

/** Runs one check; a failure is counted, printed with a screenshot, and the next check still runs. */
async function check(name, fn) {
  if (timedOut) return;
  const t0 = Date.now();
  try {
    await fn();
    if (timedOut) return;
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    if (timedOut) return; // the watchdog has counted it and is closing everything
    results.push({ name, ok: false });
    console.log(`  ✖ ${name} (${Date.now() - t0} ms)\n      ${String(e?.message ?? e).replace(/\n/g, '\n      ')}`);
    if (wb) {
      mkdirSync(artifacts, { recursive: true });
      const shot = path.join(artifacts, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      await wb.screenshot(shot).then(
        () => console.log(`      screenshot: ${path.relative(repoRoot, shot)}`),
        () => {}
      );
    }
    // Leave no quick input or notification behind for the next check.
    await wb?.page.keyboard.press('Escape').catch(() => {});
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

try {
  work = mkdtempSync(path.join(os.tmpdir(), 'pingone-e2e-'));
  const workspaceDir = path.join(work, 'workspace');
  cpSync(path.join(repoRoot, 'sandbox', 'workspace'), workspaceDir, { recursive: true });

  let startError;
  await check('the sandbox starts (package, install, emulator, code-server)', async () => {
    try {
      sandbox = await startSandbox({
        port: 0,
        emulatorPort: 0,
        skipPackage: argv.includes('--skip-package'),
        workspaceDir,
        stateDir: path.join(work, 'state'),
        openWalkthrough: true,
        log,
      });
      browser = await launchBrowser();
      wb = await Workbench.open(browser, sandbox.url, { timeout: stepMs, log });
    } catch (e) {
      startError = e;
      throw e;
    }
  });

  if (!startError) {
    const e = sandbox.emulator;

    await check('sandbox: prints a second admin worker that the emulator accepts', async () => {
      const [w] = sandbox.extraAdminWorkers;
      assert(
        w && w.clientId && w.clientSecret && w.environmentId,
        `extra admin workers: ${JSON.stringify(sandbox.extraAdminWorkers?.map((x) => x.label))}`
      );
      assert(w.clientId !== e.clientId, 'the second worker is not the connected one');
      const res = await fetch(`${e.authBaseUrl}/${w.environmentId}/as/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: w.clientId, client_secret: w.clientSecret }),
      });
      assert(res.status === 200, `token request with the second worker: HTTP ${res.status}`);
    });

    await check('explorer: the PingOne view lists the sandbox connection and the seeded environments', async () => {
      await wb.openViewContainer('PingOne', { timeout: 90_000 });
      await wb.expandTreeRow('Sandbox (local emulator)');
      for (const env of ['Administrators', 'Sync Staging', 'Production']) await wb.waitForTreeRow(env);
      const rows = await wb.treeRows();
      // Under the connection: what its worker may do, then the environments.
      const envRows = rows.filter((r) => r.level === 2).map((r) => r.label);
      assert(
        JSON.stringify(envRows) === JSON.stringify(['Worker permissions', 'Administrators', 'Sync Staging', 'Production']),
        `environment rows: ${JSON.stringify(envRows)}`
      );
      assert(
        rows[0].description === new URL(e.apiBaseUrl).host,
        `the connection row describes ${rows[0].description}, not the emulator ${new URL(e.apiBaseUrl).host}`
      );
    });

    // The extension starts with the PingOne view; on the sandbox's first start it then opens its walkthrough.
    await check('walkthrough: opens on the first start with "Add a connection" ticked by the sandbox connection', async () => {
      await wb.until('the walkthrough to open', async () => (await wb.walkthroughSteps()).length === 4, 90_000);
      await wb.waitForWalkthroughStep('addConnection', true);
      await wb.waitForWalkthroughStep('checkSyncFile', false);
    });

    await check('diagnostics: users.ldif shows its PingOne problems, username-duplicate among them', async () => {
      await wb.quickOpen('users.ldif', { path: path.join(workspaceDir, 'users.ldif') });
      await wb.openProblems();
      const dup = await wb.waitForProblem(/username-duplicate/);
      assert(/generated by PingOne/.test(dup.ariaLabel), `the duplicate row is not from source PingOne: ${dup.ariaLabel}`);
      const rows = await wb.problemRows();
      const file = rows.find((r) => r.level === 1 && r.text.startsWith('users.ldif'));
      assert(file, `no users.ldif file row in Problems: ${JSON.stringify(rows.map((r) => r.text))}`);
      const codes = new Set(rows.flatMap((r) => r.text.match(/username-[a-z-]+/g) ?? []));
      assert(codes.has('username-invalid-character'), `expected username-invalid-character too; codes seen: ${[...codes].join(', ')}`);
    });

    await check('walkthrough: "Check a sync file" is ticked once an LDIF file was opened', async () => {
      await wb.runCommand('Welcome: Open Walkthrough...');
      await wb.waitForQuickInput({ row: 'Set up PingOne sync' });
      await wb.pick('Set up PingOne sync');
      await wb.waitForWalkthroughStep('checkSyncFile', true);
      await wb.waitForWalkthroughStep('addConnection', true);
    });

    await check('create: "PingOne: Create Worker App…" from the palette creates the app in the emulator', async () => {
      const name = `E2E Sync Worker ${Date.now().toString(36)}`;
      await wb.clearNotifications();
      // The walkthrough opened by the checks above re-renders when its "Create a worker app" step completes
      // (on this very command) and can take the keyboard focus from the quick pick: close it first.
      await wb.runCommandUntil('View: Close All Editors', async () => (await wb.editorTabCount()) === 0, 'every editor closed');
      const pickingEnvironment = async () => {
        const s = await wb.quickInputState();
        return s.visible && s.placeholder === 'Pick an environment';
      };
      await wb.runCommandUntil('PingOne: Create Worker App…', pickingEnvironment, 'the environment pick');
      await wb.waitForQuickInput({ placeholder: 'Pick an environment', row: 'Sync Staging' });
      await wb.pick('Sync Staging');
      await wb.waitForQuickInput({ title: 'Create Worker App in Sync Staging', message: 'Name of the worker app' });
      await wb.answerInput(name);
      await wb.waitForQuickInput({ message: 'Description (optional)' });
      await wb.answerInput('');
      await wb.waitForQuickInput({ placeholder: 'Icon for the app', row: 'No icon' });
      await wb.pick('No icon');
      const roles = await wb.waitForQuickInput({ placeholder: 'Roles at environment scope', row: 'Identity Data Admin' });
      const checked = roles.rows.filter((r) => r.checked).map((r) => r.label);
      assert(JSON.stringify(checked) === '["Identity Data Admin"]', `pre-selected roles: ${JSON.stringify(checked)}`);
      await wb.acceptQuickInput();
      await wb.waitForQuickInputClosed();
      const note = await wb.waitForNotification(`Created worker app "${name}"`);
      assert(note.includes('Identity Data Admin'), `the success message names no role: ${note}`);

      const app = await createdApp(e, 'Sync Staging', name);
      assert(app.type === 'WORKER', `the app is a ${app.type}`);
      assert(app.roles.includes('Identity Data Admin'), `its role assignments: ${JSON.stringify(app.roles)}`);
      const posts = (await emulatorRequests(e)).filter((r) => r.method === 'POST' && /\/environments\/[^/]+\/applications$/.test(r.path));
      assert(
        posts.some((r) => r.status === 201 && r.path.includes(app.environmentId)),
        `no 201 for POST …/applications in the emulator's log: ${JSON.stringify(posts)}`
      );
    });

    await check('secrets: the handed-over client secret is in no log, settings file or workspace file of the sandbox', async () => {
      const files = [
        ...filesUnder(path.join(sandbox.userDataDir, 'logs')),
        ...filesUnder(path.join(sandbox.userDataDir, 'User'), (p) => /globalStorage|workspaceStorage/.test(p)),
        ...filesUnder(sandbox.workspace),
      ];
      assert(files.length > 5, `found the sandbox's files (${files.length})`);
      const needles = [e.clientSecret, Buffer.from(`${e.clientId}:${e.clientSecret}`).toString('base64')];
      const leaking = files.filter((f) => {
        const text = readFileSync(f, 'latin1');
        return needles.some((n) => text.includes(n));
      });
      assert(leaking.length === 0, `the secret appears in: ${leaking.join(', ')}`);
    });
  }
} catch (e) {
  results.push({ name: 'the check itself ran', ok: false });
  console.log(`  ✖ the check itself ran\n      ${e?.stack ?? e}`);
} finally {
  await cleanup();
  clearTimeout(watchdog);
}

const { passed, failed } = writeSummary();
console.log(`\nsandbox e2e: ${passed} passed, ${failed} failed (${elapsed()})`);
process.exitCode = failed ? 1 : 0;
