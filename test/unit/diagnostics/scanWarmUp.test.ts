import assert from 'node:assert/strict';
import { sampleCsv, sampleLdif, warmUpScanner } from '../../../src/diagnostics/scanWarmUp';
import { scanText } from '../../../src/usernames';
import type { ScanOptions } from '../../../src/usernames/types';

/** The finding codes a scan of `text` gives, with how many of each. */
function codes(text: string, format: 'ldif' | 'csv'): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of scanText(text, { format }).findings) counts[f.code] = (counts[f.code] ?? 0) + 1;
  return counts;
}

/** At least 4 of each character finding and of duplicates, and no other code. */
function onlyCharacterFindingsAndDuplicates(found: Record<string, number>): void {
  assert.ok((found['username-format'] ?? 0) >= 4, JSON.stringify(found));
  assert.ok((found['username-invalid-character'] ?? 0) >= 4, JSON.stringify(found));
  assert.ok((found['username-duplicate'] ?? 0) >= 4 && Object.keys(found).length === 3, JSON.stringify(found));
}

describe('scan worker warm-up samples', () => {
  // The warm-up is only worth its CPU if it runs the paths a real file takes: valid usernames (ASCII and
  // not), findings of both character rules, e-mail addresses and duplicates (in LDIF, base64 values and
  // folded lines too), and nothing else.
  it('the LDIF sample has only the two character findings and duplicates among valid usernames', () => {
    const text = sampleLdif(0, 250);
    const found = codes(text, 'ldif');
    assert.equal(found['ldif-syntax'], undefined);
    onlyCharacterFindingsAndDuplicates(found);
    assert.ok(text.includes('uid:: '), 'a base64 value');
    assert.match(text, /\n {2}past the fold\n/, 'a folded line');
  });

  it('the CSV sample, with a quoted field, has only the two character findings and duplicates', () => {
    const text = sampleCsv(250, 250);
    const found = codes(text, 'csv');
    assert.equal(found['csv-syntax'], undefined);
    onlyCharacterFindingsAndDuplicates(found);
    assert.match(text, /"Sample, \d+"/);
  });

  it('runs every step, LDIF and CSV in turn, one per event-loop turn, then resolves', async () => {
    const seen: Array<{ format: string; bytes: number }> = [];
    let sameTurn = 0;
    let inTurn = false;
    const warm = warmUpScanner((bytes, options: ScanOptions) => {
      if (inTurn) sameTurn++;
      inTurn = true;
      setImmediate(() => (inTurn = false));
      seen.push({ format: options.format, bytes: bytes.length });
    });
    assert.equal(await warm.done, true, 'ran to its end');
    assert.equal(seen.length, 16);
    assert.deepEqual(
      seen.map((s) => s.format),
      Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 'ldif' : 'csv'))
    );
    assert.ok(seen.every((s) => s.bytes > 10_000));
    assert.equal(sameTurn, 0, 'two steps ran in one turn: a request would wait for both');
  });

  it('stops at the next step once stopped, so a request waits for one step at most', async () => {
    let steps = 0;
    const warm = warmUpScanner(() => {
      steps++;
      if (steps === 3) warm.stop();
    });
    assert.equal(await warm.done, false, 'stopped');
    assert.equal(steps, 3);
  });
});
