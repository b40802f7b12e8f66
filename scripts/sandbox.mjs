// `npm run sandbox [-- --port N] [--reset]`: the whole product on the local
// PingOne emulator, in your own browser. Ctrl-C stops everything.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/codeServerHost.mjs';
import { startSandbox } from './lib/sandbox.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
if (argv.includes('--help')) {
  console.log(
    'Usage: npm run sandbox [-- --port N] [--emulator-port N] [--reset]\n' +
      '  --port N           workbench port (default 8080; 0 = any free port)\n' +
      '  --emulator-port N  emulator port (default: any free port)\n' +
      '  --reset            forget earlier runs: the walkthrough opens again as on the first start'
  );
  process.exit(0);
}

const stateDir = path.join(repoRoot, '.sandbox');
if (argv.includes('--reset')) rmSync(stateDir, { recursive: true, force: true });
const startedMarker = path.join(stateDir, 'started');
const firstStart = !existsSync(startedMarker);

const sandbox = await startSandbox({
  port: arg('--port', 8080),
  emulatorPort: arg('--emulator-port', 0),
  stateDir,
  openWalkthrough: firstStart,
});
mkdirSync(stateDir, { recursive: true });
writeFileSync(startedMarker, new Date().toISOString() + '\n');

// The emulator's throwaway credentials, printed only to this terminal, so
// that Add Connection can be tried by hand (the sandbox connection itself is
// already added).
const e = sandbox.emulator;
const workers = sandbox.extraAdminWorkers
  .map(
    (w) =>
      `  ${w.label}${w.description ? ` (${w.description})` : ''}\n` +
      `    Auth base URL:   ${e.authBaseUrl}\n` +
      `    API base URL:    ${e.apiBaseUrl}\n` +
      `    Environment ID:  ${w.environmentId}\n` +
      `    Client ID:       ${w.clientId}\n` +
      `    Client secret:   ${w.clientSecret}`
  )
  .join('\n');
console.log(
  `\nPingOne Sync Toolkit sandbox is running.\n\n` +
    `  Open in a browser:  ${sandbox.url}\n` +
    `  PingOne emulator:   ${e.apiBaseUrl}\n` +
    `  Sample files:       ${sandbox.workspace} (fresh on every start)\n\n` +
    `To try PingOne: Add Connection… by hand, pick "Custom auth and API base URLs…" and enter a second admin worker of the emulator:\n${workers}\n\n` +
    `Press Ctrl-C to stop the emulator and VS Code.`
);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('\n[sandbox] stopping…\n');
    await sandbox.stop();
    process.exit(0);
  });
}
