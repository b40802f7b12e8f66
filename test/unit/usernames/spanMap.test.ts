import assert from 'node:assert/strict';
import { SpanMap } from '../../../src/usernames/spanMap';

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
});
