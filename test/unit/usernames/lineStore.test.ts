/**
 * The editor model's line store (src/usernames/lineStore.ts): splitting as
 * `splitLines` does, and replacing groups of lines, checked against a plain
 * array of line strings after random edits.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EOL_CR, EOL_CRLF, EOL_LF, EOL_NONE, splitLines } from '../../../src/usernames/lineSplitter';
import { LineRun, LineStore, splitRun, splitTextInSteps } from '../../../src/usernames/lineStore';

/** The run of `text` split in steps of about `chunk` characters, every step taken. */
function runOf(text: string, chunk: number): LineRun {
  const steps = splitTextInSteps(text, chunk);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

function storeOf(text: string, chunk = Infinity): LineStore {
  const store = new LineStore();
  store.append(runOf(text, chunk));
  return store;
}

function linesOf(store: LineStore): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let i = 0; i < store.count; i++) out.push([store.text(i), store.eol(i)]);
  return out;
}

/** `splitLines(text)` as [line, break] pairs. */
function splitAsArray(text: string): Array<[string, number]> {
  const { lines, eols } = splitLines(text);
  return lines.map((l, i) => [l, eols[i]]);
}

const textArb = fc.array(fc.constantFrom('a', 'b', 'é', '\n', '\r', '\r\n', ' '), { maxLength: 40 }).map((a) => a.join(''));

/** Disjoint groups in line order, each `gap` lines after the last and replacing `old` lines (fewer at the end) by `text`. */
function groupsOf(
  edits: Array<{ gap: number; old: number; text: string }>,
  lines: number
): Array<{ from: number; to: number; text: string }> {
  const groups: Array<{ from: number; to: number; text: string }> = [];
  let next = 0;
  for (const g of edits) {
    const from = next + g.gap;
    const to = Math.min(from + g.old - 1, lines - 1);
    if (from > to) break;
    groups.push({ from, to, text: g.text });
    next = to + 1;
  }
  return groups;
}

/** The groups' runs, their texts one after another in one string (as the editor model makes them). */
function runsOf(groups: Array<{ from: number; to: number; text: string }>): Array<{ from: number; to: number; run: LineRun }> {
  const source = { text: groups.map((g) => g.text).join('') };
  let at = 0;
  return groups.map((g) => {
    const run = splitRun(new LineRun(source), at, at + g.text.length, false);
    at += g.text.length;
    return { from: g.from, to: g.to, run };
  });
}

