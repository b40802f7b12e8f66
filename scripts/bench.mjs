// `npm run bench`: every performance figure, side by side, in one table.
// Each part runs as its own process and writes rows
//   { area, figure, value, unit, min, max, runs?, peer?, peerValue?, ratio?, note? }
// to a JSON file; this script runs them in turn, prints one table and writes
// bench/results.json (git-ignored). Nothing large is committed: every part
// generates its data in a temp folder.
//   npm run bench [-- --only engine,explorer,workerApp,activation,editor]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const argv = process.argv.slice(2);
const onlyArg = argv.indexOf('--only') >= 0 ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pingone-bench-'));

const parts = [
  { name: 'engine', cmd: process.execPath, args: ['--import', 'tsx', 'bench/engine/run.ts', '--json'] },
  { name: 'explorer', cmd: process.execPath, args: ['bench/explorer/run.mjs', '--json'] },
  { name: 'workerApp', cmd: process.execPath, args: ['--import', 'tsx', 'bench/workerApp/run.ts', '--json'] },
  { name: 'activation', cmd: process.execPath, args: ['bench/activation/run.mjs', '--json'] },
  { name: 'editor', cmd: process.execPath, args: ['bench/editor/run.mjs', '--json'] },
];

const rows = [];
const failures = [];
for (const part of parts) {
  if (onlyArg && !onlyArg.includes(part.name)) continue;
  const script = part.args.find((a) => a.startsWith('bench/'));
  if (!existsSync(script)) {
    failures.push(`${part.name}: ${script} is missing`);
    continue;
  }
  const out = path.join(tmp, `${part.name}.json`);
  process.stderr.write(`\n[bench] ${part.name}…\n`);
  const t0 = Date.now();
  const r = spawnSync(part.cmd, [...part.args, out], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PINGONE_BENCH_OUT: out },
  });
  process.stderr.write(`[bench] ${part.name} took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  if (r.status !== 0 || !existsSync(out)) {
    failures.push(`${part.name}: exited with ${r.status}`);
    continue;
  }
  rows.push(...JSON.parse(readFileSync(out, 'utf8')));
}
rmSync(tmp, { recursive: true, force: true });

const fmt = (v) =>
  typeof v !== 'number' ? String(v ?? '') : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
const table = [['area', 'figure', 'median', 'min', 'max', 'unit', 'compared with', 'ratio']];
for (const r of rows) {
  table.push([
    r.area,
    r.figure,
    fmt(r.value),
    fmt(r.min ?? r.value),
    fmt(r.max ?? r.value),
    r.unit,
    r.peer ? `${r.peer}${r.peerValue !== undefined ? ` (${fmt(r.peerValue)})` : ''}` : '',
    r.ratio !== undefined ? `${fmt(r.ratio)}×` : '',
  ]);
}
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
const line = (row) => `| ${row.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log([line(table[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.slice(1).map(line)].join('\n'));

const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  platform: `${os.platform()} ${os.release()}`,
};
writeFileSync(path.join('bench', 'results.json'), JSON.stringify({ date: new Date().toISOString(), machine, rows, failures }, null, 2));
console.log(`\nmachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
if (failures.length) {
  console.error(`\n[bench] parts that failed: ${failures.join('; ')}`);
  process.exitCode = 1;
}
