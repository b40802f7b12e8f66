/**
 * Outside text in messages is inert (src/usernames/inertText.ts): a file whose values, names, DNs,
 * header fields and option values hold control characters, bidi overrides, line separators and
 * the like gets findings whose messages show each as `<U+…>`, through every scan path (the string
 * scan, the byte scan the CLI runs, the editor model). A raw ESC or line break in a message would
 * reach a terminal or a CI log as an escape sequence or a forged line of its own.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Finding, IncrementalDocumentScan, type ScanOptions, scanFile, scanText } from '../../../src/usernames';
import { hasUnsafeCharacter, neutralize, quoted } from '../../../src/usernames/inertText';

/** ESC (a terminal escape), BEL, DEL, NEL (C1), U+2028 LINE SEPARATOR, U+202E RIGHT-TO-LEFT OVERRIDE, U+200B, U+FEFF. */
const NASTY = ['\x1b[31m', '\x07', '\x7f', '\u0085', '\u2028', '\u202e', '\u200b', '\ufeff'];
/** A line break only a base64 value can carry into a value. */
const BREAKS = '\n::error::forged\r\n';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function hostileLdif(x: string): string {
  return [
    `version: 2${x}`,
    '',
    `dn: uid=a${x},dc=example`,
    `uid: a${x}b`,
    '',
    `dn: uid=a${x},dc=example`,
    `uid: a${x}b`,
    '',
    'dn: uid=c,dc=example',
    `uid: A${x}B`,
    `uid${x}: q`,
    `uid;lang-${x}: r`,
    `:${x}`,
    '',
    'dn: uid=d,dc=example',
    `uid: e${x}f@example.com`,
    `uid: g@exa${x}mple.com`,
    '',
    'dn: uid=e,dc=example',
    `uid:< file:///etc/${x}`,
    '',
    `dn: uid=f${x},dc=example`,
    'cn: no username here',
    '',
    `dn: uid=g,dc=example`,
    `changetype: mod${x}ify`,
    '',
    'dn: uid=h,dc=example',
    'changetype: modify',
    `replace: cn${x}`,
    'uid: x',
    '-',
    '',
    'dn: uid=i,dc=example',
    'changetype: modrdn',
    `newrdn: uid=j${x}`,
    'deleteoldrdn: 1',
    `bogus${x}: 1`,
    '',
    'dn: uid=k,dc=example',
    `uid:: ${b64(`k${BREAKS}${x}`)}`,
    '',
    'dn: uid=l,dc=example',
    `uid:: ${b64(`k${BREAKS}${x}`)}`,
    '',
  ].join('\n');
}

function hostileCsv(x: string): string {
  return ['username,mail', `a${x}b,m`, `a${x}b,m`, `A${x}B,m`, `"k${BREAKS}${x}",m`, `"k${BREAKS}${x}",m`, `e${x}f@example.com,m`, ''].join(
    '\n'
  );
}

function messagesOf(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => [f.message, ...(f.related ?? []).map((r) => r.message)]);
}

function assertInert(where: string, findings: readonly Finding[], least = 4): void {
  assert.ok(findings.length >= least, `${where}: the hostile file has findings`);
  for (const m of messagesOf(findings)) assert.ok(!hasUnsafeCharacter(m), `${where}: ${JSON.stringify(m)}`);
}

describe('outside text in finding messages is inert', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'p1-inert-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('neutralize shows each unsafe character as <U+…> and leaves other text as it is', () => {
    assert.equal(neutralize('a\x1b[31mb\u2028c\u202ed\u{1F600}é'), 'a<U+001B>[31mb<U+2028>c<U+202E>d\u{1F600}é');
    const plain = 'user.0@example.com';
    assert.equal(neutralize(plain), plain);
    assert.equal(quoted('x\ny'), '"x<U+000A>y"');
    for (const x of [...NASTY, '\n', '\r', '\t', '\0', '\u009b', '\u2029', '\u2066', '\u00ad'])
      assert.ok(hasUnsafeCharacter(x) && !hasUnsafeCharacter(neutralize(x)), JSON.stringify(x));
  });

  for (const x of NASTY) {
    const name = [...x].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
    for (const [format, make] of [
      ['ldif', hostileLdif],
      ['csv', hostileCsv],
    ] as const) {
      it(`${format} with ${name} in every value and name: no raw ${name} in any message, on every scan path`, async () => {
        const text = make(x);
        const options: ScanOptions = { format };
        assertInert('scanText', scanText(text, options).findings);
        const file = path.join(dir, `f.${format}`);
        writeFileSync(file, text);
        assertInert('scanFile', (await scanFile(file, options)).findings);
        assertInert('editor model', new IncrementalDocumentScan(text, options).result().findings);
      });
    }
    it(`a CSV header without the username column, and a column option, with ${name}: the message shows them inert`, async () => {
      const text = `na${x}me,mail${x}\nx,y\n`;
      for (const options of [{ format: 'csv' as const }, { format: 'csv' as const, csvColumn: `login${x}` }]) {
        const findings = scanText(text, options).findings;
        assert.ok(findings.some((f) => f.code === 'username-missing'));
        assertInert('scanText', findings, 1);
        const file = path.join(dir, 'h.csv');
        writeFileSync(file, text);
        assertInert('scanFile', (await scanFile(file, options)).findings, 1);
      }
    });
  }

  it('the username itself stays exact in the finding (data, not text of ours)', () => {
    const f = scanText(hostileCsv('\x1b'), { format: 'csv' }).findings.find((x) => x.code === 'username-duplicate');
    assert.equal(f?.username, 'a\x1bb');
    assert.match(f!.message, /"a<U\+001B>b"/);
  });
});
