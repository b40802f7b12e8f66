/**
 * Distinguished names as keys: enough of RFC 4514 to tell when two DNs in one
 * LDIF file name the same entry. Attribute types and the values of the naming
 * attributes sync files use (uid, cn, ou, dc, mail) compare case-insensitively;
 * spaces around `,` `+` `=` and at either end are insignificant, and a run of
 * inner spaces counts as one (RFC 4518 insignificant space handling). Loops,
 * not regexes: a DN is file content and may be long.
 */

/** A DN in a form that is equal for DNs naming the same entry. */
export function normalizeDn(dn: string): string {
  const s = dn.toLowerCase();
  if (s.indexOf(' ') < 0) return s;
  let out = '';
  // `afterSep`: nothing yet, or the last character written is an unescaped separator.
  let afterSep = true,
    space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ' ') {
      space = true;
      continue;
    }
    if (c === ',' || c === '+' || c === '=') {
      out += c;
      afterSep = true;
      space = false;
      continue;
    }
    if (space && !afterSep) out += ' ';
    space = false;
    afterSep = false;
    if (c === '\\' && i + 1 < s.length) {
      out += c + s[i + 1];
      i++;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * A 53-bit hash of a normalized DN (two 32-bit FNV-style hashes in one
 * double): two different entries share one with odds of about 2^-53.
 */
export function dnHash(key: string): number {
  let a = 0x811c9dc5 | 0,
    b = 0x3c6ef372 | 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + (b >>> 11);
}

/**
 * `dnHash(normalizeDn(dn))` without building the normalized string when the
 * DN is ASCII without spaces (nearly always): every entry of a file is hashed.
 */
export function dnHashOf(dn: string): number {
  let a = 0x811c9dc5 | 0,
    b = 0x3c6ef372 | 0;
  for (let i = 0; i < dn.length; i++) {
    let c = dn.charCodeAt(i);
    if (c === 32 || c >= 128) return dnHash(normalizeDn(dn));
    if (c >= 65 && c <= 90) c += 32;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + (b >>> 11);
}

/** `dnHashOf` of the UTF-8 DN in `buf[s, e)`, read from the bytes when they are ASCII without spaces (nearly always). */
export function dnHashOfBytes(buf: Buffer, s: number, e: number): number {
  let a = 0x811c9dc5 | 0,
    b = 0x3c6ef372 | 0;
  for (let i = s; i < e; i++) {
    let c = buf[i];
    if (c === 32 || c >= 128) return dnHashOf(buf.toString('utf8', s, e));
    if (c >= 65 && c <= 90) c += 32;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + (b >>> 11);
}

/** The DN an entry gets from a modrdn/moddn record (RFC 2849 `newrdn`, `newsuperior`). */
export function renamedDn(dn: string, newRdn: string, newSuperior: string | undefined): string {
  const parent = newSuperior ?? parentDn(dn);
  return parent.trim().length > 0 ? `${newRdn},${parent}` : newRdn;
}

/** Everything after the first unescaped comma; empty for a one-RDN DN. */
function parentDn(dn: string): string {
  for (let i = 0; i < dn.length; i++) {
    const c = dn.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 44) return dn.slice(i + 1);
  }
  return '';
}
