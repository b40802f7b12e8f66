/**
 * Two small contracts the scanners rely on. `readPlain` says whether bytes
 * are the common valid username (1 to 128 of `[A-Za-z0-9._-]`, no digits in
 * the strict profile) and hashes its lower-case fold key: a wrong "no" only
 * sends the value down the slow path, so the scan's output cannot catch it;
 * these assertions do. And each certain fix a finding carries says what it
 * does and how the value was written.
 */
import assert from 'node:assert/strict';
import { scanText } from '../../../src/usernames';
import { FNV_PRIME, FNV_SEED } from '../../../src/usernames/aggregate';
import { lastPlain, readPlain } from '../../../src/usernames/plainBytes';
import { finding } from '../../../src/usernames/records';

/** FNV-1a of the lower-case key, as the duplicate index hashes it. */
function foldHash(s: string): number {
  let h = FNV_SEED;
  for (const c of s.toLowerCase()) h = Math.imul(h ^ c.charCodeAt(0), FNV_PRIME);
  return h;
}

/** `readPlain` on `value` placed inside other bytes, so offsets other than 0 are used. */
function plain(value: string, strict = false): boolean {
  const buf = Buffer.from(`##${value}##`, 'latin1');
  return readPlain(buf, 2, 2 + value.length, strict);
}

describe('plain usernames read from bytes, and the fixes findings carry', () => {
  describe('readPlain', () => {
    it('accepts 1 to 128 plain characters, not 0 or 129', () => {
      assert.equal(plain(''), false);
      assert.equal(plain('a'), true);
      assert.equal(plain('a'.repeat(128)), true);
      assert.equal(plain('a'.repeat(129)), false);
    });

    it('accepts letters, digits, ".", "_" and "-"; refuses any other byte', () => {
      assert.equal(plain('Alice.Smith_01-x'), true);
      for (const c of [' ', '@', '+', '/', ':', '\x00', '\x7f', '\xe9', ',']) assert.equal(plain(`a${c}b`), false, JSON.stringify(c));
    });

    it('the strict profile refuses digits, and only digits', () => {
      assert.equal(plain('user1', true), false);
      assert.equal(plain('user.name-x_Y', true), true);
    });

    it('hashes the lower-case key and says whether the value had capitals, fresh on each call', () => {
      assert.equal(plain('Alice.Smith'), true);
      assert.deepEqual({ ...lastPlain }, { hash: foldHash('alice.smith'), cased: true });
      assert.equal(plain('alice.smith'), true);
      assert.deepEqual({ ...lastPlain }, { hash: foldHash('alice.smith'), cased: false });
      assert.equal(plain('Z09-_.'), true);
      assert.equal(lastPlain.hash, foldHash('z09-_.'));
    });
  });

  describe('findings and their fixes', () => {
    it('a finding about no username has no username member at all', () => {
      const range = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 1 };
      assert.deepEqual(Object.keys(finding('ldif-syntax', 'error', 'm', range)), ['code', 'severity', 'message', 'range']);
      assert.equal(finding('username-invalid-character', 'error', 'm', range, 'a b').username, 'a b');
    });

    it('a trim fix and a remove fix each say what they do, and whether the value was base64', () => {
      const text = [
        'dn: uid=a,dc=x',
        'uid: alice ',
        '',
        'dn: uid=b,dc=x',
        'uid: bo\u0007b',
        '',
        'dn: uid=c,dc=x',
        `uid:: ${Buffer.from('car\u200bol').toString('base64')}`,
        '',
        'dn: uid=e,dc=x',
        `uid:: ${Buffer.from(' carl').toString('base64')}`,
        '',
      ].join('\n');
      const fixes = scanText(text, { format: 'ldif' })
        .findings.filter((f) => f.fix)
        .map((f) => ({ value: f.fix!.value, kind: f.fix!.kind, title: f.fix!.title, wasBase64: f.fix!.wasBase64 }));
      assert.deepEqual(fixes, [
        { value: 'alice', kind: 'trim', title: 'Trim white space from the username', wasBase64: false },
        { value: 'bob', kind: 'remove-invalid', title: 'Remove the characters PingOne does not accept', wasBase64: false },
        { value: 'carol', kind: 'remove-invalid', title: 'Remove the characters PingOne does not accept', wasBase64: true },
        { value: 'carl', kind: 'trim', title: 'Trim white space from the username', wasBase64: true },
      ]);
    });
  });
});
