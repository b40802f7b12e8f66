/**
 * The entry points of scan.ts: which pipeline each one builds (the fast paths, the CSV duplicate index,
 * values streamed to the aggregator, records kept), the options it resolves, the file reader and the
 * result's finding list. The findings are the same whichever way a scan goes (fastPath.test.ts checks
 * that); the way is the speed and memory a user relies on, so these tests count calls at the doors of
 * each way (the aggregator's and the CSV index's methods, wrapped for the test).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StreamAggregator } from '../../../src/usernames/aggregate';
import { CsvDuplicates } from '../../../src/usernames/csvDuplicates';
import {
  createReferenceScanner,
  createScanner,
  findingListOf,
  resolveConfig,
  scanFile,
  scanFileBlocking,
  scanFileReference,
  scanText,
} from '../../../src/usernames/scan';
import type { Finding, ScanOptions, ScanResult } from '../../../src/usernames/types';

/** The doors of each way through the pipeline. */
const DOORS = {
  /** The LDIF fast path reads a plain record itself. */
  ldifFast: [StreamAggregator.prototype, 'plainContentEntry'],
  /** The CSV fast path reads a plain row itself. */
  csvFast: [StreamAggregator.prototype, 'plainRow'],
  /** An LDIF record's values offered as they are read (the scanner's stream), not at the record's end. */
  ldifStream: [StreamAggregator.prototype, 'contentValue', 'contentValueBytes'],
  /** The CSV duplicate index (csvDuplicates.ts), not the general tracker. */
  csvIndex: [CsvDuplicates.prototype, 'offerBytes', 'offer'],
} as const;
type Door = keyof typeof DOORS;

/** Calls at each door while `run` runs (the methods are wrapped, then restored). */
async function doorsOf<T>(run: () => T | Promise<T>): Promise<{ result: T; calls: Record<Door, number> }> {
  const calls = { ldifFast: 0, csvFast: 0, ldifStream: 0, csvIndex: 0 };
  const restore: Array<() => void> = [];
  for (const [door, [proto, ...names]] of Object.entries(DOORS) as Array<[Door, readonly [object, ...string[]]]>) {
    for (const name of names) {
      const target = proto as Record<string, (...a: unknown[]) => unknown>;
      const original = target[name];
      target[name] = function (this: unknown, ...a: unknown[]) {
        calls[door]++;
        return original.apply(this, a);
      };
      restore.push(() => (target[name] = original));
    }
  }
  try {
    return { result: await run(), calls };
  } finally {
    for (const r of restore) r();
  }
}

function scanBytes(make: (o: ScanOptions) => { push(b: Uint8Array): void; end(): ScanResult }, text: string, options: ScanOptions) {
  const s = make(options);
  s.push(Buffer.from(text));
  return s.end();
}

const only = (calls: Record<Door, number>): Door[] => (Object.keys(calls) as Door[]).filter((d) => calls[d] > 0);

/** Plain entries (fast path), one with two values (read by the scanner), duplicates across both kinds. */
const LDIF = [
  'dn: uid=a,dc=x\nobjectClass: top\nuid: alice\n',
  'dn: uid=b,dc=x\nuid: bob\n',
  'dn: uid=c,dc=x\nuid: carol\nuid: Alice\n',
  'dn: uid=d,dc=x\nuid: bob\n',
  'dn: uid=e,dc=x\nuid: a b\n',
].join('\n');
const CSV = 'username,mail\nalice,a@x\nbob,b@x\nAlice,c@x\nbob,d@x\na b,e@x\n';

