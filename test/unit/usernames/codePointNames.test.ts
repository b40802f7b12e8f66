// The names findings give to code points (src/usernames/unicodeNames.ts): names from the Unicode
// Character Database (UnicodeData.txt and NameAliases.txt), code point labels for unnamed code
// points (The Unicode Standard, section 4.8 "Name"), and the general category otherwise.
import assert from 'node:assert/strict';
import { categoryName, describeCodePoint, hex, unicodeName } from '../../../src/usernames/unicodeNames';

describe('code point names by rule', () => {
  it('hex: U+ and at least four upper-case digits', () => {
    assert.equal(hex(0), 'U+0000');
    assert.equal(hex(0xab), 'U+00AB');
    assert.equal(hex(0x1f600), 'U+1F600');
    assert.equal(hex(0x10ffff), 'U+10FFFF');
  });

  it('ASCII letters and digits, at both ends of each range', () => {
    assert.equal(unicodeName(0x41), 'LATIN CAPITAL LETTER A');
    assert.equal(unicodeName(0x5a), 'LATIN CAPITAL LETTER Z');
    assert.equal(unicodeName(0x61), 'LATIN SMALL LETTER A');
    assert.equal(unicodeName(0x7a), 'LATIN SMALL LETTER Z');
    assert.deepEqual(
      Array.from({ length: 10 }, (_, d) => unicodeName(0x30 + d)),
      ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'].map((n) => `DIGIT ${n}`)
    );
    // The neighbours of each range are named from the table, not by the letter or digit rule.
    assert.equal(unicodeName(0x40), 'COMMERCIAL AT');
    assert.equal(unicodeName(0x5b), 'LEFT SQUARE BRACKET');
    assert.equal(unicodeName(0x60), 'GRAVE ACCENT');
    assert.equal(unicodeName(0x7b), 'LEFT CURLY BRACKET');
    assert.equal(unicodeName(0x2f), 'SOLIDUS');
    assert.equal(unicodeName(0x3a), 'COLON');
  });

  it('C0 controls by their ISO 6429 names, C1 controls by name or by label', () => {
    assert.equal(unicodeName(0x00), 'NULL');
    assert.equal(unicodeName(0x09), 'CHARACTER TABULATION');
    assert.equal(unicodeName(0x1f), 'INFORMATION SEPARATOR ONE');
    assert.equal(unicodeName(0x20), 'SPACE');
    assert.equal(unicodeName(0x7f), 'DELETE');
    assert.equal(unicodeName(0x80), 'PADDING CHARACTER');
    assert.equal(unicodeName(0x81), '<control-0081>');
    assert.equal(unicodeName(0x8a), '<control-008A>');
    assert.equal(unicodeName(0x85), 'NEXT LINE (NEL)');
    assert.equal(unicodeName(0x9b), 'CONTROL SEQUENCE INTRODUCER');
    assert.equal(unicodeName(0x9f), '<control-009F>');
    assert.equal(unicodeName(0xa0), 'NO-BREAK SPACE');
  });

  it('variation selectors 1 to 16, and not their neighbours', () => {
    assert.equal(unicodeName(0xfe00), 'VARIATION SELECTOR-1');
    assert.equal(unicodeName(0xfe01), 'VARIATION SELECTOR-2');
    assert.equal(unicodeName(0xfe0e), 'VARIATION SELECTOR-15');
    assert.equal(unicodeName(0xfe0f), 'VARIATION SELECTOR-16');
    assert.equal(unicodeName(0xfdff), undefined);
    assert.equal(unicodeName(0xfe10), undefined);
  });

  it('tag characters by the ASCII character they shadow, CANCEL TAG, and not their neighbours', () => {
    assert.equal(unicodeName(0xe0001), 'LANGUAGE TAG');
    assert.equal(unicodeName(0xe0020), 'TAG SPACE');
    assert.equal(unicodeName(0xe0021), 'TAG EXCLAMATION MARK');
    assert.equal(unicodeName(0xe0030), 'TAG DIGIT ZERO');
    assert.equal(unicodeName(0xe0041), 'TAG LATIN CAPITAL LETTER A');
    assert.equal(unicodeName(0xe007a), 'TAG LATIN SMALL LETTER Z');
    assert.equal(unicodeName(0xe007e), 'TAG TILDE');
    assert.equal(unicodeName(0xe007f), 'CANCEL TAG');
    assert.equal(unicodeName(0xe001f), undefined);
    assert.equal(unicodeName(0xe0080), undefined);
  });

  it('a code point the table does not name has none', () => {
    for (const cp of [0xe9, 0x4e00, 0xe000, 0xd800, 0x378, 0x10ffff]) assert.equal(unicodeName(cp), undefined, hex(cp));
  });
});

