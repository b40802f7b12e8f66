// Property tests run with a fixed seed in `npm test`, so a CI run is
// repeatable and never fails by chance; `npm run fuzz` (FUZZ_RANDOM=1) explores
// fresh seeds, and FC_SEED=n replays a failure fast-check reported.
const fc = require('fast-check');

if (!process.env.FUZZ_RANDOM) fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261128) });
