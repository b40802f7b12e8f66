/**
 * The CLI writes its reports in pieces, reading findings one at a time from
 * the scan's columns. These tests hold that output to what one
 * `JSON.stringify(report, null, 2)` of the findings as objects gives.
 */
import assert from 'node:assert/strict';
import { ADVERSARIAL_SHAPES } from '../../../bench/engine/shapes';
import { fileTree } from './helpers';
import { runCli } from '../../../src/cli/main';
import { type FileReport, inPieces, renderJson, renderSarif, writeJson, writeSarif, writeText } from '../../../src/cli/output';
import { createScanner, findingListOf } from '../../../src/usernames/scan';
import type { FileFormat, Finding } from '../../../src/usernames/types';

function scan(text: string, format: FileFormat, severities?: Record<string, 'error' | 'warning' | 'info' | 'off'>) {
  const s = createScanner({ format, severities });
  s.push(Buffer.from(text));
  return s.end();
}

/** The JSON report as one object, stringified at once (the layout the CLI's JSON has always had). */
function reference(files: Array<{ path: string; format: FileFormat; entries: number; findings: Finding[] }>): string {
  let errors = 0,
    warnings = 0,
    entries = 0;
  const json = {
    version: 1,
    files: files.map((f) => {
      entries += f.entries;
      return {
        path: f.path,
        format: f.format,
        entries: f.entries,
        findings: f.findings.map((x) => {
          if (x.severity === 'error') errors++;
          else if (x.severity === 'warning') warnings++;
          const o: Record<string, unknown> = {
            code: x.code,
            severity: x.severity,
            message: x.message,
            line: x.range.startLine + 1,
            column: x.range.startColumn + 1,
            endLine: x.range.endLine + 1,
            endColumn: x.range.endColumn + 1,
          };
          if (x.username !== undefined) o.username = x.username;
          return o;
        }),
      };
    }),
    summary: { files: files.length, entries, errors, warnings },
  };
  return JSON.stringify(json, null, 2) + '\n';
}

const CASES: Array<{ path: string; format: FileFormat; text: string }> = [
  ...ADVERSARIAL_SHAPES.map((s, i) => ({ path: `shape ${i}.${s.format}`, format: s.format, text: s.make(30000) })),
  {
    path: 'odd "quoted"\\path.ldif',
    format: 'ldif',
    text: 'dn: uid=a,dc=x\nuid: Ä "x"\tb\nuid: Ä "x"\tb\n\ndn: uid=b,dc=x\nuid: \u2028 \\ z\n\ndn: uid=c,dc=x\nuid: \u2028 \\ z\n',
  },
];

