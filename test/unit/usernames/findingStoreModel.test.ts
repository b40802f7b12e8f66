/**
 * FindingStore (findingStore.ts) keeps a whole-file scan's findings in columns and makes each one when
 * it is read. These tests hold it to a model: the same calls made as objects (`duplicateFinding`,
 * `multipleFinding`), severity settings applied, the first `max` kept, sorted stably by
 * `compareFindings`. Each call's row kind (object, duplicate, multiple, repeat) and each way out of the
 * columns (a line past int32, a username too long for the arena, a new attribute name) is drawn.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FINDING_CODES } from '../../../src/usernames/ruleHelp';
import {
  ARENA_SIZE,
  ByteArena,
  FindingStore,
  compareFindings,
  duplicateFinding,
  multipleFinding,
} from '../../../src/usernames/findingStore';
import type { Finding, FindingCode, Range, SeveritySetting } from '../../../src/usernames/types';

type Op =
  | { kind: 'add'; code: FindingCode; severity: 'error' | 'warning' | 'info'; range: Range; message: string }
  | { kind: 'duplicate'; username: string; range: Range; first: Range; cased: boolean }
  | { kind: 'duplicateBytes'; username: string; line: number; col: number; first: Range; cased: boolean }
  | { kind: 'multipleBytes'; username: string; count: number; name: string; line: number; col: number; first: Range }
  | { kind: 'multiple'; username: string | undefined; count: number; name: string; range: Range; first: Range };

const INT_MAX = 0x7fffffff;
const line = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constant(INT_MAX + 2) });
const small = fc.integer({ min: 0, max: 3 });
// A range never ends before it starts (the store looks at the end line to tell a number past int32). Past
// int32 one line only, on one line: the sort compares numbers clamped to int32 first, so two findings
// past it are ordered by their columns before their lines (a file of over 2^31 lines; not modelled).
const range = fc
  .record({ startLine: line, startColumn: small, lines: fc.integer({ min: 0, max: 1 }), endColumn: small })
  .map(({ startLine, startColumn, lines, endColumn }) => ({
    startLine,
    startColumn,
    endLine: startLine > INT_MAX ? startLine : startLine + lines,
    endColumn,
  }));
const ascii = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'A', 'bob', '') },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(255), 'y'.repeat(256)) }
);
const name = fc.constantFrom('uid', 'userid', 'mail');
const severity = fc.constantFrom<'error' | 'warning' | 'info'>('error', 'warning', 'info');

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    code: fc.constantFrom<FindingCode>(...FINDING_CODES),
    severity,
    range,
    message: fc.constantFrom('m', 'n'),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), username: ascii, range, first: range, cased: fc.boolean() }),
  fc.record({ kind: fc.constant('duplicateBytes' as const), username: ascii, line, col: small, first: range, cased: fc.boolean() }),
  fc.record({
    kind: fc.constant('multipleBytes' as const),
    username: ascii,
    count: fc.integer({ min: 0, max: 3 }),
    name,
    line,
    col: small,
    first: range,
  }),
  fc.record({
    kind: fc.constant('multiple' as const),
    username: fc.option(ascii, { nil: undefined }),
    count: fc.integer({ min: 0, max: 3 }),
    name,
    range,
    first: range,
  })
);

const setting = fc.constantFrom<SeveritySetting | undefined>(undefined, 'error', 'warning', 'info', 'off');
const severities = fc.record({ dup: setting, dupCase: setting, multi: setting, other: setting }).map(({ dup, dupCase, multi, other }) => {
  const s: Partial<Record<FindingCode, SeveritySetting>> = {};
  if (dup) s['username-duplicate'] = dup;
  if (dupCase) s['username-duplicate-case'] = dupCase;
  if (multi) s['username-multiple-values'] = multi;
  if (other) s['username-format'] = other;
  return s;
});

/** Bytes of `username` inside other bytes, as a scanner hands them on. */
function inBuffer(username: string): { buf: Buffer; s: number; e: number } {
  const buf = Buffer.from(`<<${username}>>`, 'latin1');
  return { buf, s: 2, e: 2 + username.length };
}

function apply(store: FindingStore, o: Op): void {
  if (o.kind === 'add') store.add({ code: o.code, severity: o.severity, range: o.range, message: o.message });
  else if (o.kind === 'duplicate') {
    const { range: r, first: f } = o;
    store.duplicate(
      o.username,
      r.startLine,
      r.startColumn,
      r.endLine,
      r.endColumn,
      f.startLine,
      f.startColumn,
      f.endLine,
      f.endColumn,
      o.cased
    );
  } else if (o.kind === 'duplicateBytes') {
    const { buf, s, e } = inBuffer(o.username);
    const f = o.first;
    store.duplicateBytes(buf, s, e, o.line, o.col, f.startLine, f.startColumn, f.endLine, f.endColumn, o.cased);
  } else if (o.kind === 'multipleBytes') {
    const { buf, s, e } = inBuffer(o.username);
    store.multipleBytes(buf, s, e, o.count, o.name, o.line, o.col, o.first);
  } else store.multiple(o.username, o.count, o.name, o.range, o.first);
}

