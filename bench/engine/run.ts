/**
 * Username engine benchmark. Every contender is a whole `node` process timed
 * from spawn to exit (wall and CPU time, peak RSS from `/usr/bin/time`):
 *   - `pingone-sync-lint --format json FILE > /dev/null` (dist/cli.js, built first);
 *   - the fast whole-file script a sceptic writes (./peers/fastScript.mjs) and
 *     the readline script (./peers/readline.mjs) on the LDIF;
 *   - csv-parse's sync API on the CSV (./peers/csvParse.mjs);
 *   - reading the file alone (./peers/readFile.mjs);
 * plus the in-process engine figure (`scanFile`, ./contender.ts, run from its
 * bundle as the CLI's code is: `node esbuild.mjs --bench`, see BENCH_BUNDLES). Rounds
 * alternate the contenders; rows are medians with min and max, and the CLI's
 * time is compared with each peer's, pair by pair. Files are generated into a
 * temp dir (104 MB LDIF, 21 MB CSV with planted defects) and removed afterwards.
 *
 *   npx tsx bench/engine/run.ts [--json FILE] [--runs N] [--ldif-mb N] [--csv-mb N] [--adversarial-mb N] [--keep DIR]
 *
 * It also times the adversarial shapes of ./shapes.ts at N and 4N MB in the
 * CLI and the editor path, and a 10,000-change Replace All (./adversarial.ts,
 * from its bundle too).
 *
 * `--keep DIR` generates the files into DIR (reusing them when present) and
 * leaves them there, for profiling a contender by hand:
 *   node --cpu-prof out/bench/contender.js engine-ldif DIR/users.ldif
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type AdversarialRow, adversarialCases } from './adversarial';

interface Row {
  area: string;
  figure: string;
  value: number;
  unit: string;
  min: number;
  max: number;
  peer?: string;
  peerValue?: number;
  ratio?: number;
  note?: string;
}

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const RUNS = Number(arg('--runs', '5'));
const LDIF_MB = Number(arg('--ldif-mb', '104'));
const CSV_MB = Number(arg('--csv-mb', '21'));
const JSON_OUT = process.argv.includes('--json') ? arg('--json', '') : '';
const KEEP = process.argv.includes('--keep') ? arg('--keep', '') : '';
const ADVERSARIAL_MB = Number(arg('--adversarial-mb', '1'));

/** Deterministic PRNG (mulberry32) so every run measures the same data. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Aaron', 'Beatriz', 'Chen', 'Dagný', 'Emil', 'Fatima', 'Gustavo', 'Hana', 'Ивана', 'José', 'Kofi', 'Léa'];
const LAST = ['Smith', 'García', 'Müller', 'Nakamura', "O'Brien", 'Øster', 'Papadopoulos', 'Nguyễn', 'Kowalski', 'Jensen'];

async function writeLines(file: string, targetBytes: number, next: (i: number) => string): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0,
    i = 0,
    buf = '';
  while (bytes < targetBytes) {
    const s = next(i++);
    buf += s;
    bytes += Buffer.byteLength(s);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
  return i;
}

async function generate(dir: string): Promise<{ ldif: string; csv: string }> {
  const r = rng(42);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const ldif = path.join(dir, 'users.ldif');
  await writeLines(ldif, LDIF_MB * 1e6, (i) => {
    const g = pick(FIRST),
      s = pick(LAST);
    const x = r();
    // ~1% broken usernames, ~2% base64 (non-ASCII), ~1% folded, ~0.5% duplicates.
    let uid = `user.${i}`;
    let uidLine = `uid: ${uid}`;
    if (x < 0.01) uidLine = `uid: ${g.toLowerCase()} ${i}`;
    else if (x < 0.03) uidLine = `uid:: ${Buffer.from(`${g}.${i}`).toString('base64')}`;
    else if (x < 0.04) uidLine = `uid: user.\n ${i}`;
    else if (x < 0.045) {
      uid = `user.${Math.floor(i / 2)}`;
      uidLine = `uid: ${uid}`;
    }
    const cn = `${g} ${s}`;
    const cnLine = /^[\x20-\x7e]*$/.test(cn) ? `cn: ${cn}` : `cn:: ${Buffer.from(cn).toString('base64')}`;
    return `dn: uid=user.${i},ou=People,dc=example,dc=com\nobjectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: inetOrgPerson\n${uidLine}\n${cnLine}\nsn: ${s.replace(/[^\x20-\x7e]/g, 'x')}\ngivenName: ${g.replace(/[^\x20-\x7e]/g, 'x')}\nmail: user.${i}@example.com\ntelephoneNumber: +1 555 ${String(i % 10000).padStart(4, '0')}\nemployeeNumber: ${i}\ndescription: This is the description for user ${i}, generated for the benchmark.\n\n`;
  });
  const csv = path.join(dir, 'users.csv');
  writeFileSync(csv, 'name.given,name.family,email,username,enabled\n');
  const more = path.join(dir, 'users.body.csv');
  await writeLines(more, CSV_MB * 1e6, (i) => {
    const g = pick(FIRST),
      s = pick(LAST);
    const x = r();
    const user = x < 0.01 ? `"${g} ${i}"` : x < 0.02 ? `"user""${i}"` : `user.${i}`;
    return `${g},"${s}, Jr.",user.${i}@example.com,${user},true\n`;
  });
  execFileSync('sh', ['-c', `cat "${more}" >> "${csv}" && rm "${more}"`]);
  return { ldif, csv };
}

interface Sample {
  /** Wall time from spawn to exit, ms. */
  ms: number;
  /** User + system CPU time, ms (NaN without /usr/bin/time). */
  cpuMs: number;
  /** Peak resident set size, MB (NaN without /usr/bin/time). */
  rssMB: number;
}

