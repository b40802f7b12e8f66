// Every reason checkEmail gives, word for word, for the rule in src/usernames/email.ts (RFC 5322
// section 3.4.1 addr-spec without obsolete forms; RFC 6531 non-ASCII; RFC 5890 labels), and the
// warning text the guide profile builds from it.
import assert from 'node:assert/strict';
import { checkEmail, checkUsername } from '../../../src/usernames';

const reason = (v: string) => {
  const r = checkEmail(v);
  return r.ok ? 'ok' : r.reason;
};

describe('checkEmail: the quoted local part', () => {
  const cases: Array<[string, string]> = [
    ['"john doe"@example.com', 'ok'],
    ['"a\\"b"@example.com', 'ok'],
    ['"a\\\\b"@example.com', 'ok'],
    ['"a\\ b"@example.com', 'ok'],
    ['"a\\~b"@example.com', 'ok'],
    ['"é ü"@example.com', 'ok'],
    ['"a\u00a0b"@example.com', 'ok'],
    ['"😀x"@example.com', 'ok'],
    ['""@example.com', 'ok'],
    ['"@example.com', 'the quoted part before "@" is not closed'],
    ['"abc@example.com', 'the quoted part before "@" is not closed'],
    ['"a"b"@example.com', 'the quoted part before "@" has an unescaped quote'],
    ['"a\\"@example.com', 'a backslash in the quoted part escapes nothing printable'],
    ['"a\\\tb"@example.com', 'a backslash in the quoted part escapes nothing printable'],
    ['"a\\\u007fb"@example.com', 'a backslash in the quoted part escapes nothing printable'],
    ['"a\\éb"@example.com', 'a backslash in the quoted part escapes nothing printable'],
    ['"a\tb"@example.com', 'the quoted part before "@" has a control character'],
    ['"a\u001fb"@example.com', 'the quoted part before "@" has a control character'],
    ['"a\u007fb"@example.com', 'the quoted part before "@" has a control character'],
    ['"a\u200bb"@example.com', 'the quoted part before "@" has an invisible character'],
    ['"a\u0080b"@example.com', 'the quoted part before "@" has an invisible character'],
    ['"a\u0085b"@example.com', 'the quoted part before "@" has an invisible character'],
    ['"a\u2028b"@example.com', 'the quoted part before "@" has an invisible character'],
    ['"a\u3000b"@example.com', 'the quoted part before "@" has an invisible character'],
  ];
  for (const [v, want] of cases) it(`${JSON.stringify(v)}: ${want}`, () => assert.equal(reason(v), want));

  it('a character after an astral one is still checked (the index steps over both UTF-16 units)', () => {
    assert.equal(reason('"😀\u200b"@example.com'), 'the quoted part before "@" has an invisible character');
    assert.equal(reason('"😀""@example.com'), 'the quoted part before "@" has an unescaped quote');
  });
});

describe('checkEmail: the dot-atom local part and the domain', () => {
  const cases: Array<[string, string]> = [
    ['a@b.co', 'ok'],
    ['\u0080@b.co', 'the part before "@" contains "<U+0080>" outside quotes'],
    ['a\u00a0b@b.co', 'the part before "@" contains "\u00a0" outside quotes'],
    ['é@b.co', 'ok'],
    ['a@b.co.', 'the domain has an empty label (leading, trailing or double dot)'],
    ['a@.b.co', 'the domain has an empty label (leading, trailing or double dot)'],
    ['a@', 'nothing follows "@"'],
    ['a@[b.co', 'address literals such as [192.0.2.1] are not accepted'],
    ['a@bco', 'the domain has a single label (no dot)'],
    [`a@${'x'.repeat(63)}.com`, 'ok'],
    [`a@${'é'.repeat(63)}.com`, 'ok'],
    [`a@${'😀'.repeat(10)}.com`, 'the domain contains "😀"'],
    [`a@${'x'.repeat(64)}.com`, 'a domain label is longer than 63 characters'],
    ['a@b-.co', 'a domain label starts or ends with "-"'],
    ['a@b.-co', 'a domain label starts or ends with "-"'],
    ['a@b.c-o', 'ok'],
    ['a@b.c_o', 'the domain contains "_"'],
    ['a@b.c\u00a0o', 'the domain contains "\u00a0"'],
    ['a@exämple.de', 'ok'],
    ['a@b.co1', 'ok'],
    ['a@b.1co', 'ok'],
    ['a@b.123', 'the top-level domain is all digits'],
    ['a@b.1', 'the top-level domain is all digits'],
    ['a@123.co', 'ok'],
  ];
  for (const [v, want] of cases) it(`${JSON.stringify(v)}: ${want}`, () => assert.equal(reason(v), want));
});

describe('the guide profile words the format warning from the email check', () => {
  it('an address that is not well-formed says why, and points at no single character', () => {
    const [f] = checkUsername('"a"b"@example.com', 'guide');
    assert.deepEqual(
      { code: f.code, severity: f.severity, message: f.message, index: f.index, length: f.length },
      {
        code: 'username-format',
        severity: 'warning',
        message: 'Username looks like an email address but is not well-formed: the quoted part before "@" has an unescaped quote.',
        index: undefined,
        length: undefined,
      }
    );
  });
});
