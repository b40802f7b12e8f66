/**
 * Text, JSON and SARIF 2.1.0 renderings of scan results. Each is written in
 * pieces to a sink, reading the findings one at a time: a file may hold
 * millions of findings, and neither their objects nor the whole output need
 * to be held at once (V8 strings stop at 2^29 characters, less than the JSON
 * of such a file). The output is what `JSON.stringify(report, null, 2)`
 * gives, byte for byte.
 */
import type { FindingList } from '../usernames/findingStore';
import { neutralize } from '../usernames/inertText';
import { DEFAULT_SEVERITY, FINDING_CODES, RULE_HELP } from '../usernames/ruleHelp';
import type { FileFormat, Finding } from '../usernames/types';

export interface FileReport {
  path: string;
  format: FileFormat;
  entries: number;
  /** A `Finding[]`, or a scan's finding columns (`findingListOf`). */
  findings: FindingList;
}

/** Where rendered text goes, in pieces. */
export type Sink = (s: string) => void;

/** Pieces this long are handed on at once: few writes, and no string as large as the output. */
const PIECE = 1 << 16;

/** Groups the small strings of a report into pieces of about PIECE characters. */
export function* inPieces(parts: Iterable<string>): Generator<string> {
  let buf = '';
  for (const s of parts) {
    buf += s;
    if (buf.length >= PIECE) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** Renders into one string (for tests and small outputs). */
function toText(parts: Iterable<string>): string {
  return [...inPieces(parts)].join('');
}

/** Hands the pieces of a report to `sink`. */
function toSink(parts: Iterable<string>, sink: Sink): void {
  for (const piece of inPieces(parts)) sink(piece);
}

export const README_URL = 'README.md';

/** `path:line:col: severity: message [code]`, 1-based like a compiler. */
export function renderText(files: FileReport[]): string {
  return toText(textParts(files));
}

export function writeText(files: FileReport[], sink: Sink): void {
  toSink(textParts(files), sink);
}

/** The text report in small parts (see inPieces). */
export function* textParts(files: FileReport[]): Generator<string> {
  let errors = 0,
    warnings = 0,
    entries = 0;
  for (const f of files) {
    entries += f.entries;
    // A file name may hold a line break or an escape sequence (a pull request can name files): shown inert.
    // Messages are inert already (the engine quotes outside text through the same function).
    const shownPath = neutralize(f.path);
    for (let i = 0; i < f.findings.length; i++) {
      const x = f.findings.at(i)!;
      if (x.severity === 'error') errors++;
      else if (x.severity === 'warning') warnings++;
      const rel = x.related?.[0];
      const see = rel ? ` (${rel.message.toLowerCase()}: ${rel.range.startLine + 1}:${rel.range.startColumn + 1})` : '';
      yield `${shownPath}:${x.range.startLine + 1}:${x.range.startColumn + 1}: ${x.severity}: ${x.message}${see} [${x.code}]\n`;
    }
  }
  yield `${files.length} file${files.length === 1 ? '' : 's'}, ${entries} entr${entries === 1 ? 'y' : 'ies'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`;
}

export function renderJson(files: FileReport[]): string {
  return toText(jsonParts(files));
}

export function writeJson(files: FileReport[], sink: Sink): void {
  toSink(jsonParts(files), sink);
}

const q = JSON.stringify;

/**
 * `JSON.stringify` of strings that often repeat the one before (a username on every row makes
 * the same message a million times): equal strings are compared, not quoted again.
 */
function lastQuoted(): (s: string) => string {
  let last = '',
    quoted = '""';
  return (s) => (s === last ? quoted : (quoted = q((last = s))));
}

/** The JSON report in small parts: the layout of `JSON.stringify(report, null, 2)`, finding by finding. */
export function* jsonParts(files: FileReport[]): Generator<string> {
  let errors = 0,
    warnings = 0,
    entries = 0;
  const message = lastQuoted(),
    username = lastQuoted();
  yield `{\n  "version": 1,\n  "files": [${files.length ? '\n' : ''}`;
  for (let k = 0; k < files.length; k++) {
    const f = files[k];
    entries += f.entries;
    const list = f.findings;
    yield `    {\n      "path": ${q(f.path)},\n      "format": ${q(f.format)},\n      "entries": ${f.entries},\n      "findings": [`;
    for (let i = 0; i < list.length; i++) {
      const x = list.at(i)!;
      if (x.severity === 'error') errors++;
      else if (x.severity === 'warning') warnings++;
      const r = x.range;
      yield (
        `${i ? ',' : ''}\n        {\n          "code": ${q(x.code)},\n          "severity": ${q(x.severity)},\n          "message": ${message(x.message)},` +
        `\n          "line": ${r.startLine + 1},\n          "column": ${r.startColumn + 1},\n          "endLine": ${r.endLine + 1},` +
        `\n          "endColumn": ${r.endColumn + 1}${x.username !== undefined ? `,\n          "username": ${username(x.username)}` : ''}\n        }`
      );
    }
    yield `${list.length ? '\n      ' : ''}]\n    }${k < files.length - 1 ? ',' : ''}\n`;
  }
  yield `${files.length ? '  ' : ''}],\n  "summary": {\n    "files": ${files.length},\n    "entries": ${entries},\n    "errors": ${errors},\n    "warnings": ${warnings}\n  }\n}\n`;
}

function anchor(code: string): string {
  return `${README_URL}#${code}`;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function renderSarif(files: FileReport[], toolVersion: string): string {
  return toText(sarifParts(files, toolVersion));
}

export function writeSarif(files: FileReport[], toolVersion: string, sink: Sink): void {
  toSink(sarifParts(files, toolVersion), sink);
}

/** Where the results go in the log's JSON (a string no path or message can equal: it has a NUL). */
const RESULTS_HERE = '\u0000results';

/** The SARIF log in small parts: the layout of `JSON.stringify(log, null, 2)`, result by result. */
export function* sarifParts(files: FileReport[], toolVersion: string): Generator<string> {
  const region = (r: Finding['range']) => ({
    startLine: r.startLine + 1,
    startColumn: r.startColumn + 1,
    endLine: r.endLine + 1,
    // SARIF regions may not be empty; widen a zero-width range to one column.
    endColumn: r.endLine === r.startLine && r.endColumn <= r.startColumn ? r.startColumn + 2 : r.endColumn + 1,
  });
  const rules = FINDING_CODES.map((code) => ({
    id: code,
    name: RULE_HELP[code].title.replace(/[^A-Za-z]+/g, ''),
    shortDescription: { text: RULE_HELP[code].title },
    fullDescription: { text: RULE_HELP[code].help },
    // The README link lives in the Markdown help only: SARIF 2.1.0's helpUri
    // must be an absolute URI (its schema's format "uri"), and the README has
    // no fixed public address.
    help: { text: RULE_HELP[code].help, markdown: `${RULE_HELP[code].help} See [${code}](${anchor(code)}).` },
    defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITY[code]] },
  }));
  const result = (f: FileReport, x: Finding) => {
    const loc = { physicalLocation: { artifactLocation: { uri: toUri(f.path), uriBaseId: '%SRCROOT%' }, region: region(x.range) } };
    const r: Record<string, unknown> = {
      ruleId: x.code,
      ruleIndex: FINDING_CODES.indexOf(x.code),
      level: SARIF_LEVEL[x.severity],
      message: { text: x.message },
      locations: [loc],
    };
    if (x.related?.length) {
      r.relatedLocations = x.related.map((rel, id) => ({
        id,
        message: { text: rel.message },
        physicalLocation: { artifactLocation: { uri: toUri(f.path), uriBaseId: '%SRCROOT%' }, region: region(rel.range) },
      }));
    }
    return r;
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          // No informationUri (optional in SARIF 2.1.0, §3.19.17): the tool has no public home page to
          // point at, and a made-up address would be shown as a link by code-scanning viewers.
          driver: { name: 'pingone-sync-lint', version: toolVersion, rules },
        },
        columnKind: 'utf16CodeUnits',
        results: RESULTS_HERE,
      },
    ],
  };
  // The results array is the last member of the run: the log's text around it is written as it is.
  const text = JSON.stringify(sarif, null, 2) + '\n';
  const at = text.indexOf(q(RESULTS_HERE));
  yield text.slice(0, at) + '[';
  let n = 0;
  for (const f of files) {
    for (let i = 0; i < f.findings.length; i++) {
      // Each result sits four levels deep: its own lines are indented by eight more spaces.
      yield `${n++ ? ',' : ''}\n        ${q(result(f, f.findings.at(i)!), null, 2).replace(/\n/g, '\n        ')}`;
    }
  }
  yield `${n ? '\n      ' : ''}]` + text.slice(at + q(RESULTS_HERE).length);
}

function toUri(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}
