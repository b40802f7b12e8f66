// Every violation checkUsername reports, as a whole (code, severity, message, span, fix), for the
// rules in README.md "Username rules"; and the helpers the scanners use beside it.
import assert from 'node:assert/strict';
import {
  checkUsername,
  countCodePoints,
  hasOnlyApiCharacters,
  isPlainUsername,
  isWhiteSpace,
  usernameFoldKey,
  type RuleViolation,
} from '../../../src/usernames/rules';
import type { Profile } from '../../../src/usernames/types';

const check = (value: string, profile: Profile): RuleViolation[] => checkUsername(value, profile);
const invalid = (message: string, index: number, length: number, fix?: string): RuleViolation => ({
  code: 'username-invalid-character',
  severity: 'error',
  message,
  index,
  length,
  fix: fix === undefined ? undefined : { kind: 'remove-invalid', value: fix },
});
const white = (where: string, name: string, index: number, length: number, fix?: string): RuleViolation => ({
  code: 'username-whitespace',
  severity: 'warning',
  message: `Username has ${where} white space (${name}); PingOne may keep or reject it.`,
  index,
  length,
  fix: fix === undefined ? undefined : { kind: 'trim', value: fix },
});
const GUIDE_SET = 'letters, marks, digits, ".", "_" and "-"';
const STRICT_SET = 'letters, marks, ".", "_" and "-" (profile strict: no digits)';

describe('checkUsername: invalid characters', () => {
  it('one character: its name and its position in code points', () => {
    assert.deepEqual(check('\u200b', 'api'), [
      invalid('Username contains U+200B ZERO WIDTH SPACE at character 1, which PingOne does not accept.', 0, 1),
    ]);
    assert.deepEqual(check('😀\u0000', 'api'), [
      invalid('Username contains U+0000 NULL at character 2, which PingOne does not accept.', 2, 1, '😀'),
    ]);
    assert.deepEqual(check('\uDC00a', 'guide'), [
      invalid('Username contains U+DC00 (lone surrogate) at character 1, which PingOne does not accept.', 0, 1, 'a'),
    ]);
  });

  it('several: how many, the first three distinct names and how many more, where the first is', () => {
    assert.deepEqual(check('a\u0000b\u0001c\u0002d\u0003e', 'api'), [
      invalid(
        'Username contains 4 characters PingOne does not accept: U+0000 NULL, U+0001 START OF HEADING, U+0002 START OF TEXT and 1 more (first at character 2).',
        1,
        1,
        'abcde'
      ),
    ]);
    assert.deepEqual(check('a\u0000\u0001\u0002b', 'api'), [
      invalid(
        'Username contains 3 characters PingOne does not accept: U+0000 NULL, U+0001 START OF HEADING, U+0002 START OF TEXT (first at character 2).',
        1,
        1,
        'ab'
      ),
    ]);
    assert.deepEqual(check('a\u0000\u0000b', 'api'), [
      invalid('Username contains 2 characters PingOne does not accept: U+0000 NULL (first at character 2).', 1, 1, 'ab'),
    ]);
  });

  it('no fix when nothing would be left', () => {
    assert.deepEqual(check('\u0000\u0001', 'api')[0].fix, undefined);
  });

  it('with an invalid character, white space is still reported but the format is not', () => {
    assert.deepEqual(check('a\t', 'guide'), [
      invalid('Username contains U+0009 CHARACTER TABULATION at character 2, which PingOne does not accept.', 1, 1, 'a'),
      white('trailing', 'U+0009 CHARACTER TABULATION', 1, 1, 'a'),
    ]);
  });
});