describe('pingone-sync-lint streamed output', () => {
  it('JSON from the finding columns equals one JSON.stringify of the findings as objects, for each file and all together', () => {
    const scanned = CASES.map((c) => ({ c, r: scan(c.text, c.format) }));
    const lists: FileReport[] = scanned.map(({ c, r }) => ({
      path: c.path,
      format: c.format,
      entries: r.entries,
      findings: findingListOf(r),
    }));
    const arrays = scanned.map(({ c, r }) => ({ path: c.path, format: c.format, entries: r.entries, findings: r.findings }));
    assert.ok(arrays.reduce((n, f) => n + f.findings.length, 0) > 5000);
    for (let i = 0; i < lists.length; i++) assert.equal(renderJson([lists[i]]), reference([arrays[i]]), CASES[i].path);
    assert.equal(renderJson(lists), reference(arrays));
    assert.equal(renderJson([]), reference([]));
    assert.equal(
      renderJson([{ path: 'a.csv', format: 'csv', entries: 0, findings: [] }]),
      reference([{ path: 'a.csv', format: 'csv', entries: 0, findings: [] }])
    );
  });

  it('groups parts into pieces of 64 Ki characters and hands on no empty piece', () => {
    const full = 'x'.repeat(65536);
    assert.deepEqual([...inPieces([])], []);
    assert.deepEqual([...inPieces(['', ''])], []);
    assert.deepEqual([...inPieces([full])], [full]);
    assert.deepEqual([...inPieces([full.slice(1), 'y', 'z'])], [full.slice(1) + 'y', 'z']);
  });

  it('SARIF has the layout of one JSON.stringify of the log, with and without results, whatever the tool version', () => {
    const r = scan(CASES[0].text, CASES[0].format);
    assert.ok(r.findings.length > 2);
    const withResults: FileReport[] = [{ path: 'a b/ü.ldif', format: 'ldif', entries: r.entries, findings: findingListOf(r) }];
    const without: FileReport[] = [{ path: 'clean.csv', format: 'csv', entries: 1, findings: [] }];
    for (const files of [withResults, without, []])
      for (const version of ['1.0.0', '']) {
        const text = renderSarif(files, version);
        const log = JSON.parse(text);
        assert.equal(text, JSON.stringify(log, null, 2) + '\n');
        assert.equal(log.runs[0].tool.driver.version, version);
        assert.equal(log.runs[0].results.length, files.length ? files[0].findings.length : 0);
      }
  });

  it('an empty message or username, first or repeated, is quoted as ""', () => {
    const range = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 };
    const findings: Finding[] = [
      { code: 'username-missing', severity: 'error', message: '', range, username: '' },
      { code: 'username-missing', severity: 'error', message: '', range, username: '' },
      { code: 'username-format', severity: 'warning', message: 'm', range, username: 'u' },
      { code: 'username-missing', severity: 'error', message: '', range, username: '' },
    ];
    const files = [{ path: 'e.csv', format: 'csv' as const, entries: 4, findings }];
    assert.equal(renderJson(files), reference(files));
  });

  it('severity settings reach the columns: a changed severity is written and counted, "off" drops the finding', () => {
    const text = ADVERSARIAL_SHAPES[3].make(5000);
    const r = scan(text, 'ldif', { 'username-duplicate': 'info', 'username-multiple-values': 'off' });
    const list = findingListOf(r);
    assert.ok(list.length > 10);
    for (let i = 0; i < list.length; i++) assert.deepEqual(list.at(i), { ...list.at(i)!, code: 'username-duplicate', severity: 'info' });
    const out = JSON.parse(renderJson([{ path: 'x.ldif', format: 'ldif', entries: r.entries, findings: list }]));
    assert.equal(out.summary.errors, 0);
    assert.equal(r.infos, list.length);
  });

  it('a scan result reads the same through its columns and through its findings array', () => {
    for (const c of CASES) {
      const r = scan(c.text, c.format);
      const list = findingListOf(r);
      const viaColumns = Array.from({ length: list.length }, (_, i) => list.at(i));
      assert.deepEqual(viaColumns, r.findings, c.path);
      // Once made, the array is what is read.
      assert.equal(findingListOf(r), r.findings);
    }
  });

  it('writes in pieces of bounded size, never the whole report as one string', () => {
    const r = scan(ADVERSARIAL_SHAPES[5].make(200000), 'csv');
    const report: FileReport[] = [{ path: 'same.csv', format: 'csv', entries: r.entries, findings: findingListOf(r) }];
    for (const write of [
      (sink: (s: string) => void) => writeJson(report, sink),
      (sink: (s: string) => void) => writeSarif(report, '1.0.0', sink),
      (sink: (s: string) => void) => writeText(report, sink),
    ]) {
      const pieces: string[] = [];
      write((s) => pieces.push(s));
      const total = pieces.reduce((n, p) => n + p.length, 0);
      assert.ok(pieces.length > 20, `${pieces.length} pieces`);
      // Few writes: a piece is handed on once it holds 64 Ki characters, and none is empty.
      assert.ok(
        pieces.slice(0, -1).every((p) => p.length >= 65536),
        `pieces of ${pieces.slice(0, -1).map((p) => p.length)} before the last`
      );
      assert.ok(pieces[pieces.length - 1].length > 0, 'the last piece is not empty');
      assert.ok(Math.max(...pieces.map((p) => p.length)) < 70000 && Math.max(...pieces.map((p) => p.length)) < total / 10);
    }
    const sarif = JSON.parse(renderSarif(report, '1.0.0'));
    assert.equal(sarif.runs[0].results.length, r.findings.length);
  });

  it('waits for a slow reader: after a write that returns false, nothing more is written until "drain"', async () => {
    const tree = fileTree({ 'same.csv': ADVERSARIAL_SHAPES[5].make(100000) });
    try {
      const pieces: string[] = [];
      let waiting = false,
        early = 0,
        drains = 0;
      const stdout = {
        write(s: string) {
          if (waiting) early++;
          pieces.push(s);
          waiting = pieces.length % 3 === 0;
          return !waiting;
        },
        once(_event: 'drain', listener: () => void) {
          setTimeout(() => {
            drains++;
            waiting = false;
            listener();
          }, 1);
        },
      };
      const code = await runCli(['--format', 'json', 'same.csv'], { stdout, stderr: { write: () => true }, cwd: tree.dir });
      assert.equal(code, 1);
      assert.equal(early, 0);
      assert.ok(drains >= 5, `${drains} drains`);
      const r = scan(ADVERSARIAL_SHAPES[5].make(100000), 'csv');
      assert.equal(pieces.join(''), renderJson([{ path: 'same.csv', format: 'csv', entries: r.entries, findings: r.findings }]));
    } finally {
      tree.remove();
    }
  });
});
