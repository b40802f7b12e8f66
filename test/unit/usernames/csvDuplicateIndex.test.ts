/**
 * The CSV duplicate index (src/usernames/csvDuplicates.ts) against a model of what it must report: a
 * value seen before in the same spelling is `username-duplicate` pointing at that spelling's first row,
 * another spelling of a known fold key is `username-duplicate-case` pointing at the group's first row
 * (once per spelling; its repeats are `username-duplicate` at that spelling's first row). The index
 * stores first values in byte arenas, a slot table that grows, and a Map after a crafted probe run;
 * the findings must be the same through each of them.
 */
import assert from 'node:assert/strict';
import { CsvDuplicates } from '../../../src/usernames/csvDuplicates';
import { FindingStore, compareFindings, duplicateFinding } from '../../../src/usernames/findingStore';
import { hashOf } from '../../../src/usernames/fnv';
import { usernameFoldKey } from '../../../src/usernames/rules';
import type { Finding, Range } from '../../../src/usernames/types';

const INT_MAX = 0x7fffffff;

/** What the index must report, kept the simple way. */
class Model {
  private readonly groups = new Map<string, { first: string; firstRange: Range; spellings: Map<string, Range> }>();
  readonly findings: Finding[] = [];

  offer(value: string, range: Range): void {
    const key = usernameFoldKey(value);
    const g = this.groups.get(key);
    if (!g) {
      this.groups.set(key, { first: value, firstRange: range, spellings: new Map([[value, range]]) });
      return;
    }
    const seen = g.spellings.get(value);
    if (seen) this.findings.push(duplicateFinding('username-duplicate', value, range, seen));
    else {
      g.spellings.set(value, range);
      this.findings.push(duplicateFinding('username-duplicate-case', value, range, g.firstRange));
    }
  }

  get distinct(): number {
    return this.groups.size;
  }
}

/** A plain ASCII username, as the CSV fast path would hand it to `offerBytes` (plainBytes.ts reads these). */
function isPlainAscii(v: string): boolean {
  return /^[A-Za-z0-9._-]{1,128}$/.test(v);
}

/** Offers `values` (one per line, at `col`) to a fresh index and to the model; returns both finding lists, sorted. */
function run(
  values: Array<{ value: string; range: Range }>,
  opts: { expected?: number; expectAt?: number; expectN?: number; bytes?: boolean } = {}
): { got: Finding[]; want: Finding[]; index: CsvDuplicates; model: Model } {
  const store = new FindingStore();
  const index = new CsvDuplicates(store, opts.expected);
  const model = new Model();
  const returned: Finding[] = [];
  values.forEach(({ value, range }, i) => {
    if (i === opts.expectAt) index.expect(opts.expectN ?? 0);
    model.offer(value, range);
    let f: Finding | undefined;
    const oneLine = range.startLine === range.endLine && range.endColumn === range.startColumn + value.length;
    if (opts.bytes !== false && isPlainAscii(value) && oneLine) {
      const lower = value.toLowerCase();
      const buf = Buffer.from('#' + value + '#', 'latin1');
      const hashes = Int32Array.of(hashOf(lower));
      index.touch(hashes, 1);
      f = index.offerBytes(buf, 1, 1 + value.length, hashOf(lower), lower !== value, range.startLine, range.startColumn);
    } else f = index.offer(value, usernameFoldKey(value), range);
    if (f) returned.push(f);
  });
  const got = [...store.toArray(), ...returned].sort(compareFindings);
  return { got, want: [...model.findings].sort(compareFindings), index, model };
}

/** A small deterministic PRNG (mulberry32), so a failure names its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function lineRange(line: number, col: number, len: number): Range {
  return { startLine: line, startColumn: col, endLine: line, endColumn: col + len };
}

/** Values that collide often: few letters, their capitals, a KELVIN SIGN (folds to k), a decomposed é. */
const PIECES = ['a', 'A', 'b', 'B', 'k', 'K', '\u212a', 'é', 'e\u0301', 'É', '1', '.'];

