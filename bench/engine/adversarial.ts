/**
 * Linear time on adversarial inputs, in the CLI path (bytes streamed through
 * `createScanner` in 1 MiB chunks, as `scanFile` does) and the editor path
 * (an `IncrementalDocumentScan` built on the text, and one Replace All event
 * applied to a large document). The editor path is timed twice: `[editor]`
 * is what the product does (the model, then the first 1000 findings by
 * position, the default `pingone.usernames.maxProblemsPerFile`, and the count
 * of the rest), `[editor, all findings]` builds every finding (`result()`),
 * so a cost the cap hides still shows. For each shape of ./shapes.ts it times the
 * shape at N and 4N bytes: linear means the 4N run takes about 4× as long.
 *
 *   node esbuild.mjs --bench && node out/bench/adversarial.js [--mb N] [--runs N] [--case SHAPE:PATH|replace-all] [--json FILE]
 *
 * `bench/engine/run.ts` (part of `npm run bench`) runs the same measurements, each case in a process of its
 * own, from that bundle: the engine as the extension and the CLI run it. `npx tsx bench/engine/adversarial.ts`
 * runs the sources as they are, where every call into another module goes through an export getter (the
 * editor path 10–35 % slower).
 */
import { writeFileSync } from 'node:fs';
import { IncrementalDocumentScan, createScanner } from '../../src/usernames';
import type { FileFormat, Range } from '../../src/usernames/types';
import { bestOf } from './cpuTime';
import { ADVERSARIAL_SHAPES } from './shapes';

export interface AdversarialRow {
  area: string;
  figure: string;
  value: number;
  unit: string;
  min: number;
  max: number;
  note?: string;
}

export type EnginePath = 'cli' | 'editor' | 'editor-all';

/** What the editor publishes at most per file by default (`pingone.usernames.maxProblemsPerFile`). */
export const EDITOR_CAP = 1000;

/** Scans `text` the way the CLI (bytes in 1 MiB chunks) or the editor (a document model, capped or whole) does. */
export function scanAs(path: EnginePath, text: string, format: FileFormat): () => void {
  if (path === 'cli') {
    const bytes = Buffer.from(text);
    return () => {
      const s = createScanner({ format });
      for (let i = 0; i < bytes.length; i += 1 << 20) s.push(bytes.subarray(i, i + (1 << 20)));
      s.end();
    };
  }
  if (path === 'editor-all')
    return () => {
      new IncrementalDocumentScan(text, { format }).result();
    };
  return () => {
    new IncrementalDocumentScan(text, { format }).firstFindings(EDITOR_CAP);
  };
}

/** A ~`bytes` LDIF document of ordinary entries and the 10,000-change Replace All of one word in it. */
export function replaceAllCase(bytes: number, changes = 10000): { text: string; edits: Array<{ range: Range; text: string }> } {
  const parts: string[] = [];
  let n = 0;
  const every = Math.max(1, Math.floor(bytes / 400 / changes));
  let marked = 0;
  const edits: Array<{ range: Range; text: string }> = [];
  for (let i = 0, line = 0; n < bytes; i++) {
    // `cn` is the edited word on some entries; the uid line is checked as the edits land.
    const mark = i % every === 0 && marked < changes;
    const entry =
      `dn: uid=user.${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: user.${i}\ncn: ${mark ? 'Smith' : 'Jones'} ${i}\n` +
      `mail: user.${i}@example.com\ndescription: An ordinary entry of the Replace All benchmark, number ${i}, with some filler text.\n\n`;
    if (mark) {
      edits.push({ range: { startLine: line + 3, startColumn: 4, endLine: line + 3, endColumn: 9 }, text: 'Smyth' });
      marked++;
    }
    parts.push(entry);
    n += entry.length;
    line += 7;
  }
  return { text: parts.join(''), edits };
}

const PATHS = ['cli', 'editor', 'editor-all'] as const;

/** The measurements one by one (`--case`): each shape on each path (`shape index:path`), then `replace-all`. */
export function adversarialCases(): string[] {
  return [...ADVERSARIAL_SHAPES.flatMap((_, i) => PATHS.map((p) => `${i}:${p}`)), 'replace-all'];
}

/** Every measurement, or only the case `only` (see adversarialCases). */
export function measureAdversarial(mb: number, runs: number, only?: string): AdversarialRow[] {
  const rows: AdversarialRow[] = [];
  const n = Math.round(mb * 1e6);
  for (const [index, shape] of ADVERSARIAL_SHAPES.entries()) {
    for (const path of PATHS) {
      if (only !== undefined && only !== `${index}:${path}`) continue;
      const small = shape.make(n),
        large = shape.make(4 * n);
      const t1 = bestOf(runs, scanAs(path, small, shape.format));
      const t4 = bestOf(runs, scanAs(path, large, shape.format));
      const mbps = Buffer.byteLength(large) / 1e6 / (t4 / 1000); // per second of CPU time
      const label = `${shape.name} [${path === 'editor-all' ? 'editor, all findings' : path}]`;
      rows.push({
        area: 'adversarial',
        figure: `${label} throughput at 4N`,
        value: round(mbps),
        unit: 'MB/s',
        min: round(mbps),
        max: round(mbps),
      });
      rows.push({
        area: 'adversarial',
        figure: `${label} time 4N / time N`,
        value: round(t4 / t1),
        unit: 'x',
        min: round(t4 / t1),
        max: round(t4 / t1),
        note: `${(n / 1e6).toFixed(1)} MB ${t1.toFixed(0)} ms, ${((4 * n) / 1e6).toFixed(1)} MB ${t4.toFixed(0)} ms`,
      });
    }
  }
  if (only !== undefined && only !== 'replace-all') return rows;
  const { text, edits } = replaceAllCase(10e6);
  for (const all of [false, true]) {
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let k = 0; k < runs; k++) {
      const doc = new IncrementalDocumentScan(text, { format: 'ldif' });
      const w0 = performance.now();
      cpu.push(
        bestOf(1, () => {
          doc.edit(edits);
          if (all) doc.result();
          else doc.firstFindings(EDITOR_CAP);
        })
      );
      wall.push(performance.now() - w0);
    }
    const figure = `Replace All of ${edits.length} changes in a 10 MB LDIF [${all ? 'editor, all findings' : 'editor'}]`;
    // CPU time counts V8's helper threads too (parallel collection, the optimizing compiler), which run beside the
    // edit on the other core; wall time is what the user waits, but on a busy machine also other processes' turns.
    rows.push(medianRow(figure, cpu, 'ms CPU'), medianRow(`${figure}, wall time`, wall, 'ms'));
  }
  return rows;
}

/** The median of `times` (and their min and max) as a row. */
function medianRow(figure: string, times: number[], unit: string): AdversarialRow {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    area: 'adversarial',
    figure,
    value: round(sorted[Math.floor(sorted.length / 2)]),
    unit,
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

if (require.main === module) {
  const i = process.argv.indexOf('--mb');
  const mb = i >= 0 ? Number(process.argv[i + 1]) : 1.5;
  const r = process.argv.indexOf('--runs');
  const c = process.argv.indexOf('--case');
  const rows = measureAdversarial(mb, r >= 0 ? Number(process.argv[r + 1]) : 3, c >= 0 ? process.argv[c + 1] : undefined);
  for (const r of rows) console.log(`${r.figure.padEnd(72)} ${String(r.value).padStart(8)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
  const j = process.argv.indexOf('--json');
  if (j >= 0) writeFileSync(process.argv[j + 1], JSON.stringify(rows, null, 2) + '\n');
}
