// `npm run sandbox [-- --port N]`: the whole product on the local PingOne
// emulator, in a browser. Ctrl-C stops everything.
import { startSandbox } from './lib/sandbox.mjs';

const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
if (argv.includes('--help')) {
  console.log('Usage: npm run sandbox [-- --port N] [--emulator-port N]\n  --port N           workbench port (default 8080; 0 = any free port)\n  --emulator-port N  emulator port (default: any free port)');
  process.exit(0);
}

const sandbox = await startSandbox({ port: arg('--port', 8080), emulatorPort: arg('--emulator-port', 0) });
console.log(`\nPingOne Sync Toolkit sandbox is running.\n\n  Open in a browser:  ${sandbox.url}\n  PingOne emulator:   ${sandbox.emulator.apiBaseUrl}\n  Sample files:       ${sandbox.workspace}\n\nPress Ctrl-C to stop.`);
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