/** The finding each call stands for, as an object (before severity settings). */
function modelOf(o: Op): Finding {
  if (o.kind === 'add') return { code: o.code, severity: o.severity, range: o.range, message: o.message };
  if (o.kind === 'duplicate')
    return duplicateFinding(o.cased ? 'username-duplicate-case' : 'username-duplicate', o.username, o.range, o.first);
  const at = (l: number, c: number, length: number): Range => ({ startLine: l, startColumn: c, endLine: l, endColumn: c + length });
  if (o.kind === 'duplicateBytes')
    return duplicateFinding(
      o.cased ? 'username-duplicate-case' : 'username-duplicate',
      o.username,
      at(o.line, o.col, o.username.length),
      o.first
    );
  if (o.kind === 'multipleBytes') return multipleFinding(o.username, o.count, o.name, at(o.line, o.col, o.username.length), o.first);
  return multipleFinding(o.username, o.count, o.name, o.range, o.first);
}

/**
 * The row a call makes: 0 an object, 1 a duplicate, 2 multiple values, 3 a repeat (`FindingStore.rowKinds`): a
 * compact row unless a line is past int32 (a username over 255 bytes, the arena's limit, is kept as a string in a
 * compact row).
 */
function kindOf(o: Op): number {
  const past = (...lines: number[]): boolean => lines.some((l) => l > INT_MAX);
  const multiple = (count: number): number => (count === 0 ? 3 : 2);
  if (o.kind === 'add') return 0;
  if (o.kind === 'duplicate') return past(o.range.endLine, o.first.endLine) ? 0 : 1;
  if (o.kind === 'duplicateBytes') return past(o.line, o.first.endLine) ? 0 : 1;
  if (o.kind === 'multipleBytes') return past(o.line, o.first.endLine) ? 0 : multiple(o.count);
  return past(o.range.endLine, o.first.endLine) ? 0 : multiple(o.count);
}

function check(ops: Op[], settings: Partial<Record<FindingCode, SeveritySetting>>, max: number | undefined): void {
  const store = new FindingStore(settings, max);
  for (const o of ops) apply(store, o);
  store.sort();
  const kept: Finding[] = [];
  const kinds = [0, 0, 0, 0];
  let truncated = false;
  for (const o of ops) {
    const f = modelOf(o);
    const s = settings[f.code] ?? f.severity;
    if (s === 'off') continue;
    const kind = kindOf(o);
    if (kept.length >= (max ?? Infinity)) {
      truncated = true;
      continue;
    }
    kept.push({ ...f, severity: s });
    kinds[kind]++;
  }
  assert.deepEqual(store.rowKinds(), kinds, 'rows per kind');
  const expected = kept.map((f, i) => ({ f, i })).sort((a, b) => compareFindings(a.f, b.f) || a.i - b.i);
  assert.deepEqual(
    store.toArray(),
    expected.map((x) => x.f)
  );
  assert.equal(store.length, kept.length);
  assert.equal(store.at(-1), undefined);
  assert.equal(store.at(kept.length), undefined);
  const count = (s: string): number => kept.filter((f) => f.severity === s).length;
  assert.deepEqual(
    [store.errors, store.warnings, store.infos, store.truncated],
    [count('error'), count('warning'), count('info'), truncated]
  );
}

