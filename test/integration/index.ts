// Runs inside the VS Code extension host (code-server or desktop). Loads the
// mocha suites named by PINGONE_TEST_GLOB and writes the results to
// PINGONE_TEST_RESULTS, because the host's exit code says nothing about them.
import Mocha from 'mocha';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sweepForSecrets } from './helpers/secretsSweep';

/** The windows whose suites handle secrets: after all their suites, nothing may have leaked. */
const SWEPT_GROUPS = new Set(['suite', 'restricted']);

interface Outcome {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  tests: { title: string; state: string; durationMs?: number }[];
}

function listSuites(dir: string, pattern: RegExp, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listSuites(full, pattern, base);
    const rel = path.relative(base, full).split(path.sep).join('/');
    return pattern.test(rel) ? [full] : [];
  });
}

export async function run(): Promise<void> {
  const resultsFile = process.env.PINGONE_TEST_RESULTS;
  const group = process.env.PINGONE_TEST_GROUP ?? 'suite';
  const grep = process.env.PINGONE_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep });
  const root = __dirname;
  const files = listSuites(path.join(root, group), /\.test\.js$/).sort();
  for (const f of files) mocha.addFile(f);
  // A root hook, so the sweep runs after every suite whatever the file names are.
  if (SWEPT_GROUPS.has(group)) {
    mocha.suite.afterAll('Secrets sweep: no secret or token anywhere it must not be', async function () {
      this.timeout(120_000);
      await sweepForSecrets();
    });
  }
  const outcome: Outcome = { passed: 0, failed: 0, pending: 0, failures: [], tests: [] };
  // A run-level limit below the launcher's (scripts/lib/hostRun.mjs passes it), so a
  // stuck run still writes its results and names the test it was in.
  const limitMs = Number(process.env.PINGONE_TEST_RUN_LIMIT_MS ?? 18 * 60_000);
  let limit: NodeJS.Timeout | undefined;
  let current = 'before the first test';
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      limit = setTimeout(() => {
        outcome.failed++;
        outcome.failures.push({ title: 'run time limit', error: `the run took over ${limitMs / 1000} s and was stopped in: ${current}` });
        runner.abort();
        resolve();
      }, limitMs);
      runner.on('test', (t) => {
        current = t.fullTitle();
      });
      runner.on('pass', (t) => {
        outcome.passed++;
        outcome.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      });
      runner.on('fail', (t, err) => {
        outcome.failed++;
        outcome.failures.push({ title: t.fullTitle(), error: String((err as Error)?.stack ?? err) });
        outcome.tests.push({ title: t.fullTitle(), state: 'failed' });
      });
      runner.on('pending', (t) => {
        outcome.pending++;
        outcome.tests.push({ title: t.fullTitle(), state: 'pending' });
      });
    });
    if (files.length === 0) {
      outcome.failed++;
      outcome.failures.push({ title: 'loading suites', error: `no *.test.js under ${group}` });
    }
  } catch (e) {
    outcome.failed++;
    outcome.failures.push({ title: 'mocha run', error: String((e as Error)?.stack ?? e) });
  } finally {
    clearTimeout(limit);
    if (resultsFile) writeFileSync(resultsFile, JSON.stringify(outcome, null, 2));
  }
  if (outcome.failed > 0) throw new Error(`${outcome.failed} integration test(s) failed`);
}