describe('general categories in words', () => {
  const cases: Array<[number, string]> = [
    [0x41, 'uppercase letter'],
    [0x61, 'lowercase letter'],
    [0x1c5, 'letter'], // Lt: LATIN CAPITAL LETTER D WITH SMALL LETTER Z WITH CARON
    [0x4e00, 'letter'], // Lo
    [0x301, 'mark'],
    [0x663, 'decimal digit'],
    [0x2163, 'number'], // Nl: ROMAN NUMERAL FOUR
    [0xbd, 'number'], // No: VULGAR FRACTION ONE HALF
    [0x2d, 'punctuation'],
    [0x2b, 'symbol'],
    [0x20, 'space separator'],
    [0x2028, 'line separator'],
    [0x2029, 'paragraph separator'],
    [0x9, 'control'],
    [0x200b, 'format'],
    [0xe000, 'private use'],
    [0xd800, 'lone surrogate'],
    [0x378, 'unassigned'],
    [0x10ffff, 'unassigned'],
  ];
  for (const [cp, want] of cases) it(`${hex(cp)}: ${want}`, () => assert.equal(categoryName(cp), want));
});

describe('describeCodePoint', () => {
  it('the name when there is one, else the category in parentheses', () => {
    assert.equal(describeCodePoint(0x200b), 'U+200B ZERO WIDTH SPACE');
    assert.equal(describeCodePoint(0xe0041), 'U+E0041 TAG LATIN CAPITAL LETTER A');
    assert.equal(describeCodePoint(0xe9), 'U+00E9 (lowercase letter)');
    assert.equal(describeCodePoint(0x10ffff), 'U+10FFFF (unassigned)');
  });
});

/**
 * Every code point the table names, with its name in the Unicode Character Database (UnicodeData.txt,
 * or NameAliases.txt where UnicodeData.txt gives none, as for controls). Checked against the UCD when
 * written; four differ on purpose: U+0007 keeps its ISO 6429 name BELL (the UCD alias is ALERT, as
 * U+1F514 is named BELL), U+0085 shows both of its aliases, and the two noncharacters are labelled
 * without their code point, which the message shows beside the label anyway.
 */
const TABLE: Array<[number, string]> = [
  [0x0020, 'SPACE'],
  [0x0021, 'EXCLAMATION MARK'],
  [0x0022, 'QUOTATION MARK'],
  [0x0023, 'NUMBER SIGN'],
  [0x0024, 'DOLLAR SIGN'],
  [0x0025, 'PERCENT SIGN'],
  [0x0026, 'AMPERSAND'],
  [0x0027, 'APOSTROPHE'],
  [0x0028, 'LEFT PARENTHESIS'],
  [0x0029, 'RIGHT PARENTHESIS'],
  [0x002a, 'ASTERISK'],
  [0x002b, 'PLUS SIGN'],
  [0x002c, 'COMMA'],
  [0x002d, 'HYPHEN-MINUS'],
  [0x002e, 'FULL STOP'],
  [0x002f, 'SOLIDUS'],
  [0x003a, 'COLON'],
  [0x003b, 'SEMICOLON'],
  [0x003c, 'LESS-THAN SIGN'],
  [0x003d, 'EQUALS SIGN'],
  [0x003e, 'GREATER-THAN SIGN'],
  [0x003f, 'QUESTION MARK'],
  [0x0040, 'COMMERCIAL AT'],
  [0x005b, 'LEFT SQUARE BRACKET'],
  [0x005c, 'REVERSE SOLIDUS'],
  [0x005d, 'RIGHT SQUARE BRACKET'],
  [0x005e, 'CIRCUMFLEX ACCENT'],
  [0x005f, 'LOW LINE'],
  [0x0060, 'GRAVE ACCENT'],
  [0x007b, 'LEFT CURLY BRACKET'],
  [0x007c, 'VERTICAL LINE'],
  [0x007d, 'RIGHT CURLY BRACKET'],
  [0x007e, 'TILDE'],
  [0x007f, 'DELETE'],
  [0x0080, 'PADDING CHARACTER'],
  [0x0085, 'NEXT LINE (NEL)'],
  [0x009b, 'CONTROL SEQUENCE INTRODUCER'],
  [0x00a0, 'NO-BREAK SPACE'],
  [0x00a1, 'INVERTED EXCLAMATION MARK'],
  [0x00a7, 'SECTION SIGN'],
  [0x00a9, 'COPYRIGHT SIGN'],
  [0x00ab, 'LEFT-POINTING DOUBLE ANGLE QUOTATION MARK'],
  [0x00ad, 'SOFT HYPHEN'],
  [0x00ae, 'REGISTERED SIGN'],
  [0x00b0, 'DEGREE SIGN'],
  [0x00b4, 'ACUTE ACCENT'],
  [0x00b7, 'MIDDLE DOT'],
  [0x00bb, 'RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK'],
  [0x00bf, 'INVERTED QUESTION MARK'],
  [0x00d7, 'MULTIPLICATION SIGN'],
  [0x00f7, 'DIVISION SIGN'],
  [0x034f, 'COMBINING GRAPHEME JOINER'],
  [0x061c, 'ARABIC LETTER MARK'],
  [0x115f, 'HANGUL CHOSEONG FILLER'],
  [0x1680, 'OGHAM SPACE MARK'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x2000, 'EN QUAD'],
  [0x2001, 'EM QUAD'],
  [0x2002, 'EN SPACE'],
  [0x2003, 'EM SPACE'],
  [0x2004, 'THREE-PER-EM SPACE'],
  [0x2005, 'FOUR-PER-EM SPACE'],
  [0x2006, 'SIX-PER-EM SPACE'],
  [0x2007, 'FIGURE SPACE'],
  [0x2008, 'PUNCTUATION SPACE'],
  [0x2009, 'THIN SPACE'],
  [0x200a, 'HAIR SPACE'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x2010, 'HYPHEN'],
  [0x2011, 'NON-BREAKING HYPHEN'],
  [0x2012, 'FIGURE DASH'],
  [0x2013, 'EN DASH'],
  [0x2014, 'EM DASH'],
  [0x2018, 'LEFT SINGLE QUOTATION MARK'],
  [0x2019, 'RIGHT SINGLE QUOTATION MARK'],
  [0x201c, 'LEFT DOUBLE QUOTATION MARK'],
  [0x201d, 'RIGHT DOUBLE QUOTATION MARK'],
  [0x2022, 'BULLET'],
  [0x2026, 'HORIZONTAL ELLIPSIS'],
  [0x2028, 'LINE SEPARATOR'],
  [0x2029, 'PARAGRAPH SEPARATOR'],
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x202f, 'NARROW NO-BREAK SPACE'],
  [0x205f, 'MEDIUM MATHEMATICAL SPACE'],
  [0x2060, 'WORD JOINER'],
  [0x2061, 'FUNCTION APPLICATION'],
  [0x2062, 'INVISIBLE TIMES'],
  [0x2063, 'INVISIBLE SEPARATOR'],
  [0x2064, 'INVISIBLE PLUS'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0x206a, 'INHIBIT SYMMETRIC SWAPPING'],
  [0x206f, 'NOMINAL DIGIT SHAPES'],
  [0x20ac, 'EURO SIGN'],
  [0x2122, 'TRADE MARK SIGN'],
  [0x2212, 'MINUS SIGN'],
  [0x3000, 'IDEOGRAPHIC SPACE'],
  [0x3164, 'HANGUL FILLER'],
  [0xfe0f, 'VARIATION SELECTOR-16'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'],
  [0xff20, 'FULLWIDTH COMMERCIAL AT'],
  [0xfff9, 'INTERLINEAR ANNOTATION ANCHOR'],
  [0xfffc, 'OBJECT REPLACEMENT CHARACTER'],
  [0xfffd, 'REPLACEMENT CHARACTER'],
  [0xfffe, '<noncharacter>'],
  [0xffff, '<noncharacter>'],
  [0x1f600, 'GRINNING FACE'],
  [0xe0001, 'LANGUAGE TAG'],
];