describe('FindingStore against its model (findings as objects, severities, cap, stable order)', () => {
  it('reads back what each call stands for, in order (property)', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), severities, (ops, s) => check(ops, s, undefined)));
  });

  it('keeps the first findings up to the cap, and says it cut (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 20 }), severities, fc.integer({ min: 0, max: 12 }), (ops, s, max) => check(ops, s, max))
    );
  });

  it('sorts across blocks of rows: 40,000 duplicates added last line first', () => {
    const ops: Op[] = [];
    for (let i = 40_000; i > 0; i--)
      ops.push({
        kind: 'duplicateBytes',
        username: `u${i % 7}`,
        line: i,
        col: i % 5,
        first: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 },
        cased: i % 3 === 0,
      });
    check(ops, {}, undefined);
  });

  it('a line of exactly 2^31 - 1 still fits a compact row', () => {
    const at = (l: number): Range => ({ startLine: l, startColumn: 0, endLine: l, endColumn: 1 });
    const ops: Op[] = [
      { kind: 'duplicate', username: 'a', range: at(INT_MAX), first: at(INT_MAX), cased: false },
      { kind: 'duplicateBytes', username: 'b', line: INT_MAX, col: 0, first: at(INT_MAX), cased: true },
      { kind: 'multiple', username: 'c', count: 2, name: 'uid', range: at(INT_MAX), first: at(INT_MAX) },
      { kind: 'multipleBytes', username: 'd', count: 0, name: 'uid', line: INT_MAX, col: 0, first: at(INT_MAX) },
    ];
    const store = new FindingStore();
    for (const o of ops) apply(store, o);
    assert.deepEqual(store.rowKinds(), [0, 2, 1, 1]);
    check(ops, {}, undefined);
  });

  it('rows already in order are read as added', () => {
    const ops: Op[] = [0, 1, 2].map((l) => ({
      kind: 'duplicate',
      username: 'a',
      range: { startLine: l, startColumn: 0, endLine: l, endColumn: 1 },
      first: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 },
      cased: l === 1,
    }));
    check(ops, {}, undefined);
  });
});

describe('ByteArena: the store’s username bytes, in chunks addressed by one integer', () => {
  const lengths = (arena: ByteArena): number[] => arena.chunks.map((c) => c.length);

  /** Reserves `n` bytes and fills them with `byte`; the address. */
  function put(arena: ByteArena, n: number, byte: number): number {
    const at = arena.reserve(n);
    if (at >= 0) arena.chunks[Math.floor(at / ARENA_SIZE)].fill(byte, at % ARENA_SIZE, (at % ARENA_SIZE) + n);
    return at;
  }

  it('starts with 4 KiB, fills it exactly, then doubles the first chunk, keeping its bytes and addresses', () => {
    const arena = new ByteArena(3);
    assert.equal(put(arena, 10, 1), 0);
    assert.deepEqual(lengths(arena), [4096]);
    assert.equal(put(arena, 4086, 2), 10);
    assert.deepEqual(lengths(arena), [4096], 'a reservation that fills the chunk exactly fits');
    assert.equal(put(arena, 1, 3), 4096);
    assert.deepEqual(lengths(arena), [8192]);
    assert.deepEqual(
      [arena.chunks[0][0], arena.chunks[0][9], arena.chunks[0][10], arena.chunks[0][4095], arena.chunks[0][4096]],
      [1, 1, 2, 2, 3]
    );
    assert.equal(put(arena, 20_000, 4), 4097, 'grown to what is needed when doubling is not enough');
    assert.deepEqual(lengths(arena), [24_097]);
  });

  it('starts with the first reservation when it is larger than 4 KiB', () => {
    const arena = new ByteArena(3);
    assert.equal(put(arena, 5000, 1), 0);
    assert.deepEqual(lengths(arena), [5000]);
  });

  it('grows the first chunk up to 1 MiB, then adds whole chunks, up to its limit', () => {
    const arena = new ByteArena(2);
    assert.equal(put(arena, ARENA_SIZE - 100, 1), 0);
    assert.equal(put(arena, 100, 2), ARENA_SIZE - 100);
    assert.deepEqual(lengths(arena), [ARENA_SIZE]);
    assert.equal(put(arena, 10, 3), ARENA_SIZE, 'the second chunk starts at address ARENA_SIZE');
    assert.equal(put(arena, 20, 4), ARENA_SIZE + 10);
    assert.deepEqual(lengths(arena), [ARENA_SIZE, ARENA_SIZE]);
    assert.equal(put(arena, ARENA_SIZE - 30, 5), ARENA_SIZE + 30);
    assert.equal(arena.reserve(1), -1, 'full: two chunks');
    assert.deepEqual(
      [arena.chunks[0][ARENA_SIZE - 1], arena.chunks[1][0], arena.chunks[1][10], arena.chunks[1][ARENA_SIZE - 1]],
      [2, 3, 4, 5]
    );
  });

  it('a run never straddles two chunks: what does not fit in the first goes to the next', () => {
    const arena = new ByteArena(3);
    put(arena, ARENA_SIZE - 5, 1);
    assert.equal(put(arena, 10, 2), ARENA_SIZE);
    assert.deepEqual(lengths(arena), [ARENA_SIZE - 5, ARENA_SIZE]);
    const one = new ByteArena(1);
    put(one, ARENA_SIZE - 5, 1);
    assert.equal(one.reserve(10), -1, 'a one-chunk arena is full');
  });
});
