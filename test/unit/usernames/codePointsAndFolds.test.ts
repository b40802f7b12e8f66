/**
 * The two helpers every length and duplicate rule leans on: counting code
 * points (PingOne limits usernames to 128 of them) and the case/normalisation
 * fold of the "differ only in case" duplicate warning; and the edges of
 * checkUsername that its fast paths could hide.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkUsername, countCodePoints, usernameFoldKey } from '../../../src/usernames/rules';

describe('countCodePoints', () => {
  it('counts a surrogate pair as one code point, at the edges of both surrogate ranges', () => {
    assert.equal(countCodePoints(''), 0);
    assert.equal(countCodePoints('a'), 1);
    assert.equal(countCodePoints('\u{1F600}'), 1);
    assert.equal(countCodePoints('\ud800\udc00'), 1);
    assert.equal(countCodePoints('\udbff\udfff'), 1);
    assert.equal(countCodePoints('a\u{10000}b\u{10FFFF}'), 4);
  });

  it('counts every unit that is not a high surrogate followed by a low one on its own', () => {
    assert.equal(countCodePoints('\ud7ff\udc00'), 2, 'U+D7FF is below the high surrogates');
    assert.equal(countCodePoints('\udc00\udc00'), 2, 'U+DC00 is a low surrogate, not a high one');
    assert.equal(countCodePoints('\ud800\udbff'), 2, 'a high surrogate after a high one');
    assert.equal(countCodePoints('\ud800\ue000'), 2, 'U+E000 is above the low surrogates');
    assert.equal(countCodePoints('\ud800'), 1, 'a lone high surrogate at the end');
    assert.equal(countCodePoints('a\ud83d'), 2);
    assert.equal(countCodePoints('\ud83dx'), 2);
    assert.equal(countCodePoints('\udc00'), 1);
  });

  it('equals the number of code points JavaScript iterates, for any UTF-16 text, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (s) => {
        assert.equal(countCodePoints(s), [...s].length);
      }),
      { numRuns: 2000 }
    );
  });
});

describe('usernameFoldKey', () => {
  it('folds a decomposed non-ASCII spelling to the same key as the composed one', () => {
    // Both spellings are wholly non-ASCII: GREEK CAPITAL LETTER ALPHA + COMBINING ACUTE ACCENT, and U+0386.
    assert.equal(usernameFoldKey('\u0391\u0301'), '\u03ac');
    assert.equal(usernameFoldKey('\u0386'), '\u03ac');
    assert.equal(usernameFoldKey('Jose\u0301'), 'jos\u00e9');
    assert.equal(usernameFoldKey('JDoe'), 'jdoe');
  });
});

describe('checkUsername: edges behind the fast paths', () => {
  it('says why an empty username is a problem', () => {
    assert.deepEqual(checkUsername(''), [
      { code: 'username-missing', severity: 'error', message: 'Username is empty; PingOne requires one.' },
    ]);
  });

  it('offers no fix when every character is one PingOne refuses (removing them would leave nothing)', () => {
    const [v] = checkUsername('\u0001\u0002');
    assert.equal(v.code, 'username-invalid-character');
    assert.equal(v.fix, undefined);
    assert.deepEqual(checkUsername('a\u0001')[0].fix, { kind: 'remove-invalid', value: 'a' });
  });

  it('warns about a username made only of punctuation and symbols in the guide profile', () => {
    assert.deepEqual(
      checkUsername('#$%').map((v) => [v.code, v.index]),
      [['username-format', 0]]
    );
  });

  it('names the first character outside the guide profile, past digits the guide allows', () => {
    const [v] = checkUsername('jos\u00e91#');
    assert.equal(v.code, 'username-format');
    assert.equal(v.index, 5);
    assert.match(v.message, /has U\+0023 NUMBER SIGN, which is not one of letters, marks, digits/);
  });

  it('checks no format in the api profile, whatever the characters PingOne accepts', () => {
    assert.deepEqual(checkUsername('jos\u00e9#1', 'api'), []);
    assert.deepEqual(
      checkUsername('jos\u00e9#1', 'strict').map((v) => v.code),
      ['username-format']
    );
  });
});