describe('checkUsername: white space', () => {
  it('leading, trailing, both, and all white', () => {
    assert.deepEqual(check(' a', 'guide'), [white('leading', 'U+0020 SPACE', 0, 1, 'a')]);
    assert.deepEqual(check('a\u00a0\u00a0', 'api'), [white('trailing', 'U+00A0 NO-BREAK SPACE', 1, 2, 'a')]);
    assert.deepEqual(check('\u3000 a  ', 'api'), [white('leading and trailing', 'U+3000 IDEOGRAPHIC SPACE', 0, 2, 'a')]);
    assert.deepEqual(check(' ', 'api'), [white('leading and trailing', 'U+0020 SPACE', 0, 1)]);
  });

  it('the format check reads the trimmed value and points into the untrimmed one', () => {
    assert.deepEqual(check('\u3000a b', 'guide'), [
      white('leading', 'U+3000 IDEOGRAPHIC SPACE', 0, 1, 'a b'),
      {
        code: 'username-format',
        severity: 'warning',
        message: `Username is not an email address and has U+0020 SPACE, which is not one of ${GUIDE_SET}.`,
        index: 2,
        length: 1,
      },
    ]);
    assert.deepEqual(check(' user@example.com ', 'strict'), [white('leading and trailing', 'U+0020 SPACE', 0, 1, 'user@example.com')]);
  });
});

describe('checkUsername: format (guide and strict)', () => {
  it('the first character outside the set, by profile, with its UTF-16 span', () => {
    assert.deepEqual(check('a#b', 'strict'), [
      {
        code: 'username-format',
        severity: 'warning',
        message: `Username is not an email address and has U+0023 NUMBER SIGN, which is not one of ${STRICT_SET}.`,
        index: 1,
        length: 1,
      },
    ]);
    assert.deepEqual(check('ab1', 'strict'), [
      {
        code: 'username-format',
        severity: 'warning',
        message: `Username is not an email address and has U+0031 DIGIT ONE, which is not one of ${STRICT_SET}.`,
        index: 2,
        length: 1,
      },
    ]);
    assert.deepEqual(check('a😀', 'guide'), [
      {
        code: 'username-format',
        severity: 'warning',
        message: `Username is not an email address and has U+1F600 GRINNING FACE, which is not one of ${GUIDE_SET}.`,
        index: 1,
        length: 2,
      },
    ]);
    assert.deepEqual(check('ab1', 'guide'), []);
    assert.deepEqual(check('a#b', 'api'), []);
  });

  it('the same character in both profiles, in either order and again, gets the message of the profile asked', () => {
    // The format messages are kept by profile and character: a kept message must never answer the other profile.
    const guide = `Username is not an email address and has U+0023 NUMBER SIGN, which is not one of ${GUIDE_SET}.`;
    const strict = `Username is not an email address and has U+0023 NUMBER SIGN, which is not one of ${STRICT_SET}.`;
    for (const [value, profile, message] of [
      ['x#1', 'guide', guide],
      ['y#2', 'strict', strict],
      ['z#', 'strict', strict],
      ['w#', 'guide', guide],
    ] as const) {
      assert.equal(check(value, profile)[0]?.message, message, `${value} (${profile})`);
    }
  });

  it('thousands of different characters: each message names its own, past any limit on kept messages', () => {
    let named = 0;
    for (let round = 0; round < 2; round++) {
      for (let cp = 0x2600; cp < 0x2600 + 1500; cp++) {
        const ch = String.fromCodePoint(cp);
        if (/[\p{L}\p{M}\p{Nd}]/u.test(ch) || !/[\p{L}\p{M}\p{Zs}\p{S}\p{N}\p{P}]/u.test(ch)) continue;
        for (const [profile, set] of [
          ['guide', GUIDE_SET],
          ['strict', STRICT_SET],
        ] as const) {
          const [v] = check(`a${ch}`, profile);
          const message = v?.message ?? '';
          assert.ok(
            message.startsWith(`Username is not an email address and has U+${cp.toString(16).toUpperCase()} `),
            `${message} (${profile})`
          );
          assert.ok(message.endsWith(`, which is not one of ${set}.`), `${message} (${profile})`);
          named++;
        }
      }
    }
    assert.ok(named > 2 * 2000, `${named} messages checked`);
  });

  it('a value with "@" is judged as an address, with no span', () => {
    assert.deepEqual(check('é@', 'guide'), [
      {
        code: 'username-format',
        severity: 'warning',
        message: 'Username looks like an email address but is not well-formed: nothing follows "@".',
        index: undefined,
        length: undefined,
      },
    ]);
    assert.deepEqual(check('"a b"@example.com', 'strict'), []);
    assert.deepEqual(check('user1@example.com', 'strict'), []);
  });
});

