/**
 * The first scan of an editor document built in slices
 * (`IncrementalDocumentScan.inSlices`): the same model as the constructor's,
 * and each step gives the caller its thread back once its budget is used.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IncrementalDocumentScan, scanText, type Range, type ScanOptions } from '../../../src/usernames';
import type { LineSource } from '../../../src/usernames/incremental';

const ldifLine = fc.constantFrom(
  'dn: uid=a,dc=x',
  'dn: cn=b,dc=x',
  'uid: alice',
  'uid: Alice',
  'uid: bob',
  'uid:: Ym9i',
  'uid: x y',
  'objectClass: person',
  ' continued',
  '# comment',
  '',
  '',
  'version: 1',
  'changetype: modify',
  'replace: uid',
  '-',
  'changetype: delete',
  'junk'
);
const csvLine = fc.constantFrom('name,username', 'x,alice', 'y,Alice', 'z,"bob"', 'w,"multi', 'line"', '', '# c', 't,alice ');
const lineBreak = fc.constantFrom('\n', '\n', '\r\n', '\r');

/** A document of `lines` joined by the given breaks, with an optional BOM. */
const documentOf = (line: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(fc.tuple(line, lineBreak), { maxLength: 40 }), fc.boolean())
    .map(([parts, bom]) => (bom ? '\uFEFF' : '') + parts.map(([l, b]) => l + b).join(''));

/** A clock that moves 1 ms each time it is read. */
function tickingClock(): { now: () => number; reads: () => number } {
  let t = 0;
  return { now: () => ++t, reads: () => t };
}

function buildInSlices(text: string, options: ScanOptions, budget: number, units: number) {
  const clock = tickingClock();
  const build = IncrementalDocumentScan.inSlices(text, options, { clock: clock.now, units });
  const readsPerStep: number[] = [];
  let scan: IncrementalDocumentScan | undefined;
  for (let guard = 0; !scan; guard++) {
    assert.ok(guard < 1_000_000, 'the build ends');
    const before = clock.reads();
    scan = build.step(budget);
    readsPerStep.push(clock.reads() - before);
  }
  assert.equal(build.done, true);
  assert.equal(build.step(budget), scan, 'a finished build keeps returning its scan');
  return { scan, readsPerStep, slices: build.slices };
}

function view(r: ReturnType<IncrementalDocumentScan['result']>) {
  return { findings: r.findings, entries: r.entries, records: r.records, errors: r.errors, warnings: r.warnings, infos: r.infos };
}

