// `npm run test:desktop`: the same in-host suites in desktop VS Code through
// @vscode/test-electron, for a desktop with network (it downloads VS Code;
// the project machines cannot, so `npm test` uses code-server instead).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot, stdio: 'inherit' });

let failed = 0;
let passed = 0;
for (const group of ['suite', 'restricted']) {
  if (!existsSync(path.join(repoRoot, 'test', 'integration', group))) continue;
  const work = mkdtempSync(path.join(os.tmpdir(), `pingone-desktop-${group}-`));
  const workspace = path.join(work, 'workspace');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const resultsFile = path.join(work, 'results.json');
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', ...(group === 'restricted' ? [] : ['--disable-workspace-trust'])],
      extensionTestsEnv: {
        PINGONE_TEST_RESULTS: resultsFile,
        PINGONE_TEST_GROUP: group,
        PINGONE_TEST_WORKSPACE: workspace,
        PINGONE_REPO_ROOT: repoRoot,
      },
    });
  } catch {
    // The results file decides; a missing file is a failure below.
  }
  if (!existsSync(resultsFile)) {
    failed++;
    console.error(`[desktop] ${group}: no results file (the host crashed or never ran the tests)`);
  } else {
    const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
    passed += r.passed;
    failed += r.failed;
    for (const f of r.failures) console.error(`  FAILED: ${f.title}\n    ${f.error.split('\n')[0]}`);
  }
  rmSync(work, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
