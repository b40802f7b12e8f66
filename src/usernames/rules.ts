/**
 * Per-value username rules (README.md "Username rules"). Pure functions over a
 * decoded string; the scanners map the returned character indexes back to
 * physical file positions.
 */
import { checkEmail } from './email';
import { describeCodePoint } from './unicodeNames';
import type { FindingCode, Profile, Severity } from './types';

export const MAX_USERNAME_CODE_POINTS = 128;
/**
 * Values longer than this (in UTF-16 units) are far over the limit: only
 * their first and last characters are checked further. Whole-value regexes on
 * multi-megabyte strings can overflow V8's regexp stack, and we never throw.
 */
export const DEEP_CHECK_LIMIT = 4096;

/** What PingOne's API accepts: `^[\p{L}\p{M}\p{Zs}\p{S}\p{N}\p{P}]*$`. */
const API_CHAR = /[\p{L}\p{M}\p{Zs}\p{S}\p{N}\p{P}]/u;
const API_VALUE = /^[\p{L}\p{M}\p{Zs}\p{S}\p{N}\p{P}]*$/u;
/** The PingDataSync guide's wording plus decimal digits (profile `guide`). */
const GUIDE_CHAR = /[\p{L}\p{M}\p{Nd}._-]/u;
const GUIDE_VALUE = /^[\p{L}\p{M}\p{Nd}._-]+$/u;
/** The guide's wording literally: letters, marks, dot, underscore, hyphen (profile `strict`). */
const STRICT_CHAR = /[\p{L}\p{M}._-]/u;
const STRICT_VALUE = /^[\p{L}\p{M}._-]+$/u;
/** Fast path for the overwhelmingly common case (`user.0`, `jdoe`). */
const PLAIN_ASCII = /^[A-Za-z0-9._-]{1,128}$/;
const WHITE = /\p{White_Space}/u;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Which of the one-character classes above accept each ASCII code unit, built from those regexes
 * (so the two cannot disagree). The per-character loops below read this table for ASCII and run a
 * regex only for other characters: a file's few flagged usernames run these loops before the
 * optimizing compiler has seen them, where a regex call per character was most of a flagged row's
 * cost (the CLI's CSV benchmark file: 2 % of its rows, a third of its scan time).
 */
const IN_API = 1,
  IN_GUIDE = 2,
  IN_STRICT = 4,
  IS_WHITE = 8;
const ASCII_CLASSES = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASSES[c] =
    (API_CHAR.test(ch) ? IN_API : 0) |
    (GUIDE_CHAR.test(ch) ? IN_GUIDE : 0) |
    (STRICT_CHAR.test(ch) ? IN_STRICT : 0) |
    (WHITE.test(ch) ? IS_WHITE : 0);
}

/**
 * The first character of `value` from UTF-16 index `from` that `pattern` (one of the classes
 * above, `bit` its column of ASCII_CLASSES) does not accept, as for `for (const ch of value)`: a
 * surrogate pair is one character, a lone surrogate one of its own. Undefined when there is none.
 */
function firstRejected(value: string, from: number, pattern: RegExp, bit: number): { index: number; cp: number; ch: string } | undefined {
  for (let i = from; i < value.length;) {
    const c = value.charCodeAt(i);
    if (c < 128) {
      if ((ASCII_CLASSES[c] & bit) === 0) return { index: i, cp: c, ch: value[i] };
      i++;
      continue;
    }
    const cp = value.codePointAt(i)!;
    const ch = cp > 0xffff ? value.slice(i, i + 2) : value[i];
    if (!pattern.test(ch)) return { index: i, cp, ch };
    i += ch.length;
  }
  return undefined;
}

export interface RuleViolation {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** UTF-16 index and length of the offending part of the value, when narrower than the whole value. */
  index?: number;
  length?: number;
  /** Certain fix, as a new decoded value. */
  fix?: { kind: 'trim' | 'remove-invalid'; value: string };
}

export function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** True when PingOne's API pattern accepts every character. */
export function hasOnlyApiCharacters(value: string): boolean {
  return API_VALUE.test(value);
}

