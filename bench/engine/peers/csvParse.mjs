// csv-parse 5, sync API, on the whole CSV: the usual library answer; a Set for duplicates.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const rows = parse(readFileSync(process.argv[2]), { bom: true, relax_column_count: true, skip_empty_lines: true });
const col = rows[0].indexOf('username');
const seen = new Set();
let duplicates = 0;
for (let i = 1; i < rows.length; i++) {
  if (seen.has(rows[i][col])) duplicates++;
  else seen.add(rows[i][col]);
}
console.log(JSON.stringify({ rows: rows.length - 1, duplicates, distinct: seen.size }));