describe('IncrementalDocumentScan.inSlices (the first scan in steps)', () => {
  for (const [format, line] of [
    ['ldif', ldifLine],
    ['csv', csvLine],
  ] as const) {
    it(`equals the constructor's model and a full scan, also after an edit (${format}, property)`, () => {
      fc.assert(
        fc.property(
          documentOf(line),
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1, max: 3 }),
          fc.record({ line: fc.nat({ max: 40 }), text: fc.constantFrom('uid: alice\n', 'x', '\r\n', 'alice,', '') }),
          (text, budget, units, edit) => {
            const options: ScanOptions = { format, collectEntries: true };
            const eager = new IncrementalDocumentScan(text, options);
            const { scan } = buildInSlices(text, options, budget, units);
            assert.equal(scan.text, eager.text);
            assert.deepEqual(view(scan.result()), view(eager.result()));
            // A byte scan reports a BOM (VS Code strips it from documents, so the model never sees one).
            if (!text.startsWith('\uFEFF')) assert.deepEqual(view(scan.result()), view(scanText(text, options)));
            const at = Math.min(edit.line, scan.lineCount - 1);
            const range: Range = { startLine: at, startColumn: 0, endLine: at, endColumn: 0 };
            assert.deepEqual(view(scan.applyEdit(range, edit.text)), view(eager.applyEdit(range, edit.text)));
          }
        ),
        { numRuns: 300 }
      );
    });
  }

  /** A document of at least one line (its text is its lines joined by its line break, a BOM dropped), and how it is read. */
  const documentArb = fc
    .record({
      lines: fc.array(fc.oneof(ldifLine, csvLine), { maxLength: 40 }),
      eol: fc.constantFrom('\n' as const, '\r\n' as const),
      format: fc.constantFrom('ldif' as const, 'csv' as const),
      bom: fc.boolean(),
      units: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ lines, eol, format, bom, units }) => {
      const doc = lines.length > 0 ? [...lines] : [''];
      if (bom) doc[0] = '\uFEFF' + doc[0];
      return { doc, eol, format, units };
    });

  /** `lineAt` of `doc` that writes down each line it is asked for in `reads`. */
  function recordingReads(doc: string[], reads: number[]): (i: number) => string {
    return (i) => {
      reads.push(i);
      return doc[i];
    };
  }

  /** The model of `source` built in steps of 2 ms on a ticking clock, to the end. */
  /** An LF source of `doc` that hands out stretches of lines, its lines joined by `join` inside a stretch (an editor joins them by its EOL). */
  function stretchSource(doc: string[], lineAt: (i: number) => string, join = '\n'): LineSource {
    return {
      lineCount: doc.length,
      lineAt,
      eol: '\n',
      textOf: (from, to) => doc.slice(from, to).join(join) + (to < doc.length ? '\n' : ''),
    };
  }

  function buildAll(source: LineSource, options: ScanOptions, units: number): IncrementalDocumentScan {
    const build = IncrementalDocumentScan.inSlices(source, options, { clock: tickingClock().now, units });
    for (let guard = 0; guard < 100_000; guard++) {
      const scan = build.step(2);
      if (scan) return scan;
    }
    return assert.fail('the build did not finish');
  }

  it('reads a document line by line like the text its lines join to (property)', () => {
    fc.assert(
      fc.property(documentArb, ({ doc, eol, format, units }) => {
        const reads: number[] = [];
        const source = {
          lineCount: doc.length,
          lineAt: recordingReads(doc, reads),
          eol,
        };
        const options: ScanOptions = { format, collectEntries: true };
        const scan = buildAll(source, options, units);
        const text = doc.join(eol);
        const eager = new IncrementalDocumentScan(text, options);
        assert.equal(scan.text, eager.text);
        assert.deepEqual(view(scan.result()), view(eager.result()));
        assert.deepEqual(reads, Array.from(doc.keys()), 'each line is read once, in order');
      }),
      { numRuns: 300 }
    );
  });

  it('reads a document in stretches of lines when the source hands them out, like line by line (property)', () => {
    fc.assert(
      fc.property(documentArb, ({ doc, eol, format, units }) => {
        const stretches: Array<[number, number]> = [];
        const source = {
          lineCount: doc.length,
          lineAt: (): string => assert.fail('no line is read one by one when stretches are handed out'),
          eol,
          textOf: (from: number, to: number) => {
            stretches.push([from, to]);
            return doc.slice(from, to).join(eol) + (to < doc.length ? eol : '');
          },
        };
        const options: ScanOptions = { format, collectEntries: true };
        const scan = buildAll(source, options, units);
        const eager = new IncrementalDocumentScan(doc.join(eol), options);
        assert.equal(scan.text, eager.text);
        assert.deepEqual(view(scan.result()), view(eager.result()));
        // Stretches of 4 × units lines, in order, covering every line once.
        assert.deepEqual(
          stretches.map(([from]) => from),
          Array.from({ length: stretches.length }, (_, k) => k * 4 * units)
        );
        assert.equal(stretches[stretches.length - 1][1], doc.length);
        for (const [from, to] of stretches) assert.ok(to - from === Math.min(4 * units, doc.length - from));
      }),
      { numRuns: 300 }
    );
  });

  it('reads line by line a stretch that does not split into its lines', () => {
    // A source whose stretch holds a line break inside a line (no editor does this): that stretch is read again line by line.
    const doc = ['dn: uid=a,dc=x', 'uid: a', '', 'dn: uid=b,dc=x', 'uid: b'];
    const reads: number[] = [];
    const scan = buildAll(stretchSource(doc, recordingReads(doc, reads), '\r\n'), { format: 'ldif' }, 1);
    assert.equal(scan.text, doc.join('\n'));
    assert.deepEqual(reads, [0, 1, 2, 3], 'the first stretch (4 lines) line by line; the last one, a single line, is whole');
  });

  it('reads line by line a stretch with more lines than it should have (a line holding the line break)', () => {
    const doc = ['dn: uid=a,dc=x', 'uid: a\nuid: b', '', 'dn: uid=b,dc=x', 'uid: b'];
    const reads: number[] = [];
    buildAll(stretchSource(doc, recordingReads(doc, reads)), { format: 'ldif' }, 1);
    assert.deepEqual(reads, [0, 1, 2, 3], 'the first stretch (4 lines, 5 once split) line by line; the last one, a single line, is whole');
  });

  it('keeps a U+FEFF that starts a line past the first: only the first character of a document can be its byte order mark', () => {
    // With 1 unit a stretch is 4 lines: line 4 starts the second stretch, read whole and line by line.
    const doc = ['username', 'a', 'b', 'c', '\uFEFFalice', 'd'];
    const eager = new IncrementalDocumentScan(doc.join('\n'), { format: 'csv' });
    const whole = stretchSource(doc, (i) => doc[i]);
    const byLine = { lineCount: doc.length, lineAt: (i: number) => doc[i], eol: '\n' as const };
    for (const source of [whole, byLine]) {
      const scan = buildAll(source, { format: 'csv' }, 1);
      assert.equal(scan.text, doc.join('\n'));
      assert.deepEqual(scan.result(), eager.result());
    }
    assert.ok(
      eager.result().findings.some((f) => f.range.startLine === 4),
      'the U+FEFF is reported'
    );
  });

  it('stops each step as soon as its budget is used, after at least one unit of work', () => {
    const text = Array.from({ length: 300 }, (_, i) => `dn: uid=u${i},dc=x\nuid: ${i % 7 === 0 ? 'dup' : `u${i}`}\n`).join('\n');
    const { readsPerStep, slices } = buildInSlices(text, { format: 'ldif' }, 5, 4);
    assert.ok(slices > 10, `the build took ${slices} steps`);
    // One read for the deadline, then one after each unit: a step that did not finish stops at the deadline.
    assert.deepEqual(readsPerStep.slice(0, -1), new Array(slices - 1).fill(6));
    assert.ok(readsPerStep[slices - 1] >= 2 && readsPerStep[slices - 1] <= 6);
    // A budget already spent still does one unit, so a build always advances.
    assert.equal(buildInSlices(text, { format: 'ldif' }, 0, 4).readsPerStep[0], 2);
  });

  it('splits CR, CRLF and BOM texts in chunks like the whole-text splitter, a CRLF cut between chunks included', () => {
    // With 1 unit per step the splitter gets 64 characters at a time: put a CRLF and a lone CR on each cut.
    const texts = ['\uFEFF' + 'a'.repeat(63) + '\r\nuid: x\r\n', 'b'.repeat(63) + '\r' + 'c'.repeat(64) + '\r\r\n', 'dn: x\ruid: y\r'];
    for (const text of texts) {
      const eager = new IncrementalDocumentScan(text, { format: 'ldif' });
      const { scan } = buildInSlices(text, { format: 'ldif' }, 1, 1);
      assert.equal(scan.lineCount, eager.lineCount);
      assert.equal(scan.text, eager.text);
      assert.equal(scan.text, text.replace(/^\uFEFF/, ''));
    }
  });

  it('builds a large LDIF file in many steps with the default pace, with the same findings as a full scan', () => {
    const text = Array.from(
      { length: 10_000 },
      (_, i) => `dn: uid=e${i},dc=x\nuid: ${i % 500 === 0 ? `user ${i}` : `user.${i % 4000}`}\ncn: E\n`
    ).join('\n');
    const options: ScanOptions = { format: 'ldif' };
    const clock = tickingClock();
    const build = IncrementalDocumentScan.inSlices(text, options, { clock: clock.now });
    let scan: IncrementalDocumentScan | undefined;
    while (!scan) scan = build.step(1);
    assert.ok(build.slices >= 50, `${build.slices} steps`);
    assert.deepEqual(scan.result().findings, scanText(text, options).findings);
  });
});
