// DN keys at their edges (RFC 4514 spaces, RFC 4518 insignificant space) and file names at theirs
// (the one table of formats in src/usernames/formats.ts).
import assert from 'node:assert/strict';
import { dnHash, dnHashOf, dnHashOfBytes, normalizeDn, renamedDn } from '../../../src/usernames/dn';
import { extensionList, formatOfFileName, formatOfLanguage, LANGUAGE_IDS, syncFileGlobs } from '../../../src/usernames/formats';

describe('normalizeDn at the edges', () => {
  const cases: Array<[string, string]> = [
    [' uid=a,dc=x', 'uid=a,dc=x'],
    ['  uid=a', 'uid=a'],
    ['uid=a ', 'uid=a'],
    ['uid = a , dc = x', 'uid=a,dc=x'],
    ['cn=a  b', 'cn=a b'],
    ['cn=a + sn=b', 'cn=a+sn=b'],
    ['cn=a\\ ,dc=x', 'cn=a\\ ,dc=x'],
    ['cn=a \\ b', 'cn=a \\ b'],
    ['cn=a\\', 'cn=a\\'],
    ['cn=a b\\', 'cn=a b\\'],
    [' ', ''],
    ['CN=A B', 'cn=a b'],
  ];
  for (const [dn, want] of cases) it(`${JSON.stringify(dn)} → ${JSON.stringify(want)}`, () => assert.equal(normalizeDn(dn), want));
});

describe('DN hashes', () => {
  it('the byte hash equals the string hash, for ASCII, spaces, upper case and UTF-8', () => {
    // Spaces only, upper-case non-ASCII (after ASCII, and with no ASCII at all), and a lone continuation byte
    // (read as U+FFFD) all go the slow way.
    for (const dn of ['uid=a,dc=x', 'UID=A, DC=X', ' uid=a', '  ', 'cn=Dagný,dc=x', 'CN=DAGNÝ', 'ÉÉ', 'cn=ZZ@[`', '']) {
      const buf = Buffer.from(`xx${dn}yy`);
      assert.equal(dnHashOfBytes(buf, 2, buf.length - 2), dnHash(normalizeDn(dn)), dn);
      assert.equal(dnHashOf(dn), dnHash(normalizeDn(dn)), dn);
    }
  });

  it('a byte that is not UTF-8 hashes as U+FFFD, as the decoded DN reads it', () => {
    for (const bytes of [[0x80], [0x63, 0x6e, 0x3d, 0x80], [0xff, 0x41]]) {
      const buf = Buffer.from(bytes);
      assert.equal(dnHashOfBytes(buf, 0, buf.length), dnHash(normalizeDn(buf.toString('utf8'))), buf.toString('hex'));
    }
  });

  it('only A to Z fold: "@", "[" and "`" around them hash apart from their neighbours', () => {
    const hashes = ['@', 'A', 'a', 'Z', 'z', '[', '`'].map((c) => dnHashOf(`cn=${c}`));
    assert.equal(hashes[1], hashes[2]);
    assert.equal(hashes[3], hashes[4]);
    assert.equal(new Set(hashes).size, 5);
    const bytes = ['@', 'A', 'a', 'Z', 'z', '[', '`'].map((c) => dnHashOfBytes(Buffer.from(`cn=${c}`), 0, 4));
    assert.deepEqual(bytes, hashes);
  });

  it('is a whole number below 2^53 that differs for DNs differing in one character', () => {
    const h = dnHash('uid=a,dc=x');
    assert.ok(Number.isSafeInteger(h) && h >= 0);
    assert.notEqual(dnHash('uid=a,dc=x'), dnHash('uid=b,dc=x'));
    assert.notEqual(dnHash('ab'), dnHash('ba'));
    assert.equal(dnHash(''), 0x811c9dc5 * 0x200000 + (0x3c6ef372 >>> 11));
  });
});

describe('renamedDn at the edges', () => {
  it('a parent of spaces only counts as none', () => {
    assert.equal(renamedDn('uid=a', 'uid=b', undefined), 'uid=b');
    assert.equal(renamedDn('uid=a,dc=x', 'uid=b', ' '), 'uid=b');
    assert.equal(renamedDn('uid=a,dc=x', 'uid=b', ''), 'uid=b');
    assert.equal(renamedDn('uid=a\\\\,dc=x', 'uid=b', undefined), 'uid=b,dc=x');
  });
});

describe('file names and language ids', () => {
  it('a name that is only an extension is that format; no dot or another extension is none', () => {
    assert.equal(formatOfFileName('.ldif'), 'ldif');
    assert.equal(formatOfFileName('dir/.csv'), 'csv');
    assert.equal(formatOfFileName('ldif'), undefined);
    assert.equal(formatOfFileName('users.ldif.bak'), undefined);
    assert.equal(formatOfFileName('users.'), undefined);
    assert.equal(formatOfFileName('a.F'), undefined);
  });

  it('language ids: every id of each format, and nothing else', () => {
    for (const id of LANGUAGE_IDS.ldif) assert.equal(formatOfLanguage(id), 'ldif', id);
    for (const id of LANGUAGE_IDS.csv) assert.equal(formatOfLanguage(id), 'csv', id);
    for (const id of ['plaintext', 'LDIF', 'csv ', '']) assert.equal(formatOfLanguage(id), undefined, id);
  });

  it('the extensions in a sentence and as globs', () => {
    assert.equal(extensionList(), '.ldif, .ldf, .csv or .tsv');
    assert.deepEqual(syncFileGlobs(), ['**/*.ldif', '**/*.ldf', '**/*.csv', '**/*.tsv']);
  });
});
