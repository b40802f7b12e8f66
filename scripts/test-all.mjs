// `npm test`: type-check, lint, unit tests, build, integration tests in the
// real VS Code host on VS Code 1.90.2 and 1.100.3, the sandbox driven in a browser. Ends with one line `N passed, N failed` over all suites;
// a failed type-check, lint or build counts as one failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const started = Date.now();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pingone-test-'));
const total = { passed: 0, failed: 0 };
const failedSteps = [];

function step(name, cmd, args, { counts = false } = {}) {
  const t0 = Date.now();
  process.stderr.write(`\n=== ${name} ===\n`);
  const summaryFile = path.join(tmp, `${name}.json`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, MOCHA_SUMMARY_FILE: summaryFile } });
  const ok = r.status === 0;
  if (counts && existsSync(summaryFile)) {
    const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
    total.passed += s.passed;
    total.failed += s.failed;
    if (!ok && s.failed === 0) total.failed += 1; // crashed without counting a failure
  } else if (!ok) {
    total.failed += 1;
  }
  if (!ok) failedSteps.push(name);
  process.stderr.write(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s) ===\n`);
  return ok;
}

const npx = 'npx';
step('typecheck', npx, ['tsc', '--noEmit', '-p', '.']);
// The same checks as `npm run lint`: ESLint, the Prettier format check, import cycles.
step('lint', 'npm', ['run', '--silent', 'lint']);
step('unit', npx, ['mocha', 'test/unit/**/*.test.ts'], { counts: true });
const built = step('build', process.execPath, ['esbuild.mjs', '--tests']);
if (built) {
  step('integration', process.execPath, ['scripts/run-integration.mjs', '--no-build'], { counts: true });
  // The sandbox in a browser: packages the .vsix like `npm run sandbox`.
  step('sandbox e2e', process.execPath, ['test/e2e/sandbox.e2e.mjs'], { counts: true });
} else total.failed += 1;

rmSync(tmp, { recursive: true, force: true });
process.stderr.write(
  `\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(1)} s${failedSteps.length ? `; failed steps: ${failedSteps.join(', ')}` : ''}\n`
);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exitCode = failedSteps.length > 0 || total.failed > 0 ? 1 : 0;
