/**
 * The editor model's line store (src/usernames/lineStore.ts): splitting as
 * `splitLines` does, and replacing groups of lines, checked against a plain
 * array of line strings after random edits.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EOL_CR, EOL_CRLF, EOL_LF, EOL_NONE, splitLines } from '../../../src/usernames/lineSplitter';
import { LineRun, LineStore, splitRun, splitTextInSteps } from '../../../src/usernames/lineStore';

function storeOf(text: string, chunk = Infinity): LineStore {
  const steps = splitTextInSteps(text, chunk);
  let r = steps.next();
  while (!r.done) r = steps.next();
  const store = new LineStore();
  store.append(r.value);
  return store;
}

function linesOf(store: LineStore): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let i = 0; i < store.count; i++) out.push([store.text(i), store.eol(i)]);
  return out;
}

const textArb = fc.array(fc.constantFrom('a', 'b', 'é', '\n', '\r', '\r\n', ' '), { maxLength: 40 }).map((a) => a.join(''));

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
          const groups: Array<{ from: number; to: number; text: string }> = [];
          let next = 0;
          for (const g of event) {
            const from = next + (g.at % 3);
            const to = Math.min(from + g.old - 1, model.length - 1);
            if (from > to) break;
            groups.push({ from, to, text: g.text + '\n' });
            next = to + 1;
          }
          if (groups.length === 0) continue;
          const source = { text: groups.map((g) => g.text).join('') };
          let at = 0;
          const runs = groups.map((g) => {
            const run = splitRun(new LineRun(source), at, at + g.text.length, false);
            at += g.text.length;
            return { from: g.from, to: g.to, run };
          });
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