const ROOT = path.resolve(__dirname, '..', '..');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs `node ...args` as a whole process, stdout to /dev/null, timed from spawn to exit. */
function runProcess(args: string[], timeFile: string): Sample {
  const devNull = openSync('/dev/null', 'w');
  try {
    const cmd = TIME ? [TIME, '-f', '%M %U %S', '-o', timeFile, process.execPath, ...args] : [process.execPath, ...args];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, stdio: ['ignore', devNull, 'pipe'], maxBuffer: 1 << 20 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    // The CLI exits 1 when it finds errors (the planted defects); anything else is a failure.
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    if (!TIME) return { ms, cpuMs: NaN, rssMB: NaN };
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { ms, cpuMs: (last[1] + last[2]) * 1000, rssMB: last[0] / 1024 };
  } finally {
    closeSync(devNull);
  }
}

/** The in-process engine figure: scanFile timed inside its process (no start-up). */
function runInProcess(name: string, file: string): Sample {
  const out = execFileSync(process.execPath, [path.join(BENCH_BUNDLES, 'contender.js'), name, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  return { ms: r.ms, cpuMs: NaN, rssMB: r.maxRssMB };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
const r1 = (x: number) => Math.round(x * 10) / 10;

interface Contender {
  area: 'ldif' | 'csv';
  key: string;
  label: string;
  run: (file: string, timeFile: string) => Sample;
}

const CLI = path.join(ROOT, 'dist', 'cli.js');
/**
 * The in-process measurements (contender.ts, adversarial.ts) bundled as dist/ is (`node esbuild.mjs --bench`):
 * the engine timed as the extension and the CLI run it, not as tsx runs the sources (each call into another
 * module through an export getter).
 */
const BENCH_BUNDLES = path.join(ROOT, 'out', 'bench');
const peer = (script: string) => (file: string, t: string) => runProcess([path.join(__dirname, 'peers', script), file], t);
const cli = (file: string, t: string) => runProcess([CLI, '--format', 'json', file], t);

const CONTENDERS: Contender[] = [
  { area: 'ldif', key: 'cli', label: 'pingone-sync-lint --format json (whole process)', run: cli },
  { area: 'ldif', key: 'fast', label: 'fast whole-file script (readFileSync, indexOf, regex, Map)', run: peer('fastScript.mjs') },
  { area: 'ldif', key: 'readline', label: 'readline script', run: peer('readline.mjs') },
  { area: 'ldif', key: 'read', label: 'reading the file alone', run: peer('readFile.mjs') },
  { area: 'ldif', key: 'engine', label: 'engine in-process (scanFile)', run: (f) => runInProcess('engine-ldif', f) },
  { area: 'csv', key: 'cli', label: 'pingone-sync-lint --format json (whole process)', run: cli },
  { area: 'csv', key: 'csv-parse', label: 'csv-parse 5 sync API', run: peer('csvParse.mjs') },
  { area: 'csv', key: 'read', label: 'reading the file alone', run: peer('readFile.mjs') },
  { area: 'csv', key: 'engine', label: 'engine in-process (scanFile)', run: (f) => runInProcess('engine-csv', f) },
];

/** The CLI compared with each peer: CLI time / peer time (below 1: the CLI is faster). */
const PAIRS: Array<[FileKind, string]> = [
  ['ldif', 'fast'],
  ['ldif', 'readline'],
  ['ldif', 'read'],
  ['csv', 'csv-parse'],
  ['csv', 'read'],
];
type FileKind = 'ldif' | 'csv';

function load(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

async function main(): Promise<void> {
  const dir = KEEP || mkdtempSync(path.join(tmpdir(), 'p1-engine-bench-'));
  const rows: Row[] = [];
  try {
    const t0 = Date.now();
    mkdirSync(dir, { recursive: true });
    const kept = { ldif: path.join(dir, 'users.ldif'), csv: path.join(dir, 'users.csv') };
    const files = KEEP && existsSync(kept.ldif) && existsSync(kept.csv) ? kept : await generate(dir);
    const sizes = { ldif: statSync(files.ldif).size / 1e6, csv: statSync(files.csv).size / 1e6 };
    // dist/ (the CLI) and the bundles of this benchmark's in-process measurements (BENCH_BUNDLES).
    execFileSync(process.execPath, ['esbuild.mjs', '--bench'], { cwd: ROOT, stdio: 'inherit' });
    const loadBefore = load();
    console.log(
      `generated ${sizes.ldif.toFixed(1)} MB LDIF and ${sizes.csv.toFixed(1)} MB CSV in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${RUNS} alternating rounds; load ${loadBefore}`
    );
    const timeFile = path.join(dir, 'time.txt');
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < RUNS; round++) {
      for (const c of CONTENDERS) {
        const s = c.run(files[c.area], timeFile);
        const k = `${c.area}/${c.key}`;
        samples.set(k, [...(samples.get(k) ?? []), s]);
      }
    }
    const loadAfter = load();
    for (const c of CONTENDERS) {
      const xs = samples.get(`${c.area}/${c.key}`)!;
      const ms = xs.map((x) => x.ms);
      const mbps = ms.map((m) => sizes[c.area] / (m / 1000));
      const note = `${RUNS} rounds; load ${loadBefore} → ${loadAfter}`;
      rows.push({
        area: c.area,
        figure: `${c.label}: time`,
        value: r2(median(ms) / 1000),
        unit: 's',
        min: r2(Math.min(...ms) / 1000),
        max: r2(Math.max(...ms) / 1000),
        note,
      });
      rows.push({
        area: c.area,
        figure: `${c.label}: throughput`,
        value: r1(median(mbps)),
        unit: 'MB/s',
        min: r1(Math.min(...mbps)),
        max: r1(Math.max(...mbps)),
      });
      const cpu = xs.map((x) => x.cpuMs).filter((x) => !Number.isNaN(x));
      if (cpu.length)
        rows.push({
          area: c.area,
          figure: `${c.label}: CPU time`,
          value: r2(median(cpu) / 1000),
          unit: 's',
          min: r2(Math.min(...cpu) / 1000),
          max: r2(Math.max(...cpu) / 1000),
        });
      const rss = xs.map((x) => x.rssMB).filter((x) => !Number.isNaN(x));
      if (rss.length)
        rows.push({
          area: c.area,
          figure: `${c.label}: peak RSS`,
          value: r1(median(rss)),
          unit: 'MB',
          min: r1(Math.min(...rss)),
          max: r1(Math.max(...rss)),
        });
    }
    for (const [area, key] of PAIRS) {
      const c = samples.get(`${area}/cli`)!,
        p = samples.get(`${area}/${key}`)!;
      const label = CONTENDERS.find((x) => x.area === area && x.key === key)!.label;
      // Per round: the two ran back to back, so each ratio saw the same load.
      const per = c.map((x, i) => x.ms / p[i].ms);
      const cpu = c.map((x, i) => x.cpuMs / p[i].cpuMs).filter((x) => !Number.isNaN(x));
      rows.push({
        area,
        figure: `CLI time / ${label} time`,
        value: r2(median(per)),
        unit: '×',
        min: r2(Math.min(...per)),
        max: r2(Math.max(...per)),
        peer: key,
        peerValue: r2(median(p.map((x) => x.ms)) / 1000),
        ratio: r2(median(per)),
        note: cpu.length ? `CPU time ratio ${r2(median(cpu))}` : undefined,
      });
    }
    console.log('\narea  figure                                                                median      min      max  unit');
    for (const r of rows) {
      console.log(
        `${r.area.padEnd(5)} ${r.figure.padEnd(70)} ${String(r.value).padStart(8)} ${String(r.min).padStart(8)} ${String(r.max).padStart(8)}  ${r.unit}${r.note ? `  (${r.note})` : ''}`
      );
    }
    // Adversarial shapes (linear time in the CLI and the editor path): each shape on each path in a fresh
    // process, as the CLI runs. In one shared process the heap left by the measurements before (the big files'
    // rounds, the editor's models of other shapes) has its collections charged to the next shape.
    const adversarial = adversarialCases().flatMap((c) => measureAdversarialInChild(ADVERSARIAL_MB, Math.min(RUNS, 3), c, dir));
    for (const r of adversarial)
      console.log(`adversarial ${r.figure.padEnd(72)} ${String(r.value).padStart(8)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
    rows.push(...adversarial);
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(rows, null, 2) + '\n');
  } finally {
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

/** One case of `adversarial.ts` in a child Node process, from its bundle (BENCH_BUNDLES), its rows read back from JSON. */
function measureAdversarialInChild(mb: number, runs: number, only: string, dir: string): AdversarialRow[] {
  const out = path.join(dir, 'adversarial.json');
  const script = path.join(BENCH_BUNDLES, 'adversarial.js');
  const args = [script, '--mb', String(mb), '--runs', String(runs), '--case', only, '--json', out];
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`adversarial.ts exited with ${r.status ?? r.signal}`);
  return JSON.parse(readFileSync(out, 'utf8')) as AdversarialRow[];
}

void main();
