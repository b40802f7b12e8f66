/**
 * The text a quick fix writes for an LDIF username (`encodeLdifValue`): the fixed value goes back
 * as `attr: value` when RFC 2849 allows it, and as `attr:: base64` when the value is not ASCII,
 * starts with a space, ":" or "<", or ends with a space (RFC 2849's SAFE-STRING), or when the
 * value was base64 already. Each text goes through the text scanner and both byte scanners.
 */
import assert from 'node:assert/strict';
import type { ScanResult } from '../../../src/usernames/types';
import { onEveryPath } from './ldifEveryPath.helpers';

type Fix = [code: string, newText: string, isBase64: boolean];

function fixesOf(r: ScanResult): Fix[] {
  return r.findings.filter((f) => f.fix).map((f) => [f.code, f.fix!.newText, f.fix!.isBase64]);
}

/** The fixes offered for `uid: <value>` (plain) in a one-entry file. */
function fixesFor(value: string): Fix[] {
  return onEveryPath(`dn: uid=a,dc=x\nuid: ${value}\n`, fixesOf, [Infinity, 1]);
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

describe('LDIF quick-fix text', () => {
  it('a fixed ASCII value is written plain, even with a space, ":" or "<" inside it', () => {
    assert.deepEqual(fixesFor('x '), [['username-whitespace', ': x', false]]);
    assert.deepEqual(fixesFor('alice smith '), [['username-whitespace', ': alice smith', false]]);
    assert.deepEqual(fixesFor('a:b '), [['username-whitespace', ': a:b', false]]);
    assert.deepEqual(fixesFor('a<b '), [['username-whitespace', ': a<b', false]]);
  });

  it('a fixed non-ASCII value is base64', () => {
    assert.deepEqual(fixesFor('jörg '), [['username-whitespace', `:: ${b64('jörg')}`, true]]);
  });

  it('a fixed value starting with ":" or "<" is base64', () => {
    assert.deepEqual(fixesFor(':ab '), [['username-whitespace', `:: ${b64(':ab')}`, true]]);
    assert.deepEqual(fixesFor('<ab '), [['username-whitespace', `:: ${b64('<ab')}`, true]]);
  });

  it('a fixed value that still ends with a space (the removal fix keeps it) is base64', () => {
    // "a", U+200B, " ": removing the invalid character leaves "a "; trimming gives "a\u200b".
    assert.deepEqual(fixesFor('a\u200b '), [
      ['username-invalid-character', `:: ${b64('a ')}`, true],
      ['username-whitespace', `:: ${b64('a\u200b')}`, true],
    ]);
  });

  it('a value that was base64 is fixed as base64, even when plain would do', () => {
    const text = `dn: uid=a,dc=x\nuid:: ${b64('bob ')}\n`;
    assert.deepEqual(onEveryPath(text, fixesOf, [Infinity, 1]), [['username-whitespace', `:: ${b64('bob')}`, true]]);
  });
});