describe('scan.ts: the pipeline each entry point builds', () => {
  it('createScanner reads LDIF on the fast path, values streamed, without the CSV index', async () => {
    const { result, calls } = await doorsOf(() => scanBytes(createScanner, LDIF, { format: 'ldif' }));
    assert.deepEqual(only(calls), ['ldifFast', 'ldifStream']);
    assert.deepEqual(result.findings, scanText(LDIF, { format: 'ldif' }).findings);
    assert.equal(result.records, undefined, 'no records kept unless asked');
  });

  it('with a finding cap, LDIF values are not streamed (the order decides what the cap keeps)', async () => {
    for (const maxFindings of [0, 1, 2, 3]) {
      const { result, calls } = await doorsOf(() => scanBytes(createScanner, LDIF, { format: 'ldif', maxFindings }));
      assert.deepEqual(only(calls), ['ldifFast'], `cap ${maxFindings}`);
      assert.deepEqual(result.findings, scanText(LDIF, { format: 'ldif', maxFindings }).findings, `cap ${maxFindings}`);
    }
  });

  it('createScanner reads CSV rows on the fast path, into the CSV duplicate index', async () => {
    const { result, calls } = await doorsOf(() => scanBytes(createScanner, CSV, { format: 'csv' }));
    assert.deepEqual(only(calls), ['csvFast', 'csvIndex']);
    assert.deepEqual(result.findings, scanText(CSV, { format: 'csv' }).findings);
    assert.equal(result.records, undefined);
  });

  it('the reference scanner takes no fast path, no stream and no CSV index, with the same findings', async () => {
    for (const [text, format] of [
      [LDIF, 'ldif'],
      [CSV, 'csv'],
    ] as const) {
      const { result, calls } = await doorsOf(() => scanBytes(createReferenceScanner, text, { format }));
      assert.deepEqual(only(calls), [], format);
      assert.deepEqual(result.findings, scanText(text, { format }).findings, format);
    }
  });

  it('keeping records turns the fast paths off, and the result has one record per entry', async () => {
    for (const [text, format] of [
      [LDIF, 'ldif'],
      [CSV, 'csv'],
    ] as const) {
      const { result, calls } = await doorsOf(() => scanBytes(createScanner, text, { format, collectEntries: true }));
      assert.deepEqual(only(calls), [], format);
      assert.equal(result.records?.length, 5, format);
      assert.deepEqual(result.findings, scanText(text, { format }).findings, format);
    }
  });
});

describe('scan.ts: files read from disk', () => {
  let dir: string;
  beforeEach(() => (dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'p1-scan-entry-')))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** How many of this process's open descriptors are on `file` (Linux: /proc/self/fd). */
  const descriptorsOn = (file: string): number =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false; // closed since it was listed
      }
    }).length;

  // Larger than one read (1 MiB for LDIF, 256 KiB for CSV), with findings in the last read.
  const many = (n: number, line: (i: number) => string): string => Array.from({ length: n }, (_, i) => line(i)).join('');
  const bigLdif = many(40_000, (i) => `dn: uid=p${i},dc=x\nuid: p${i}\n\n`) + LDIF;
  const bigCsv = 'username,n\n' + many(30_000, (i) => `plain.${i},1\n`) + CSV.slice(CSV.indexOf('\n') + 1);

  for (const [name, text, format] of [
    ['big.ldif', bigLdif, 'ldif'],
    ['big.csv', bigCsv, 'csv'],
  ] as const) {
    it(`scanFile, scanFileBlocking and scanFileReference read all of ${name}, each its own way, and close it`, async () => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const expected = scanText(text, { format, collectEntries: false }).findings;
      assert.ok(expected.length > 0 && expected.some((f) => f.range.startLine > text.split('\n').length - 12));
      const fast = await doorsOf(() => scanFile(file, { format }));
      const reference = await doorsOf(() => scanFileReference(file, { format }));
      const blocking = await doorsOf(() => scanFileBlocking(file, { format }));
      assert.equal(descriptorsOn(file), 0, 'the file is closed');
      assert.deepEqual(fast.result.findings, expected);
      assert.deepEqual(reference.result.findings, expected);
      assert.deepEqual(blocking.result.findings, expected, 'read calls on this thread (the CLI) read the same');
      assert.deepEqual(blocking.calls, fast.calls, 'the same way as scanFile');
      assert.ok(fast.calls[format === 'ldif' ? 'ldifFast' : 'csvFast'] > 1000);
      assert.deepEqual(only(reference.calls), []);
    });
  }

  it('scanFile and scanFileBlocking of an empty file end at once with no entries', async () => {
    const file = path.join(dir, 'empty.csv');
    writeFileSync(file, '');
    for (const scan of [scanFile, scanFileBlocking]) {
      const r = await scan(file, { format: 'csv' });
      assert.deepEqual([r.entries, r.findings.length], [0, 0]);
    }
  });

  it('scanFile lets the thread turn its event loop between reads; scanFileBlocking reads the whole file in one turn', async () => {
    const file = path.join(dir, 'big.csv');
    writeFileSync(file, 'username\n' + many(400_000, (i) => `u.${i}\n`));
    const proto = StreamAggregator.prototype as unknown as { plainRow: (...a: unknown[]) => unknown };
    const original = proto.plainRow;
    let rows = 0;
    proto.plainRow = function (this: unknown, ...a: unknown[]) {
      rows++;
      return original.apply(this, a);
    };
    const midway: Record<string, number> = {};
    try {
      for (const scan of [scanFile, scanFileBlocking]) {
        // At each turn of the event loop while the scan runs, the rows read so far.
        rows = 0;
        let on = true;
        const seen: number[] = [];
        const look = (): void => {
          seen.push(rows);
          if (on) setImmediate(look);
        };
        setImmediate(look);
        await scan(file, { format: 'csv' });
        on = false;
        midway[scan.name] = seen.filter((n) => n > 0 && n < rows).length;
      }
    } finally {
      proto.plainRow = original;
    }
    assert.ok(midway.scanFile > 0, `turns with some rows read: ${JSON.stringify(midway)}`);
    assert.equal(midway.scanFileBlocking, 0, `turns with some rows read: ${JSON.stringify(midway)}`);
  });
});

