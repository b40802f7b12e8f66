/**
 * Username engine benchmark: throughput and peak memory of the
 * streaming scanners against a naive line-by-line script, merely reading the
 * file, and csv-parse (sync API) on the same CSV. Files are generated into a
 * temp dir (100 MB LDIF, 20 MB CSV) and removed afterwards; each contender
 * runs in a child process, several times (median/min/max).
 *
 *   npx tsx bench/engine/run.ts [--json FILE] [--runs N] [--ldif-mb N] [--csv-mb N] [--adversarial-mb N] [--keep DIR]
 *
 * It also times the adversarial shapes of ./shapes.ts at N and 4N MB in the
 * CLI and the editor path, and a 10,000-change Replace All (./adversarial.ts).
 *
 * `--keep DIR` generates the files into DIR (reusing them when present) and
 * leaves them there, for profiling a contender by hand:
 *   node --cpu-prof -r tsx/cjs bench/engine/contender.ts engine-ldif DIR/users.ldif
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { measureAdversarial } from './adversarial';

interface Row {
  area: string;
  figure: string;
  value: number;
  unit: string;
  min: number;
  max: number;
  peer?: string;
  ratio?: number;
}

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const RUNS = Number(arg('--runs', '3'));
const LDIF_MB = Number(arg('--ldif-mb', '100'));
const CSV_MB = Number(arg('--csv-mb', '20'));
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

function runContender(name: string, file: string): { ms: number; maxRssMB: number; check: number } {
  const tsx = require.resolve('tsx/cjs');
  const out = execFileSync(process.execPath, ['-r', tsx, path.join(__dirname, 'contender.ts'), name, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const round = (x: number) => Math.round(x * 10) / 10;
const ratio = (x: number) => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const dir = KEEP || mkdtempSync(path.join(tmpdir(), 'p1-engine-bench-'));
  const rows: Row[] = [];
  try {
    const t0 = Date.now();
    mkdirSync(dir, { recursive: true });
    const kept = { ldif: path.join(dir, 'users.ldif'), csv: path.join(dir, 'users.csv') };
    const files = KEEP && existsSync(kept.ldif) && existsSync(kept.csv) ? kept : await generate(dir);
    const sizes = { ldif: statSync(files.ldif).size / 1e6, csv: statSync(files.csv).size / 1e6 };
    console.log(
      `generated ${sizes.ldif.toFixed(1)} MB LDIF and ${sizes.csv.toFixed(1)} MB CSV in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs each`
    );
    const plan: Array<[string, string, keyof typeof sizes, string]> = [
      ['ldif', 'read', 'ldif', 'read file'],
      ['ldif', 'naive-ldif', 'ldif', 'naive readline uid:'],
      ['ldif', 'engine-ldif', 'ldif', 'engine (streaming)'],
      ['csv', 'read', 'csv', 'read file'],
      ['csv', 'naive-csv', 'csv', 'naive split'],
      ['csv', 'csv-parse', 'csv', 'csv-parse sync'],
      ['csv', 'engine-csv', 'csv', 'engine (streaming)'],
    ];
    const results = new Map<string, { mbps: number[]; rss: number[] }>();
    for (let run = 0; run < RUNS; run++) {
      for (const [area, name, f] of plan) {
        const r = runContender(name, files[f]);
        const key = `${area}/${name}`;
        const e = results.get(key) ?? { mbps: [], rss: [] };
        e.mbps.push(sizes[f] / (r.ms / 1000));
        e.rss.push(r.maxRssMB);
        results.set(key, e);
      }
    }
    for (const [area, name, , label] of plan) {
      const e = results.get(`${area}/${name}`)!;
      const peer = area === 'ldif' ? 'ldif/naive-ldif' : 'csv/csv-parse';
      const p = results.get(peer)!;
      const isEngine = name.startsWith('engine');
      rows.push({
        area,
        figure: `${label} throughput`,
        value: round(median(e.mbps)),
        unit: 'MB/s',
        min: round(Math.min(...e.mbps)),
        max: round(Math.max(...e.mbps)),
        ...(isEngine ? { peer: peer.split('/')[1], ratio: ratio(median(e.mbps) / median(p.mbps)) } : {}),
      });
      rows.push({
        area,
        figure: `${label} peak RSS`,
        value: round(median(e.rss)),
        unit: 'MB',
        min: round(Math.min(...e.rss)),
        max: round(Math.max(...e.rss)),
        ...(isEngine ? { peer: peer.split('/')[1], ratio: ratio(median(e.rss) / median(p.rss)) } : {}),
      });
    }
    for (const [area, engine, naive] of [
      ['ldif', 'engine-ldif', 'read'],
      ['csv', 'engine-csv', 'naive-csv'],
      ['csv', 'engine-csv', 'read'],
    ]) {
      const e = results.get(`${area}/${engine}`)!,
        n = results.get(`${area}/${naive}`)!;
      const x = ratio(median(e.mbps) / median(n.mbps));
      rows.push({ area, figure: `engine vs ${naive} throughput`, value: x, unit: 'x', min: x, max: x, peer: naive, ratio: x });
    }
    console.log('\narea  figure                                   median      min      max  unit  vs peer');
    for (const r of rows) {
      console.log(
        `${r.area.padEnd(5)} ${r.figure.padEnd(38)} ${String(r.value).padStart(8)} ${String(r.min).padStart(8)} ${String(r.max).padStart(8)}  ${r.unit.padEnd(5)} ${r.ratio !== undefined ? `${r.ratio}x ${r.peer}` : ''}`
      );
    }
    // Adversarial shapes (linear time in the CLI and the editor path), measured in this process.
    const adversarial = measureAdversarial(ADVERSARIAL_MB, RUNS);
    for (const r of adversarial)
      console.log(`adversarial ${r.figure.padEnd(72)} ${String(r.value).padStart(8)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
    rows.push(...adversarial);
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(rows, null, 2) + '\n');
  } finally {
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
