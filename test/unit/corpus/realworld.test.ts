// The CLI over the real-world corpus: public LDIF and CSV files nobody on this
// project wrote (OpenLDAP, RFC 2849, 389-DS, OpenDJ, Ping's server-profile
// samples, csv-spectrum, PapaParse, node-csv, Moodle; SOURCES.md there names
// each file's origin). They are read from ../shared, never copied here.
// Every file must scan without a crash; the expectations below were checked
// by hand against each file's text (notes say why where it is not obvious).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { runCaptured } from '../cli/helpers';
import { formatOfFileName } from '../../../src/usernames/formats';

const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/realworld');

interface Finding {
  code: string;
  line: number;
  column: number;
  message: string;
}
interface FileReport {
  path: string;
  entries: number;
  findings: Finding[];
}

async function lint(args: string[]): Promise<{ code: number; err: string; files: FileReport[] }> {
  const { code, out, err } = await runCaptured(['--format', 'json', ...args], CORPUS);
  return { code, err, files: JSON.parse(out).files };
}

function syncFiles(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const p = rel ? `${rel}/${d.name}` : d.name;
    return d.isDirectory() ? syncFiles(dir, p) : formatOfFileName(d.name) ? [p] : [];
  });
}

function tally(f: FileReport): Record<string, number> {
  const t: Record<string, number> = {};
  for (const x of f.findings) t[x.code] = (t[x.code] ?? 0) + 1;
  return t;
}

/** Hand-checked: entries, finding counts per code, and some findings by line. */
const EXPECTED: Record<string, { entries: number; codes: Record<string, number>; at?: Array<[number, string, RegExp?]> }> = {
  // RFC 2849 examples, verbatim. 1: Bjorn Jensen is a person without uid.
  'ldif/rfc2849/example1.ldif': { entries: 2, codes: { 'username-missing': 1 }, at: [[14, 'username-missing']] },
  'ldif/rfc2849/example2.ldif': { entries: 1, codes: {} },
  // The copy lost the fold's leading spaces (RFC text indentation): three lines without a colon.
  'ldif/rfc2849/example3.ldif': {
    entries: 1,
    codes: { 'ldif-syntax': 3 },
    at: [
      [12, 'ldif-syntax'],
      [13, 'ldif-syntax'],
      [14, 'ldif-syntax'],
    ],
  },
  // A wrapped comment lost its "# ": one line without a colon; the ou entry needs no uid.
  'ldif/rfc2849/example4.ldif': { entries: 2, codes: { 'ldif-syntax': 1 }, at: [[43, 'ldif-syntax']] },
  // Horatio Jensen (a person) has no uid; the fragment after the stray blank line is one finding, not an entry.
  'ldif/rfc2849/example5.ldif': {
    entries: 1,
    codes: { 'username-missing': 1, 'ldif-syntax': 1 },
    at: [
      [2, 'username-missing'],
      [8, 'ldif-syntax', /does not start with "dn:"/],
    ],
  },
  // add, delete, two modrdn, two modify; the modify split by a blank line leaves one fragment.
  'ldif/rfc2849/example6.ldif': {
    entries: 6,
    codes: { 'ldif-rename': 2, 'ldif-syntax': 1 },
    at: [
      [20, 'ldif-rename'],
      [27, 'ldif-rename'],
      [42, 'ldif-syntax', /does not start with "dn:"/],
    ],
  },
  'ldif/rfc2849/example7.ldif': { entries: 1, codes: {} },
  // Ping's server-profile samples: user.0 … user.4 and service accounts, all valid.
  'ldif/pingidentity/baseline-10-users.ldif': { entries: 8, codes: {} },
  'ldif/pingidentity/getting-started-10-users.ldif': { entries: 5, codes: {} },
  'ldif/pingidentity/baseline-30-OAuthClients.ldif': { entries: 14, codes: {} },
  // Templates: "${BASE_ATTRIBUTE}: ${BASE_VALUE}" is not an attribute description until substituted.
  'ldif/pingidentity/baseline-00-structure.ldif': { entries: 7, codes: { 'ldif-syntax': 1 }, at: [[4, 'ldif-syntax']] },
  'ldif/pingidentity/simple-sync-00-data.ldif': { entries: 13, codes: { 'ldif-syntax': 1 }, at: [[4, 'ldif-syntax']] },
  // Partial search outputs: dc=example,dc=com without objectClass is no user; cn=Manager (person) and the
  // ten postalAddress-only person entries and cn=Subschema (no objectClass, not a container) are flagged;
  // four entries appear twice (the file concatenates several searches).
  'ldif/openldap/lang-out.ldif': { entries: 4, codes: {} },
  'ldif/openldap/search.out.xsearch.ldif': {
    entries: 39,
    codes: { 'username-missing': 12, 'username-duplicate': 4 },
    at: [
      [363, 'username-missing'],
      [417, 'username-duplicate', /^Entry "cn=Barbara Jensen,.*" appears twice in this file \(username "bjensen" on lines 45 and 417\)/],
      [641, 'username-missing'],
    ],
  },
  // OpenLDAP include: directives: one finding, not an entry (7 records, 6 with a DN).
  'ldif/openldap/regressions__its9282__config.ldif': {
    entries: 6,
    codes: { 'ldif-syntax': 1 },
    at: [[14, 'ldif-syntax', /"include:" is an OpenLDAP slapadd directive/]],
  },
  // A change record without a DN.
  'ldif/opendj/modifications-invalid.ldif': { entries: 0, codes: { 'ldif-syntax': 1 }, at: [[1, 'ldif-syntax']] },
  // add cn=Test User (uid test.user), then delete uid=test.user: a change history, no clash.
  'ldif/opendj/modifications.ldif': { entries: 6, codes: {} },
  // Moodle's upload template: a username column, three valid students.
  'csv/moodle/example.csv': { entries: 3, codes: {} },
  // No username column: one finding on the header; the UTF-16 file is decoded and warned about once.
  'csv/csv-spectrum/newlines_crlf.csv': { entries: 3, codes: { 'username-missing': 1 }, at: [[1, 'username-missing', /columns: a, b, c/]] },
  'csv/node-csv/365-utf16le-bom-windows.csv': {
    entries: 1,
    codes: { 'csv-syntax': 1, 'username-missing': 1 },
    at: [
      [1, 'csv-syntax', /UTF-16 LE/],
      [1, 'username-missing', /columns: a, b, c/],
    ],
  },
  'csv/identity/arawa-users-import.csv': {
    entries: 5,
    codes: { 'username-missing': 1 },
    at: [[1, 'username-missing', /columns: user, role/]],
  },
};

