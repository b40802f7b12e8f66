import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkEmail,
  checkUsername,
  countCodePoints,
  describeCodePoint,
  isWellFormedEmail,
  scanText,
  type Profile,
} from '../../../src/usernames';

const codesOf = (v: string, p: Profile) => checkUsername(v, p).map((x) => x.code);

describe('username rules', () => {
  it('missing: empty value is an error in every profile', () => {
    for (const p of ['api', 'guide', 'strict'] as const) assert.deepEqual(codesOf('', p), ['username-missing']);
  });

  it('too long: counts code points, 128 allowed', () => {
    assert.deepEqual(codesOf('a'.repeat(128), 'api'), []);
    assert.deepEqual(codesOf('a'.repeat(129), 'api'), ['username-too-long']);
    assert.deepEqual(codesOf('😀'.repeat(128), 'api'), []);
    assert.match(checkUsername('😀'.repeat(129), 'api')[0].message, /129 characters long \(counted in Unicode code points\)/);
    assert.equal(countCodePoints('a😀\uD800'), 3);
  });

  it('invalid characters: outside L, M, N, P, S, Zs in every profile, named by code point', () => {
    const cases: Array<[string, string]> = [
      ['tab\there', 'U+0009 CHARACTER TABULATION'],
      ['zw\u200Bj', 'U+200B ZERO WIDTH SPACE'],
      ['nl\nx', 'U+000A LINE FEED'],
      ['a\u2028b', 'U+2028 LINE SEPARATOR'],
      ['\uE000x', 'U+E000 (private use)'],
      ['a\uFEFF', 'U+FEFF ZERO WIDTH NO-BREAK SPACE'],
      ['x\uD800', 'U+D800 (lone surrogate)'],
      ['a\u0378', 'U+0378 (unassigned)'],
    ];
    for (const [v, name] of cases) {
      for (const p of ['api', 'guide', 'strict'] as const) {
        const f = checkUsername(v, p).find((x) => x.code === 'username-invalid-character');
        assert.ok(f, `${JSON.stringify(v)} ${p}`);
        assert.ok(f.message.includes(name), f.message);
      }
    }
    for (const v of ['alice', 'alice.smith@example.com', 'José_Ünal-1', 'a b', '1234', 'emoji😀', '<script>', '\u00A0x']) {
      assert.ok(!codesOf(v, 'api').includes('username-invalid-character'), v);
    }
  });

  it('white space: leading/trailing is a warning with a trim fix', () => {
    const [w] = checkUsername(' alice\u00A0', 'api');
    assert.equal(w.code, 'username-whitespace');
    assert.equal(w.severity, 'warning');
    assert.match(w.message, /leading and trailing/);
    assert.deepEqual(w.fix, { kind: 'trim', value: 'alice' });
  });

  it('profiles: api accepts the API pattern; guide adds the format warning; strict also flags digits', () => {
    const table: Array<[string, string[], string[], string[]]> = [
      // value, api, guide, strict
      ['user.0', [], [], ['username-format']],
      ['jdoe', [], [], []],
      ['José_Ünal-x', [], [], []],
      ['a b', [], ['username-format'], ['username-format']],
      ['a+b', [], ['username-format'], ['username-format']],
      ['user.0@example.com', [], [], []],
      ['bad@', [], ['username-format'], ['username-format']],
      ['emoji😀', [], ['username-format'], ['username-format']],
      ['١٢٣', [], [], ['username-format']],
    ];
    for (const [v, api, guide, strict] of table) {
      assert.deepEqual(codesOf(v, 'api'), api, `api ${v}`);
      assert.deepEqual(codesOf(v, 'guide'), guide, `guide ${v}`);
      assert.deepEqual(codesOf(v, 'strict'), strict, `strict ${v}`);
    }
    assert.match(checkUsername('a b', 'guide')[0].message, /U\+0020 SPACE/);
    assert.match(checkUsername('bad@', 'guide')[0].message, /looks like an email address but is not well-formed: nothing follows "@"/);
  });

  it('every character, one at a time, is judged by the rules’ own Unicode classes (ASCII through a table, the rest by regex)', () => {
    // The rules as written in README "Username rules", one character between two letters.
    const api = /^[\p{L}\p{M}\p{Zs}\p{S}\p{N}\p{P}]$/u,
      guide = /^[\p{L}\p{M}\p{Nd}._-]$/u,
      strict = /^[\p{L}\p{M}._-]$/u,
      white = /^\p{White_Space}$/u;
    const units = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));
    // Astral characters (a pair is one character) and a lone surrogate of each kind at the value's end.
    const more = ['\u{1F600}', '\u{10400}', '\u{1D7D8}', '\u{E0041}', '\u{20000}'];
    for (const ch of [...units, ...more]) {
      const inner = checkUsername(`a${ch}b`, 'guide');
      const invalid = inner.find((f) => f.code === 'username-invalid-character');
      assert.equal(invalid !== undefined, !api.test(ch), `invalid character U+${ch.codePointAt(0)!.toString(16)}`);
      if (invalid) assert.deepEqual([invalid.index, invalid.length], [1, ch.length]);
      // Followed by NUL (never accepted): the first character it points at is this one or the NUL.
      const [beforeNul] = checkUsername(`a${ch}\u0000`, 'api');
      assert.equal(beforeNul.index, api.test(ch) ? 1 + ch.length : 1, `invalid character U+${ch.codePointAt(0)!.toString(16)} before NUL`);
      const format = inner.find((f) => f.code === 'username-format');
      assert.equal(format !== undefined, api.test(ch) && !guide.test(ch), `guide format U+${ch.codePointAt(0)!.toString(16)}`);
      // `a@b` is judged as an email address: its message says why, with no one character to point at.
      if (format) assert.deepEqual([format.index, format.length], ch === '@' ? [undefined, undefined] : [1, ch.length]);
      if (api.test(ch) && ch !== '@') {
        const strictFormat = checkUsername(`a${ch}b`, 'strict').find((f) => f.code === 'username-format');
        assert.equal(strictFormat !== undefined, !strict.test(ch), `strict format U+${ch.codePointAt(0)!.toString(16)}`);
        // Followed by "+" (never accepted by the format rule): the first character it points at is this one or the "+".
        for (const [profile, accepts] of [
          ['guide', guide],
          ['strict', strict],
        ] as const) {
          const [f] = checkUsername(`a${ch}+`, profile).filter((x) => x.code === 'username-format');
          assert.equal(f.index, accepts.test(ch) ? 1 + ch.length : 1, `${profile} format U+${ch.codePointAt(0)!.toString(16)}+`);
        }
      }
      const edge = checkUsername(`${ch}a`, 'api').find((f) => f.code === 'username-whitespace');
      assert.equal(edge !== undefined, white.test(ch), `white space U+${ch.codePointAt(0)!.toString(16)}`);
    }
    for (const lone of ['\uD800', '\uDFFF']) {
      const [f] = checkUsername(`ab${lone}`, 'guide');
      assert.deepEqual([f.code, f.index, f.length], ['username-invalid-character', 2, 1]);
    }
  });

  it('profiles and severities through the scanner', () => {
    const text = 'dn: uid=a,dc=x\nuid: user 0\n';
    assert.deepEqual(scanText(text, { format: 'ldif', profile: 'api' }).findings, []);
    assert.equal(scanText(text, { format: 'ldif', profile: 'guide' }).findings[0].severity, 'warning');
    const raised = scanText(text, { format: 'ldif', severities: { 'username-format': 'error' } });
    assert.equal(raised.findings[0].severity, 'error');
    assert.equal(raised.errors, 1);
    assert.deepEqual(scanText(text, { format: 'ldif', severities: { 'username-format': 'off' } }).findings, []);
    const capped = scanText('username\na b\nc d\ne f\n', { format: 'csv', maxFindings: 2 });
    assert.equal(capped.findings.length, 2);
    assert.equal(capped.truncated, true);
  });

  it('names code points', () => {
    assert.equal(describeCodePoint(0x200b), 'U+200B ZERO WIDTH SPACE');
    assert.equal(describeCodePoint(0x41), 'U+0041 LATIN CAPITAL LETTER A');
    assert.equal(describeCodePoint(0x1f4a9), 'U+1F4A9 (symbol)');
    assert.equal(describeCodePoint(0x85), 'U+0085 NEXT LINE (NEL)');
  });
});

