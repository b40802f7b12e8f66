// Redaction at its edges, output compared whole: what must go (a credential
// after any amount of white space, a JSON member spaced with any Unicode
// white space, a key that is exactly `code` as in RFC 6749 §4.1.2) and what
// must stay (keys that only contain "code", ordinary words).
import assert from 'node:assert/strict';
import { REDACTED, Redactor, redactText } from '../../../src/pingone';

describe('pingone: redaction edges', () => {
  it('an Authorization scheme in running text, after one space or several', () => {
    assert.equal(redactText('sent Bearer abc.def-ghi'), `sent Bearer ${REDACTED}`);
    assert.equal(redactText('sent basic  dXNlcjpwYXNz='), `sent basic ${REDACTED}`);
    assert.equal(redactText('sent Bearer\tabc'), `sent Bearer ${REDACTED}`);
  });

  it('JSON members spaced with non-ASCII white space around the colon are still read', () => {
    assert.equal(redactText('{"secret"\u00a0:\u2003"s3cr3t", "name": "ok"}'), `{"secret"\u00a0:\u2003"${REDACTED}", "name": "ok"}`);
    // Other characters there make it no member at all: nothing to redact, and nothing mangled.
    assert.equal(redactText('{"secret"x: "v"}'), '{"secret"x: "v"}');
  });

  it('structured fields: the key "code" (an authorization code) is blanked, keys that merely contain it are kept', () => {
    const r = new Redactor();
    assert.deepEqual(r.redactValue({ code: 'abc', errorCode: 'E1', codeName: 'n', Code: 'xyz' }), {
      code: REDACTED,
      errorCode: 'E1',
      codeName: 'n',
      Code: REDACTED,
    });
  });

  it('an authorization header line in a dump, however it is spaced or folded', () => {
    for (const line of ['authorization: Negotiate abc123', 'Authorization :Negotiate abc123', 'authorization:\n  Negotiate abc123'])
      assert.equal(redactText(`${line}, next`), `${line.slice(0, line.indexOf('orization') + 9)}: ${REDACTED}, next`, line);
    assert.equal(redactText('proxy-authorization:  Digest u=1}'), `proxy-authorization: ${REDACTED}}`);
  });

  it('JSON member names are read whole, any letter case; the colon is required', () => {
    assert.equal(redactText('{"AccessToken":"v1","Zsecret":"v2"}'), `{"AccessToken":"${REDACTED}","Zsecret":"${REDACTED}"}`);
    assert.equal(redactText('{"secret" \t\r\n: "v"}'), `{"secret" \t\r\n: "${REDACTED}"}`);
    // A list of strings has no members: nothing after "token" is a value.
    assert.equal(redactText('["token", "kept"]'), '["token", "kept"]');
    // JSON white space only (RFC 8259 §2): a form feed or a letter before the colon makes no member.
    assert.equal(redactText('{"secret"\f: "v"}'), '{"secret"\f: "v"}');
    assert.equal(redactText('{"secret"é: "v"}'), '{"secret"é: "v"}');
  });

  it('a JWT is redacted whole, every base64url character in it, up to the first character outside that alphabet', () => {
    const jwt = 'eyJ09AZaz-_.eyJ09AZaz-_.09AZaz-_';
    for (const after of [' ', '/', ':', '@', '[', '^', '`', '{', '~', '.', '+'])
      assert.equal(redactText(`t=${jwt}${after}x`), `t=${REDACTED}${after}x`, JSON.stringify(after));
    assert.equal(redactText(jwt), REDACTED);
  });

  it('JWT boundaries: 8 characters in the first part and 5 in the second are enough, one fewer is not; dots are required', () => {
    assert.equal(redactText('t eyJabcde.fghij.k'), `t ${REDACTED}`);
    assert.equal(redactText('t eyJabcd.fghij.k'), 't eyJabcd.fghij.k');
    assert.equal(redactText('t eyJabcde.fghi.k'), 't eyJabcde.fghi.k');
    assert.equal(redactText('t eyJabcde.fghij k'), 't eyJabcde.fghij k');
    assert.equal(redactText('eyJhbGciOi eyJzdWIiOiIx.sig'), 'eyJhbGciOi eyJzdWIiOiIx.sig', 'a space is not the first dot');
    // An eyJ inside a word starts no token, even when a token-like run follows it.
    assert.equal(redactText('xeyJabcdefgh.abcdefgh.abcdefgh.sig'), 'xeyJabcdefgh.abcdefgh.abcdefgh.sig');
    // A candidate that fails and ends in "-" is passed over (the scan goes on after it).
    assert.equal(redactText('eyJab- x eyJabcde.fghij.k'), `eyJab- x ${REDACTED}`);
  });

  it('structured fields: sensitive names with no value, a flag or a number keep them; deep values are cut at nine levels', () => {
    const r = new Redactor();
    assert.deepEqual(r.redactValue({ token: undefined, password: null, secretVisible: true, tokenTtl: 3600 }), {
      token: undefined,
      password: null,
      secretVisible: true,
      tokenTtl: 3600,
    });
    assert.equal(r.redactValue(new TypeError('bad client_secret=abc')), `TypeError: bad client_secret=${REDACTED}`);
    let deepObject: unknown = 'leaf';
    let deepArray: unknown = 'leaf';
    for (let i = 0; i < 10; i++) {
      deepObject = { a: deepObject };
      deepArray = [deepArray];
    }
    const cut = (value: unknown, levels: number): unknown => {
      let v = value as Record<string, unknown> | unknown[];
      for (let i = 0; i < levels; i++) v = (Array.isArray(v) ? v[0] : v.a) as typeof v;
      return v;
    };
    assert.equal(cut(r.redactValue(deepObject), 9), '[…]');
    assert.equal(cut(r.redactValue(deepArray), 9), '[…]');
    assert.deepEqual(cut(r.redactValue(deepObject), 8), { a: '[…]' });
  });
});
