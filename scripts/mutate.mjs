// `npm run mutate [-- folder...]`: StrykerJS over the pure layers, one folder
// at a time (stryker.config.mjs, MUTATE_FOLDER), then the score per folder.
// Incremental: each folder keeps reports/mutation/<folder>/incremental.json,
// so a rerun tests only mutants whose code or covering tests changed.
// Not part of `npm test`. See docs/mutation-testing.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['syncConfig', 'cli', 'usernames', 'pingone'];
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((f) => !FOLDERS.includes(f));
if (unknown.length) {
  console.error(`unknown folder(s) ${unknown.join(', ')}; choose from ${FOLDERS.join(', ')}`);
  process.exit(2);
}
const folders = asked.length ? asked : FOLDERS;
const onlyReport = process.argv.includes('--report-only');
// `--force` retests the mutants in scope even when incremental results exist (with MUTATE_FILES: only those).
const strykerFlags = process.argv.includes('--force') ? ['--force'] : [];

/** Mutation score as Stryker defines it: detected / (detected + undetected); compile and runtime errors excluded. */
function score(report) {
  const n = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === 'Killed') n.killed++;
      else if (m.status === 'Timeout') n.timeout++;
      else if (m.status === 'Survived') n.survived++;
      else if (m.status === 'NoCoverage') n.noCoverage++;
      else n.other++;
    }
  }
  const detected = n.killed + n.timeout;
  const valid = detected + n.survived + n.noCoverage;
  return { ...n, valid, percent: valid ? (100 * detected) / valid : 100 };
}

let failed = false;
for (const folder of folders) {
  if (onlyReport) break;
  console.error(`\n=== mutate src/${folder} ===`);
  const r = spawnSync(
    process.execPath,
    [path.join(repo, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'), 'run', 'stryker.config.mjs', ...strykerFlags],
    {
      cwd: repo,
      stdio: 'inherit',
      env: { ...process.env, MUTATE_FOLDER: folder },
    }
  );
  if (r.status !== 0) failed = true;
}

const rows = [];
for (const folder of folders) {
  const file = path.join(repo, 'reports', 'mutation', folder, 'mutation.json');
  if (!existsSync(file)) {
    rows.push(`| src/${folder} | | not run | | | |`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const s = score(report);
  // A folder measured in parts (MUTATE_FILES) says how much of it the score covers.
  const inFolder = readdirSync(path.join(repo, 'src', folder), { recursive: true }).filter((f) => String(f).endsWith('.ts')).length;
  const measured = Object.keys(report.files).length;
  rows.push(
    `| src/${folder} | ${measured} of ${inFolder} | ${s.percent.toFixed(1)} % | ${s.killed + s.timeout} | ${s.survived} | ${s.noCoverage} |`
  );
}
const table = [
  '| folder | files measured | score | killed | survived | no coverage |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
mkdirSync(path.join(repo, 'reports', 'mutation'), { recursive: true });
writeFileSync(path.join(repo, 'reports', 'mutation', 'summary.md'), `${table}\n`);
console.log(`\n${table}\n\nHTML reports: reports/mutation/<folder>/index.html`);
process.exitCode = failed ? 1 : 0;
