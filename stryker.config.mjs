// StrykerJS mutation testing over the pure layers, one folder per run
// (`npm run mutate` runs them one after another; scripts/mutate.mjs).
// MUTATE_FOLDER picks the folder; each keeps its own incremental file, so a
// rerun only tests mutants whose code or tests changed. See docs/mutation-testing.md.
import { readFileSync } from 'node:fs';

const folder = process.env.MUTATE_FOLDER ?? 'syncConfig';

/** The unit tests that exercise each folder (whoever calls it, not only its own folder's tests). */
const SPECS = {
  usernames: [
    'test/unit/usernames/**/*.test.ts',
    'test/unit/cli/cli.test.ts',
    'test/unit/cli/exitCodes.test.ts',
    'test/unit/cli/sarifFields.test.ts',
    'test/unit/cli/oddFiles.test.ts',
    'test/unit/diagnostics/**/*.test.ts',
  ],
  pingone: ['test/unit/pingone/**/*.test.ts', 'test/unit/faults/**/*.test.ts'],
  syncConfig: ['test/unit/syncConfig/**/*.test.ts'],
  // bin.test.ts bundles dist/cli.js with esbuild: it tests the build, not the mutated source
  // (binEntry.test.ts runs bin.ts in process). sarifSchema.test.ts reads the corpus beside the
  // repository, which Stryker's sandbox copy of the repository cannot reach.
  cli: [
    'test/unit/cli/cli.test.ts',
    'test/unit/cli/exitCodes.test.ts',
    'test/unit/cli/sarifFields.test.ts',
    'test/unit/cli/oddFiles.test.ts',
    'test/unit/cli/optionEdgeCases.test.ts',
    'test/unit/cli/reportDetails.test.ts',
    'test/unit/cli/ioProblems.test.ts',
    'test/unit/cli/binEntry.test.ts',
    'test/unit/cli/reportStream.test.ts',
    'test/unit/cli/streamedOutput.test.ts',
  ],
};
if (!SPECS[folder]) throw new Error(`MUTATE_FOLDER must be one of ${Object.keys(SPECS).join(', ')}`);

const out = `reports/mutation/${folder}`;

// MUTATE_FILES (comma-separated globs under src/<folder>, e.g. "errors.ts,workerApps/**") narrows a
// run to part of a folder. Stryker keeps the incremental results of the folder's other files, so a
// large folder can be measured in parts, each saved when it ends.
const parts = process.env.MUTATE_FILES?.split(',').filter(Boolean);
const mutate = parts?.length ? parts.map((p) => `src/${folder}/${p}`) : [`src/${folder}/**/*.ts`];

// Static mutants (module-level constants: patterns, tables) run every test in a fresh process, and
// incremental mode never retests them when a test is added. To retest a few of them after adding a
// test: `MUTATE_FILES=redact.ts:8-8 MUTATE_SPECS=test/unit/pingone/redactEdges.test.ts npm run mutate -- pingone --force`.
// A narrower test list can only count fewer mutants killed, never more.
const specs = process.env.MUTATE_SPECS?.split(',').filter(Boolean);

// MUTATE_PROPERTY_RUNS_PERCENT (above 0, at most 100; default 100): mutation runs only, every
// fast-check property runs that share of its numRuns (test/unit/mutationPropertyRuns.cjs, loaded
// only here; `npm test` keeps the full counts). A surviving mutant reruns every covering test, and
// the usernames tests hold properties of thousands of runs. Fewer runs can only count fewer mutants
// killed, never more. The test processes inherit the variable from this process.
const propertyRunsPercent = Number(process.env.MUTATE_PROPERTY_RUNS_PERCENT ?? 100);
if (!(propertyRunsPercent > 0 && propertyRunsPercent <= 100))
  throw new Error('MUTATE_PROPERTY_RUNS_PERCENT must be above 0 and at most 100');
const mochaRequire =
  propertyRunsPercent < 100
    ? { require: [...JSON.parse(readFileSync('.mocharc.json', 'utf8')).require, './test/unit/mutationPropertyRuns.cjs'] }
    : {};

/**
 * Tests left out of mutation runs (mocha grep on the full title). Wall-clock assertions (linear time,
 * throughput) time the instrumented code, not the product: on a busy machine they fail for no mutant, and
 * a timing failure is no assertion on behaviour. The fast-path equality test over the real-world corpus
 * reads it beside the repository, which the sandbox copy cannot reach.
 */
const WALL_CLOCK_OR_OUTSIDE = [
  'adversarial files scan in linear time',
  'is linear and at least 10 MB/s',
  'takes about 4× the time',
  'costs time linear in the run',
  'is re-checked in one pass, not one per change',
  'on the real-world corpus',
];

// MUTATE_IGNORE_STATIC=1: static mutants (module-level tables and patterns) are left untested and
// reported as Ignored, outside the score. Each static mutant runs every test of the folder in a fresh
// process, which for src/usernames is most of a part's time; measure them afterwards in a run of their
// own, narrowed to their lines and to the tests that read them (MUTATE_FILES line ranges, MUTATE_SPECS,
// --force). docs/mutation-testing.md says which parts were measured so.
const ignoreStatic = process.env.MUTATE_IGNORE_STATIC === '1';

/**
 * MUTATE_TIMEOUT_MS (default 5000): wall-clock time a mutant's tests get beyond twice their own time in
 * the initial run before the mutant counts as timed out (detected). At `nice -n 19` beside a busy
 * process the test runners get almost no CPU, and a mutant the tests would kill or let survive times out
 * instead; a longer limit keeps such starvation out of the score, at the cost of waiting longer for a
 * mutant that really loops.
 */
function timeoutMS() {
  const raw = process.env.MUTATE_TIMEOUT_MS;
  if (raw === undefined || raw === '') return 5_000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1000) throw new Error(`MUTATE_TIMEOUT_MS must be a whole number of 1000 or more, not ${raw}`);
  return n;
}

/** MUTATE_CONCURRENCY: test processes Stryker runs side by side (default 1). */
function concurrency() {
  const raw = process.env.MUTATE_CONCURRENCY;
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`MUTATE_CONCURRENCY must be a whole number of 1 or more, not ${raw}`);
  return n;
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate,
  mochaOptions: {
    config: '.mocharc.json',
    ...mochaRequire,
    spec: specs?.length ? specs : SPECS[folder],
    // Left out of mutation runs only (fewer tests can only count fewer mutants killed): see WALL_CLOCK_OR_OUTSIDE.
    grep: `^(?!.*(${WALL_CLOCK_OR_OUTSIDE.join('|')}))`,
  },
  coverageAnalysis: 'perTest',
  ignoreStatic,
  // The machine is shared: one test process at a time unless MUTATE_CONCURRENCY says more (run
  // Stryker under `nice -n 19` then, so other work on the machine keeps its share).
  concurrency: concurrency(),
  timeoutMS: timeoutMS(),
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  // MUTATE_EVENTS=1 also writes each tested mutant to reports/mutation/<folder>/events/ as it
  // finishes, so survivors can be read while a long run goes on.
  reporters: ['clear-text', 'progress', 'html', 'json', ...(process.env.MUTATE_EVENTS ? ['event-recorder'] : [])],
  eventReporter: { baseDir: `${out}/events` },
  htmlReporter: { fileName: `${out}/index.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: `reports/.stryker-tmp-${folder}`,
  ignorePatterns: ['.vscode-test', 'dist', 'out', 'reports', '.sandbox', 'coverage', 'bench/results.json'],
  cleanTempDir: 'always',
};