describe('well-formed email (exact rule in src/usernames/email.ts)', () => {
  const valid = [
    'a@b.co',
    'user.0@example.com',
    "o'brien+tag@x.org",
    '!#$%&*+-/=?^_`{|}~@x.io',
    'josé@exämple.de',
    '用户@例子.广告',
    '"john doe"@example.com',
    '"a\\"b"@example.com',
    '"a@b"@example.com',
    'a@xn--bcher-kva.com',
    'a@b-c.d-e.com',
    'a@1.2.3.com',
  ];
  const invalid: Array<[string, RegExp]> = [
    ['plain', /no "@"/],
    ['@x.com', /empty/],
    ['a.@x.com', /starts or ends with a dot/],
    ['.a@x.com', /starts or ends/],
    ['a..b@x.com', /two dots/],
    ['a b@x.com', /outside quotes/],
    ['a@localhost', /single label/],
    ['a@x..com', /empty label/],
    ['a@-x.com', /starts or ends with "-"/],
    ['a@x.com.', /empty label/],
    ['a@[192.0.2.1]', /address literals/],
    ['a@1.2.3.4', /all digits/],
    ['a@x_y.com', /contains "_"/],
    ['"unclosed@x.com', /not closed/],
    ['a(comment)@x.com', /outside quotes/],
    ['a@b@c.com', /outside quotes/],
    [`a@${'x'.repeat(64)}.com`, /longer than 63/],
  ];
  for (const v of valid) it(`accepts ${v}`, () => assert.ok(isWellFormedEmail(v), JSON.stringify(checkEmail(v))));
  for (const [v, why] of invalid) {
    it(`rejects ${v}`, () => {
      const r = checkEmail(v);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, why);
    });
  }
  it('never throws and is consistent with the guide profile (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.emailAddress(), (s, e) => {
        checkEmail(s);
        checkUsername(s, 'guide');
        // fast-check's RFC-ish addresses (without IP literals / quoted parts) pass.
        if (!/\[|"/.test(e) && e.split('@')[1].includes('.') && !/^[0-9]+$/.test(e.split('.').pop()!)) assert.ok(isWellFormedEmail(e), e);
      }),
      { numRuns: 2000 }
    );
  });
});
