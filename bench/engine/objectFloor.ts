/**
 * What one kept object per row costs on this machine, next to the editor path's figure on the same
 * input: why the editor model's shapes with a record or a value object per line (one username in
 * every CSV row, an entry with hundreds of thousands of values) stay under 10 MB/s however lean each
 * object is. Bare loops over the 4 MB "one username in every row (CSV)" shape, each finding the
 * lines with `indexOf` and slicing the value, and keeping per row:
 *   - numbers: its line in a list of small integers (no object);
 *   - an object: a class instance of six fields (what a lean record holds: flags, line, duplicate
 *     verdict, index position, value, key), in a list and in one index group;
 *   - the same object made by an object literal, which V8 allocates straight in the old generation
 *     once it sees most of them survive (how the model makes a CSV row, see LeanRow in incremental.ts);
 *   - the editor model itself (`IncrementalDocumentScan`, first 1000 findings).
 * Best of 3, CPU time, MB/s of the 4 MB text. Then what fresh memory itself costs: the first write to
 * each 4 KiB page of a new 64 MiB block, in µs of CPU per page (user and system: the page fault).
 *
 *   node esbuild.mjs --bench && node out/bench/objectFloor.js [--mb N]   (bundled as the product is; see adversarial.ts)
 */
import { IncrementalDocumentScan } from '../../src/usernames';
import { bestOf } from './cpuTime';
import { ADVERSARIAL_SHAPES } from './shapes';

class Row {
  bits = 0;
  dups: unknown = undefined;
  slot = 0;
  constructor(
    public base: number,
    public value: string,
    public key: string
  ) {}
}

const arg = process.argv.indexOf('--mb');
const mb = arg >= 0 ? Number(process.argv[arg + 1]) : 4;
const shape = ADVERSARIAL_SHAPES.find((s) => s.name === 'one username in every row (CSV)')!;
const text = shape.make(mb * 1e6);

/** One pass over the rows, keeping `keep(line, value)` for each; returns what was kept so nothing is optimized away. */
function loop(keep: (line: number, value: string) => unknown): unknown[] {
  const kept: unknown[] = [];
  let shared = '';
  for (let i = text.indexOf('\n') + 1, line = 1; i < text.length; line++) {
    let j = text.indexOf('\n', i);
    if (j < 0) j = text.length;
    let value = text.slice(i, j);
    // One string per distinct value, as the model's index keeps it.
    if (value === shared) value = shared;
    else shared = value;
    kept.push(keep(line, value));
    i = j + 1;
  }
  return kept;
}

const cases: Array<[string, () => void]> = [
  ['numbers: a line number per row', () => loop((line) => line)],
  [
    'an object per row (six fields), in a list and an index group',
    () => {
      const group: Row[] = [];
      loop((line, value) => {
        const r = new Row(line, value, value);
        group.push(r);
        return r;
      });
    },
  ],
  [
    'the same six fields as an object literal (pretenured), list and group',
    () => {
      const group: unknown[] = [];
      loop((line, value) => {
        const r = { bits: 0, dups: undefined, slot: 0, base: line, value, key: value };
        group.push(r);
        return r;
      });
    },
  ],
  [
    'the editor model (IncrementalDocumentScan, first 1000 findings)',
    () => new IncrementalDocumentScan(text, { format: 'csv' }).firstFindings(1000),
  ],
];
console.log(`${shape.name}, ${mb} MB: MB/s of CPU time, best of 3`);
for (const [label, fn] of cases) {
  const ms = bestOf(3, fn);
  console.log(`${label.padEnd(66)} ${((Buffer.byteLength(text) / 1e6 / ms) * 1000).toFixed(1).padStart(6)} MB/s  (${ms.toFixed(0)} ms)`);
}

/** CPU µs per page of the first write to each 4 KiB page of a fresh 64 MiB block: the page fault the kernel serves. */
function freshPageCost(): number {
  const size = 64 << 20;
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const block = new Uint8Array(size);
    const t0 = process.cpuUsage();
    for (let i = 0; i < size; i += 4096) block[i] = 1;
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / (size / 4096));
  }
  return best;
}
const perPage = freshPageCost();
console.log(
  `${'fresh memory: first write to each 4 KiB page (64 MiB, best of 3)'.padEnd(66)} ${perPage.toFixed(2).padStart(6)} µs per page (${((perPage * 256) / 1000).toFixed(1)} ms per MiB)`
);