if (!existsSync(CORPUS)) {
  console.log(`real-world corpus: ${CORPUS} is absent, its checks did not run`);
} else {
  describe('the CLI over the real-world LDIF and CSV corpus', function () {
    this.timeout(120_000);
    let all: Awaited<ReturnType<typeof lint>>;
    before(async () => {
      all = await lint(['.']);
    });

    it('reads every LDIF and CSV file without a crash or an I/O problem', () => {
      assert.equal(all.err, '');
      assert.ok(all.code === 0 || all.code === 1, `exit ${all.code}`);
      assert.deepEqual(all.files.map((f) => f.path).sort(), syncFiles(CORPUS).sort());
      assert.ok(all.files.length >= 90, `${all.files.length} files`);
      for (const f of all.files) assert.ok(Number.isInteger(f.entries) && f.entries >= 0, f.path);
    });

    it(`has the hand-checked entry counts and findings for ${Object.keys(EXPECTED).length} files`, () => {
      for (const [file, want] of Object.entries(EXPECTED)) {
        const got = all.files.find((f) => f.path === file);
        assert.ok(got, `${file} was not linted`);
        assert.equal(got.entries, want.entries, `${file}: entries`);
        assert.deepEqual(tally(got), want.codes, `${file}: findings`);
        for (const [line, code, message] of want.at ?? []) {
          const hit = got.findings.find((x) => x.line === line && x.code === code && (!message || message.test(x.message)));
          assert.ok(hit, `${file}: no ${code} on line ${line}${message ? ` matching ${message}` : ''}`);
        }
      }
    });

    it("a line break inside a quoted field is the file's own (csv-spectrum newlines, LF and CRLF)", async () => {
      const r = await lint(['--csv-column', 'a', 'csv/csv-spectrum/newlines.csv', 'csv/csv-spectrum/newlines_crlf.csv']);
      const [lf, crlf] = r.files.map((f) => f.findings.filter((x) => x.code === 'username-invalid-character'));
      assert.equal(lf.length, 1);
      assert.match(lf[0].message, /U\+000A/);
      assert.doesNotMatch(lf[0].message, /U\+000D/);
      assert.equal(crlf.length, 1);
      assert.match(crlf[0].message, /U\+000D CARRIAGE RETURN.*U\+000A/);
    });

    it('usernames from other columns check clean (arawa user column, UTF-16 file column a)', async () => {
      const user = await lint(['--csv-column', 'user', 'csv/identity/arawa-users-import.csv']);
      assert.deepEqual(user.files[0].findings, []);
      const utf16 = await lint(['--csv-column', 'a', 'csv/node-csv/365-utf16le-bom-windows.csv']);
      assert.deepEqual(tally(utf16.files[0]), { 'csv-syntax': 1 });
    });
  });
}
