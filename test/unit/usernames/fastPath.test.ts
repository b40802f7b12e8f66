/**
 * The fast paths of byte scans (src/usernames/fastLdif.ts) must report
 * exactly what the reference pipeline reports: generated files of every
 * shape (plain records, folds, base64, non-ASCII, CRLF, change records, BOM,
 * UTF-16, invalid UTF-8, duplicates across records, over-long records),
 * pushed in chunks of every size, compared result for result, and the CLI's
 * JSON and SARIF output compared byte for byte.
 */
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ADVERSARIAL_SHAPES } from '../../../bench/engine/shapes';
import type { CliFs } from '../../../src/cli/main';
import { createScanner, type Profile, type ScanOptions } from '../../../src/usernames';
import { CsvDuplicates } from '../../../src/usernames/csvDuplicates';
import { FindingStore } from '../../../src/usernames/findingStore';
import { ROWS_PER_CALL } from '../../../src/usernames/fastCsv';
import { hashOf } from '../../../src/usernames/fnv';
import { createReferenceScanner, scanFileReference } from '../../../src/usernames/scan';
import { fileTree, runCaptured } from '../cli/helpers';

const RUNS = Number(process.env.FAST_PATH_RUNS ?? 400);

/** Scans `bytes` pushed in chunks of `size` bytes, with the fast paths and with the reference alone. */
function both(bytes: Buffer, options: ScanOptions, size: number) {
  const fast = createScanner(options),
    ref = createReferenceScanner(options);
  for (let i = 0; i < bytes.length; i += size) {
    fast.push(bytes.subarray(i, i + size));
    ref.push(bytes.subarray(i, i + size));
  }
  return { fast: fast.end(), ref: ref.end() };
}

const USERS = [
  'alice',
  'Alice',
  'ALICE',
  'bob',
  'user.1',
  'user.2',
  'carol-x_y',
  'a@b.co',
  'josé',
  'bob smith',
  'x\u200by',
  '',
  'x'.repeat(128),
  'y'.repeat(129),
];

/** Lines that turn a plain record into one the fast path must leave to the reference (or read the same way). */
const PERTURBATIONS = [
  'uid: other',
  'uid: user.1',
  'UID: User.1',
  'Uid: MixedCase',
  'userid: user.2',
  '0.9.2342.19200300.100.1.1: user.3',
  '# comment',
  ' continued',
  '\tcontinued',
  'uid;lang-en: x',
  'uid;x',
  'UID;lang-en',
  'no colon',
  'x.y: z',
  'é: x',
  ':: x',
  'uid:: dXNlci4x',
  'uid:< file:///x',
  'uid:  spaced',
  'uid: trailing ',
  'uid:',
  'uid: 9digits',
  `uid: ${'x'.repeat(128)}`,
  `uid: ${'y'.repeat(129)}`,
  'changetype: add',
  'control: 1.2.3',
  'objectClass;x: top',
  '-',
];

/** A plain record with one line inserted or replaced (often the username's), or its username removed. */
const nearlyPlain = fc
  .record({
    i: fc.nat(50),
    at: fc.nat(6),
    line: fc.constantFrom(...PERTURBATIONS),
    how: fc.constantFrom('insert', 'replace', 'replace-uid', 'replace-uid', 'remove'),
  })
  .map(({ i, at, line, how }) => {
    const lines = plainRecords(i + 1)[i].split('\n');
    const k = Math.min(at, lines.length);
    if (how === 'insert') lines.splice(Math.max(k, 1), 0, line);
    else if (how === 'replace') lines.splice(Math.max(k, 1), 1, line);
    else if (how === 'replace-uid')
      lines.splice(
        lines.findIndex((l) => l.startsWith('uid')),
        1,
        line
      );
    else
      lines.splice(
        lines.findIndex((l) => l.startsWith('uid')),
        1
      );
    return lines.join('\n');
  });
const DNS = ['uid=a,dc=x', 'uid=b,dc=x', 'UID=A, DC=X', 'cn=José Smith,dc=x', 'ou=People,dc=x', 'uid=a,dc=x '];

