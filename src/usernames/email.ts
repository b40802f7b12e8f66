/**
 * The "well-formed email address" test used by the `guide` and `strict`
 * profiles. Exactly:
 *
 *   addr-spec   = local-part "@" domain                 (RFC 5322 §3.4.1, split at the LAST "@")
 *   local-part  = dot-atom / quoted-string               (no obsolete forms, no CFWS/comments)
 *   dot-atom    = atom *("." atom)                       (no leading, trailing or double dot)
 *   atom        = 1*atext
 *   atext       = ALPHA / DIGIT / one of !#$%&'*+-/=?^_`{|}~
 *                 / any non-ASCII letter, mark, number, punctuation or symbol  (RFC 6531 UTF8-non-ascii,
 *                   restricted to characters PingOne accepts at all)
 *   quoted-string = DQUOTE *(qtext / quoted-pair) DQUOTE  (accepted: PingOne documents quoted local parts)
 *   qtext       = printable ASCII except DQUOTE and "\" , SPACE, or non-ASCII as in atext
 *   quoted-pair = "\" (printable ASCII / SPACE)
 *   domain      = label 1*("." label)                    (at least two labels; no trailing root dot)
 *   label       = 1*63 characters of ASCII letters, digits, "-" or non-ASCII letters/marks/numbers
 *                 (IDN U-labels, RFC 5890), not starting or ending with "-"
 *   the last label (TLD) is not all digits.
 *
 * Not accepted: domain literals (`[192.0.2.1]`), comments, folding white
 * space, single-label domains (`user@localhost`).
 */
import { quoted } from './inertText';

const ATEXT_ASCII = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]$/;
const NON_ASCII_OK = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const LABEL_NON_ASCII_OK = /^[\p{L}\p{M}\p{N}]$/u;

export type EmailCheck = { ok: true } | { ok: false; reason: string };

function isAtext(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 ? ATEXT_ASCII.test(ch) : NON_ASCII_OK.test(ch);
}

function checkDotAtom(local: string): EmailCheck {
  if (local.length === 0) return { ok: false, reason: 'the part before "@" is empty' };
  if (local.startsWith('.') || local.endsWith('.')) return { ok: false, reason: 'the part before "@" starts or ends with a dot' };
  if (local.includes('..')) return { ok: false, reason: 'the part before "@" has two dots in a row' };
  for (const ch of local) {
    if (ch !== '.' && !isAtext(ch)) return { ok: false, reason: `the part before "@" contains ${quoted(ch)} outside quotes` };
  }
  return { ok: true };
}

function checkQuoted(local: string): EmailCheck {
  if (local.length < 2 || !local.endsWith('"')) return { ok: false, reason: 'the quoted part before "@" is not closed' };
  for (let i = 1; i < local.length - 1; i++) {
    const c = local.charCodeAt(i);
    if (c === 0x5c) {
      // quoted-pair
      const n = local.charCodeAt(i + 1);
      if (i + 1 >= local.length - 1 || n < 0x20 || n > 0x7e)
        return { ok: false, reason: 'a backslash in the quoted part escapes nothing printable' };
      i++;
      continue;
    }
    if (c === 0x22) return { ok: false, reason: 'the quoted part before "@" has an unescaped quote' };
    if (c < 0x20 || c === 0x7f) return { ok: false, reason: 'the quoted part before "@" has a control character' };
    if (c >= 0x80) {
      const ch = String.fromCodePoint(local.codePointAt(i)!);
      if (!NON_ASCII_OK.test(ch) && ch !== '\u00a0') return { ok: false, reason: 'the quoted part before "@" has an invisible character' };
      i += ch.length - 1;
    }
  }
  return { ok: true };
}

function checkDomain(domain: string): EmailCheck {
  if (domain.length === 0) return { ok: false, reason: 'nothing follows "@"' };
  if (domain.startsWith('[')) return { ok: false, reason: 'address literals such as [192.0.2.1] are not accepted' };
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, reason: 'the domain has a single label (no dot)' };
  for (const label of labels) {
    if (label.length === 0) return { ok: false, reason: 'the domain has an empty label (leading, trailing or double dot)' };
    if ([...label].length > 63) return { ok: false, reason: 'a domain label is longer than 63 characters' };
    if (label.startsWith('-') || label.endsWith('-')) return { ok: false, reason: 'a domain label starts or ends with "-"' };
    for (const ch of label) {
      const cp = ch.codePointAt(0)!;
      const ok = cp < 0x80 ? /[A-Za-z0-9-]/.test(ch) : LABEL_NON_ASCII_OK.test(ch);
      if (!ok) return { ok: false, reason: `the domain contains ${quoted(ch)}` };
    }
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return { ok: false, reason: 'the top-level domain is all digits' };
  return { ok: true };
}

export function checkEmail(value: string): EmailCheck {
  const at = value.lastIndexOf('@');
  if (at < 0) return { ok: false, reason: 'there is no "@"' };
  const local = value.slice(0, at);
  const local_ = local.startsWith('"') ? checkQuoted(local) : checkDotAtom(local);
  if (!local_.ok) return local_;
  return checkDomain(value.slice(at + 1));
}

export function isWellFormedEmail(value: string): boolean {
  return checkEmail(value).ok;
}
