/**
 * The editor's document model on the 10 MB LDIF of the in-host benchmark,
 * in Node alone (no VS Code): the first scan built in slices the way the
 * diagnostics controller builds it (8 ms budget, a macrotask between slices),
 * the longest slice (what would hold the extension host), and edit → check
 * (the capped list the editor publishes) without debounce.
 *
 *   npx tsx bench/editor/model.ts [--runs N] [--json FILE]
 *
 * Run with `--trace-gc` in NODE_OPTIONS to see which slices a collection lengthened.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openDocumentScan } from '../../src/diagnostics/engine';
import { type BenchRow, summarize, writeRows } from '../lib';
import { ENTRY_LINES, generateLdif } from './corpus';

const SLICE_MS = 8;
const EDITS = 50;
const MAX_SHOWN = 1000;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The longest gap between ticks of a 5 ms interval (as the in-host bench's probe): the thread held by anything, collections included. */
function probe(): () => number {
  let last = performance.now(),
    longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 5);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return Math.max(0, longest);
  };
}

async function once(
  text: string,
  entries: number
): Promise<{ total: number; longest: number; block: number; slices: number; edits: number[]; heapMB: number }> {
  const doc = openDocumentScan(text, { format: 'ldif' });
  const stop = probe();
  const t0 = performance.now();
  let longest = 0,
    slices = 0;
  for (;;) {
    const s = performance.now();
    const done = doc.build(SLICE_MS);
    longest = Math.max(longest, performance.now() - s);
    slices++;
    if (done) break;
    await tick();
  }
  const c0 = performance.now();
  doc.check(MAX_SHOWN);
  longest = Math.max(longest, performance.now() - c0);
  const total = performance.now() - t0;
  const block = stop();
  const heapMB = process.memoryUsage().heapUsed / 1e6;
  const edits: number[] = [];
  const lines = text.split('\n');
  for (let n = 0; n < EDITS; n++) {
    const entry = 1001 + Math.floor(n / 2) * Math.floor((entries - 2000) / (EDITS / 2));
    const line = entry * ENTRY_LINES + 2;
    const old = lines[line];
    const now = n % 2 === 0 ? 'uid: user.0' : old;
    const cur = n % 2 === 0 ? old : 'uid: user.0';
    const t = performance.now();
    doc.applyEdits([
      {
        range: { startLine: line, startColumn: 5, endLine: line, endColumn: cur.length },
        rangeOffset: 0,
        rangeLength: 0,
        text: now.slice(5),
      },
    ]);
    doc.check(MAX_SHOWN);
    edits.push(performance.now() - t);
    await tick();
  }
  return { total, longest, block, slices, edits, heapMB };
}

/**
 * Heap the built model keeps, in bytes per entry (a full collection before and after; the text
 * itself was allocated before). `--expose-gc` is set at run time (Node docs, v8.setFlagsFromString),
 * so the bench needs no flag.
 */
function retainedPerEntry(text: string, entries: number): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const doc = openDocumentScan(text, { format: 'ldif' });
  while (!doc.build(Infinity));
  gc();
  const kept = process.memoryUsage().heapUsed - before;
  // Read after the collection, so the model is still alive when it runs.
  return doc.build(0) ? kept / entries : NaN;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 3;
  const { text, entries } = generateLdif(10 * 1024 * 1024);
  const rows: BenchRow[] = [];
  const totals: number[] = [],
    longest: number[] = [],
    block: number[] = [],
    edits: number[] = [],
    heap: number[] = [];
  for (let k = 0; k < runs; k++) {
    const r = await once(text, entries);
    totals.push(r.total);
    longest.push(r.longest);
    block.push(r.block);
    edits.push(...r.edits);
    heap.push(r.heapMB);
  }
  const note = `${entries} entries, ${SLICE_MS} ms slices, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`;
  rows.push(summarize('editor-model', 'model of the 10 MB LDIF built in slices (wall)', totals, 'ms', { note }));
  rows.push(summarize('editor-model', 'longest slice of that build (wall)', longest, 'ms', { note }));
  rows.push(summarize('editor-model', 'longest block of the thread during that build (5 ms probe, any cause)', block, 'ms', { note }));
  rows.push(summarize('editor-model', 'heap used after the build', heap, 'MB'));
  rows.push(summarize('editor-model', `edit → check (first ${MAX_SHOWN} findings), no debounce`, edits, 'ms'));
  const kept = retainedPerEntry(text, entries);
  rows.push(summarize('editor-model', `heap the built model keeps per entry (${ENTRY_LINES} lines)`, [kept], 'bytes'));
  writeRows(rows);
}

void main();
