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
    assert.equal(unicodeName(0x30), 'DIGIT ZERO');
    assert.equal(unicodeName(0x35), 'DIGIT FIVE');
    assert.equal(unicodeName(0x39), 'DIGIT NINE');
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