/** One LDIF record, mostly the plain shape the fast path reads, sometimes every odd one. */
const ldifRecord = fc
  .record({
    dnName: fc.constantFrom('dn', 'dn', 'dn', 'DN', 'Dn'),
    dnSep: fc.constantFrom(': ', ': ', ':', ':  ', ':: ', ':< '),
    dn: fc.constantFrom(...DNS),
    second: fc.constantFrom(
      'objectClass: inetOrgPerson',
      'objectClass: inetOrgPerson',
      'objectclass: top',
      'changetype: add',
      'changetype: modify\nreplace: uid\nuid: bob\n-',
      'changetype: delete',
      'changetype: modrdn\nnewrdn: uid=z\ndeleteoldrdn: 1',
      'control: 1.2.3 true\nchangetype: delete',
      'cn: Plain',
      'x.y: odd',
      'uid;lang-en: alice',
      '9x: odd'
    ),
    users: fc.array(
      fc.record({
        name: fc.constantFrom('uid', 'uid', 'uid', 'UID', 'userid', '0.9.2342.19200300.100.1.1', 'uid;x', 'mail'),
        sep: fc.constantFrom(': ', ': ', ':', ':   ', ':: ', ':< '),
        value: fc.constantFrom(...USERS),
        fold: fc.boolean(),
      }),
      { maxLength: 3 }
    ),
    extra: fc.array(
      fc.constantFrom(
        'cn: Alice Smith',
        'cn:: Sm9zw6k=',
        'description: a long line with spaces and: colons',
        'sn: Smith\n continued',
        '# a comment',
        'c n: odd name',
        'no colon here',
        'mail: a@b.co',
        'givenName;lang-fr: Alice',
        'telephoneNumber: +1 555 0100',
        'dn: uid=again,dc=x',
        'description: é non-ASCII',
        'description: \uFFFD literal'
      ),
      { maxLength: 4 }
    ),
  })
  .map((r) => {
    const dnValue = r.dnSep.startsWith('::') ? Buffer.from(r.dn).toString('base64') : r.dn;
    const lines = [`${r.dnName}${r.dnSep}${dnValue}`, r.second];
    for (const u of r.users) {
      let v = u.sep.startsWith('::') ? Buffer.from(u.value).toString('base64') : u.value;
      if (u.fold && v.length > 2) v = `${v.slice(0, 2)}\n ${v.slice(2)}`;
      lines.push(`${u.name}${u.sep}${v}`);
    }
    lines.push(...r.extra);
    return lines.join('\n');
  });

/** A whole LDIF file: records, blank-line runs, and the file-level odd shapes. */
const ldifFile = fc
  .record({
    head: fc.constantFrom('', '', '', 'version: 1\n', '\uFEFF', '# header comment\n', '\n\n'),
    records: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: ldifRecord },
        { weight: 3, arbitrary: nearlyPlain },
        { weight: 2, arbitrary: fc.constantFrom(...plainRecords(4)) }
      ),
      {
        minLength: 1,
        maxLength: 12,
      }
    ),
    gaps: fc.array(fc.constantFrom('\n\n', '\n\n', '\n\n\n', '\n \n'), { minLength: 12, maxLength: 12 }),
    tail: fc.constantFrom('', '\n', '\n\n'),
    eol: fc.constantFrom('\n', '\n', '\n', '\r\n', '\r'),
    encoding: fc.constantFrom('utf8', 'utf8', 'utf8', 'utf8', 'utf16le', 'utf16be', 'invalid'),
  })
  .map((f) => {
    let text = f.head + f.records.map((r, i) => r + (i < f.records.length - 1 ? f.gaps[i] : '')).join('') + f.tail;
    if (f.eol !== '\n') text = text.split('\n').join(f.eol);
    return encode(text, f.encoding);
  });