describe('checkUsername: length', () => {
  it('too long is counted in code points, and the other checks still run', () => {
    assert.deepEqual(check('a'.repeat(130) + ' ', 'api'), [
      {
        code: 'username-too-long',
        severity: 'error',
        message: 'Username is 131 characters long (counted in Unicode code points); PingOne allows at most 128.',
      },
      white('trailing', 'U+0020 SPACE', 130, 1, 'a'.repeat(130)),
    ]);
    assert.deepEqual(check('😀'.repeat(128), 'api'), []);
    assert.equal(check('😀'.repeat(129), 'api').length, 1);
  });

  it('past 4096 UTF-16 units only the first 4096 are searched for invalid characters', () => {
    const tooLong = (n: number) => ({
      code: 'username-too-long',
      severity: 'error',
      message: `Username is ${n} characters long (counted in Unicode code points); PingOne allows at most 128.`,
    });
    assert.deepEqual(check('x'.repeat(4097), 'guide'), [tooLong(4097)]);
    assert.deepEqual(check('x'.repeat(4096) + '\u0000', 'api'), [tooLong(4097)]);
    assert.deepEqual(check('😀'.repeat(10) + '\u0000' + '\u0001' + 'x'.repeat(4100), 'api'), [
      tooLong(4112),
      {
        code: 'username-invalid-character',
        severity: 'error',
        index: 20,
        length: 1,
        message:
          'Username contains characters PingOne does not accept: U+0000 NULL, U+0001 START OF HEADING (first at character 11; only the first 4096 characters were checked).',
      },
    ]);
    // At exactly 4096 units the value is still checked whole.
    const v = 'x'.repeat(4095) + ' ';
    assert.deepEqual(
      check(v, 'api').map((x) => x.code),
      ['username-too-long', 'username-whitespace']
    );
  });
});

describe('rule helpers', () => {
  it('isPlainUsername: short ASCII letters, digits, ".", "_", "-"; no digits in strict', () => {
    assert.equal(isPlainUsername('a'.repeat(128), 'guide'), true);
    assert.equal(isPlainUsername('a'.repeat(129), 'guide'), false);
    assert.equal(isPlainUsername('', 'guide'), false);
    assert.equal(isPlainUsername('a.b_c-d', 'strict'), true);
    assert.equal(isPlainUsername('a1', 'strict'), false);
    assert.equal(isPlainUsername('a1', 'api'), true);
    assert.equal(isPlainUsername('a b', 'api'), false);
  });

  it('usernameFoldKey: lower case after NFC; long values as they are', () => {
    assert.equal(usernameFoldKey('ABC'), 'abc');
    assert.equal(usernameFoldKey('E\u0301'), '\u00e9');
    assert.equal(usernameFoldKey('\u00c9'), '\u00e9');
    assert.equal(usernameFoldKey('A'.repeat(4096)), 'a'.repeat(4096));
    assert.equal(usernameFoldKey('A'.repeat(4097)), 'A'.repeat(4097));
  });

  it('countCodePoints, hasOnlyApiCharacters, isWhiteSpace', () => {
    assert.equal(countCodePoints(''), 0);
    assert.equal(countCodePoints('😀😀'), 2);
    assert.equal(countCodePoints('\ud83d'), 1);
    assert.equal(countCodePoints('\ude00\ud83d'), 2);
    assert.equal(countCodePoints('\ud83da'), 2);
    assert.equal(hasOnlyApiCharacters('José 😀 #1'), true);
    assert.equal(hasOnlyApiCharacters('a\u200b'), false);
    assert.equal(hasOnlyApiCharacters(''), true);
    assert.equal(isWhiteSpace('\u3000'), true);
    assert.equal(isWhiteSpace('\u200b'), false);
  });
});
