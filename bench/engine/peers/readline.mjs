// The slowest simple peer: readline over a stream, `uid:` lines, a Set for duplicates.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const seen = new Set();
let duplicates = 0;
const rl = createInterface({ input: createReadStream(process.argv[2], { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
for await (const line of rl) {
  if (line.startsWith('uid:')) {
    const v = line.slice(4).trim();
    if (seen.has(v)) duplicates++;
    else seen.add(v);
  }
}
console.log(JSON.stringify({ duplicates, distinct: seen.size }));
