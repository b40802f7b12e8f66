// Reading the file alone: 1 MiB reads into one buffer, then exit (the floor for any scanner).
import { closeSync, openSync, readSync } from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const buf = Buffer.allocUnsafe(1 << 20);
let bytes = 0;
for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) bytes += n;
closeSync(fd);
console.log(JSON.stringify({ bytes }));