function invalidCharacters(value: string): Array<{ index: number; cp: number; ch: string }> {
  const out: Array<{ index: number; cp: number; ch: string }> = [];
  for (let bad = firstRejected(value, 0, API_CHAR, IN_API); bad; bad = firstRejected(value, bad.index + bad.ch.length, API_CHAR, IN_API))
    out.push(bad);
  return out;
}

function listCodePoints(cps: number[]): string {
  const distinct = [...new Set(cps)];
  const shown = distinct.slice(0, 3).map(describeCodePoint).join(', ');
  return distinct.length > 3 ? `${shown} and ${distinct.length - 3} more` : shown;
}

function checkFormat(value: string, profile: Profile): RuleViolation | undefined {
  if (profile === 'api') return undefined;
  if ((profile === 'guide' ? GUIDE_VALUE : STRICT_VALUE).test(value)) return undefined;
  const firstBad = profile === 'guide' ? firstRejected(value, 0, GUIDE_CHAR, IN_GUIDE) : firstRejected(value, 0, STRICT_CHAR, IN_STRICT);
  if (!firstBad && value.length > 0) return undefined;
  const emailCheck = checkEmail(value);
  if (emailCheck.ok) return undefined;
  const email = value.includes('@');
  return {
    code: 'username-format',
    severity: 'warning',
    message: email
      ? `Username looks like an email address but is not well-formed: ${emailCheck.reason}.`
      : notEmailMessage(profile, firstBad ? firstBad.cp : -1),
    index: email || !firstBad ? undefined : firstBad.index,
    length: email || !firstBad ? undefined : firstBad.ch.length,
  };
}

/**
 * The message of a username that is not an email address and has `cp` (-1: has no characters),
 * which the profile's format does not accept. Kept by profile and code point: a file's flagged
 * usernames mostly repeat a few of them, and one string per kind is less to build (these rows run
 * before the optimizing compiler has seen them) and one string to keep for all their findings.
 */
function notEmailMessage(profile: 'guide' | 'strict', cp: number): string {
  const key = profile === 'guide' ? cp : -2 - cp;
  let message = notEmailMessages.get(key);
  if (message === undefined) {
    const set =
      profile === 'guide' ? 'letters, marks, digits, ".", "_" and "-"' : 'letters, marks, ".", "_" and "-" (profile strict: no digits)';
    message = `Username is not an email address and has ${cp >= 0 ? describeCodePoint(cp) : 'no characters'}, which is not one of ${set}.`;
    // Bounded: a file of every code point empties it now and then rather than keeping a million.
    if (notEmailMessages.size >= MAX_KEPT_MESSAGES) notEmailMessages.clear();
    notEmailMessages.set(key, message);
  }
  return message;
}
const notEmailMessages = new Map<number, string>();
const MAX_KEPT_MESSAGES = 1024;

/**
 * Checks one decoded username against a profile. Order (PingOne's own):
 * missing → too long → invalid characters → white space → format. Duplicates
 * and multiple values need the whole file and are checked by the scanners.
 */
