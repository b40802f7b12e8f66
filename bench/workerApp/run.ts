// Create Worker App figures (part of `npm run bench`): API calls and wall
// time of the create workflow against the emulator, without and with 50 ms
// latency per request, median of several runs. Role given by ID (as the
// command does after its roles step) and by name (one extra GET /roles).
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../../emulator';
import { IDENTITY_DATA_ADMIN, PingOneClient, createWorkerApp, findRoleByName } from '../../src/pingone';
import { type BenchRow, summarize, writeRows } from '../lib';

const RUNS = 7;

async function main(): Promise<void> {
  const emu = await startEmulator({ seed: 'default', port: 0, rateLimit: false });
  const staging = [...emu.state.environments.values()].find((e) => e.name === 'Sync Staging')!.id;
  const rows: BenchRow[] = [];
  try {
    for (const latency of [0, 50]) {
      for (const byName of [false, true]) {
        const ms: number[] = [];
        const calls: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          // A fresh client each run: the token request is part of the flow.
          const client = new PingOneClient({
            connection: {
              id: 'bench',
              name: 'bench',
              authBaseUrl: emu.authBaseUrl,
              apiBaseUrl: emu.apiBaseUrl,
              environmentId: emu.environmentId,
              clientId: emu.clientId,
              tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
            },
            getSecret: () => emu.clientSecret,
          });
          let roleId: string | undefined;
          if (!byName) {
            const setup = new PingOneClient({ connection: client.connection, getSecret: () => emu.clientSecret });
            roleId = (await findRoleByName(setup, IDENTITY_DATA_ADMIN))!.id;
            await setup.close();
          }
          emu.faults.setLatency(latency);
          const before = emu.requestLog.length;
          const t0 = performance.now();
          await createWorkerApp(client, {
            environmentId: staging,
            name: `Bench Worker ${latency}-${byName}-${i}`,
            roles: [
              byName
                ? { roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT', scopeId: staging }
                : { roleId, scopeType: 'ENVIRONMENT', scopeId: staging },
            ],
          });
          ms.push(performance.now() - t0);
          calls.push(emu.requestLog.length - before);
          emu.faults.setLatency(0);
          await client.close();
        }
        const how = byName ? 'role by name' : 'role by ID';
        rows.push(summarize('create worker app', `API calls (${how}, incl. token)`, calls, 'calls'));
        rows.push(summarize('create worker app', `wall time, ${latency} ms latency (${how})`, ms, 'ms'));
      }
    }
  } finally {
    await emu.close();
  }
  writeRows(rows);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