function encode(text: string, encoding: string): Buffer {
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (encoding === 'utf16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const bytes = Buffer.from(text);
  if (encoding === 'invalid' && bytes.length > 0) bytes[bytes.length >> 1] = 0xff;
  return bytes;
}

/** Plain content records, the fast path's shape, with usernames that repeat across records. */
function plainRecords(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      `dn: uid=user.${i},ou=People,dc=example,dc=com\nobjectClass: top\nobjectClass: inetOrgPerson\nuid: ${i % 3 ? `user.${i}` : `User.${i >> 1}`}\ncn: User ${i}\ndescription: entry ${i}`
    );
  return out;
}

/** A whole CSV file: headers of each dialect, plain rows (the fast path's shape) and odd ones. */
const csvFile = fc
  .record({
    head: fc.constantFrom('', '', '\uFEFF', 'sep=;\n', '# comment\n'),
    header: fc.constantFrom('username,cn,mail', 'cn;username', 'cn\tusername', '# dn,uid,cn', 'name,other', 'Username|x'),
    rows: fc.array(
      fc.record({
        user: fc.constantFrom(...USERS, 'user.1', 'user.2', 'User.1'),
        quote: fc.constantFrom('', '', '', '"'),
        other: fc.constantFrom('Smith', '"Smith, Jr."', '"multi\nline"', 'José', 'a"b', '', '"x"y'),
        extra: fc.constantFrom('', '', ',extra'),
        delim: fc.constantFrom(',', ',', ';', '\t', '|'),
      }),
      { maxLength: 20 }
    ),
    gaps: fc.constantFrom('\n', '\n', '\n\n'),
    eol: fc.constantFrom('\n', '\n', '\r\n', '\r'),
    encoding: fc.constantFrom('utf8', 'utf8', 'utf8', 'utf16le', 'invalid'),
  })
  .map((f) => {
    const rows = f.rows.map((r) => [r.other, r.quote + r.user + r.quote, 'm'].join(r.delim) + r.extra);
    let text = f.head + f.header + '\n' + rows.join(f.gaps);
    if (f.eol !== '\n') text = text.split('\n').join(f.eol);
    return encode(text, f.encoding);
  });

const options = fc.record({
  profile: fc.constantFrom<Profile>('guide', 'api', 'strict'),
  ldifAttribute: fc.constantFrom(undefined, undefined, 'uid', 'UID', 'mail', 'x.y'),
  csvColumn: fc.constantFrom(undefined, undefined, 'USERNAME', 'cn'),
});
const chunk = fc.constantFrom(1, 2, 3, 7, 64, 1000, 1 << 20);

