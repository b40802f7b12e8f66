// `npm run screenshots [-- --skip-package]`: the README's screenshots, taken
// from the running sandbox (emulator + code-server + the packaged .vsix) in
// headless Chromium at 1400×900:
//   docs/images/explorer.png       the PingOne explorer with a worker app's details
//   docs/images/create-worker.png  Create Worker App… at its roles step
//   docs/images/diagnostics.png    users.ldif with its squiggles, a hover and the Problems panel
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './lib/codeServerHost.mjs';
import { launchBrowser } from './lib/hostSession.mjs';
import { startSandbox } from './lib/sandbox.mjs';
import { Workbench } from './lib/workbench.mjs';

const argv = process.argv.slice(2);
const outDir = path.join(repoRoot, 'docs', 'images');
const started = Date.now();
const log = (m) => process.stderr.write(`[screenshots ${((Date.now() - started) / 1000).toFixed(1)} s] ${m}\n`);

const settings = {
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.minimap.enabled': false,
  'editor.fontSize': 14,
  'editor.hover.delay': 300,
  'workbench.editor.empty.hint': 'hidden',
  'workbench.layoutControl.enabled': false,
  'window.commandCenter': true,
  'chat.commandCenter.enabled': false,
  'workbench.tree.indent': 14,
};

/** Drags the side bar's sash so tree rows and their descriptions fit. */
async function widenSideBar(wb, width) {
  const box = await wb.page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await wb.page.mouse.move(x - 1, y);
  await wb.page.mouse.down();
  await wb.page.mouse.move(box.x + width, y, { steps: 8 });
  await wb.page.mouse.up();
  await wb
    .until('the side bar to widen', async () => ((await wb.page.locator('.part.sidebar').boundingBox())?.width ?? 0) > box.width + 20, 5000)
    .catch(() => log('could not widen the side bar'));
}

async function shoot(wb, name) {
  // Let the last layout, fade-in and hover settle before the capture.
  await wb.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const file = path.join(outDir, name);
  await wb.screenshot(file);
  log(`${path.relative(repoRoot, file)}: ${(statSync(file).size / 1024).toFixed(0)} KB`);
}

async function explorerShot(wb) {
  await wb.openViewContainer('PingOne', { timeout: 90_000 });
  await widenSideBar(wb, 385); // leaves the walkthrough > 950 px: steps and media side by side
  await wb.expandTreeRow('Sandbox (local emulator)');
  // Production is short (a ready worker and a web app), so the worker's details fit.
  await wb.expandTreeRow('Production');
  await wb.expandTreeRow('Production Sync Worker');
  await wb.until('the app details', async () => (await wb.treeRows()).filter((r) => r.level === 4).length >= 5, 15_000);
  // The walkthrough in the editor area: where a new user starts.
  await wb.runCommand('Welcome: Open Walkthrough...');
  await wb.waitForQuickInput({ row: 'Set up PingOne sync' });
  await wb.pick('Set up PingOne sync');
  await wb.page.locator('.gettingStartedContainer').first().waitFor({ state: 'visible', timeout: 15_000 });
  // The step's Markdown renders in a webview once the markdown extension has activated.
  await wb.page
    .locator('.gettingStartedContainer .getting-started-media iframe, .gettingStartedContainer .getting-started-media webview')
    .first()
    .waitFor({ state: 'attached', timeout: 20_000 })
    .catch(() => log('no walkthrough media'));
  await wb
    .until(
      'extensions to finish activating',
      async () => !(await wb.page.locator('.part.statusbar').textContent())?.includes('Activating Extensions'),
      20_000
    )
    .catch(() => {});
  await wb.page.waitForTimeout(1500); // the webview paints after its iframe attaches; nothing to wait on from outside it
  await wb.page.mouse.move(24, 650);
  await shoot(wb, 'explorer.png');
}

async function createShot(wb) {
  await wb.clearNotifications();
  await wb.runCommand('PingOne: Create Worker App…');
  await wb.waitForQuickInput({ placeholder: 'Pick an environment', row: 'Sync Staging' });
  await wb.pick('Sync Staging');
  await wb.waitForQuickInput({ message: 'Name of the worker app' });
  await wb.answerInput('PingDataSync Destination');
  await wb.waitForQuickInput({ message: 'Description (optional)' });
  await wb.answerInput('Used by PingDataSync to write users');
  await wb.waitForQuickInput({ placeholder: 'Icon for the app', row: 'No icon' });
  await wb.pick('No icon');
  await wb.waitForQuickInput({ placeholder: 'Roles at environment scope', row: 'Identity Data Admin' });
  await wb.page.mouse.move(24, 650);
  await shoot(wb, 'create-worker.png');
  await wb.page.keyboard.press('Escape');
  await wb.waitForQuickInputClosed();
  await wb.clearNotifications().catch(() => {});
}

async function diagnosticsShot(wb, workspace) {
  await wb.runCommand('View: Close All Editors');
  await wb.openViewContainer('Explorer');
  await wb.quickOpen('users.ldif', { path: path.join(workspace, 'users.ldif') });
  await wb.openProblems();
  await wb.waitForProblem(/username-duplicate/);
  // Go to the zero-width space and show its hover (decoded base64 and the problem).
  await wb.page.keyboard.press('Control+G');
  await wb.waitForQuickInput();
  await wb.answerInput(':29:7');
  await wb.waitForQuickInputClosed();
  await wb.page.locator('.part.editor .monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 15_000 });
  await wb.page.mouse.move(24, 650); // an empty spot: no tooltip or hover highlight in the picture
  await wb.page.keyboard.press('Control+K');
  await wb.page.keyboard.press('Control+I');
  await wb.page
    .locator('.monaco-hover .hover-row, .monaco-hover .hover-contents')
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 })
    .catch(() => log('no hover shown'));
  await shoot(wb, 'diagnostics.png');
}

const work = mkdtempSync(path.join(os.tmpdir(), 'pingone-screenshots-'));
let sandbox;
let browser;
let wb;
const watchdog = setTimeout(() => {
  log('timed out after 5 minutes');
  void Promise.race([sandbox?.stop(), new Promise((r) => setTimeout(r, 10_000))]).then(() => process.exit(1));
}, 5 * 60_000);
watchdog.unref();
try {
  const workspace = path.join(work, 'workspace');
  cpSync(path.join(repoRoot, 'sandbox', 'workspace'), workspace, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  sandbox = await startSandbox({
    port: 0,
    skipPackage: argv.includes('--skip-package'),
    workspaceDir: workspace,
    stateDir: path.join(work, 'state'),
    userSettings: settings,
    log,
  });
  browser = await launchBrowser();
  wb = await Workbench.open(browser, sandbox.url, { viewport: { width: 1400, height: 900 }, timeout: 30_000, log });
  await explorerShot(wb);
  await createShot(wb);
  await diagnosticsShot(wb, workspace);
  log('done');
} catch (e) {
  process.exitCode = 1;
  log(`failed: ${e?.stack ?? e}`);
  if (wb)
    await wb.screenshot(path.join(work, 'failure.png')).then(
      () => log(`see ${path.join(work, 'failure.png')}`),
      () => {}
    );
} finally {
  await wb?.close();
  await browser?.close().catch(() => {});
  await sandbox?.stop();
  if (!process.exitCode) rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  clearTimeout(watchdog);
}