export function checkUsername(value: string, profile: Profile = 'guide'): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (isPlainUsername(value, profile)) return out;
  if (value.length === 0) {
    out.push({ code: 'username-missing', severity: 'error', message: 'Username is empty; PingOne requires one.' });
    return out;
  }
  if (value.length > DEEP_CHECK_LIMIT) return checkHugeUsername(value);
  const n = countCodePoints(value);
  if (n > MAX_USERNAME_CODE_POINTS) {
    out.push({
      code: 'username-too-long',
      severity: 'error',
      message: `Username is ${n} characters long (counted in Unicode code points); PingOne allows at most ${MAX_USERNAME_CODE_POINTS}.`,
    });
  }
  const bad = API_VALUE.test(value) ? [] : invalidCharacters(value);
  if (bad.length > 0) {
    const fixed = [...value].filter((ch) => API_CHAR.test(ch)).join('');
    const first = bad[0];
    out.push({
      code: 'username-invalid-character',
      severity: 'error',
      message:
        bad.length === 1
          ? `Username contains ${describeCodePoint(first.cp)} at character ${countCodePoints(value.slice(0, first.index)) + 1}, which PingOne does not accept.`
          : `Username contains ${bad.length} characters PingOne does not accept: ${listCodePoints(bad.map((b) => b.cp))} (first at character ${countCodePoints(value.slice(0, first.index)) + 1}).`,
      index: first.index,
      length: first.ch.length,
      fix: fixed.length > 0 && fixed !== value ? { kind: 'remove-invalid', value: fixed } : undefined,
    });
  }
  const lead = leadingWhiteLength(value);
  const trail = trailingWhiteLength(value);
  if (lead > 0 || trail > 0) {
    const trimmed = value.slice(lead, value.length - trail);
    const where = lead > 0 && trail > 0 ? 'leading and trailing' : lead > 0 ? 'leading' : 'trailing';
    const cp = value.codePointAt(lead > 0 ? 0 : value.length - trail)!;
    out.push({
      code: 'username-whitespace',
      severity: 'warning',
      message: `Username has ${where} white space (${describeCodePoint(cp)}); PingOne may keep or reject it.`,
      index: lead > 0 ? 0 : value.length - trail,
      length: lead > 0 ? lead : trail,
      fix: trimmed.length > 0 ? { kind: 'trim', value: trimmed } : undefined,
    });
  }
  if (bad.length === 0) {
    const core = value.slice(lead, value.length - trail);
    const f = checkFormat(core, profile);
    if (f) {
      if (f.index !== undefined) f.index += lead;
      out.push(f);
    }
  }
  return out;
}

function checkHugeUsername(value: string): RuleViolation[] {
  const out: RuleViolation[] = [
    {
      code: 'username-too-long',
      severity: 'error',
      message: `Username is ${countCodePoints(value)} characters long (counted in Unicode code points); PingOne allows at most ${MAX_USERNAME_CODE_POINTS}.`,
    },
  ];
  const head = value.slice(0, DEEP_CHECK_LIMIT);
  const bad = invalidCharacters(head);
  if (bad.length > 0) {
    out.push({
      code: 'username-invalid-character',
      severity: 'error',
      index: bad[0].index,
      length: bad[0].ch.length,
      message: `Username contains characters PingOne does not accept: ${listCodePoints(bad.map((b) => b.cp))} (first at character ${countCodePoints(value.slice(0, bad[0].index)) + 1}; only the first ${DEEP_CHECK_LIMIT} characters were checked).`,
    });
  }
  return out;
}

/**
 * True for the overwhelmingly common valid username (`user.0`, `jdoe`): short
 * ASCII letters, digits, `.`, `_`, `-`. Such a value has no violations and its
 * fold key is `value.toLowerCase()`, so scanners skip the rule machinery.
 */
export function isPlainUsername(value: string, profile: Profile): boolean {
  return PLAIN_ASCII.test(value) && (profile !== 'strict' || !/[0-9]/.test(value));
}

/** Fold used for the "differ only in case or normalization" duplicate warning. */
export function usernameFoldKey(value: string): string {
  if (value.length > DEEP_CHECK_LIMIT) return value;
  if (ASCII.test(value)) return value.toLowerCase();
  return value.normalize('NFC').toLowerCase().normalize('NFC');
}

/*
 * Leading and trailing white space are measured with loops, not `/\s+$/`-style
 * regexes: an unanchored end match retries from every character of a run
 * that does not reach the end, quadratic in the run (`a` + 3000 spaces + `b`).
 * Every White_Space code point is in the BMP, so one UTF-16 unit is one character here.
 */
function leadingWhiteLength(value: string): number {
  let i = 0;
  while (i < value.length && isWhiteUnit(value, i)) i++;
  return i;
}

/** An all-white value is all leading and all trailing, as the regexes this replaced reported it. */
function trailingWhiteLength(value: string): number {
  let i = value.length;
  while (i > 0 && isWhiteUnit(value, i - 1)) i--;
  return value.length - i;
}

function isWhiteUnit(value: string, i: number): boolean {
  const c = value.charCodeAt(i);
  return c < 128 ? (ASCII_CLASSES[c] & IS_WHITE) !== 0 : WHITE.test(value[i]);
}

export function isWhiteSpace(ch: string): boolean {
  return WHITE.test(ch);
}