describe('LDIF fast path = reference pipeline', function () {
  this.timeout(0);

  it('generated files of every shape, in chunks of every size, give the same result', () => {
    fc.assert(
      fc.property(ldifFile, options, chunk, (bytes, o, size) => {
        const { fast, ref } = both(bytes, { format: 'ldif', ...o }, size);
        assert.deepStrictEqual(fast, ref);
      }),
      { numRuns: RUNS }
    );
  });

  it('a large plain file with duplicates across records, in 1 MiB chunks and odd chunks', () => {
    const text = plainRecords(20000).join('\n\n') + '\n';
    const bytes = Buffer.from(text);
    for (const size of [1 << 20, 4093, 100]) {
      const { fast, ref } = both(bytes, { format: 'ldif' }, size);
      assert.ok(fast.findings.length > 1000, 'the duplicates are found');
      assert.deepStrictEqual(fast, ref);
    }
  });

  it('records longer than the fast path keeps (a 2 MB value, thousands of uid values) hand over to the reference', () => {
    const long = `dn: uid=a,dc=x\nuid: a\ndescription: ${'x'.repeat(2 << 20)}\n\ndn: uid=b,dc=x\nuid: a\n`;
    const many = `dn: uid=c,dc=x\n${Array.from({ length: 100000 }, (_, i) => `uid: v.${i}`).join('\n')}\n\ndn: uid=d,dc=x\nuid: v.7\n`;
    for (const text of [long, many]) {
      const { fast, ref } = both(Buffer.from(text), { format: 'ldif' }, 1 << 16);
      assert.ok(fast.findings.some((f) => f.code === 'username-duplicate'));
      assert.deepStrictEqual(fast, ref);
    }
  });

  it('entries repeating values of their own and of earlier entries (spellings, empty, base64) are reported the same way', () => {
    // Each record mixes values new to the file, values of earlier records, other spellings, empty and base64 values, each repeated.
    const values = ['a', 'A', 'b', '', 'a', 'c', 'B', 'b', 'A', '', 'c', 'Ä', 'ä', 'Ä', 'x y', 'x y'];
    const rng = (seed: number) => () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const r = rng(7);
    const records: string[] = [];
    for (let i = 0; i < 300; i++) {
      const lines = [`dn: uid=e${i % 40},dc=x`];
      for (let k = 1 + Math.floor(r() * 6); k > 0; k--) {
        const v = values[Math.floor(r() * values.length)] + (r() < 0.5 ? '' : String(i % 5));
        lines.push(r() < 0.2 ? `uid:: ${Buffer.from(v).toString('base64')}` : `uid: ${v}`);
      }
      records.push(lines.join('\n'));
    }
    const { fast, ref } = both(Buffer.from(records.join('\n\n') + '\n'), { format: 'ldif' }, 4096);
    for (const code of ['username-duplicate', 'username-duplicate-case', 'username-multiple-values'])
      assert.ok(
        fast.findings.some((f) => f.code === code),
        code
      );
    assert.ok(fast.findings.some((f) => f.message.includes('repeats')));
    assert.deepStrictEqual(fast, ref);
  });

  it('many keys each seen in a second, third and repeated spelling are reported the same way', () => {
    // Entry b gives every key its first other spelling (kept in the index's columns), entry c repeats it
    // or brings a third spelling (the columns give way to the map), entry d repeats the third.
    const n = 20000; // more than one column block of the index
    const entry = (dn: string, value: (i: number) => string | undefined) => {
      const lines = [`dn: uid=${dn},dc=x`];
      for (let i = 0; i < n; i++) {
        const v = value(i);
        if (v !== undefined) lines.push(`uid: ${v}`);
      }
      return lines.join('\n') + '\n\n';
    };
    const text =
      entry('a', (i) => `ab.${i}`) +
      entry('b', (i) => `AB.${i}`) +
      entry('c', (i) => (i % 3 === 0 ? `AB.${i}` : i % 3 === 1 ? `Ab.${i}` : undefined)) +
      entry('d', (i) => (i % 3 === 1 ? `Ab.${i}` : i % 3 === 2 ? `ab.${i}` : undefined));
    const { fast, ref } = both(Buffer.from(text), { format: 'ldif' }, 1 << 16);
    const count = (code: string) => fast.findings.filter((f) => f.code === code).length;
    // Case-only: b's n values and c's third spellings (i % 3 === 1, 6667); exact repeats of an earlier entry's
    // spelling: c's of b's (i % 3 === 0, 6667), d's of c's (6667) and of a's (i % 3 === 2, 6666).
    assert.equal(count('username-duplicate-case'), n + 6667);
    assert.equal(count('username-duplicate'), 6667 + 6667 + 6666);
    assert.deepStrictEqual(fast, ref);
  });

  it('a line over the 16 MiB cap is reported the same way', () => {
    const text = `dn: uid=a,dc=x\nuid: a\n\ndn: uid=b,dc=x\nuid: b\ndescription: ${'y'.repeat(16 * 1024 * 1024 + 10)}\n\ndn: uid=c,dc=x\nuid: a\n`;
    const { fast, ref } = both(Buffer.from(text), { format: 'ldif' }, 1 << 24);
    assert.ok(fast.findings.some((f) => f.code === 'ldif-syntax' && f.message.includes('MiB')));
    assert.deepStrictEqual(fast, ref);
  });

  it('every adversarial shape gives the same result', () => {
    for (const shape of ADVERSARIAL_SHAPES) {
      const bytes = Buffer.from(shape.make(200000));
      const { fast, ref } = both(bytes, { format: shape.format }, 1 << 16);
      assert.deepStrictEqual(fast, ref, shape.name);
    }
  });
});

