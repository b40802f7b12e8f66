// Activation figures: size of the packaged .vsix and of dist/extension.js, and
// the activation time of the installed extension in the VS Code host (median
// of 5 window loads, each a fresh extension host).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium, ensureCodeServer, repoRoot } from '../../scripts/lib/codeServerHost.mjs';
import { launchBrowser } from '../../scripts/lib/hostSession.mjs';
import { build, packageVsix, runGroup } from '../../scripts/lib/hostRun.mjs';

const out = process.argv[process.argv.indexOf('--json') + 1];
const WINDOWS = 5;
ensureChromium();
ensureCodeServer();
build();
const vsix = packageVsix(); // also leaves the development build in dist/
const vsixBytes = statSync(vsix).size;
// packageVsix rebuilt the development bundle; measure the minified one the .vsix holds.
const { execFileSync } = await import('node:child_process');
execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot });
const bundleBytes = statSync(path.join(repoRoot, 'dist', 'extension.js')).size;
execFileSync(process.execPath, ['esbuild.mjs', '--tests'], { cwd: repoRoot });

const browser = await launchBrowser();
const times = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pingone-activation-'));
try {
  for (let i = 0; i < WINDOWS; i++) {
    const probeOut = path.join(tmp, `probe-${i}.json`);
    const r = await runGroup('probe', browser, { installVsix: true, vsix, env: { PINGONE_BENCH_PROBE_OUT: probeOut } });
    if (r.failed > 0) throw new Error(`activation probe failed: ${JSON.stringify(r.failures)}`);
    times.push(JSON.parse(readFileSync(probeOut, 'utf8')).activationMs);
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
const rows = [
  { area: 'activation', figure: 'packaged .vsix size', value: vsixBytes / 1024, unit: 'KiB' },
  { area: 'activation', figure: 'dist/extension.js (minified) size', value: bundleBytes / 1024, unit: 'KiB' },
  {
    area: 'activation',
    figure: `activation time in host (${WINDOWS} window loads)`,
    value: sorted[Math.floor(WINDOWS / 2)],
    min: sorted[0],
    max: sorted[WINDOWS - 1],
    runs: WINDOWS,
    unit: 'ms',
  },
];
writeFileSync(out, JSON.stringify(rows, null, 2));
for (const r of rows) console.error(`  ${r.figure}: ${r.value.toFixed(1)} ${r.unit}`);
