// Loaded only by mutation runs (stryker.config.mjs adds it to mocha's `require`; `npm test` never
// loads it): scales down the number of runs of every fast-check property (`fc.assert`) by
// MUTATE_PROPERTY_RUNS_PERCENT (1–100). A surviving mutant reruns every test that covers it, and the
// usernames tests hold property tests of thousands of runs each. Fewer runs can only let more
// mutants survive, never kill more, so a score measured with this knob is a lower bound.
const percent = Number(process.env.MUTATE_PROPERTY_RUNS_PERCENT ?? 100);
if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
  throw new Error(`MUTATE_PROPERTY_RUNS_PERCENT must be above 0 and at most 100, not ${process.env.MUTATE_PROPERTY_RUNS_PERCENT}`);
}
if (percent < 100) {
  // fast-check's CommonJS entry exports `assert` through a getter both on the module
  // (`import * as fc`) and on its `default` (`import fc from 'fast-check'`): redefine both.
  const root = require('fast-check');
  const assert = root.assert;
  // fast-check's own default when a property gives no numRuns (fast-check docs, Runners: numRuns).
  const DEFAULT_RUNS = 100;
  // endOnFailure (fast-check docs, Runners: endOnFailure): a mutant that fails a property fails the test at
  // once, without shrinking the counterexample. Shrinking the instrumented code can outlast Stryker's
  // timeout, which turned such mutants into slow Timeouts; which mutants fail is the same either way.
  const scaled = (property, params = {}) =>
    assert(property, {
      ...params,
      numRuns: Math.max(1, Math.ceil(((params.numRuns ?? DEFAULT_RUNS) * percent) / 100)),
      endOnFailure: true,
    });
  for (const target of [root, root.default])
    Object.defineProperty(target, 'assert', { configurable: true, enumerable: true, value: scaled });
}
