/**
 * LDIF scanner (RFC 2849) fed one physical line at a time.
 *
 * Hand-written rather than a library: we need exact physical positions inside
 * folded and base64 values, streaming with memory bounded by one logical line,
 * recovery from any malformed input (never throw), and linear time. Lines that
 * cannot matter (most attributes) are skipped after reading their name; only
 * `dn`, the username attribute and the change-record keywords are unfolded.
 */
import { neutralize, quoted } from './inertText';
import type { Eol, LineSink } from './lineSplitter';
import { renamedDn } from './dn';
import {
  checkOccurrence,
  finding,
  makeOccurrence,
  type RawOccurrence,
  type LdifStreamSink,
  type RawRecord,
  type RecordSink,
  type ScannerConfig,
  type UsernameOp,
} from './records';
import { REPEAT, SLOW } from './aggregate';
import { multipleFinding } from './findingStore';
import { lastPlain, readPlain } from './plainBytes';
import { isPlainUsername, usernameFoldKey } from './rules';
import { SpanMap } from './spanMap';
import type { Finding, Range, RelatedInformation, ValueEncoding } from './types';

type State = 'start' | 'afterDn' | 'content' | 'add' | 'modify' | 'delete' | 'rename' | 'invalid';

const CHANGE_KEYWORDS = ['dn', 'version', 'changetype', 'control', 'newrdn', 'deleteoldrdn', 'newsuperior', 'objectclass'];
/** RDN attributes of entries that are never users (RFC 4519 dc, o, ou, c, l). */
const CONTAINER_RDNS = new Set(['dc', 'o', 'ou', 'c', 'l']);
/** Entries of these classes must carry a username (see expectsUsername). */
const PERSON_CLASSES = new Set([
  'person',
  'organizationalperson',
  'inetorgperson',
  'user',
  'posixaccount',
  'account',
  'inetuser',
  'shadowaccount',
]);
/** Loop, not a regex: values can be megabytes long. */
function isBase64(b: string): boolean {
  let i = 0;
  const n = b.length;
  for (; i < n; i++) {
    const c = b.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47)) break;
  }
  if (i < n && b.charCodeAt(i) === 61) i++;
  if (i < n && b.charCodeAt(i) === 61) i++;
  return i === n;
}
/** `EOL_LF`, `EOL_CR` as locals: imported bindings can compile to getters, and these are read once per line. */
const EOL_LF = 1,
  EOL_CR = 3;
const lineDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Buffer's own latin1 slicer: `toString('latin1', s, e)` without its argument handling. */
type LatinSlice = Buffer & { latin1Slice(start: number, end: number): string };

/** A physical line's text, as a whole-text decode gives it (invalid bytes become U+FFFD). */
export function decodeLine(buf: Buffer, s: number, e: number): string {
  for (let i = s; i < e; i++) if (buf[i] >= 0x80) return lineDecoder.decode(buf.subarray(s, e));
  // Pure ASCII (the usual case): a latin1 slice is the same string, made much faster.
  return (buf as LatinSlice).latin1Slice(s, e);
}
/**
 * Attribute-name bytes: 0 ALPHA, DIGIT, "-" or "." (the name rule of line()), 2 ":" or ";" (end of
 * the name), 1 anything else, including every byte >= 0x80, as its character would be.
 */
export const NAME_BYTE = new Uint8Array(256).fill(1);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46) NAME_BYTE[c] = 0;
}
NAME_BYTE[58] = NAME_BYTE[59] = 2;

/** `objectClass` in any case at `buf[s, s + 11)`. */
function isObjectClass(buf: Buffer, s: number): boolean {
  const name = 'objectclass';
  for (let k = 0; k < 11; k++) if ((buf[s + k] | 0x20) !== name.charCodeAt(k)) return false;
  return true;
}
export const ATTR_NAME = /^(?:[a-z][a-z0-9-]*|[0-9]+(?:\.[0-9]+)*)$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Encodes a fixed value for an LDIF value-spec, switching to base64 when RFC 2849 needs it. */
export function encodeLdifValue(value: string, forceBase64: boolean): { newText: string; isBase64: boolean } {
  const needs = forceBase64 || /[^\x01-\x09\x0b\x0c\x0e-\x7f]/.test(value) || /^[ :<]/.test(value) || value.endsWith(' ');
  return needs
    ? { newText: ':: ' + Buffer.from(value, 'utf8').toString('base64'), isBase64: true }
    : { newText: ': ' + value, isBase64: false };
}

function decodeBase64(raw: string): { value?: string; error?: string } {
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 32) end--;
  const b = raw.slice(0, end);
  if (b.length % 4 !== 0 || !isBase64(b))
    return { error: 'is not valid base64 (RFC 2849 allows only A–Z, a–z, 0–9, "+", "/" and "=" padding)' };
  try {
    return { value: utf8.decode(Buffer.from(b, 'base64')) };
  } catch {
    return { error: 'is base64 of bytes that are not valid UTF-8' };
  }
}

