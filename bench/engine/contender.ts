/**
 * The in-process engine figure: `scanFile` timed inside one process (start-up
 * and module loading excluded), so peak memory (maxRSS) is its own.
 * Usage: contender.ts <engine-ldif|engine-csv> <file>; prints {ms, maxRssMB, check}.
 */
import { scanFile } from '../../src/usernames/scan';

async function main(): Promise<void> {
  const [name, file] = process.argv.slice(2);
  if (name !== 'engine-ldif' && name !== 'engine-csv') throw new Error(`unknown contender ${name}`);
  const t0 = process.hrtime.bigint();
  const r = await scanFile(file, { format: name === 'engine-ldif' ? 'ldif' : 'csv', collectEntries: false });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(
    JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, check: r.entries * 1000 + r.findings.length }) + '\n'
  );
}

void main();
