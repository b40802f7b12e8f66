/**
 * What one kept object per row costs on this machine, next to the editor path's figure on the same
 * input: why the editor model's shapes with a record or a value object per line (one username in
 * every CSV row, an entry with hundreds of thousands of values) stay under 10 MB/s however lean each
 * object is. Three bare loops over the 4 MB "one username in every row (CSV)" shape, each finding the
 * lines with `indexOf` and slicing the value, and keeping per row:
 *   - numbers: its line in a list of small integers (no object);
 *   - an object: a class instance of six fields (what a lean record holds: flags, line, duplicate
 *     verdict, index position, value, key), in a list and in one index group;
 *   - the editor model itself (`IncrementalDocumentScan`, first 1000 findings).
 * Best of 3, CPU time, MB/s of the 4 MB text.
 *
 *   npx tsx bench/engine/objectFloor.ts [--mb N]
 */
import { IncrementalDocumentScan } from '../../src/usernames';
import { bestOf } from './adversarial';
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
    'the editor model (IncrementalDocumentScan, first 1000 findings)',
    () => new IncrementalDocumentScan(text, { format: 'csv' }).firstFindings(1000),
  ],
];
console.log(`${shape.name}, ${mb} MB: MB/s of CPU time, best of 3`);
for (const [label, fn] of cases) {
  const ms = bestOf(3, fn);
  console.log(`${label.padEnd(66)} ${((Buffer.byteLength(text) / 1e6 / ms) * 1000).toFixed(1).padStart(6)} MB/s  (${ms.toFixed(0)} ms)`);
}