describe('the name table', () => {
  it('names each C0 control by its ISO 6429 name (the UCD alias, BELL for U+0007)', () => {
    assert.deepEqual(
      Array.from({ length: 32 }, (_, cp) => unicodeName(cp)),
      [
        'NULL',
        'START OF HEADING',
        'START OF TEXT',
        'END OF TEXT',
        'END OF TRANSMISSION',
        'ENQUIRY',
        'ACKNOWLEDGE',
        'BELL',
        'BACKSPACE',
        'CHARACTER TABULATION',
        'LINE FEED',
        'LINE TABULATION',
        'FORM FEED',
        'CARRIAGE RETURN',
        'SHIFT OUT',
        'SHIFT IN',
        'DATA LINK ESCAPE',
        'DEVICE CONTROL ONE',
        'DEVICE CONTROL TWO',
        'DEVICE CONTROL THREE',
        'DEVICE CONTROL FOUR',
        'NEGATIVE ACKNOWLEDGE',
        'SYNCHRONOUS IDLE',
        'END OF TRANSMISSION BLOCK',
        'CANCEL',
        'END OF MEDIUM',
        'SUBSTITUTE',
        'ESCAPE',
        'INFORMATION SEPARATOR FOUR',
        'INFORMATION SEPARATOR THREE',
        'INFORMATION SEPARATOR TWO',
        'INFORMATION SEPARATOR ONE',
      ]
    );
  });

  it('names white space, invisible and format characters, ASCII punctuation and look-alikes as the UCD does', () => {
    for (const [cp, name] of TABLE) assert.equal(describeCodePoint(cp), `${hex(cp)} ${name}`);
  });

  it('names every White_Space character and every ASCII character', () => {
    for (let cp = 0; cp <= 0x7f; cp++) assert.ok(unicodeName(cp), hex(cp));
    for (let cp = 0; cp <= 0x3000; cp++) if (/\p{White_Space}/u.test(String.fromCodePoint(cp))) assert.ok(unicodeName(cp), hex(cp));
  });
});