describe('CSV plain rows = reference pipeline', function () {
  this.timeout(0);

  it('generated files of every dialect, in chunks of every size, give the same result', () => {
    fc.assert(
      fc.property(csvFile, options, chunk, (bytes, o, size) => {
        const { fast, ref } = both(bytes, { format: 'csv', ...o }, size);
        assert.deepStrictEqual(fast, ref);
      }),
      { numRuns: RUNS }
    );
  });
});

/** Usernames of the large CSV files: plain ones in several spellings, and ones only the scanner reads. */
const CSV_USERS = [
  (i: number) => `user.${i}`,
  (i: number) => `User.${i}`,
  (i: number) => `USER.${i}`,
  (i: number) => `"user.${i}"`,
  (i: number) => `u${i}.${'x'.repeat(24)}`, // long keys: more than one arena chunk
  (i: number) => `"user""${i}"`, // a quote inside: not plain, a range wider than the value
  (i: number) => `user ${i}`,
  (i: number) => `jos\u00e9.${i}`, // Latin-1, not ASCII
  (i: number) => `JOS\u00c9.${i}`, // its fold key is not its ASCII lower case
  (i: number) => `\u212aelvin.${i}`, // KELVIN SIGN: folds to the plain key kelvin.N
  (i: number) => `kelvin.${i}`,
  (i: number) => `\u4e2d.${i}`, // not Latin-1
  (i: number) => `"multi\nline.${i}"`, // a range over two lines
  (i: number) => `a${i}@example.com`,
  () => '',
];
/** Other fields: non-ASCII before the username moves its UTF-16 column; odd ones send the row to the scanner. */
const CSV_OTHER = [
  'Smith',
  '"Smith, Jr."',
  'Dagn\u00fd',
  '\u0418\u0432\u0430\u043d\u0430',
  '\u{1F600}x',
  '"a ""b"" c"',
  '',
  'a"b',
  '"x"y',
  '"back\\"slash"',
];

/** A large CSV file: `rows` rows drawn from a seeded generator, usernames repeating across rows. */
function largeCsv(rows: number, seed: number, eol = '\n'): Buffer {
  let x = seed;
  const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const lines = ['cn,username,mail'];
  for (let r = 0; r < rows; r++) {
    const kind = rnd(10) < 7 ? rnd(5) : rnd(CSV_USERS.length);
    const user = CSV_USERS[kind](rnd(rows >> 1));
    const other = rnd(8) < 6 ? CSV_OTHER[rnd(4)] : CSV_OTHER[rnd(CSV_OTHER.length)];
    const tail = rnd(200) === 0 ? 'm,extra' : rnd(300) === 0 ? '' : 'm';
    lines.push(rnd(500) === 0 ? (rnd(2) ? '# not a comment here' : '') : [other, user, tail].join(','));
  }
  return Buffer.from(lines.join(eol) + (seed % 2 ? eol : ''));
}

