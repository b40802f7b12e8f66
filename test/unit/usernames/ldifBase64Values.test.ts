/**
 * Base64 values (`attr:: value`, RFC 2849 `BASE64-STRING`) as the LDIF scanner reads them: which
 * characters make valid base64, where `=` padding may stand, trailing spaces, and base64 of bytes that
 * are not UTF-8. Each case checks the finding a user sees (message, range) or the value checked.
 */
import assert from 'node:assert/strict';
import { at, codes, ldif, only } from './helpers';

const NOT_BASE64 = 'is not valid base64 (RFC 2849 allows only A–Z, a–z, 0–9, "+", "/" and "=" padding)';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The one username value of `uid:: <b64>` and the record's ldif-syntax messages. */
function readBase64(b64: string): { value: string | undefined; syntax: string[] } {
  const r = ldif(`dn: uid=a,dc=x\nuid:: ${b64}\n`, { collectEntries: true });
  return { value: r.records![0].occurrences[0].value, syntax: only(r.findings, 'ldif-syntax').map((f) => f.message) };
}

describe('LDIF base64 values', () => {
  it('accepts every character of the base64 alphabet, and = as padding', () => {
    for (const ch of ALPHABET + '=') {
      const b64 = 'AAA' + ch;
      const got = readBase64(b64);
      assert.deepEqual(got.syntax, [], b64);
      assert.equal(got.value, Buffer.from(b64, 'base64').toString('utf8'), b64);
    }
  });

  it('refuses every other printable ASCII character, naming the value it cannot check', () => {
    for (let c = 0x21; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      if (ALPHABET.includes(ch) || ch === '=') continue;
      const r = ldif(`dn: uid=a,dc=x\nuid:: AAA${ch}\n`, { collectEntries: true });
      assert.deepEqual(
        r.findings.map((f) => [f.code, f.severity, f.message, ...at(f)]),
        [['ldif-syntax', 'error', `The uid value ${NOT_BASE64}; it cannot be checked.`, 1, 6, 1, 10]],
        ch
      );
      assert.equal(r.records![0].occurrences[0].value, undefined, ch);
    }
  });

  it('allows at most two = and only at the end', () => {
    assert.deepEqual(readBase64('QQ=='), { value: 'A', syntax: [] });
    assert.deepEqual(readBase64('QUI='), { value: 'AB', syntax: [] });
    for (const bad of ['Q===', 'QQ=A', '=QQQ', 'Q=Q=', 'QUI!', 'QQ!=']) {
      assert.deepEqual(readBase64(bad), { value: undefined, syntax: [`The uid value ${NOT_BASE64}; it cannot be checked.`] }, bad);
    }
  });

  it('ignores trailing spaces, but not a length that is no multiple of 4', () => {
    assert.deepEqual(readBase64('QQ==   '), { value: 'A', syntax: [] });
    assert.deepEqual(readBase64('QUJD '), { value: 'ABC', syntax: [] });
    assert.deepEqual(readBase64('QUJ'), { value: undefined, syntax: [`The uid value ${NOT_BASE64}; it cannot be checked.`] });
    assert.deepEqual(readBase64('QUJDR'), { value: undefined, syntax: [`The uid value ${NOT_BASE64}; it cannot be checked.`] });
    // A space inside is no base64 character, even before trailing ones.
    assert.deepEqual(readBase64('QU JD  '), { value: undefined, syntax: [`The uid value ${NOT_BASE64}; it cannot be checked.`] });
    // Only spaces: an empty value, which is valid base64 of nothing.
    const empty = ldif('dn: uid=a,dc=x\nuid::   \n');
    assert.deepEqual(codes(only(empty.findings, 'ldif-syntax')), []);
  });

  it('reports base64 of bytes that are not UTF-8', () => {
    const r = ldif('dn: uid=a,dc=x\nuid:: /w==\n');
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.severity, f.message, ...at(f)]),
      [['ldif-syntax', 'error', 'The uid value is base64 of bytes that are not valid UTF-8; it cannot be checked.', 1, 6, 1, 10]]
    );
  });

  it('reads a base64 DN and reports one that is not base64', () => {
    // The decoded DN is what the missing-username finding quotes.
    const good = ldif(`dn:: ${Buffer.from('uid=bob,dc=x').toString('base64')}\nobjectClass: person\n`);
    assert.deepEqual(
      good.findings.map((f) => f.message),
      [
        'Entry has no uid attribute; PingOne requires a username. Its DN has uid=bob, but the RDN alone does not give the entry a uid attribute.',
      ]
    );
    const bad = ldif('dn:: dWlkPWEsZGM9eA!=\nuid: a\n');
    assert.deepEqual(
      bad.findings.map((f) => [f.code, f.severity, f.message, ...at(f)]),
      [['ldif-syntax', 'error', `DN ${NOT_BASE64}.`, 0, 5, 0, 21]]
    );
  });
});
