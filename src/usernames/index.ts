/**
 * Username engine: PingOne username rules, LDIF (RFC 2849) and CSV (RFC 4180)
 * scanners, findings. Pure TypeScript, no `vscode` import; shared by the
 * editor diagnostics and the `pingone-sync-lint` CLI.
 *
 * Positions: every `Range` is 0-based (lines and columns), columns count
 * UTF-16 code units like VS Code, `endColumn` is exclusive, and a leading BOM
 * is not counted. The CLI adds 1 for its 1-based output.
 *
 * Whole files
 *   - `scanText(text, options)`: an editor document or any string.
 *   - `createScanner(options)` → `{ push(bytes), end() }`, `scanStream(asyncIterable, options)`,
 *     `scanFile(path, options)`: files of any size. Memory is bounded by the number of
 *     distinct usernames plus the longest physical line (a CSV username field is capped
 *     at 1 Mi characters); per-entry records are only kept with `collectEntries: true`.
 *   - `detectFormat(fileName)`: `.ldif`/`.ldf` → ldif, `.csv`/`.tsv` → csv (the one table in
 *     `formats.ts`, shared with the editor and the CLI).
 *   Byte scans decode a file that starts with a UTF-16 byte-order mark (`utf16.ts`) and warn once.
 *   LDIF change files are histories: duplicates follow each DN (see `DuplicateTracker`).
 *   All of them run in time linear in the input and never throw on any input:
 *   unreadable parts become `ldif-syntax` / `csv-syntax` findings.
 *
 * Editor (incremental)
 *   - `new IncrementalDocumentScan(text, options)`, then `applyEdit(range, newText)` per
 *     content change; it re-parses only the touched records (see `lastRescan`) and the
 *     duplicate groups of the usernames involved, and returns the same result a full
 *     `scanText` would.
 *
 * Findings
 *   - `code` (stable, see `FindingCode`), `severity` after `options.severities`,
 *     `message` naming characters as `U+200B ZERO WIDTH SPACE` and counting length in code
 *     points, `range`, `username` (decoded), `related` (first occurrence for duplicates and
 *     multiple values) and `fix` (a certain fix: replacement text for the value-spec, already
 *     base64-encoded when the LDIF value was `::` or needs it).
 *
 * Rules
 *   - `checkUsername(value, profile)` per value; `checkEmail` / `isWellFormedEmail` (the exact
 *     rule is documented in `email.ts`); `describeCodePoint` for messages.
 */
export * from './types';
export {
  checkUsername,
  countCodePoints,
  hasOnlyApiCharacters,
  usernameFoldKey,
  MAX_USERNAME_CODE_POINTS,
  type RuleViolation,
} from './rules';
export { checkEmail, isWellFormedEmail, type EmailCheck } from './email';
export { describeCodePoint, unicodeName, categoryName } from './unicodeNames';
export { scanText, createScanner, scanStream, scanFile, detectFormat, type ByteScanner } from './scan';
export { IncrementalDocumentScan, type RescanStats } from './incremental';
export { encodeLdifValue } from './ldifScanner';
export { encodeCsvField } from './csvScanner';
export { FINDING_CODES, RULE_HELP, DEFAULT_SEVERITY } from './ruleHelp';
