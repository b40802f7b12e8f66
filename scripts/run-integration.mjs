// Runs the integration suites inside a real VS Code extension host on every
// VS Code version we claim: code-server 4.100.3 (VS Code 1.100.3, current) and
// 4.90.3 (VS Code 1.90.2, the `engines.vscode` minimum), driven by headless
// Debian Chromium. Each group is one window per version: `suite` (trusted workspace), `restricted`
// (Restricted Mode) and `vsix` (the packaged .vsix installed with
// --install-extension). Results come back through a JSON file written by the
// in-host runner (test/integration/index.ts); a missing file fails the run.
//
//   node scripts/run-integration.mjs [--group suite|restricted|vsix]... [--vscode 1.90.2|1.100.3]... [--grep TEXT] [--no-build]
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_HOSTS, ensureChromium, ensureCodeServer, repoRoot } from './lib/codeServerHost.mjs';
import { launchBrowser } from './lib/hostSession.mjs';
import { build, packageVsix, runGroup } from './lib/hostRun.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const allGroups = ['suite', 'restricted', 'vsix'];
const repeated = (name) => argv.flatMap((a, i) => (argv[i - 1] === name ? [a] : []));
const groups = repeated('--group');
const selected = groups.length ? groups : allGroups;
// PINGONE_TEST_VSCODE="1.100.3" (comma-separated) narrows the versions like --vscode.
const versions = [...repeated('--vscode'), ...(process.env.PINGONE_TEST_VSCODE ?? '').split(',').filter(Boolean)];
const hosts = versions.length
  ? CODE_SERVER_HOSTS.filter((h) => versions.includes(h.vscode) || versions.includes(h.codeServer))
  : CODE_SERVER_HOSTS;
if (hosts.length === 0) throw new Error(`--vscode takes ${CODE_SERVER_HOSTS.map((h) => h.vscode).join(' or ')}`);
const grep = opt('--grep');

const log = (m) => process.stderr.write(m + '\n');

async function main() {
  ensureChromium(log);
  for (const h of hosts) ensureCodeServer(log, h.codeServer);
  if (!argv.includes('--no-build')) build();
  // One .vsix for every version's `vsix` group (packaging rebuilds dist/ twice).
  const vsix = selected.includes('vsix') ? packageVsix() : undefined;
  const browser = await launchBrowser();
  const total = { passed: 0, failed: 0, pending: 0 };
  try {
    for (const h of hosts) {
      for (const group of selected) {
        if (group !== 'vsix' && !existsSync(path.join(repoRoot, 'test', 'integration', group))) continue;
        const name = `${group} @ VS Code ${h.vscode}`;
        log(`\n[integration] ${name}: starting code-server ${h.codeServer}`);
        const r = await runGroup(group, browser, { grep, vsix, codeServer: h.codeServer });
        for (const t of r.tests ?? [])
          log(
            `  ${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-'} ${t.title}${t.durationMs > 500 ? ` (${t.durationMs} ms)` : ''}`
          );
        for (const f of r.failures ?? [])
          log(`\n  FAILED [VS Code ${h.vscode}]: ${f.title}\n    ${String(f.error).split('\n').slice(0, 8).join('\n    ')}`);
        log(
          `[integration] ${name}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending in ${r.seconds.toFixed(1)} s (host log: .vscode-test/logs/${group}-${h.codeServer}.log)`
        );
        total.passed += r.passed;
        total.failed += r.failed;
        total.pending += r.pending;
      }
    }
  } finally {
    await browser.close();
  }
  if (process.env.MOCHA_SUMMARY_FILE) writeFileSync(process.env.MOCHA_SUMMARY_FILE, JSON.stringify(total));
  log(`[integration] total: ${total.passed} passed, ${total.failed} failed`);
  process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
}

main().catch((e) => {
  log(`[integration] ${e?.stack ?? e}`);
  process.exitCode = 1;
});
