/**
 * Names for the code points most likely to appear in a bad username: C0/C1
 * controls, invisible format characters, white space, ASCII punctuation and
 * symbols, and a few look-alikes. Anything else falls back to its general
 * category, e.g. `U+E000 (private use)`. A full UnicodeData table would be
 * ~1 MB; this one covers what users actually paste.
 */

const C0_NAMES = [
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
];

const NAMES: Record<number, string> = {
  0x20: 'SPACE',
  0x21: 'EXCLAMATION MARK',
  0x22: 'QUOTATION MARK',
  0x23: 'NUMBER SIGN',
  0x24: 'DOLLAR SIGN',
  0x25: 'PERCENT SIGN',
  0x26: 'AMPERSAND',
  0x27: 'APOSTROPHE',
  0x28: 'LEFT PARENTHESIS',
  0x29: 'RIGHT PARENTHESIS',
  0x2a: 'ASTERISK',
  0x2b: 'PLUS SIGN',
  0x2c: 'COMMA',
  0x2d: 'HYPHEN-MINUS',
  0x2e: 'FULL STOP',
  0x2f: 'SOLIDUS',
  0x3a: 'COLON',
  0x3b: 'SEMICOLON',
  0x3c: 'LESS-THAN SIGN',
  0x3d: 'EQUALS SIGN',
  0x3e: 'GREATER-THAN SIGN',
  0x3f: 'QUESTION MARK',
  0x40: 'COMMERCIAL AT',
  0x5b: 'LEFT SQUARE BRACKET',
  0x5c: 'REVERSE SOLIDUS',
  0x5d: 'RIGHT SQUARE BRACKET',
  0x5e: 'CIRCUMFLEX ACCENT',
  0x5f: 'LOW LINE',
  0x60: 'GRAVE ACCENT',
  0x7b: 'LEFT CURLY BRACKET',
  0x7c: 'VERTICAL LINE',
  0x7d: 'RIGHT CURLY BRACKET',
  0x7e: 'TILDE',
  0x7f: 'DELETE',
  0x80: 'PADDING CHARACTER',
  0x85: 'NEXT LINE (NEL)',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
  0xa0: 'NO-BREAK SPACE',
  0xa1: 'INVERTED EXCLAMATION MARK',
  0xa7: 'SECTION SIGN',
  0xa9: 'COPYRIGHT SIGN',
  0xab: 'LEFT-POINTING DOUBLE ANGLE QUOTATION MARK',
  0xad: 'SOFT HYPHEN',
  0xae: 'REGISTERED SIGN',
  0xb0: 'DEGREE SIGN',
  0xb4: 'ACUTE ACCENT',
  0xb7: 'MIDDLE DOT',
  0xbb: 'RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK',
  0xbf: 'INVERTED QUESTION MARK',
  0xd7: 'MULTIPLICATION SIGN',
  0xf7: 'DIVISION SIGN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1680: 'OGHAM SPACE MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD',
  0x2001: 'EM QUAD',
  0x2002: 'EN SPACE',
  0x2003: 'EM SPACE',
  0x2004: 'THREE-PER-EM SPACE',
  0x2005: 'FOUR-PER-EM SPACE',
  0x2006: 'SIX-PER-EM SPACE',
  0x2007: 'FIGURE SPACE',
  0x2008: 'PUNCTUATION SPACE',
  0x2009: 'THIN SPACE',
  0x200a: 'HAIR SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2010: 'HYPHEN',
  0x2011: 'NON-BREAKING HYPHEN',
  0x2012: 'FIGURE DASH',
  0x2013: 'EN DASH',
  0x2014: 'EM DASH',
  0x2018: 'LEFT SINGLE QUOTATION MARK',
  0x2019: 'RIGHT SINGLE QUOTATION MARK',
  0x201c: 'LEFT DOUBLE QUOTATION MARK',
  0x201d: 'RIGHT DOUBLE QUOTATION MARK',
  0x2022: 'BULLET',
  0x2026: 'HORIZONTAL ELLIPSIS',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x206a: 'INHIBIT SYMMETRIC SWAPPING',
  0x206f: 'NOMINAL DIGIT SHAPES',
  0x20ac: 'EURO SIGN',
  0x2122: 'TRADE MARK SIGN',
  0x2212: 'MINUS SIGN',
  0x3000: 'IDEOGRAPHIC SPACE',
  0x3164: 'HANGUL FILLER',
  0xfe0f: 'VARIATION SELECTOR-16',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xff20: 'FULLWIDTH COMMERCIAL AT',
  0xfff9: 'INTERLINEAR ANNOTATION ANCHOR',
  0xfffc: 'OBJECT REPLACEMENT CHARACTER',
  0xfffd: 'REPLACEMENT CHARACTER',
  0xfffe: '<noncharacter>',
  0xffff: '<noncharacter>',
  0x1f600: 'GRINNING FACE',
  0xe0001: 'LANGUAGE TAG',
};

