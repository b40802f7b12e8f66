/**
 * Public data types of the username engine. Positions are 0-based lines and
 * 0-based columns counted in UTF-16 code units (the same units as VS Code's
 * `Position`); `endColumn` is exclusive. A byte-order mark at the start of a
 * file is not counted (editors hide it). Line breaks are LF, CRLF or a lone CR,
 * as in VS Code.
 */

export type FindingCode =
  | 'username-missing'
  | 'username-too-long'
  | 'username-invalid-character'
  | 'username-format'
  | 'username-whitespace'
  | 'username-duplicate'
  | 'username-duplicate-case'
  | 'username-multiple-values'
  | 'username-unchecked'
  | 'ldif-rename'
  | 'ldif-syntax'
  | 'csv-syntax';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Profile = 'api' | 'guide' | 'strict';
export type FileFormat = 'ldif' | 'csv';

export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A certain fix: replace `range` with `newText` (already encoded for the file). */
export interface Fix {
  kind: 'trim' | 'remove-invalid';
  title: string;
  /** Span to replace. LDIF: from the value-spec colon(s) to the end of the value; CSV: the whole field incl. quotes. */
  range: Range;
  /** Replacement text, e.g. `: alice` or `:: YWxpY2U=` (LDIF) or `"a,b"` (CSV). */
  newText: string;
  /** The decoded username after the fix. */
  value: string;
  /** True when the original LDIF value was base64 (`::`). */
  wasBase64: boolean;
  /** True when `newText` is base64 (LDIF). */
  isBase64: boolean;
}

export interface RelatedInformation {
  message: string;
  range: Range;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  range: Range;
  /** Decoded username this finding is about, when there is one. */
  username?: string;
  related?: RelatedInformation[];
  fix?: Fix;
}

/** How the value was written in the file. */
export type ValueEncoding = 'plain' | 'base64' | 'url' | 'quoted';

/** One username value in the file. */
export interface UsernameOccurrence {
  /** Index of the entry (LDIF record / CSV data row) in the file, 0-based. */
  entryIndex: number;
  /** Span of the encoded value (LDIF: after FILL spaces, across folds; CSV: the field incl. quotes). */
  valueRange: Range;
  /** Span of the whole value-spec, from the first colon (LDIF) or the field (CSV); fixes replace this. */
  specRange: Range;
  encoding: ValueEncoding;
  /** Decoded value; undefined when it could not be decoded (bad base64, URL). */
  value?: string;
}

/** One LDIF record or CSV data row. */
export interface EntryRecord {
  index: number;
  /** First and last physical line (inclusive) of the entry. */
  startLine: number;
  endLine: number;
  kind: 'content' | 'add' | 'modify' | 'delete' | 'rename' | 'row' | 'header' | 'other';
  occurrences: UsernameOccurrence[];
}

export interface ScanOptions {
  format: FileFormat;
  profile?: Profile;
  /** LDIF attribute holding the username (default `uid`, aliases matched). */
  ldifAttribute?: string;
  /** CSV header naming the username column (default `username`, case-insensitive). */
  csvColumn?: string;
  severities?: Partial<Record<FindingCode, SeveritySetting>>;
  /** Keep at most this many findings (after severity filtering). */
  maxFindings?: number;
  /** Keep per-entry records in the result (default true for scanText, false for streams). */
  collectEntries?: boolean;
}

export interface ScanResult {
  format: FileFormat;
  /** Number of entries (LDIF records with a DN, CSV data rows). */
  entries: number;
  /** Findings sorted by position. */
  findings: Finding[];
  /** True when maxFindings cut the list. */
  truncated: boolean;
  /** Per-entry records when collectEntries is on. */
  records?: EntryRecord[];
  errors: number;
  warnings: number;
  infos: number;
}