/** `-` plus trailing spaces (a modify separator); a loop, as `/ +$/` retries from every space of a run. */
function isSeparatorLine(u: string): boolean {
  if (u.charCodeAt(0) !== 45) return false;
  for (let i = 1; i < u.length; i++) if (u.charCodeAt(i) !== 32) return false;
  return true;
}

function firstRdn(dn: string): { attr: string; value: string } | undefined {
  const m = /^\s*([^=,+\s]+)\s*=((?:\\.|[^,+\\])*)/.exec(dn);
  return m ? { attr: m[1].toLowerCase(), value: m[2].replace(/\\(.)/g, '$1').trim() } : undefined;
}

interface NameTables {
  byLength: Array<string[] | undefined>;
  usernameByLength: Array<string[] | undefined>;
}

/**
 * A config's name tables, built once per config and shared, never changed: the editor's model makes a
 * scanner for every region an edit changes (10,000 of them for a Replace All of 10,000 changes).
 */
const NAME_TABLES = new WeakMap<ScannerConfig, NameTables>();

function nameTablesOf(cfg: ScannerConfig): NameTables {
  let tables = NAME_TABLES.get(cfg);
  if (!tables) {
    tables = { byLength: [], usernameByLength: [] };
    for (const n of [...CHANGE_KEYWORDS, ...cfg.ldifNames]) (tables.byLength[n.length] ??= []).push(n);
    for (const n of cfg.ldifNames) if (ATTR_NAME.test(n) && n !== 'objectclass') (tables.usernameByLength[n.length] ??= []).push(n);
    NAME_TABLES.set(cfg, tables);
  }
  return tables;
}

export class LdifScanner implements LineSink {
  /** Interesting names by length; an array, not a Map: it is consulted for every attribute line. */
  private readonly byLength: Array<string[] | undefined>;
  /** The username attribute names (valid ones, not `objectclass`) by length, for plainValueBytes. */
  private readonly usernameByLength: Array<string[] | undefined>;
  // Record state.
  private rec: RawRecord | undefined;
  private state: State = 'start';
  private firstRecord: boolean;
  private logicalDone = 0;
  /** objectClass values as written (trimmed and lower-cased only if the record turns out to lack a username, which is rare). */
  private objectClasses: string[] = [];
  private dnRange: Range | undefined;
  private dnValue: string | undefined;
  private changetypeRange: Range | undefined;
  private controls = 0;
  private modExpectHeader = true;
  private modAttr = '';
  private modIsUser = false;
  private modOp = '';
  private modCount = 0;
  private modHeaderRange: Range | undefined;
  private newrdn: { value?: string; text?: string; range: Range } | undefined;
  private newSuperior: string | undefined;
  /** What this change record does to its entry's usernames, in file order. */
  private usernameOps: UsernameOp[] | undefined;
  private deleteoldrdn = false;
  private reportedOnce = 0;
  /** Username values of the open record once it has two (see repeatsInRecord). */
  private recordValues: Set<string> | undefined;
  /** The related information of the open record's multiple-values findings (its first value). */
  private firstValueRelated: RelatedInformation[] | undefined;
  /** Username values of the open record so far. */
  private valueCount = 0;
  /** See LdifStreamSink; only whole-file scans that keep no records and cap no findings pass one. */
  private readonly stream: LdifStreamSink | undefined;
  // Current logical line: 0 none, 1 comment, 2 skipped attribute, 3 captured, 4 objectClass value (bytes path).
  private cur = 0;
  private parts: string[] = [];
  private partsLen = 0;
  /** Reused for every captured logical line: processLogical() reads it synchronously and keeps only the ranges it makes. */
  private readonly map = new SpanMap(0, 0);
  /** The open record has a line that is not a comment. */
  private hadContent = false;
  /** Physical lines fed so far (used to prove incremental rescans stay local). */
  linesFed = 0;

  constructor(
    private readonly cfg: ScannerConfig,
    private readonly sink: RecordSink,
    opts: { atFileStart: boolean; stream?: LdifStreamSink }
  ) {
    this.firstRecord = opts.atFileStart;
    this.stream = opts.stream;
    ({ byLength: this.byLength, usernameByLength: this.usernameByLength } = nameTablesOf(cfg));
  }

  /** True while a record is open (a blank line or end() closes it). */
  get inRecord(): boolean {
    return this.rec !== undefined;
  }
  /** True until a record with content has been read (a `version:` line is allowed there). */
  get atFileStart(): boolean {
    return this.firstRecord;
  }

