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
  const r = await runGroup('bench', browser, { env, keyboard: true });
  if (r.failed > 0 || !existsSync(out)) throw new Error(`editor bench failed: ${JSON.stringify(r.failures ?? [])}`);
} finally {
  await browser.close();
}
// A figure that was not measured (NaN) is written as null.
const fmt = (v) => (typeof v === 'number' ? v.toFixed(1) : String(v));
for (const r of JSON.parse(readFileSync(out, 'utf8')))
  console.error(
    `  ${r.figure}: ${fmt(r.value)} ${r.unit}${r.max !== undefined ? ` (min ${fmt(r.min)}, max ${fmt(r.max)})` : ''}${r.note ? `\n      ${r.note}` : ''}`
  );