function randomValues(seed: number, n: number): Array<{ value: string; range: Range }> {
  const r = rng(seed);
  const out: Array<{ value: string; range: Range }> = [];
  for (let line = 1; out.length < n; line++) {
    let value = '';
    const len = 1 + Math.floor(r() * 4);
    for (let k = 0; k < len; k++) value += PIECES[Math.floor(r() * PIECES.length)];
    // Now and then a long value (copied, not sliced) or one past the arena's limit, and a range
    // that is not one line of the value's length (a quoted line break), on a line past int32 or far right.
    const pick = r();
    if (pick < 0.05) value = value.repeat(8);
    else if (pick < 0.07) value = value.repeat(1100);
    const shape = r();
    const col = Math.floor(r() * 5);
    let range = lineRange(line, col, value.length);
    if (shape < 0.05) range = { startLine: line, startColumn: col, endLine: line + 1, endColumn: 3 };
    else if (shape < 0.08) range = lineRange(INT_MAX + line, col, value.length);
    // Columns stay far below int32: no line the scan holds is longer than MAX_LINE_BYTES (16 MiB).
    else if (shape < 0.1) range = lineRange(line, 16_000_000, value.length);
    out.push({ value, range });
  }
  return out;
}

const GOLDEN = 0x9e3779b1 | 0;
/** A key's first slot in the smallest table (1 024 slots), as the index computes it. */
const slotOf = (k: string): number => Math.floor(((Math.imul(hashOf(k), GOLDEN) >>> 0) * 1024) / 2 ** 32);
/** Three keys `u<i>` whose first slot is `slot`. */
function bySlot(slot: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < 3; i++) if (slotOf(`u${i}`) === slot) out.push(`u${i}`);
  return out;
}

