/**
 * Usernames spelled many ways (`alice`, `Alice`, `ALICE`…), through the three implementations of the
 * duplicate rules: the byte scan with its fast paths (the CLI, the workspace scan: other spellings
 * decided from their bytes, see spellingTable.ts), the string scan (`scanText`), and the editor's
 * model (`IncrementalDocumentScan`, which keeps its own index). Random CSV and LDIF files over a few
 * keys in many spellings, plain and not, pushed in chunks of random size: the same findings.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IncrementalDocumentScan, createScanner, scanText } from '../../../src/usernames';
import type { FileFormat } from '../../../src/usernames/types';

const RUNS = Number(process.env.SPELLING_PATHS_RUNS ?? 150);

/** A spelling of one of a few keys: random capitals, sometimes a non-ASCII or quoted form the scanners read the slow way. */
const SPELLING = fc
  .tuple(fc.constantFrom('alice', 'bob.x', 'carol_y', 'user.7', 'ünï'), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }))
  .map(([key, caps]) => [...key].map((c, i) => (caps[i] ? c.toUpperCase() : c)).join(''));

function csvOf(values: string[], quoted: boolean[]): string {
  return 'username,cn\n' + values.map((v, i) => `${quoted[i] ? `"${v}"` : v},n${i}\n`).join('');
}

function ldifOf(values: string[], grouped: boolean[]): string {
  // Most entries one username; some carry the next value too (a value offered while its record is read).
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const extra = grouped[i] && i + 1 < values.length ? `uid: ${values[++i]}\n` : '';
    out.push(`dn: uid=e${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: ${values[i]}\n${extra}cn: n${i}\n`);
  }
  return out.join('\n');
}

function agree(text: string, format: FileFormat, chunk: number): void {
  const bytes = Buffer.from(text);
  const s = createScanner({ format });
  for (let i = 0; i < bytes.length; i += chunk) s.push(bytes.subarray(i, i + chunk));
  const expected = scanText(text, { format }).findings;
  assert.deepEqual(s.end().findings, expected, 'byte scan');
  assert.deepEqual(new IncrementalDocumentScan(text, { format }).result().findings, expected, 'editor model');
}

describe('usernames in many spellings: byte scan, string scan and editor model agree', () => {
  const cases: Array<[string, FileFormat, (values: string[], flags: boolean[]) => string, number]> = [
    ['CSV rows, plain and quoted, in chunks of any size', 'csv', csvOf, 300],
    ['LDIF entries with one or two usernames, in chunks of any size', 'ldif', ldifOf, 200],
  ];
  for (const [name, format, make, most] of cases)
    it(name, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(SPELLING, fc.boolean()), { minLength: 1, maxLength: most }),
          fc.integer({ min: 1, max: 4096 }),
          (rows, chunk) => {
            const text = make(
              rows.map((r) => r[0]),
              rows.map((r) => r[1])
            );
            agree(text, format, chunk);
          }
        ),
        { numRuns: RUNS }
      );
    });

  it('thousands of spellings of one key (the tables grow), in CSV and LDIF', () => {
    const spell = (i: number) => [...'username.x'].map((c, k) => ((i >> k) & 1 ? c.toUpperCase() : c)).join('');
    const values = Array.from({ length: 3000 }, (_, i) => spell((i * 37) % 1024));
    agree(
      csvOf(
        values,
        values.map((_, i) => i % 11 === 0)
      ),
      'csv',
      65536
    );
    agree(
      ldifOf(
        values,
        values.map((_, i) => i % 13 === 0)
      ),
      'ldif',
      65536
    );
  });
});
