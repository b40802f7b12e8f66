// Editor latency (part of `npm run bench`): runs the in-host suite under
// test/integration/bench in a real VS Code host (code-server + Chromium); the
// suite writes its rows to PINGONE_BENCH_OUT.
//   node bench/editor/run.mjs --json OUT.json [--profile HOST.cpuprofile]
// --profile: a CPU profile of the extension host while the 10 MB LDIF opens.
import { existsSync, readFileSync } from 'node:fs';
import { ensureChromium, ensureCodeServer } from '../../scripts/lib/codeServerHost.mjs';
import { launchBrowser } from '../../scripts/lib/hostSession.mjs';
import { build, runGroup } from '../../scripts/lib/hostRun.mjs';

const i = process.argv.indexOf('--json');
const out = i >= 0 ? process.argv[i + 1] : process.env.PINGONE_BENCH_OUT;
if (!out) throw new Error('usage: node bench/editor/run.mjs --json OUT.json');
ensureChromium();
ensureCodeServer();
build();
const browser = await launchBrowser();
try {
  const p = process.argv.indexOf('--profile');
  const env = { PINGONE_BENCH_OUT: out, ...(p >= 0 ? { PINGONE_BENCH_PROFILE: process.argv[p + 1] } : {}) };
  const r = await runGroup('bench', browser, { env });
  if (r.failed > 0 || !existsSync(out)) throw new Error(`editor bench failed: ${JSON.stringify(r.failures ?? [])}`);
} finally {
  await browser.close();
}
for (const r of JSON.parse(readFileSync(out, 'utf8')))
  console.error(
    `  ${r.figure}: ${r.value.toFixed(1)} ${r.unit}${r.max !== undefined ? ` (min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)})` : ''}${r.note ? `\n      ${r.note}` : ''}`
  );
