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
});
