import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SpanMap } from '../../../src/usernames/spanMap';

/** One step of building a map: a segment (or a line break) starting at `gap` characters after the last one. */
interface Step {
  gap: number;
  line: number;
  col: number;
  isBreak: boolean;
}

/**
 * The definition SpanMap implements, the slow way: the segment of a character is the last one added at or
 * before its offset (a later segment at the same offset replaces the earlier), a character's column runs on
 * from its segment's start, and the end of a line-break character is the start of the next line.
 */
class NaiveSpans {
  private readonly segs: Array<{ off: number; line: number; col: number }>;
  private readonly breaks = new Set<number>();
  constructor(line0: number, col0: number, steps: readonly Step[]) {
    this.segs = [{ off: 0, line: line0, col: col0 }];
    let off = 0;
    for (const st of steps) {
      off += st.gap;
      this.segs.push({ off, line: st.line, col: st.col });
      if (st.isBreak) this.breaks.add(off);
    }
  }
  get distinctOffsets(): number {
    return new Set(this.segs.map((g) => g.off)).size;
  }
  start(k: number): { line: number; col: number } {
    let seg = this.segs[0];
    for (const g of this.segs) if (g.off <= k) seg = g;
    return { line: seg.line, col: seg.col + (k - seg.off) };
  }
  end(k: number): { line: number; col: number } {
    if (k === 0) return this.start(0);
    const p = this.start(k - 1);
    return this.breaks.has(k - 1) ? { line: p.line + 1, col: 0 } : { line: p.line, col: p.col + 1 };
  }
  range(from: number, to: number) {
    const s = to > from ? this.start(from) : this.end(from);
    const e = to > from ? this.end(to) : s;
    return { startLine: s.line, startColumn: s.col, endLine: e.line, endColumn: e.col };
  }
}

const steps = fc.array(fc.record({ gap: fc.nat({ max: 4 }), line: fc.nat({ max: 50 }), col: fc.nat({ max: 80 }), isBreak: fc.boolean() }), {
  maxLength: 8,
});

describe('SpanMap', () => {
  it('range() on a one-segment map (arithmetic fast path) equals start()/end()', () => {
    const m = new SpanMap(3, 7);
    for (let from = 0; from < 6; from++) {
      for (let to = 0; to < 8; to++) {
        const s = to > from ? m.start(from) : m.end(from);
        const e = to > from ? m.end(to) : s;
        assert.deepEqual(m.range(from, to), { startLine: s.line, startColumn: s.col, endLine: e.line, endColumn: e.col }, `${from},${to}`);
      }
    }
  });

  it('reset() empties segments and breaks', () => {
    const m = new SpanMap(0, 0);
    m.add(0, 1, 2);
    m.add(3, 2, 0);
    m.addBreak(5, 2, 2);
    assert.deepEqual(m.range(4, 6), { startLine: 2, startColumn: 1, endLine: 3, endColumn: 0 });
    m.reset(9, 4);
    assert.equal(m.segmentCount, 1);
    assert.deepEqual(m.range(4, 6), { startLine: 9, startColumn: 8, endLine: 9, endColumn: 10 });
  });

  it('every range, empty or not, and the segment count equal the definition, whatever the segments and breaks', () => {
    fc.assert(
      fc.property(fc.nat({ max: 9 }), fc.nat({ max: 40 }), steps, (line0, col0, built) => {
        const m = new SpanMap(line0, col0);
        let off = 0;
        for (const st of built) {
          off += st.gap;
          if (st.isBreak) m.addBreak(off, st.line, st.col);
          else m.add(off, st.line, st.col);
        }
        const naive = new NaiveSpans(line0, col0, built);
        assert.equal(m.segmentCount, naive.distinctOffsets, 'a segment added at the offset of the last one replaces it');
        for (let from = 0; from <= off + 3; from++) {
          for (let to = from; to <= off + 4; to++) assert.deepEqual(m.range(from, to), naive.range(from, to), `[${from}, ${to})`);
        }
      }),
      { numRuns: 400 }
    );
  });

  it('one map reset between values (its arrays kept) maps each value as a new map would', () => {
    const value = fc.record({ line0: fc.nat({ max: 9 }), col0: fc.nat({ max: 40 }), built: steps });
    fc.assert(
      fc.property(fc.array(value, { minLength: 2, maxLength: 5 }), (values) => {
        const reused = new SpanMap(0, 0);
        for (const { line0, col0, built } of values) {
          reused.reset(line0, col0);
          const fresh = new SpanMap(line0, col0);
          let off = 0;
          for (const st of built) {
            off += st.gap;
            for (const m of [reused, fresh]) {
              if (st.isBreak) m.addBreak(off, st.line, st.col);
              else m.add(off, st.line, st.col);
            }
          }
          assert.equal(reused.segmentCount, fresh.segmentCount);
          for (let from = 0; from <= off + 3; from++) {
            for (let to = from; to <= off + 4; to++) assert.deepEqual(reused.range(from, to), fresh.range(from, to), `[${from}, ${to})`);
          }
        }
      }),
      { numRuns: 300 }
    );
  });

  it('a reset after a value of very many segments maps the next value as a new map would', () => {
    const m = new SpanMap(0, 0);
    for (let k = 1; k <= 3000; k++) m.add(k * 2, 0, k * 3);
    assert.equal(m.segmentCount, 3001);
    m.reset(7, 1);
    m.add(4, 8, 0);
    assert.equal(m.segmentCount, 2);
    assert.deepEqual(m.range(3, 6), { startLine: 7, startColumn: 4, endLine: 8, endColumn: 2 });
  });

  it('a line break as the very first character ends at the start of the next line', () => {
    const m = new SpanMap(4, 2);
    m.addBreak(0, 4, 2);
    assert.deepEqual(m.range(0, 1), { startLine: 4, startColumn: 2, endLine: 5, endColumn: 0 });
    assert.equal(m.segmentCount, 1);
  });
});