  line(buf: string, s: number, e: number, lineNo: number, eol: Eol): void {
    this.linesFed++;
    if (s === e) {
      this.finishLogical();
      this.endRecord();
      return;
    }
    const c = buf.charCodeAt(s);
    if (c === 32 || c === 9) {
      if (this.cur === 0) {
        const rec = this.ensureRecord(lineNo);
        rec.findings.push(
          finding(
            'ldif-syntax',
            'error',
            'Continuation line (starts with a space) has no line to continue; Ping tools reject it.',
            lineRange(lineNo, 0, e - s)
          )
        );
        this.hadContent = true;
        this.cur = 2;
        rec.endLine = lineNo;
        return;
      }
      const rec = this.rec!;
      rec.endLine = lineNo;
      if (c === 9)
        this.once(
          rec,
          1,
          'warning',
          'TAB continuation is OpenLDAP-only; RFC 2849 and Ping tools fold with one space only.',
          lineRange(lineNo, 0, 1)
        );
      if (eol === EOL_CR) this.loneCr(rec, lineNo, e - s);
      if (this.cur === 3) {
        this.map.add(this.partsLen, lineNo, 1);
        this.parts.push(buf.slice(s + 1, e));
        this.partsLen += e - s - 1;
      } else if (this.cur === 4) {
        this.parts.push(buf.slice(s + 1, e));
      }
      return;
    }
    this.finishLogical();
    const rec = this.ensureRecord(lineNo);
    rec.endLine = lineNo;
    if (eol === EOL_CR) this.loneCr(rec, lineNo, e - s);
    if (c === 35) {
      this.cur = 1;
      return;
    }
    this.hadContent = true;
    let i = s;
    let oddName = false;
    for (; i < e; i++) {
      const ch = buf.charCodeAt(i);
      if (ch === 58 || ch === 59) break;
      // Only ALPHA, DIGIT, "-" and "." make attribute names; anything else is reported.
      if (!((ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 45 || ch === 46)) oddName = true;
    }
    // No name at all (`: x`, `;lang: x`) is as odd as a bad character: the line is read, and reported.
    const interesting = i === e || i === s || oddName || this.everyLineMatters() || this.isInterestingName(buf, s, i - s);
    if (!interesting) {
      this.cur = 2;
      this.logicalDone++;
      return;
    }
    this.cur = 3;
    this.clearParts();
    this.parts.push(buf.slice(s, e));
    this.partsLen = e - s;
    this.map.reset(lineNo, 0);
  }

  /**
   * The same as `line()` for a physical line given as UTF-8 bytes `buf[s, e)`
   * (no terminator, valid or not). Most lines of a file are attributes that
   * cannot matter: they are recognised from their name bytes and skipped
   * without ever becoming a string. Only lines the scanner reads (dn, the
   * username, keywords, anything odd) are decoded, exactly as a whole-text
   * decode would have decoded them, and go through the string path.
   * `buf` past `e` must hold the text that follows the line, or end: a further
   * username value is read from the bytes only when the next byte shows no fold.
   */
  lineBytes(buf: Buffer, s: number, e: number, lineNo: number, eol: Eol): void {
    const c = buf[s];
    const cont = c === 32 || c === 9;
    // Cases that need the text (or are too rare to specialise) take the string path.
    if (s === e || eol === EOL_CR || (cont && this.cur !== 1 && this.cur !== 2)) {
      const t = decodeLine(buf, s, e);
      this.line(t, 0, t.length, lineNo, eol);
      return;
    }
    this.linesFed++;
    if (cont) {
      // Continuation of a comment or skipped attribute: only the record span and the TAB warning matter.
      const rec = this.rec!;
      rec.endLine = lineNo;
      if (c === 9)
        this.once(
          rec,
          1,
          'warning',
          'TAB continuation is OpenLDAP-only; RFC 2849 and Ping tools fold with one space only.',
          lineRange(lineNo, 0, 1)
        );
      return;
    }
    this.finishLogical();
    const rec = this.ensureRecord(lineNo);
    rec.endLine = lineNo;
    if (c === 35) {
      this.cur = 1;
      return;
    }
    this.hadContent = true;
    let i = s;
    let oddName = false;
    // One table load per name byte: this loop runs on every attribute line of the file.
    for (; i < e; i++) {
      const k = NAME_BYTE[buf[i]];
      if (k === 2) break;
      if (k === 1) oddName = true;
    }
    const interesting = i === e || i === s || oddName || this.everyLineMatters() || this.isInterestingNameBytes(buf, s, i - s);
    if (!interesting) {
      this.cur = 2;
      this.logicalDone++;
      return;
    }
    // A content record's further username values, read from the bytes when plain and not folded
    // (the next line, known to be in `buf`, is no continuation).
    if (
      this.valueCount > 0 &&
      this.state === 'content' &&
      this.stream !== undefined &&
      buf[i] === 58 &&
      eol === EOL_LF &&
      e + 1 < buf.length &&
      buf[e + 1] !== 32 &&
      buf[e + 1] !== 9 &&
      this.plainValueBytes(buf, s, i, e, lineNo)
    )
      return;
    // objectClass lines (several per entry) only feed the "must have a username" check in content records:
    // keep just the value, no span map and no full parse. Base64/URL values and options take the full path.
    if (
      i - s === 11 &&
      (this.state === 'content' || this.state === 'add') &&
      buf[i] === 58 &&
      buf[i + 1] !== 58 &&
      buf[i + 1] !== 60 &&
      isObjectClass(buf, s)
    ) {
      this.cur = 4;
      this.clearParts();
      this.parts.push(decodeLine(buf, i + 1, e));
      return;
    }
    const text = decodeLine(buf, s, e);
    this.cur = 3;
    this.clearParts();
    this.parts.push(text);
    this.partsLen = text.length;
    this.map.reset(lineNo, 0);
  }

  end(): void {
    this.finishLogical();
    this.endRecord();
  }

  /** Whether `buf[s, s + len)` is one of the username attribute names, in any ASCII case. */
  isUsernameNameBytes(buf: Buffer, s: number, len: number): boolean {
    return nameOfBytes(this.usernameByLength, buf, s, len) !== undefined;
  }

  private isInterestingNameBytes(buf: Buffer, s: number, len: number): boolean {
    return nameOfBytes(this.byLength, buf, s, len) !== undefined;
  }

  /**
   * What `processLogical` and `usernameValue` do with a content record's second or later value of a
   * username attribute, `buf[s, e)` with its colon at `colon`, read from the bytes when the value is
   * a plain ASCII username: offered to the duplicate index and reported as one more value, with no
   * string and no object. False, with nothing done, when the string path must read it.
   */
  private plainValueBytes(buf: Buffer, s: number, colon: number, e: number, lineNo: number): boolean {
    const name = nameOfBytes(this.usernameByLength, buf, s, colon - s);
    if (name === undefined) return false;
    let p = colon + 1;
    // `::` base64 and `:<` URL values take the string path.
    if (buf[p] === 58 || buf[p] === 60) return false;
    while (p < e && buf[p] === 32) p++;
    if (!readPlain(buf, p, e, this.cfg.profile === 'strict')) return false;
    const stream = this.stream!;
    // The line is ASCII up to `e`: columns are byte offsets.
    const r = stream.contentValueBytes(buf, p, e, lastPlain.hash, lastPlain.cased, lineNo, p - s);
    if (r === SLOW) return false;
    const count = ++this.valueCount;
    stream.multipleBytes(buf, p, e, r === REPEAT ? 0 : count, name, lineNo, p - s, this.rec!.occurrences[0].valueRange);
    this.cur = 2;
    this.logicalDone++;
    return true;
  }

  /** A record's first line, the line after its DN and every line of a modify/delete record are read whatever their name. */
  private everyLineMatters(): boolean {
    return this.logicalDone === 0 || this.state === 'afterDn' || this.state === 'modify' || this.state === 'delete';
  }

  private isInterestingName(buf: string, s: number, len: number): boolean {
    const list = len < this.byLength.length ? this.byLength[len] : undefined;
    if (!list) return false;
    outer: for (const name of list) {
      for (let k = 0; k < len; k++) {
        let ch = buf.charCodeAt(s + k);
        if (ch >= 65 && ch <= 90) ch += 32;
        if (ch !== name.charCodeAt(k)) continue outer;
      }
      return true;
    }
    return false;
  }

  private ensureRecord(lineNo: number): RawRecord {
    if (!this.rec) {
      this.rec = { startLine: lineNo, endLine: lineNo, kind: 'other', isEntry: false, occurrences: [], findings: [] };
    }
    return this.rec;
  }

  private once(rec: RawRecord, key: number, severity: 'error' | 'warning' | 'info', message: string, range: Range): void {
    if (this.reportedOnce & key) return;
    this.reportedOnce |= key;
    rec.findings.push(finding('ldif-syntax', severity, message, range));
  }

  private loneCr(rec: RawRecord, lineNo: number, col: number): void {
    this.once(
      rec,
      2,
      'warning',
      'Lone CR line break; RFC 2849 allows only LF or CRLF (Ping tools read it as a line break).',
      lineRange(lineNo, col, col)
    );
  }

  /** Empties `parts` in place; pop() is inlined where `length = 0` is a runtime call. */
  private clearParts(): void {
    const p = this.parts;
    while (p.length > 0) p.pop();
  }

  private finishLogical(): void {
    if (this.cur === 3) {
      const u = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
      this.clearParts();
      this.processLogical(u, this.map);
    } else if (this.cur === 4) {
      // What processLogical + contentLine do with a plain objectClass line of a content/add record.
      this.logicalDone++;
      this.objectClasses.push(this.parts.length === 1 ? this.parts[0] : this.parts.join(''));
      this.clearParts();
    }
    this.cur = 0;
  }

  private syntax(severity: 'error' | 'warning' | 'info', message: string, range: Range): void {
    this.rec!.findings.push(finding('ldif-syntax', severity, message, range));
  }

  private processLogical(u: string, map: SpanMap): void {
    const first = this.logicalDone === 0;
    this.logicalDone++;
    // A record that could not be read (no DN, bad changetype) has had its one finding: no cascade.
    if (this.state === 'invalid') return;
    const colon = u.indexOf(':');
    if (colon === -1) {
      if (this.state === 'modify' && isSeparatorLine(u)) {
        this.endModSpec(map, u.length);
        return;
      }
      this.syntax('error', 'Line has no colon; expected "attribute: value".', map.range(0, u.length));
      if (first) this.state = 'invalid';
      return;
    }
    const desc = u.slice(0, colon);
    const semi = desc.indexOf(';');
    const name = (semi < 0 ? desc : desc.slice(0, semi)).toLowerCase();
    const hasOptions = semi >= 0;
    if (!ATTR_NAME.test(name)) {
      this.syntax(
        'error',
        desc.length === 0
          ? 'Line starts with a colon; expected "attribute: value".'
          : `${quoted(desc)} is not a valid attribute description.`,
        map.range(0, Math.max(colon, 1))
      );
      if (first) this.state = 'invalid';
      return;
    }
    let p = colon + 1;
    let enc: ValueEncoding = 'plain';
    const k = u.charCodeAt(p);
    if (k === 58) {
      enc = 'base64';
      p++;
    } else if (k === 60) {
      enc = 'url';
      p++;
    }
    while (u.charCodeAt(p) === 32) p++;
    const raw = u.slice(p);
    const line: Logical = { u, map, colon, p, enc, raw, name, hasOptions };

    switch (this.state) {
      case 'start':
        if (name === 'version' && this.firstRecord && first) {
          if (raw.trim() !== '1' || enc !== 'plain')
            this.syntax('error', `${quoted(u)} is not supported; RFC 2849 defines only version 1.`, map.range(p, u.length));
          this.logicalDone = 0; // the dn may follow in the same record
          return;
        }
        if (name === 'dn') {
          this.readDn(line);
          this.state = 'afterDn';
          return;
        }
        // Not an entry (RFC 2849: every record starts with its DN): one finding, and its lines are not read.
        this.syntax(
          'error',
          name === 'include'
            ? '"include:" is an OpenLDAP slapadd directive, not LDIF (RFC 2849); Ping tools reject it.'
            : 'Record does not start with "dn:", so it is not an entry; Ping tools reject it. Its lines are not checked.',
          map.range(0, colon)
        );
        this.state = 'invalid';
        return;
      case 'afterDn':
        if (name === 'control') {
          this.controls++;
          return;
        }
        if (name === 'changetype') {
          this.readChangetype(line);
          return;
        }
        if (this.controls > 0) this.syntax('error', '"control:" lines must be followed by "changetype:".', map.range(0, colon));
        this.state = 'content';
        this.contentLine(line);
        return;
      case 'content':
      case 'add':
        this.contentLine(line);
        return;
      case 'modify':
        this.modifyLine(line);
        return;
      case 'delete':
        this.once(this.rec!, 4, 'error', 'A "changetype: delete" record takes no further lines.', map.range(0, u.length));
        return;
      case 'rename':
        if (name === 'newrdn') {
          const d = enc === 'base64' ? decodeBase64(raw) : { value: raw };
          const r = d.value !== undefined ? firstRdn(d.value) : undefined;
          this.newrdn = { value: r && this.cfg.ldifNames.has(r.attr) ? r.value : undefined, text: d.value, range: map.range(p, u.length) };
        } else if (name === 'deleteoldrdn') {
          this.deleteoldrdn = true;
          if (raw !== '0' && raw !== '1') this.syntax('error', '"deleteoldrdn" must be 0 or 1.', map.range(p, u.length));
        } else if (name === 'newsuperior') {
          this.newSuperior = enc === 'base64' ? decodeBase64(raw).value : raw;
        } else {
          this.syntax('error', `Unexpected ${quoted(`${desc}:`)} in a modrdn/moddn record.`, map.range(0, colon));
        }
        return;
    }
  }

  private readDn(l: Logical): void {
    const rec = this.rec!;
    rec.isEntry = true;
    this.dnRange = l.map.range(l.p, l.u.length);
    const d = l.enc === 'base64' ? decodeBase64(l.raw) : { value: l.raw };
    if (d.error) this.syntax('error', `DN ${d.error}.`, this.dnRange);
    this.dnValue = d.value;
  }

  private readChangetype(l: Logical): void {
    this.changetypeRange = l.map.range(l.p, l.u.length);
    const t = l.raw.trim().toLowerCase();
    switch (t) {
      case 'add':
        this.state = 'add';
        break;
      case 'modify':
        this.state = 'modify';
        break;
      case 'delete':
        this.state = 'delete';
        break;
      case 'modrdn':
      case 'moddn':
        this.state = 'rename';
        break;
      default:
        this.syntax('error', `${quoted(`changetype: ${l.raw}`)} is not one of add, delete, modify, modrdn, moddn.`, this.changetypeRange);
        this.state = 'invalid';
    }
  }

  private contentLine(l: Logical): void {
    if (l.name === 'objectclass') {
      if (l.enc === 'plain') this.objectClasses.push(l.raw);
      return;
    }
    if (!l.hasOptions && this.cfg.ldifNames.has(l.name)) this.usernameValue(l);
  }

  private modifyLine(l: Logical): void {
    if (this.modExpectHeader) {
      if (l.name === 'add' || l.name === 'delete' || l.name === 'replace' || l.name === 'increment') {
        const attr = l.raw.trim().toLowerCase();
        const semi = attr.indexOf(';');
        this.modOp = l.name;
        this.modAttr = semi < 0 ? attr : attr.slice(0, semi);
        this.modIsUser = semi < 0 && this.cfg.ldifNames.has(this.modAttr);
        if (this.modIsUser && l.name !== 'increment') {
          (this.usernameOps ??= []).push(l.name === 'delete' ? { op: 'delete' } : { op: l.name === 'add' ? 'add' : 'replace', count: 0 });
        }
        this.modExpectHeader = false;
        this.modCount++;
        this.modHeaderRange = l.map.range(0, l.u.length);
        return;
      }
      this.syntax('error', 'Expected "add:", "delete:", "replace:" or "increment:" to start a modification.', l.map.range(0, l.colon));
      return;
    }
    const same = l.name === this.modAttr || (this.modIsUser && this.cfg.ldifNames.has(l.name));
    if (!same) {
      this.syntax(
        'error',
        `${quoted(l.name)} value inside a modification of ${quoted(this.modAttr)}; end the modification with "-" first.`,
        l.map.range(0, l.colon)
      );
      return;
    }
    if (this.modIsUser && !l.hasOptions && (this.modOp === 'add' || this.modOp === 'replace')) {
      this.usernameValue(l);
      const op = this.usernameOps![this.usernameOps!.length - 1];
      if (op.op !== 'delete' && op.op !== 'rename') op.count++;
    } else if (this.modIsUser && !l.hasOptions && this.modOp === 'delete') {
      // The values removed (by fold key): only these stop belonging to the entry.
      // A value not known here (a URL, or base64 that does not decode) frees none of the entry's usernames: which one
      // it names cannot be told, and keeping them all may report a clash the delete would have cleared, where freeing
      // them all (as a delete without values does) would hide real ones.
      const v = l.enc === 'base64' ? decodeBase64(l.raw).value : l.enc === 'plain' ? l.raw : undefined;
      const op = this.usernameOps![this.usernameOps!.length - 1];
      if (op.op === 'delete') {
        op.values ??= [];
        if (v !== undefined) op.values.push(usernameFoldKey(v));
      }
    }
  }

  private endModSpec(map: SpanMap, len: number): void {
    if (this.modExpectHeader) this.syntax('error', 'A "-" line without a modification to end.', map.range(0, len));
    this.modExpectHeader = true;
  }

  private usernameValue(l: Logical): void {
    const rec = this.rec!;
    const valueRange = l.map.range(l.p, l.u.length);
    const specRange = l.map.range(l.colon, l.u.length);
    let value: string | undefined;
    let plain = false;
    if (l.enc === 'base64') {
      const d = decodeBase64(l.raw);
      if (d.error) this.syntax('error', `The ${l.name} value ${d.error}; it cannot be checked.`, valueRange);
      value = d.value;
      plain = value !== undefined && isPlainUsername(value, this.cfg.profile);
    } else if (l.enc === 'url') {
      rec.findings.push(
        finding(
          'username-unchecked',
          'info',
          `The ${neutralize(l.name)} value is loaded from ${quoted(l.raw)}, which is not fetched; the username is not checked.`,
          valueRange
        )
      );
    } else {
      value = l.raw;
      // A plain username is ASCII, starts with neither ":" nor "<" and has no trailing space: none of these apply.
      plain = isPlainUsername(value, this.cfg.profile);
      if (!plain) this.plainValueChecks(value, valueRange);
    }
    const occ: RawOccurrence = makeOccurrence(value, l.enc, valueRange, specRange);
    if (value !== undefined && plain) {
      // The common valid username: no findings, no U+FFFD, an ASCII fold key; skip the rule machinery.
      occ.foldKey = value.toLowerCase();
    } else if (value !== undefined) {
      occ.foldKey = usernameFoldKey(value);
      if (value.includes('\uFFFD'))
        this.syntax(
          'warning',
          'Username contains U+FFFD REPLACEMENT CHARACTER: the file has invalid UTF-8 here or was decoded with the wrong encoding.',
          valueRange
        );
      checkOccurrence(occ, l.map, l.p, l.enc === 'plain', this.cfg.profile, (v) => encodeLdifValue(v, l.enc === 'base64'), rec.findings);
    }
    const firstOcc = rec.occurrences[0];
    const stream = this.stream;
    // A content record's values can be offered now: nothing later in the record changes what they mean.
    const early = stream !== undefined && this.state === 'content';
    const repeat =
      firstOcc !== undefined && value !== undefined && (early ? this.repeatsOffered(value, occ.foldKey) : this.repeatsInRecord(value));
    if (repeat) occ.repeatInRecord = true;
    const count = ++this.valueCount;
    if (early) {
      stream.contentValue(this.dnValue, occ, count === 1);
      rec.offered = true;
      // Values the duplicate index does not show as this record's (repeats of another entry's): kept here.
      if (!repeat && value !== undefined && (value === '' || !stream.heldByRecord(value, occ.foldKey!)))
        (this.recordValues ??= new Set()).add(value);
    }
    if (firstOcc) {
      if (stream) stream.multipleValues(value, repeat ? 0 : count, l.name, valueRange, firstOcc.valueRange);
      else {
        const f = multipleFinding(value, repeat ? 0 : count, l.name, valueRange, firstOcc.valueRange);
        // One array for all of the record's findings: an entry may hold thousands of values.
        f.related = this.firstValueRelated ??= f.related;
        rec.findings.push(f);
      }
    }
    // `[occ]` has room for one; push() onto the record's empty array would allocate room for 17.
    if (rec.occurrences.length === 0) rec.occurrences = [occ];
    // Offered values are not held: only the first is kept (for the findings that point at it).
    else if (!rec.offered) rec.occurrences.push(occ);
  }

  /**
   * True when the open record already has `value`, which is then remembered. The set is built on the
   * record's second value: one lookup per value, not a pass over the earlier ones (an entry with many
   * distinct values would be quadratic).
   */
  private repeatsInRecord(value: string): boolean {
    let set = this.recordValues;
    if (!set) {
      set = this.recordValues = new Set();
      for (const o of this.rec!.occurrences) if (o.value !== undefined) set.add(o.value);
    }
    if (set.has(value)) return true;
    set.add(value);
    return false;
  }

  /**
   * `repeatsInRecord` for values offered as they are read: the duplicate index knows the record's
   * values that were new to it (an entry with many distinct values needs no set of them), the set
   * holds the rest (see usernameValue).
   */
  private repeatsOffered(value: string, key: string | undefined): boolean {
    if (value !== '' && key !== undefined && this.stream!.heldByRecord(value, key)) return true;
    return this.recordValues?.has(value) ?? false;
  }

  /** Warnings about how an unencoded (`attr: value`) username is written. */
  private plainValueChecks(value: string, valueRange: Range): void {
    if (/[^\x00-\x7f]/.test(value.length > 4096 ? value.slice(0, 4096) : value))
      this.syntax(
        'info',
        'Non-ASCII value is not base64-encoded ("::"); RFC 2849 requires it, though most readers accept raw UTF-8.',
        valueRange
      );
    if (value.startsWith(':') || value.startsWith('<'))
      this.syntax(
        'warning',
        `A value starting with ${quoted(value[0])} must be base64-encoded ("::"); readers may misread it.`,
        valueRange
      );
    if (value.endsWith(' '))
      this.syntax(
        'warning',
        'Unencoded value ends with a space; Ping tools reject it unless it is base64-encoded or --stripTrailingSpaces is used.',
        valueRange
      );
  }

  private endRecord(): void {
    const rec = this.rec;
    if (!rec) return;
    const s = this.state;
    if (s === 'afterDn') {
      if (this.controls > 0) this.syntax('error', '"control:" lines must be followed by "changetype:".', this.dnRange!);
      else this.syntax('error', 'Entry has a DN but no attributes.', this.dnRange!);
    }
    if (s === 'modify') {
      if (!this.modExpectHeader) this.syntax('warning', 'Modification is not ended by a "-" line.', this.modHeaderRange!);
      if (this.modCount === 0) this.syntax('warning', 'Modify record has no modifications; Ping tools reject it.', this.changetypeRange!);
    }
    if (s === 'rename') {
      if (!this.newrdn) this.syntax('error', 'A modrdn/moddn record needs "newrdn:".', this.changetypeRange!);
      else if (!this.deleteoldrdn) this.syntax('error', 'A modrdn/moddn record needs "deleteoldrdn: 0|1".', this.newrdn.range);
      const user = this.newrdn?.value;
      rec.findings.push(
        finding(
          'ldif-rename',
          'warning',
          'Rename (modrdn/moddn): PingOne sync destinations do not allow renames (allow-destination-renames:false)' +
            (user !== undefined ? `; this one would change the username to ${quoted(user)}.` : '.'),
          this.changetypeRange!,
          user
        )
      );
    }
    const rdn =
      (s === 'content' || s === 'add') && rec.occurrences.length === 0 && this.dnValue !== undefined ? firstRdn(this.dnValue) : undefined;
    if ((s === 'content' || s === 'add') && rec.occurrences.length === 0 && this.expectsUsername(rdn)) {
      const attr = [...this.cfg.ldifNames][0];
      const rdnNote =
        rdn && this.cfg.ldifNames.has(rdn.attr)
          ? ` Its DN has ${neutralize(`${rdn.attr}=${rdn.value}`)}, but the RDN alone does not give the entry a ${neutralize(attr)} attribute.`
          : '';
      rec.findings.push(
        finding(
          'username-missing',
          'error',
          `Entry has no ${neutralize(attr)} attribute; PingOne requires a username.${rdnNote}`,
          this.dnRange ?? lineRange(rec.startLine, 0, 0)
        )
      );
    }
    rec.kind =
      s === 'content'
        ? 'content'
        : s === 'add'
          ? 'add'
          : s === 'modify'
            ? 'modify'
            : s === 'delete'
              ? 'delete'
              : s === 'rename'
                ? 'rename'
                : 'other';
    rec.category = s === 'content' ? 'content' : s === 'add' || s === 'modify' || s === 'delete' || s === 'rename' ? 'change' : undefined;
    rec.dn = this.dnValue;
    if (s === 'delete') rec.usernameOps = [{ op: 'delete' }];
    else if (s === 'modify') rec.usernameOps = this.usernameOps;
    else if (s === 'rename' && this.dnValue !== undefined && this.newrdn?.text !== undefined) {
      rec.usernameOps = [{ op: 'rename', newDn: renamedDn(this.dnValue, this.newrdn.text, this.newSuperior) }];
    }
    const hadContent = this.hadContent;
    rec.hasContent = hadContent;
    if (hadContent || rec.findings.length > 0) this.sink.record(rec);
    this.reset(hadContent);
  }

  /**
   * An entry must carry a username when its DN names it by the username
   * attribute (`uid=…`) or one of its object classes is a person or account
   * class. An entry without objectClass lines (a partial search output such
   * as `ldapsearch … cn mail`, or a hand-written file) may be a user, so it
   * is flagged too (the safe side) unless its RDN is a container's: dc, o,
   * ou, c, l are domains, organizations, units and places, never users.
   */
  private expectsUsername(rdn: { attr: string } | undefined): boolean {
    if (rdn && this.cfg.ldifNames.has(rdn.attr)) return true;
    if (this.objectClasses.length === 0) return !(rdn && CONTAINER_RDNS.has(rdn.attr));
    return this.objectClasses.some((c) => PERSON_CLASSES.has(c.trim().toLowerCase()));
  }

  private reset(hadContent: boolean): void {
    this.rec = undefined;
    this.state = 'start';
    if (hadContent) this.firstRecord = false;
    this.hadContent = false;
    this.logicalDone = 0;
    const oc = this.objectClasses;
    while (oc.length > 0) oc.pop();
    this.dnRange =
      this.dnValue =
      this.changetypeRange =
      this.modHeaderRange =
      this.newrdn =
      this.newSuperior =
      this.usernameOps =
        undefined;
    this.controls = this.modCount = 0;
    this.modExpectHeader = true;
    this.modAttr = this.modOp = '';
    this.modIsUser = this.deleteoldrdn = false;
    this.reportedOnce = 0;
    this.recordValues = undefined;
    this.firstValueRelated = undefined;
    this.valueCount = 0;
  }
}

interface Logical {
  u: string;
  map: SpanMap;
  colon: number;
  p: number;
  enc: ValueEncoding;
  raw: string;
  name: string;
  hasOptions: boolean;
}

/** The name of `byLength` that `buf[s, s + len)` spells in any ASCII case, or undefined. */
function nameOfBytes(byLength: Array<string[] | undefined>, buf: Buffer, s: number, len: number): string | undefined {
  const list = len < byLength.length ? byLength[len] : undefined;
  if (!list) return undefined;
  outer: for (const name of list) {
    for (let k = 0; k < len; k++) {
      let ch = buf[s + k];
      if (ch >= 65 && ch <= 90) ch += 32;
      if (ch !== name.charCodeAt(k)) continue outer;
    }
    return name;
  }
  return undefined;
}

function lineRange(line: number, from: number, to: number): Range {
  return { startLine: line, startColumn: from, endLine: line, endColumn: to };
}

export type { Finding };
