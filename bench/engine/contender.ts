/**
 * One benchmark contender, run in its own process so peak memory (maxRSS) is
 * its own. Usage: contender.ts <name> <file>; prints {ms, maxRssMB, check}.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import { scanFile } from '../../src/usernames/scan';

async function main(): Promise<void> {
  const [name, file] = process.argv.slice(2);
  const t0 = process.hrtime.bigint();
  let check = 0;
  switch (name) {
    case 'read': {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) check += (chunk as Buffer).length;
      break;
    }
    case 'naive-ldif': {
      // What people write first: readline, keep `uid:` lines (no folding, base64 or positions).
      const seen = new Set<string>();
      const rl = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
      for await (const line of rl) {
        if (line.startsWith('uid:')) {
          const v = line.slice(4).trim();
          if (seen.has(v)) check++;
          else seen.add(v);
        }
      }
      check += seen.size;
      break;
    }
    case 'naive-csv': {
      // Naive split: whole file, split lines and commas (wrong for quoted fields).
      const lines = readFileSync(file, 'utf8').split('\n');
      const col = lines[0].split(',').indexOf('username');
      const seen = new Set<string>();
      for (let i = 1; i < lines.length; i++) {
        const v = lines[i].split(',')[col];
        if (v !== undefined) seen.add(v);
      }
      check = seen.size;
      break;
    }
    case 'csv-parse': {
      const rows = parse(readFileSync(file), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
      const col = rows[0].indexOf('username');
      const seen = new Set<string>();
      for (let i = 1; i < rows.length; i++) seen.add(rows[i][col]);
      check = seen.size;
      break;
    }
    case 'engine-ldif':
    case 'engine-csv': {
      const r = await scanFile(file, { format: name === 'engine-ldif' ? 'ldif' : 'csv', collectEntries: false });
      check = r.entries * 1000 + r.findings.length;
      break;
    }
    default:
      throw new Error(`unknown contender ${name}`);
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, check }) + '\n');
}

void main();