describe('scan.ts: the options it resolves', () => {
  it('names the configured LDIF attribute first, then its aliases', () => {
    assert.deepEqual([...resolveConfig({ format: 'ldif' }).ldifNames], ['uid', 'userid', '0.9.2342.19200300.100.1.1']);
    assert.deepEqual(
      [...resolveConfig({ format: 'ldif', ldifAttribute: 'UserID' }).ldifNames],
      ['userid', 'uid', '0.9.2342.19200300.100.1.1']
    );
    assert.deepEqual(
      [...resolveConfig({ format: 'ldif', ldifAttribute: 'Mail' }).ldifNames],
      ['mail', 'rfc822mailbox', '0.9.2342.19200300.100.1.3']
    );
    assert.deepEqual([...resolveConfig({ format: 'ldif', ldifAttribute: 'employeeNumber' }).ldifNames], ['employeenumber']);
  });

  it('reads the CSV column named with spaces around it and in any case', () => {
    const r = scanText('n,Login\nx,a b\n', { format: 'csv', csvColumn: '  LOGIN ' });
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.range.startLine, f.range.startColumn]),
      [['username-format', 1, 3]]
    );
  });

  describe('an ldapsearch CSV (`# dn,uid` header) has no username column: uid stands in only for the default column', () => {
    const text = '# dn,uid\n"uid=a,dc=x",a b\n';
    const codesFor = (csvColumn: string | undefined): string[] => scanText(text, { format: 'csv', csvColumn }).findings.map((f) => f.code);

    it('no column configured: uid is read', () => assert.deepEqual(codesFor(undefined), ['username-format']));
    it('"username" configured (any case, any spaces): uid is read', () => assert.deepEqual(codesFor(' UserName '), ['username-format']));
    it('another column configured: it is missing, and uid is not read instead', () => {
      const r = scanText(text, { format: 'csv', csvColumn: 'login' });
      assert.deepEqual(
        r.findings.map((f) => [f.code, f.message]),
        [['username-missing', 'Header has no "login" column (columns: dn, uid); usernames cannot be checked.']]
      );
    });
  });
});

describe('scan.ts: the result', () => {
  it('reads the findings from the columns until they are made, and a list set in their place afterwards', () => {
    const r = scanBytes(createScanner, LDIF, { format: 'ldif' });
    const columns = findingListOf(r);
    assert.notEqual(columns, r.findings, 'the columns, not an array');
    const all = r.findings;
    assert.deepEqual(
      Array.from({ length: columns.length }, (_, i) => columns.at(i)),
      all
    );
    assert.equal(findingListOf(r), all, 'the array once made');
    const errors: Finding[] = all.filter((f) => f.severity === 'error');
    r.findings = errors;
    assert.equal(r.findings, errors);
    assert.equal(findingListOf(r), errors);
  });

  it('a result not made by scan.ts is read from its findings', () => {
    const findings: Finding[] = [];
    assert.equal(findingListOf({ format: 'csv', entries: 0, findings, truncated: false, errors: 0, warnings: 0, infos: 0 }), findings);
  });
});
