/**
 * Internal record shape shared by the scanners, the streaming aggregator and
 * the incremental document scan. A record is what one LDIF record or CSV row
 * yields: its line span, its username occurrences, and the findings that
 * depend on that record alone. Cross-record findings (duplicates, mixed LDIF
 * record kinds) are computed from records by the aggregators.
 */
import { checkUsername } from './rules';
import type { SpanMap } from './spanMap';
import type { EntryRecord, Finding, FindingCode, Profile, Range, Severity, UsernameOccurrence, ValueEncoding } from './types';

export interface RawOccurrence extends Omit<UsernameOccurrence, 'entryIndex'> {
  /** Fold key for case/normalization duplicates; undefined when value is. */
  foldKey?: string;
  /** Repeats an earlier value of the same record (reported as multiple values, not duplicate). */
  repeatInRecord?: boolean;
}

export interface RawRecord {
  startLine: number;
  endLine: number;
  kind: EntryRecord['kind'];
  /** Counts as an entry (LDIF record with a DN, CSV data row). */
  isEntry: boolean;
  /** LDIF: the record has a non-comment line (ends the `version:` window). */
  hasContent?: boolean;
  /** LDIF: 'content' or 'change' for the mixed-file check. */
  category?: 'content' | 'change';
  occurrences: RawOccurrence[];
  findings: Finding[];
  /** LDIF: the record's DN as decoded; undefined without one (or when it is not valid base64). */
  dn?: string;
  /** LDIF change records: what the record does to its entry's usernames, in file order. */
  usernameOps?: UsernameOp[];
  /** Its usernames were offered as they were read (see LdifStreamSink); `occurrences` keeps only the first. */
  offered?: boolean;
}

/**
 * One change to an entry's usernames (RFC 2849 change records). `add` and
 * `replace` take the record's next `count` occurrences; `delete` removes the
 * listed values (fold keys) or, without values, the whole attribute; a
 * `delete` record is one `delete` without values; `rename` moves the entry.
 */
export type UsernameOp = { op: 'add' | 'replace'; count: number } | { op: 'delete'; values?: string[] } | { op: 'rename'; newDn: string };

export interface RecordSink {
  record(r: RawRecord): void;
}

/**
 * A sink that also takes the commonest CSV row (RFC 4180) without a record object: a data row
 * with no findings of its own whose username is plain ASCII, given as bytes `buf[s, e)` at `line`,
 * `col`, with its fold key's hash and case (see plainBytes.ts).
 */
export interface PlainRowSink {
  plainRow(buf: Buffer, s: number, e: number, hash: number, cased: boolean, line: number, col: number): void;
}

/**
 * Where a whole-file scan that keeps no records and caps no findings takes an LDIF record's
 * commonest per-value results as they are read, instead of holding them to the record's end (an
 * entry may hold hundreds of thousands of values): a content record's username values, offered
 * for duplicates at once (`first`: the record's first), and `username-multiple-values` findings
 * (`count` 0: a repeated value). The record then arrives with `offered` set.
 */
export interface LdifStreamSink {
  contentValue(dn: string | undefined, occ: RawOccurrence, first: boolean): void;
  multipleValues(username: string | undefined, count: number, name: string, range: Range, first: Range): void;
  /** True when `value` (fold key `key`) was offered in the open record and the index keeps it as that record's. */
  heldByRecord(value: string, key: string): boolean;
  /**
   * A later value of the open content record that is a plain ASCII username `buf[s, e)` at `line`,
   * `col` (`hash`, `cased`: see plainBytes.ts): offered unless the record already has it. Returns
   * OFFERED, REPEAT or SLOW (nothing done: the string path decides), see `DuplicateTracker.offerInRecord`.
   */
  contentValueBytes(buf: Buffer, s: number, e: number, hash: number, cased: boolean, line: number, col: number): number;
  /** `multipleValues` for such a value, on one line from `col`. */
  multipleBytes(buf: Buffer, s: number, e: number, count: number, name: string, line: number, col: number, first: Range): void;
}

export interface ScannerConfig {
  profile: Profile;
  /** Lower-case LDIF attribute names that hold the username (aliases included). */
  ldifNames: Set<string>;
  /** Lower-case CSV column name. */
  csvColumn: string;
  csvColumnIsDefault: boolean;
}

export function finding(code: FindingCode, severity: Severity, message: string, range: Range, username?: string): Finding {
  const f: Finding = { code, severity, message, range };
  if (username !== undefined) f.username = username;
  return f;
}

/**
 * Runs the per-value rules on a decoded value and maps each violation to a
 * physical range: exact characters for plain values (1:1 with the file),
 * the whole encoded span otherwise.
 */
export function checkOccurrence(
  occ: RawOccurrence,
  map: SpanMap,
  valueFrom: number,
  exact: boolean,
  profile: Profile,
  encodeFix: (value: string) => { newText: string; isBase64: boolean },
  out: Finding[]
): void {
  const value = occ.value;
  if (value === undefined) return;
  for (const v of checkUsername(value, profile)) {
    const range = exact && v.index !== undefined ? map.range(valueFrom + v.index, valueFrom + v.index + (v.length ?? 1)) : occ.valueRange;
    const f = finding(v.code, v.severity, v.message, range, value);
    if (v.fix) {
      const enc = encodeFix(v.fix.value);
      f.fix = {
        kind: v.fix.kind,
        title: v.fix.kind === 'trim' ? 'Trim white space from the username' : 'Remove the characters PingOne does not accept',
        range: occ.specRange,
        newText: enc.newText,
        value: v.fix.value,
        wasBase64: occ.encoding === 'base64',
        isBase64: enc.isBase64,
      };
    }
    out.push(f);
  }
}

export function makeOccurrence(value: string | undefined, encoding: ValueEncoding, valueRange: Range, specRange: Range): RawOccurrence {
  return { value, encoding, valueRange, specRange };
}