describe('CSV fast path = reference pipeline on large files', function () {
  this.timeout(0);

  it('tens of thousands of rows of every kind (duplicates, spellings, folds, odd rows), LF and CRLF, in chunks of every size', () => {
    for (const [rows, seed, eol] of [
      [60000, 1, '\n'],
      [20000, 2, '\r\n'],
    ] as const) {
      const bytes = largeCsv(rows, seed, eol);
      for (const size of [1 << 20, 65521, 4093, 100]) {
        const { fast, ref } = both(bytes, { format: 'csv' }, size);
        for (const code of ['username-duplicate', 'username-duplicate-case', 'username-format', 'csv-syntax'])
          assert.ok(
            fast.findings.some((f) => f.code === code),
            code
          );
        assert.deepStrictEqual(fast, ref, `${rows} rows, ${JSON.stringify(eol)}, chunks of ${size}`);
      }
    }
  });

  it('a lone CR, invalid UTF-8, a long line and a last line without a break hand the rest to the reference', () => {
    const base = largeCsv(5000, 3).toString('latin1');
    const cut = base.indexOf('\n', base.length >> 1);
    const tails = [
      '\rUser.1,x,m\nuser.1,y,m',
      '\nbad \xff byte,user.9,m\nuser.9,z,m',
      `\n${'y'.repeat(2 << 20)},user.3,m\nuser.3,w,m`,
      '\nlast,User.2,m',
    ];
    for (const tail of tails) {
      const bytes = Buffer.concat([
        Buffer.from(base.slice(0, cut), 'latin1'),
        Buffer.from(tail, 'latin1'),
        Buffer.from(base.slice(cut), 'latin1'),
      ]);
      for (const size of [1 << 20, 4093]) {
        const { fast, ref } = both(bytes, { format: 'csv' }, size);
        assert.deepStrictEqual(fast, ref, JSON.stringify(tail.slice(0, 20)));
      }
    }
  });

  it('a row the plain-row loop does not read, at every offset around the ends of its batches, is read the same way', () => {
    // Plain rows of 16 bytes after a first row longer by `shift`: the odd line starts at every byte offset around a batch's end.
    const plain = (i: number) => `nn,user.${String(i).padStart(5, '0')},m`;
    const odd = ['# hash', '', '"multi\nline",User.7,m', 'a"b,user.8,m', 'Dagn\u00fd,USER.00009,m', 'x,y'];
    const perBatch = ROWS_PER_CALL / 16;
    for (const line of odd) {
      for (let shift = 0; shift < 16; shift++) {
        for (const at of [perBatch - 2, perBatch - 1, perBatch, perBatch + 1, 2 * perBatch - 1, 2 * perBatch]) {
          const rows = ['cn,username,mail', 'n'.repeat(shift) + ',user.x,m'];
          for (let i = 0; i < 3 * perBatch; i++) rows.push(i === at ? line : plain(i % perBatch));
          const bytes = Buffer.from(rows.join('\n') + '\n');
          for (const size of [1 << 20, 4099]) {
            const { fast, ref } = both(bytes, { format: 'csv' }, size);
            assert.ok(fast.findings.some((f) => f.code === 'username-duplicate'));
            assert.deepStrictEqual(fast, ref, `${JSON.stringify(line)} at row ${at}, shifted by ${shift}, chunks of ${size}`);
          }
        }
      }
    }
  });

  it('plain rows held for the duplicate index are offered before a row the scanner reads, and before the loop leaves', () => {
    // KELVIN SIGN folds to "kelvin": the row that spells it so is the scanner's, and must come second to the plain row before it.
    const rows = ['cn,username,mail', 'a,kelvin.1,m', 'b,\u212aelvin.1,m', 'c,Kelvin.1,m', 'd,kelvin.1,m', '', 'e,KELVIN.1,m'];
    for (const size of [1 << 20, 7]) {
      const { fast, ref } = both(Buffer.from(rows.join('\n') + '\n'), { format: 'csv' }, size);
      assert.deepStrictEqual(
        fast.findings.map((f) => [f.code, f.range.startLine, f.related?.[0]?.range.startLine]),
        [
          ['username-duplicate-case', 2, 1],
          ['username-duplicate-case', 3, 1],
          ['username-duplicate', 4, 1],
          ['username-duplicate-case', 6, 1],
        ]
      );
      assert.deepStrictEqual(fast, ref);
    }
  });

  it('keys crafted to crowd one half of the duplicate index make it fall back to a Map, with the same result', () => {
    // Keys whose first slot is in the first half of any table: past ~1024 of them, one probe run is longer than the index allows.
    const GOLDEN = 0x9e3779b1 | 0;
    const crowded: string[] = [];
    for (let i = 0; crowded.length < 3000; i++) {
      const name = `k${i}`;
      if (Math.imul(hashOf(name), GOLDEN) >>> 0 < 2 ** 31) crowded.push(name);
    }
    const rows = crowded.flatMap((k, i) => (i % 3 ? [`x,${k}`] : [`x,${k}`, `y,${k.toUpperCase()}`]));
    const bytes = Buffer.from(['cn,username', ...rows, ...crowded.slice(0, 500).map((k) => `z,${k}`)].join('\n'));
    const { fast, ref } = both(bytes, { format: 'csv' }, 1 << 16);
    assert.ok(fast.findings.length > 1000);
    assert.deepStrictEqual(fast, ref);
    const index = new CsvDuplicates(new FindingStore());
    const buf = Buffer.from(crowded.join('\n'));
    for (let s = 0, line = 0; s < buf.length; line++) {
      const e = buf.indexOf(10, s) < 0 ? buf.length : buf.indexOf(10, s);
      index.offerBytes(buf, s, e, hashOf(buf.toString('latin1', s, e)), false, line, 0);
      s = e + 1;
    }
    assert.equal(index.degraded, true, 'the index fell back to a Map');
    assert.equal(index.distinct, crowded.length);
  });
});

