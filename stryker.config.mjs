// StrykerJS mutation testing over the pure layers, one folder per run
// (`npm run mutate` runs them one after another; scripts/mutate.mjs).
// MUTATE_FOLDER picks the folder; each keeps its own incremental file, so a
// rerun only tests mutants whose code or tests changed. See docs/mutation-testing.md.
const folder = process.env.MUTATE_FOLDER ?? 'syncConfig';

/** The unit tests that exercise each folder (whoever calls it, not only its own folder's tests). */
const SPECS = {
  usernames: [
    'test/unit/usernames/**/*.test.ts',
    'test/unit/cli/cli.test.ts',
    'test/unit/cli/exitCodes.test.ts',
    'test/unit/cli/sarifFields.test.ts',
    'test/unit/diagnostics/**/*.test.ts',
  ],
  pingone: ['test/unit/pingone/**/*.test.ts', 'test/unit/faults/**/*.test.ts'],
  syncConfig: ['test/unit/syncConfig/**/*.test.ts'],
  // bin.test.ts bundles dist/cli.js with esbuild: it tests the build, not the mutated source.
  cli: ['test/unit/cli/cli.test.ts', 'test/unit/cli/exitCodes.test.ts', 'test/unit/cli/sarifFields.test.ts'],
};
if (!SPECS[folder]) throw new Error(`MUTATE_FOLDER must be one of ${Object.keys(SPECS).join(', ')}`);

const out = `reports/mutation/${folder}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutate.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [`src/${folder}/**/*.ts`],
  mochaOptions: {
    config: '.mocharc.json',
    spec: SPECS[folder],
    // Wall-clock assertions (linear time, throughput) measure the instrumented
    // code, not the product: left out of mutation runs only.
    grep: '^(?!.*adversarial files scan in linear time)',
  },
  coverageAnalysis: 'perTest',
  // The machine is shared: one test process at a time.
  concurrency: 1,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${out}/index.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: `reports/.stryker-tmp-${folder}`,
  ignorePatterns: ['.vscode-test', 'dist', 'out', 'reports', '.sandbox', 'coverage', 'bench/results.json'],
  cleanTempDir: 'always',
};
