/**
 * The editor model's first parse of an LDIF document reads most entries without the scanner: an
 * entry the LDIF fast path of byte scans (fastLdif.ts) would take is read here, between two
 * records of the scanner, from the bytes of the model's lines, and becomes a lean record straight
 * away. No scanner record, occurrence or range is made for it, and no DN string is kept (the
 * model reads the DN from the entry's first line when a finding names it).
 */
import type { LdifScanner } from './ldifScanner';
import { plainDnLine, plainNameColon } from './fastLdif';
import type { LineStore } from './lineStore';
import { lastPlain, readPlain } from './plainBytes';
import type { RecentStrings } from './recentStrings';

/** What `readPlainEntry` read last (one object, reused: it runs once per entry of a large file). */
export const PLAIN_ENTRY = {
  /** Lines it took, its blank line included. */
  lines: 0,
  /** Its last line, counted from its first. */
  span: 0,
  /** The username's line, counted from the entry's first, and its columns: the colon, the value's start and end. */
  valueLine: 0,
  specColumn: 0,
  startColumn: 0,
  endColumn: 0,
  /** The username and its fold key. */
  value: '',
  key: '',
};

const EOL_CR = 3,
  SPACE = 32;

/**
 * Reads the entry that starts at `line` when it is plain (then true, and PLAIN_ENTRY holds it);
 * false with nothing read otherwise. `bytes` holds the store's characters from `a` to the end of line
 * `to - 1` as ASCII, and no more; `count` is the number of lines the parse reads. The scanner must be between
 * records and past the file's first record (which may hold `version:`). Plain, as fastLdif.ts takes
 * it: a `dn:` line neither base64 nor URL, attribute lines with plain names (the second neither
 * `changetype` nor `control`), exactly one username line whose value is a plain username (see
 * plainBytes.ts), no folded line, no lone CR, and a blank line within the step or the document's
 * end. Such an entry has no findings of its own; the model keeps it lean when its columns fit.
 */
export function readPlainEntry(
  scanner: LdifScanner,
  store: LineStore,
  bytes: Buffer,
  a: number,
  line: number,
  to: number,
  count: number,
  strict: boolean,
  recent: RecentStrings
): boolean {
  let users = 0,
    uLine = 0,
    spec = 0,
    vs = 0,
    ve = 0,
    col = 0,
    hash = 0,
    cased = false;
  let l = line;
  for (; l < to; l++) {
    const s = store.startOf(l) - a,
      e = store.endOf(l) - a;
    if (s === e) break;
    if (store.eol(l) === EOL_CR) return false;
    if (l === line) {
      if (!plainDnLine(bytes, s)) return false;
      continue;
    }
    const i = plainNameColon(bytes, s, e, l === line + 1);
    if (i < 0) return false;
    if (!scanner.isUsernameNameBytes(bytes, s, i - s)) continue;
    if (++users > 1) return false;
    let p = i + 1;
    while (p < e && bytes[p] === SPACE) p++;
    if (!readPlain(bytes, p, e, strict)) return false;
    hash = lastPlain.hash;
    cased = lastPlain.cased;
    uLine = l;
    spec = i - s;
    vs = p;
    ve = e;
    col = p - s;
  }
  if (users === 0 || (l === to && to < count)) return false;
  const out = PLAIN_ENTRY;
  out.lines = l < to ? l - line + 1 : l - line;
  out.span = l - 1 - line;
  out.valueLine = uLine - line;
  out.specColumn = spec;
  out.startColumn = col;
  out.endColumn = col + (ve - vs);
  out.value = recent.latin1(bytes, vs, ve, hash, cased);
  out.key = recent.key;
  return true;
}
