/**
 * Warms the scan worker's code before its first real request. A first scan in
 * a fresh thread runs mostly in V8's interpreter and pays for the optimizing
 * compiler while it goes: a 10 MB LDIF scanned cold takes about 1.4× the wall
 * time (and 1.6× the CPU) of one scanned after a small warm-up, measured with
 * the worker's own code on this project's editor benchmark file. A large file
 * opened in a tab waits for exactly that first scan, so the worker scans small
 * generated LDIF and CSV samples when it starts, off the extension host's
 * thread, and throws the results away.
 */
import type { ScanOptions } from '../usernames/types';

/** Entries (LDIF) or rows (CSV) per warm-up step: one step is a few ms of CPU once compiled, 10-25 ms cold. */
const STEP_RECORDS = 250;
/** Steps per format: 2,000 records each, enough for the hot loops to be optimized. */
const STEPS = 8;

/**
 * A value of each kind the scanners treat differently: valid (ASCII and not), a character outside the
 * username format (a space), one PingOne refuses (a zero-width space), an e-mail address, a duplicate.
 */
function usernameFor(i: number): string {
  if (i % 50 === 7) return `sample user ${i}`;
  if (i % 50 === 11) return `sample\u200b${i}`;
  if (i % 50 === 17) return `sampl\u00e9.${i}`;
  if (i % 50 === 13) return `sample.${i - 1}`;
  if (i % 10 === 3) return `sample.${i}@example.com`;
  return `sample.${i}`;
}

/** A sample LDIF: ordinary entries with a folded line and a base64 value now and then. */
export function sampleLdif(first: number, records: number): string {
  const parts: string[] = ['version: 1\n\n'];
  for (let i = first; i < first + records; i++) {
    const uid = usernameFor(i);
    const value = i % 50 === 11 || i % 50 === 17 ? `:: ${Buffer.from(uid).toString('base64')}` : `: ${uid}`;
    const description = i % 40 === 5 ? `description: a folded line for entry ${i} that goes on\n  past the fold\n` : '';
    parts.push(
      `dn: uid=s${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid${value}\ncn: Sample ${i}\nsn: ${i}\n` +
        `mail: sample.${i}@example.com\n${description}\n`
    );
  }
  return parts.join('');
}

/** A sample CSV with a header row, a quoted field now and then, and the same usernames as the LDIF sample. */
export function sampleCsv(first: number, records: number): string {
  const rows: string[] = ['username,email,givenName,familyName\n'];
  for (let i = first; i < first + records; i++) {
    const family = i % 30 === 9 ? `"Sample, ${i}"` : `Sample${i}`;
    rows.push(`${usernameFor(i)},sample.${i}@example.com,Given${i},${family}\n`);
  }
  return rows.join('');
}

/**
 * Runs `scan` (the worker's own byte scan, with its text check) over the samples with the options the worker sees
 * most (the defaults), so the same functions get compiled: one small step per event-loop turn, LDIF and CSV
 * in turn, so that a request arriving meanwhile waits for one step at most. `stop()` ends it early: a
 * request that found the code cold is better served now than after the rest of the warm-up.
 */
export function warmUpScanner(scan: (bytes: Uint8Array, options: ScanOptions) => unknown): {
  stop(): void;
  /** Resolves when it ends: true when every step ran, false when stopped first. */
  readonly done: Promise<boolean>;
} {
  let step = 0;
  let stopped = false;
  let finish!: (finished: boolean) => void;
  const done = new Promise<boolean>((resolve) => (finish = resolve));
  const next = () => {
    if (stopped || step === 2 * STEPS) return finish(!stopped);
    const first = (step >> 1) * STEP_RECORDS;
    const csv = (step & 1) === 1;
    const bytes = Buffer.from(csv ? sampleCsv(first, STEP_RECORDS) : sampleLdif(first, STEP_RECORDS), 'utf8');
    scan(bytes, { format: csv ? 'csv' : 'ldif' });
    step++;
    setImmediate(next);
  };
  setImmediate(next);
  return {
    stop: () => {
      stopped = true;
    },
    done,
  };
}