const CATEGORY_TESTS: Array<[RegExp, string]> = [
  [/^\p{Lu}$/u, 'uppercase letter'],
  [/^\p{Ll}$/u, 'lowercase letter'],
  [/^\p{L}$/u, 'letter'],
  [/^\p{M}$/u, 'mark'],
  [/^\p{Nd}$/u, 'decimal digit'],
  [/^\p{N}$/u, 'number'],
  [/^\p{P}$/u, 'punctuation'],
  [/^\p{S}$/u, 'symbol'],
  [/^\p{Zs}$/u, 'space separator'],
  [/^\p{Zl}$/u, 'line separator'],
  [/^\p{Zp}$/u, 'paragraph separator'],
  [/^\p{Cc}$/u, 'control'],
  [/^\p{Cf}$/u, 'format'],
  [/^\p{Co}$/u, 'private use'],
  [/^\p{Cs}$/u, 'lone surrogate'],
];

export function hex(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}

/** General category in words (`private use`, `unassigned`, …). */
export function categoryName(cp: number): string {
  const ch = String.fromCodePoint(cp);
  for (const [re, name] of CATEGORY_TESTS) if (re.test(ch)) return name;
  return 'unassigned';
}

/** Unicode name of a code point, or undefined when the table has none. */
export function unicodeName(cp: number): string | undefined {
  if (cp < 0x20) return C0_NAMES[cp];
  if (cp >= 0x80 && cp <= 0x9f && NAMES[cp] === undefined) return `<control-${cp.toString(16).toUpperCase().padStart(4, '0')}>`;
  if (cp >= 0xfe00 && cp <= 0xfe0f && NAMES[cp] === undefined) return `VARIATION SELECTOR-${cp - 0xfe00 + 1}`;
  // Each tag character is named after the ASCII character it shadows (U+E0041 TAG LATIN CAPITAL LETTER A).
  if (cp >= 0xe0020 && cp <= 0xe007f) return cp === 0xe007f ? 'CANCEL TAG' : 'TAG ' + unicodeName(cp - 0xe0000);
  if (cp >= 0x41 && cp <= 0x5a) return 'LATIN CAPITAL LETTER ' + String.fromCharCode(cp);
  if (cp >= 0x61 && cp <= 0x7a) return 'LATIN SMALL LETTER ' + String.fromCharCode(cp - 32);
  if (cp >= 0x30 && cp <= 0x39)
    return 'DIGIT ' + ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'][cp - 0x30];
  return NAMES[cp];
}

/** `U+200B ZERO WIDTH SPACE`, or `U+E000 (private use)` when the name is not in the table. */
export function describeCodePoint(cp: number): string {
  const name = unicodeName(cp);
  return name ? `${hex(cp)} ${name}` : `${hex(cp)} (${categoryName(cp)})`;
}