describe('LineStore', () => {
  it('splits LF, CRLF and lone CR lines as splitLines does, whole or in chunks', () => {
    fc.assert(
      fc.property(textArb, fc.integer({ min: 1, max: 8 }), (text, chunk) => {
        const want = splitLines(text, false);
        for (const store of [storeOf(text), storeOf(text, chunk)]) {
          assert.deepEqual(
            linesOf(store),
            want.lines.map((l, i) => [l, want.eols[i]])
          );
          assert.equal(store.join(), text);
        }
      })
    );
    assert.deepEqual(linesOf(storeOf('a\r\nb\rc\n')), [
      ['a', EOL_CRLF],
      ['b', EOL_CR],
      ['c', EOL_LF],
      ['', EOL_NONE],
    ]);
  });

  it('replaces groups of lines like splicing an array of lines, reading slices across lines', () => {
    const group = fc.record({ at: fc.nat(), old: fc.integer({ min: 1, max: 3 }), text: textArb });
    fc.assert(
      fc.property(textArb, fc.array(fc.array(group, { minLength: 1, maxLength: 4 }), { maxLength: 6 }), (text, events) => {
        const store = storeOf(text);
        let model = linesOf(store);
        for (const event of events) {
          // Disjoint groups in line order, each replacing 1–3 old lines by the lines of its text plus an LF.
          const groups = groupsOf(
            event.map((g) => ({ gap: g.at % 3, old: g.old, text: g.text + '\n' })),
            model.length
          );
          if (groups.length === 0) continue;
          const runs = runsOf(groups);
          const starts = store.replace(runs);
          const want: Array<[string, number]> = [];
          let prev = 0;
          const wantStarts: number[] = [];
          for (const g of groups) {
            want.push(...model.slice(prev, g.from));
            wantStarts.push(want.length);
            const s = splitLines(g.text, false);
            s.lines.pop();
            s.eols.pop();
            want.push(...s.lines.map((l, i): [string, number] => [l, s.eols[i]]));
            prev = g.to + 1;
          }
          want.push(...model.slice(prev));
          model = want;
          assert.deepEqual(linesOf(store), model);
          assert.deepEqual(starts, wantStarts);
          const whole = model.map(([l, e]) => l + ['', '\n', '\r\n', '\r'][e]).join('');
          assert.equal(store.join(), whole);
          const last = model.length - 1;
          assert.equal(
            store.slice(0, 0, last, model[last][0].length),
            whole.slice(0, whole.length - ['', '\n', '\r\n', '\r'][model[last][1]].length)
          );
        }
      })
    );
  });

  it('keeps every line readable through its accessors after edits that grow and shrink a long document', () => {
    // Documents past the store's first capacity (16 lines), edited by one or several groups at a time, some
    // changing the line count and some not (the store has a path for each); every accessor is read back.
    const lineArb = fc.array(fc.constantFrom('a', 'é', '😀', ' '), { maxLength: 4 }).map((a) => a.join(''));
    const eolArb = fc.constantFrom('\n', '\r\n', '\r');
    const docArb = fc.array(fc.tuple(lineArb, eolArb), { minLength: 17, maxLength: 70 });
    const editArb = fc.array(
      fc.record({ gap: fc.nat({ max: 6 }), old: fc.integer({ min: 1, max: 4 }), lines: fc.array(lineArb, { maxLength: 9 }) }),
      {
        minLength: 1,
        maxLength: 5,
      }
    );
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), (doc, events) => {
        const store = storeOf(doc.map(([l, e]) => l + e).join(''));
        let model: Array<[string, number]> = linesOf(store);
        for (const event of events) {
          const groups = groupsOf(
            event.map((g) => ({ gap: g.gap, old: g.old, text: g.lines.map((l) => l + '\n').join('') })),
            model.length
          );
          if (groups.length === 0) continue;
          const runs = runsOf(groups);
          store.replace(runs);
          const want: Array<[string, number]> = [];
          let prev = 0;
          for (const g of groups) {
            want.push(...model.slice(prev, g.from));
            for (const l of g.text.split('\n').slice(0, -1)) want.push([l, EOL_LF]);
            prev = g.to + 1;
          }
          want.push(...model.slice(prev));
          model = want;
          assert.equal(store.count, model.length);
          model.forEach(([line, eol], i) => {
            assert.equal(store.text(i), line);
            assert.equal(store.eol(i), eol);
            assert.equal(store.length(i), line.length);
            assert.equal(store.buffer(store.bufferIndex(i)).slice(store.startOf(i), store.endOf(i)), line);
            for (let c = 0; c <= line.length; c++) assert.equal(store.charCodeAt(i, c), c < line.length ? line.charCodeAt(c) : NaN);
          });
        }
      })
    );
  });

  it('reads a slice inside one line, and across lines with each line break as it was', () => {
    const store = storeOf('ab\r\ncd\ref\ngh');
    assert.equal(store.slice(0, 1, 0, 2), 'b');
    assert.equal(store.slice(1, 0, 1, 2), 'cd');
    assert.equal(store.slice(0, 1, 3, 1), 'b\r\ncd\ref\ng');
    assert.equal(store.slice(1, 1, 2, 0), 'd\r');
  });

  it('shares one slot among the runs of one text and frees it when the last of its lines goes', () => {
    const store = storeOf('a\nb\nc\nd');
    const source = { text: 'X\nY\n' };
    store.replace([
      { from: 0, to: 0, run: splitRun(new LineRun(source), 0, 2, false) },
      { from: 2, to: 2, run: splitRun(new LineRun(source), 2, 4, false) },
    ]);
    assert.deepEqual(linesOf(store), [
      ['X', EOL_LF],
      ['b', EOL_LF],
      ['Y', EOL_LF],
      ['d', EOL_NONE],
    ]);
    assert.equal(store.bufferIndex(0), 1);
    assert.equal(store.bufferIndex(2), 1);
    assert.equal(store.buffer(0), 'a\nb\nc\nd', 'the first text still holds two lines');
    store.replace([{ from: 1, to: 1, run: splitRun(new LineRun({ text: 'B\n' }), 0, 2, false) }]);
    assert.equal(store.buffer(0), 'a\nb\nc\nd', 'line d is still read from it');
    store.replace([{ from: 3, to: 3, run: splitRun(new LineRun({ text: 'D' }), 0, 1, true) }]);
    assert.equal(store.buffer(0), '', 'no line reads the first text any more');
    assert.equal(store.buffer(1), 'X\nY\n', 'X and Y still do');
    store.replace([{ from: 0, to: 0, run: splitRun(new LineRun({ text: 'x\n' }), 0, 2, false) }]);
    assert.equal(store.buffer(1), 'X\nY\n', 'Y still does');
    assert.equal(store.join(), 'x\nB\nY\nD');
  });

  it('splits a stretch of a text exactly at its bounds', () => {
    const lines = (run: LineRun) =>
      Array.from({ length: run.count }, (_, i) => [run.source.text.slice(run.start[i], run.end[i]), run.eol[i]]);
    // A lone CR ending the text is a CR, not the first half of a CRLF.
    assert.deepEqual(lines(splitRun(new LineRun({ text: 'a\r' }), 0, 2, true)), [
      ['a', EOL_CR],
      ['', EOL_NONE],
    ]);
    // Two stretches of one text meeting as CR | LF: each keeps its own line break.
    const source = { text: 'x\r\ny\n' };
    assert.deepEqual(lines(splitRun(new LineRun(source), 0, 2, false)), [['x', EOL_CR]]);
    assert.deepEqual(lines(splitRun(new LineRun(source), 2, 5, false)), [
      ['', EOL_LF],
      ['y', EOL_LF],
    ]);
    // The rest after the last line break is a line when it is not empty, even when it is not the document's end.
    assert.deepEqual(lines(splitRun(new LineRun({ text: 'p\nq' }), 0, 3, false)), [
      ['p', EOL_LF],
      ['q', EOL_NONE],
    ]);
  });

  it('splits stretches of one text in any order as it splits each alone (the search for a CR is shared)', () => {
    const lines = (run: LineRun) =>
      Array.from({ length: run.count }, (_, i) => [run.source.text.slice(run.start[i], run.end[i]), run.eol[i]]);
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        // Stretches of the text, split in a shuffled order through one shared source, each compared with a fresh split.
        const at = [...new Set([0, text.length, ...cuts.map((c) => c % (text.length + 1))])].sort((x, y) => x - y);
        const stretches = at.slice(1).map((e, i) => [at[i], e] as const);
        const order = [...stretches.keys()].sort((x, y) => ((x * 7 + cuts.length) % 5) - ((y * 7 + cuts.length) % 5));
        const shared = { text };
        for (const k of [...order, ...stretches.keys()]) {
          const [from, to] = stretches[k];
          const atEnd = to === text.length;
          assert.deepEqual(
            lines(splitRun(new LineRun(shared), from, to, atEnd)),
            lines(splitRun(new LineRun({ text }), from, to, atEnd)),
            `[${from}, ${to}) of ${JSON.stringify(text)}`
          );
        }
      }),
      { numRuns: 500 }
    );
  });

  it('searches a text for a CR once when its stretches are split front to back (an edit event of 10,000 groups)', () => {
    // Without the shared search each stretch searched to the text's end: quadratic in the groups of a Replace All.
    const lines = (run: LineRun) =>
      Array.from({ length: run.count }, (_, i) => [run.source.text.slice(run.start[i], run.end[i]), run.eol[i]]);
    const parts = Array.from({ length: 10_000 }, (_, i) => `cn: Smyth ${i}\nmail: user.${i}@example.com\n`);
    const head = 'first\r\n';
    const source: { text: string; crFrom?: number; cr?: number } = { text: head + parts.join('') + 'last\r\n' };
    assert.deepEqual(lines(splitRun(new LineRun(source), 0, head.length, false)), [['first', EOL_CRLF]]);
    let from = head.length;
    for (const p of parts) {
      assert.equal(splitRun(new LineRun(source), from, from + p.length, false).count, 2);
      from += p.length;
    }
    // One search after the first CR, from the first stretch past it, found the last.
    assert.deepEqual([source.crFrom, source.cr], [head.length, source.text.length - 2]);
    assert.deepEqual(lines(splitRun(new LineRun(source), from, source.text.length, true)), [
      ['last', EOL_CRLF],
      ['', EOL_NONE],
    ]);
  });

  it('splits a long text in steps of about the chunk size, each ending after an LF', () => {
    const text = 'a\n'.repeat(100);
    const steps = splitTextInSteps(text, 50);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    // Cuts after the first LF at or past 50, 102 and 154 characters; the last step holds the rest.
    assert.equal(yields, 3);
    assert.equal(r.value.count, 101);
    assert.equal(storeOf(text, 50).join(), text);
    // A text without an LF past the first chunk is one step.
    const one = splitTextInSteps('a\r'.repeat(100), 50);
    assert.equal(one.next().done, true);
  });

  it('sizes the columns of a long text after its first step for the whole text (one growth, not one per doubling)', () => {
    const text = 'ab\n'.repeat(10_000);
    // After the first step (~100 lines of 300 characters), room for 10,000 lines and an eighth more.
    const run = runOf(text, 300);
    assert.equal(run.count, 10_001);
    assert.ok(run.start.length >= 10_001 && run.start.length <= 11_300, `capacity ${run.start.length}`);
    assert.equal(run.end.length, run.start.length);
    assert.equal(run.eol.length, run.start.length);
    // A text whose later lines are longer than its first ones still splits whole (the columns grow past the estimate).
    const uneven = 'a\n'.repeat(200) + `${'x'.repeat(50)}\n`.repeat(2000);
    assert.deepEqual(linesOf(storeOf(uneven, 100)), splitAsArray(uneven));
  });

  it('takes the columns of a first long run over when empty, then edits and appends as before', () => {
    const text = Array.from({ length: 500 }, (_, i) => `line ${i}${i % 3 === 0 ? '\r\n' : '\n'}`).join('');
    const run = runOf(text, 64);
    const columns = run.start;
    const store = new LineStore();
    store.append(run);
    assert.equal(run.count, 0, 'the run is left empty');
    assert.notEqual(run.start, columns, 'and holds none of the columns the store took');
    const want = splitAsArray(text);
    assert.deepEqual(linesOf(store), want);
    assert.equal(store.join(), text);
    for (let i = 0; i < store.count; i++) assert.equal(store.bufferIndex(i), 0);
    // Edits and a later append see the same lines a copying store would.
    store.replace([{ from: 10, to: 12, run: splitRun(new LineRun({ text: 'x\ny\n' }), 0, 4, false) }]);
    store.append(splitRun(new LineRun({ text: 'tail' }), 0, 4, true));
    want.splice(10, 3, ['x', EOL_LF], ['y', EOL_LF]);
    want.push(['tail', EOL_NONE]);
    assert.deepEqual(linesOf(store), want);
  });

  it('appends runs of several texts, and a later run of the last text shares its slot', () => {
    const store = new LineStore();
    const first = { text: 'a\nb\n' };
    store.append(splitRun(new LineRun(first), 0, 4, false));
    store.append(splitRun(new LineRun({ text: 'c\nd' }), 0, 3, true));
    assert.deepEqual(linesOf(store), [
      ['a', EOL_LF],
      ['b', EOL_LF],
      ['c', EOL_LF],
      ['d', EOL_NONE],
    ]);
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => store.bufferIndex(i)),
      [0, 0, 1, 1]
    );
    const again = new LineStore();
    again.append(splitRun(new LineRun(first), 0, 4, false));
    again.replace([{ from: 1, to: 1, run: splitRun(new LineRun(first), 0, 2, false) }]);
    assert.deepEqual(linesOf(again), [
      ['a', EOL_LF],
      ['a', EOL_LF],
    ]);
    assert.deepEqual([again.bufferIndex(0), again.bufferIndex(1)], [0, 0], 'the same text, the same slot');
  });

  it('drops a string once no line is read from it', () => {
    const store = storeOf('a\nb\nc');
    const run = splitRun(new LineRun({ text: 'x\ny\nz\n' }), 0, 6, false);
    store.replace([{ from: 0, to: 2, run }]);
    assert.equal(store.buffer(0), '');
    assert.deepEqual(linesOf(store), [
      ['x', EOL_LF],
      ['y', EOL_LF],
      ['z', EOL_LF],
    ]);
  });
});