describe('CSV duplicate index (csvDuplicates.ts) against its model', () => {
  it('reports what the model reports on values that collide in case, NFC and KELVIN SIGN', () => {
    for (let seed = 1; seed <= 16; seed++) {
      const { got, want, index, model } = run(randomValues(seed, 300));
      assert.deepEqual(got, want, `seed ${seed}`);
      assert.equal(index.distinct, model.distinct, `seed ${seed}`);
      assert.equal(index.degraded, false);
    }
  });

  it('the same when every value takes the string path', () => {
    for (let seed = 41; seed <= 46; seed++) {
      const { got, want } = run(randomValues(seed, 300), { bytes: false });
      assert.deepEqual(got, want, `seed ${seed}`);
    }
  });

  it('each finding word for word: a repeat, another spelling, a repeat of that spelling', () => {
    const values = [
      { value: 'alice', range: lineRange(1, 4, 5) },
      { value: 'Alice', range: lineRange(2, 4, 5) },
      { value: 'alice', range: lineRange(3, 0, 5) },
      { value: 'Alice', range: lineRange(4, 2, 5) },
      { value: '\u212alaus', range: lineRange(5, 1, 5) },
      { value: 'klaus', range: lineRange(6, 1, 5) },
      { value: 'KLAUS', range: lineRange(7, 1, 5) },
      { value: '\u212alaus', range: lineRange(8, 3, 5) },
    ];
    const { got, want, index } = run(values);
    assert.deepEqual(got, want);
    assert.deepEqual(
      got.map((f) => [
        f.code,
        f.username,
        f.range.startLine,
        f.range.startColumn,
        f.related![0].range.startLine,
        f.related![0].range.startColumn,
      ]),
      [
        ['username-duplicate-case', 'Alice', 2, 4, 1, 4],
        ['username-duplicate', 'alice', 3, 0, 1, 4],
        ['username-duplicate', 'Alice', 4, 2, 2, 4],
        ['username-duplicate-case', 'klaus', 6, 1, 5, 1],
        ['username-duplicate-case', 'KLAUS', 7, 1, 5, 1],
        ['username-duplicate', '\u212alaus', 8, 3, 5, 1],
      ]
    );
    assert.equal(index.distinct, 2);
  });

  it('grows its table and arena past their first sizes, whatever it was told to expect', () => {
    // 1 200 distinct keys (past 7/10 of the smallest table, and past the arena's first 1 KiB chunk),
    // each then repeated in another case and in its own spelling.
    const values: Array<{ value: string; range: Range }> = [];
    // First, values kept as strings (not Latin-1, or a range over two lines): the table's growth re-reads their keys.
    for (let i = 0; i < 40; i++) values.push({ value: `\u212a${i}`, range: lineRange(20000 + i, 0, 2) });
    for (let i = 0; i < 40; i++)
      values.push({ value: `w${i}`, range: { startLine: 30000 + i, startColumn: 0, endLine: 30001 + i, endColumn: 1 } });
    for (let i = 0; i < 1200; i++) values.push({ value: `user.${i}.x`, range: lineRange(i + 1, 2, `user.${i}.x`.length) });
    for (let i = 0; i < 1200; i += 7) values.push({ value: `USER.${i}.x`, range: lineRange(5000 + i, 0, `USER.${i}.x`.length) });
    for (let i = 0; i < 1200; i += 5) values.push({ value: `user.${i}.x`, range: lineRange(9000 + i, 1, `user.${i}.x`.length) });
    for (const opts of [{}, { expected: 5000 }, { expectAt: 600, expectN: 100_000 }]) {
      const { got, want, index } = run([...values, { value: 'k7', range: lineRange(40000, 0, 2) }], opts);
      assert.equal(got.length, want.length, JSON.stringify(opts));
      assert.deepEqual(got, want, JSON.stringify(opts));
      assert.equal(index.distinct, 1280);
    }
  });

  it('grows its table when no first value is in the arena, with two keys in the last slot of the grown table', () => {
    // Every first value starts with a KELVIN SIGN (not Latin-1: kept as a string, the arena stays empty), and
    // two of the keys take the last slot of the 2 048-slot table the index grows to past 716 keys: growing
    // re-reads every key and wraps the second of them to the table's start.
    const slot2048 = (k: string): number => Math.floor(((Math.imul(hashOf(k), GOLDEN) >>> 0) * 2048) / 2 ** 32);
    const last: string[] = [];
    for (let i = 0; last.length < 2; i++) if (slot2048(`ku${i}`) === 2047) last.push(`ku${i}`);
    const keys = [...last, ...Array.from({ length: 800 }, (_, i) => `kf${i}`)];
    const kelvin = (k: string): string => '\u212a' + k.slice(1);
    const values = [
      ...keys.map((k, i) => ({ value: kelvin(k), range: lineRange(i + 1, 0, k.length) })),
      ...keys.map((k, i) => ({ value: k, range: lineRange(1000 + i, 0, k.length) })),
      ...keys.map((k, i) => ({ value: kelvin(k), range: lineRange(2000 + i, 0, k.length) })),
    ];
    for (const bytes of [true, false]) {
      const { got, want, index } = run(values, { bytes });
      assert.equal(got.length, 2 * keys.length);
      assert.deepEqual(got, want, `bytes: ${bytes}`);
      assert.equal(index.distinct, keys.length);
    }
  });

  it('keys longer than a byte length, long values and empty-looking ranges keep their first range', () => {
    const long = 'a'.repeat(300);
    const longer = 'b'.repeat(5000);
    const values = [
      { value: long, range: lineRange(1, 0, 300) },
      { value: long.toUpperCase(), range: lineRange(2, 0, 300) },
      { value: long, range: lineRange(3, 0, 300) },
      { value: longer, range: lineRange(4, 0, 5000) },
      { value: longer, range: lineRange(5, 0, 5000) },
      { value: 'c'.repeat(256), range: lineRange(6, 0, 256) },
      { value: 'C'.repeat(256), range: lineRange(7, 0, 256) },
      { value: 'c'.repeat(255), range: lineRange(8, 0, 255) },
      { value: 'c'.repeat(257), range: lineRange(9, 0, 257) },
      { value: 'c'.repeat(256), range: lineRange(10, 0, 256) },
      // Another spelling of 13 characters or more (kept as a copy) repeated: a duplicate of that spelling.
      { value: long.toUpperCase(), range: lineRange(11, 0, 300) },
      { value: 'Ccccccccccccc', range: lineRange(12, 0, 13) },
      { value: 'cccccccccccccc', range: lineRange(13, 0, 14) },
      { value: 'ccccccccccccC', range: lineRange(14, 0, 13) },
      { value: 'ccccccccccccC', range: lineRange(15, 0, 13) },
    ];
    for (const bytes of [true, false]) {
      const { got, want, index } = run(values, { bytes });
      assert.deepEqual(got, want);
      assert.deepEqual(
        got.filter((f) => f.range.startLine >= 11).map((f) => [f.code, f.range.startLine, f.related![0].range.startLine]),
        [
          ['username-duplicate', 11, 2],
          ['username-duplicate-case', 14, 12],
          ['username-duplicate', 15, 14],
        ]
      );
      assert.equal(index.distinct, 7);
    }
  });

  it('keeps a first value on a line past int32 (a file of more than 2^31 lines)', () => {
    for (const bytes of [true, false]) {
      const values = [
        { value: 'alice', range: lineRange(INT_MAX + 5, 3, 5) },
        { value: 'alice', range: lineRange(INT_MAX + 9, 0, 5) },
        { value: 'ALICE', range: lineRange(INT_MAX + 12, 1, 5) },
        { value: 'bob', range: lineRange(2 ** 32 + 1, 0, 3) },
        { value: 'Bob', range: lineRange(2 ** 32 + 2, 0, 3) },
      ];
      const { got } = run(values, { bytes });
      assert.deepEqual(
        got.map((f) => [f.code, f.range.startLine, f.related![0].range]),
        [
          ['username-duplicate', INT_MAX + 9, lineRange(INT_MAX + 5, 3, 5)],
          ['username-duplicate-case', INT_MAX + 12, lineRange(INT_MAX + 5, 3, 5)],
          ['username-duplicate-case', 2 ** 32 + 2, lineRange(2 ** 32 + 1, 0, 3)],
        ],
        `bytes: ${bytes}`
      );
    }
  });

  it('keys that share a first slot are found on both paths, wherever the other path put them', () => {
    // Keys whose first slot in the smallest table (1 024 slots) is the same, and the table's last slot.
    for (const [a, b, c] of [bySlot(500), bySlot(1023), bySlot(0)]) {
      const store = new FindingStore();
      const index = new CsvDuplicates(store);
      const bytes = (v: string, line: number) => {
        const buf = Buffer.from(v, 'latin1');
        return index.offerBytes(buf, 0, buf.length, hashOf(v.toLowerCase()), v !== v.toLowerCase(), line, 0);
      };
      assert.equal(bytes(a, 1), undefined);
      // b and c first come by the string path (a range over two lines), after a took their first slot.
      assert.equal(index.offer(b, b, { startLine: 2, startColumn: 0, endLine: 3, endColumn: 1 }), undefined);
      assert.equal(index.offer(c.toUpperCase(), c, { startLine: 4, startColumn: 0, endLine: 5, endColumn: 1 }), undefined);
      assert.equal(bytes(b, 6), undefined);
      // c's first value spans two lines (not in the columns): its other spelling takes the string path.
      assert.equal(bytes(c, 7)?.code, 'username-duplicate-case');
      // a's is in the columns: its other spelling's finding goes into the store.
      assert.equal(bytes(a.toUpperCase(), 8), undefined);
      assert.equal(bytes(a, 9), undefined);
      assert.deepEqual(
        store.toArray().map((f) => [f.code, f.username, f.range.startLine, f.related![0].range.startLine, f.related![0].range.endLine]),
        [
          ['username-duplicate', b, 6, 2, 3],
          ['username-duplicate-case', a.toUpperCase(), 8, 1, 1],
          ['username-duplicate', a, 9, 1, 1],
        ]
      );
      assert.equal(index.distinct, 3);
    }
  });

  it('a key whose hash has no tag bits is found past the last slot, on both paths', () => {
    // First slot 1 023, the last, and the hash's top 10 bits (the tag kept in a slot) all 0: a probe that read
    // past the table (undefined, which masks to 0) instead of wrapping to slot 0 would take that for its tag.
    const z = 't554790';
    assert.deepEqual([slotOf(z), hashOf(z) >>> 22], [1023, 0]);
    const [a] = bySlot(1023);
    for (const bytes of [true, false]) {
      const store = new FindingStore();
      const index = new CsvDuplicates(store);
      const offer = (v: string, line: number) => {
        if (!bytes) return index.offer(v, v.toLowerCase(), lineRange(line, 0, v.length));
        const buf = Buffer.from(v, 'latin1');
        return index.offerBytes(buf, 0, buf.length, hashOf(v.toLowerCase()), v !== v.toLowerCase(), line, 0);
      };
      offer(a, 1);
      // The string path returns its finding of another spelling; the byte path puts it into the store.
      const returned = [offer(z, 2), offer(z, 3), offer(z.toUpperCase(), 4), offer(a, 5)].filter((f) => f !== undefined);
      assert.equal(returned.length, bytes ? 0 : 1, `bytes: ${bytes}`);
      assert.deepEqual(
        [...store.toArray(), ...returned]
          .sort(compareFindings)
          .map((f) => [f.code, f.username, f.range.startLine, f.related![0].range.startLine]),
        [
          ['username-duplicate', z, 3, 2],
          ['username-duplicate-case', z.toUpperCase(), 4, 2],
          ['username-duplicate', a, 5, 1],
        ],
        `bytes: ${bytes}`
      );
      assert.equal(index.distinct, 2);
    }
  });

  it('keys whose hashes agree in the slot table (first slot and tag bits) are still told apart', () => {
    // Birthday search: two keys of one length with the same first slot in 1 024 slots and the same top 10 hash bits.
    const seenAt = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 1000; !pair; i++) {
      const k = `u${i}`;
      const h = hashOf(k);
      const at = (h >>> 22) * 1024 + Math.floor(((Math.imul(h, GOLDEN) >>> 0) * 1024) / 2 ** 32);
      const other = seenAt.get(at);
      if (other !== undefined && other.length === k.length) pair = [other, k];
      else seenAt.set(at, k);
    }
    const [a, b] = pair;
    for (const bytes of [true, false]) {
      const values = [a, b, a, b, a.toUpperCase(), b.toUpperCase()].map((value, i) => ({
        value,
        range: lineRange(i + 1, 0, value.length),
      }));
      const { got, want, index } = run(values, { bytes });
      assert.deepEqual(got, want);
      assert.deepEqual(
        got.map((f) => [f.code, f.username, f.related![0].range.startLine]),
        [
          ['username-duplicate', a, 1],
          ['username-duplicate', b, 2],
          ['username-duplicate-case', a.toUpperCase(), 1],
          ['username-duplicate-case', b.toUpperCase(), 2],
        ]
      );
      assert.equal(index.distinct, 2);
    }
  });

  it('a key that is another key plus one character, with the same first slot and tag bits, is another key', () => {
    // Found by a search like the one above, over p0…p2^21 and the same with "x" added.
    const [short, long] = ['p1048498', 'p1048498x'];
    const at = (k: string) => (hashOf(k) >>> 22) * 1024 + Math.floor(((Math.imul(hashOf(k), GOLDEN) >>> 0) * 1024) / 2 ** 32);
    assert.equal(at(short), at(long), 'the two keys still agree in the table');
    for (const [a, b] of [
      [short, long],
      [long, short],
    ])
      for (const bytes of [true, false]) {
        const values = [a, b, b, a.toUpperCase(), b.toUpperCase()].map((value, i) => ({ value, range: lineRange(i + 1, 0, value.length) }));
        const { got, want, index } = run(values, { bytes });
        assert.deepEqual(got, want);
        assert.deepEqual(
          got.map((f) => [f.code, f.username, f.related![0].range.startLine]),
          [
            ['username-duplicate', b, 2],
            ['username-duplicate-case', a.toUpperCase(), 1],
            ['username-duplicate-case', b.toUpperCase(), 2],
          ]
        );
        assert.equal(index.distinct, 2);
      }
  });

  it('plain values, repeats of their first spelling and other spellings all stay on the byte path', () => {
    // The speed the CSV fast path relies on (a plain username costs no string, even in a spelling of its own in every
    // row): the string path's `offer`, called from `offerBytes`, is counted. The findings are the model's either way.
    const store = new FindingStore();
    const index = new CsvDuplicates(store);
    const stringPath: string[] = [];
    const offer = index.offer.bind(index);
    index.offer = (value, key, range) => {
      stringPath.push(value);
      return offer(value, key, range);
    };
    const model = new Model();
    const returned: Finding[] = [];
    const others: string[] = [];
    const firstSpelling = new Map<string, string>();
    let line = 1;
    const feed = (value: string) => {
      const lower = value.toLowerCase();
      const first = firstSpelling.get(lower);
      if (first === undefined) firstSpelling.set(lower, value);
      else if (first !== value) others.push(value);
      const buf = Buffer.from(`,${value},`, 'latin1');
      model.offer(value, lineRange(line, 1, value.length));
      const f = index.offerBytes(buf, 1, 1 + value.length, hashOf(lower), lower !== value, line++, 1);
      if (f) returned.push(f);
    };
    // 2 000 keys of several lengths (the table grows twice, the arena past its first chunk), then each repeated in
    // its first spelling, and every seventh in another.
    const keys = Array.from({ length: 2000 }, (_, i) => (i % 3 ? `user${i}` : `First.Last-${i}_x`));
    for (const k of keys) feed(k);
    for (const k of keys) feed(k);
    for (let i = 0; i < keys.length; i += 7) feed(keys[i].toUpperCase());
    for (let i = 0; i < keys.length; i += 7) feed(keys[i].toUpperCase());
    // First values that came by the string path (a row the scanner parsed: a quoted field), lower or upper case,
    // are kept as bytes too: their repeats from the bytes take the byte path.
    for (let i = 0; i < 300; i++) {
      const value = i % 2 ? `quoted.${i}` : `Quoted.${i}`;
      firstSpelling.set(value.toLowerCase(), value);
      model.offer(value, lineRange(line, 2, value.length));
      assert.equal(offer(value, value.toLowerCase(), lineRange(line++, 2, value.length)), undefined);
    }
    for (let i = 0; i < 300; i++) feed(i % 2 ? `quoted.${i}` : `Quoted.${i}`);
    assert.deepEqual([...store.toArray(), ...returned].sort(compareFindings), [...model.findings].sort(compareFindings));
    assert.ok(others.length > 500, `${others.length} other spellings offered`);
    assert.deepEqual(stringPath, []);
    assert.deepEqual(returned, []);
    assert.equal(index.distinct, 2300);
  });

  it('a first value written wider than itself on its line (a quoted field with "") keeps its whole range', () => {
    // `"a""b"`: the value a"b, columns 4 to 10 of its row.
    const values = [
      { value: 'a"b', range: lineRange(1, 4, 6) },
      { value: 'a"b', range: lineRange(2, 0, 3) },
      { value: 'A"B', range: lineRange(3, 0, 3) },
    ];
    const { got, want } = run(values, { bytes: false });
    assert.deepEqual(got, want);
    assert.deepEqual(
      got.map((f) => [f.code, f.related![0].range]),
      [
        ['username-duplicate', lineRange(1, 4, 6)],
        ['username-duplicate-case', lineRange(1, 4, 6)],
      ]
    );
  });

  it('falls back to a Map after a crafted probe run, and still reports what the model reports', () => {
    const crowded: string[] = [];
    for (let i = 0; crowded.length < 1400; i++) {
      const name = `k${i}`;
      if (Math.imul(hashOf(name), GOLDEN) >>> 0 < 2 ** 31) crowded.push(name);
    }
    // A few first values kept as strings before the crowd: the Map is built from every group's key.
    const values: Array<{ value: string; range: Range }> = ['\u212aa', '\u212ab', 'é1'].map((value, i) => ({
      value,
      range: lineRange(5000 + i, 0, value.length),
    }));
    crowded.forEach((k, i) => values.push({ value: i % 2 ? k : k.toUpperCase(), range: lineRange(i + 1, 0, k.length) }));
    values.push({ value: 'ka', range: lineRange(6000, 0, 2) }, { value: 'KB', range: lineRange(6001, 0, 2) });
    crowded.forEach((k, i) => values.push({ value: i % 3 ? k : k.toUpperCase(), range: lineRange(2000 + i, 1, k.length) }));
    const { got, want, index, model } = run(values);
    assert.equal(index.degraded, true);
    assert.deepEqual(got, want);
    assert.equal(index.distinct, model.distinct);
  });
});