describe('pingone-sync-lint output with the fast paths = with the reference pipeline', function () {
  this.timeout(0);

  /** The CLI's file system with the reference scanner in place of scanFile. */
  const referenceFs: CliFs = {
    stat: (p) => fsp.stat(p),
    readdir: (d) => fsp.readdir(d, { withFileTypes: true }),
    scanFile: scanFileReference,
  };

  /** The CLI's JSON and SARIF, with the fast paths and with the reference pipeline, byte for byte, on `target` of the tree. */
  async function sameReports(target: (dir: string) => string, dir: string): Promise<void> {
    for (const format of ['json', 'sarif']) {
      const fast = await runCaptured(['--format', format, target(dir)], dir);
      const ref = await runCaptured(['--format', format, target(dir)], dir, referenceFs);
      assert.equal(fast.code, ref.code);
      assert.equal(fast.err, ref.err);
      assert.ok(fast.out.length > 1000);
      assert.equal(fast.out, ref.out, `${format} output for ${target(dir)}`);
    }
  }

  it('JSON and SARIF, byte for byte, on generated files', async () => {
    const files: Record<string, Buffer | string> = {};
    fc.sample(ldifFile, { numRuns: 60, seed: 16 }).forEach((b, i) => (files[`gen/f${String(i).padStart(2, '0')}.ldif`] = b));
    files['gen/plain.ldif'] = plainRecords(5000).join('\n\n');
    files['gen/plain-crlf.ldif'] = plainRecords(500).join('\n\n').split('\n').join('\r\n');
    files['gen/plain-bom.ldif'] = '\uFEFF' + plainRecords(500).join('\n\n');
    files['gen/plain.csv'] = 'username,cn\n' + Array.from({ length: 3000 }, (_, i) => `user.${i % 2000},User ${i}`).join('\n');
    // Larger than the sample the fast path sizes its duplicate index from.
    files['gen/large.csv'] = largeCsv(30000, 5);
    files['gen/large-crlf.csv'] = largeCsv(30000, 6, '\r\n');
    for (const shape of ADVERSARIAL_SHAPES) files[`gen/adv-${ADVERSARIAL_SHAPES.indexOf(shape)}.${shape.format}`] = shape.make(50000);
    const tree = fileTree(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? v : v.toString('latin1')])));
    try {
      // fileTree writes strings as UTF-8: write the generated bytes as they are.
      for (const [k, v] of Object.entries(files)) if (Buffer.isBuffer(v)) await fsp.writeFile(path.join(tree.dir, k), v);
      await sameReports((dir) => path.join(dir, 'gen'), tree.dir);
    } finally {
      tree.remove();
    }
  });

  it('JSON and SARIF, byte for byte, on the real-world corpus', async () => {
    const tree = fileTree({ 'empty.txt': '' });
    try {
      await sameReports(() => path.resolve(__dirname, '../../../../shared/corpus/realworld'), tree.dir);
    } finally {
      tree.remove();
    }
  });
});
