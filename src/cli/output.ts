/** Text, JSON and SARIF 2.1.0 renderings of scan results. */
import { DEFAULT_SEVERITY, FINDING_CODES, RULE_HELP } from '../usernames/ruleHelp';
import type { FileFormat, Finding } from '../usernames/types';

export interface FileReport {
  path: string;
  format: FileFormat;
  entries: number;
  findings: Finding[];
}

export const README_URL = 'README.md';

/** `path:line:col: severity: message [code]`, 1-based like a compiler. */
export function renderText(files: FileReport[]): string {
  const out: string[] = [];
  let errors = 0,
    warnings = 0,
    entries = 0;
  for (const f of files) {
    entries += f.entries;
    for (const x of f.findings) {
      if (x.severity === 'error') errors++;
      else if (x.severity === 'warning') warnings++;
      const rel = x.related?.[0];
      const see = rel ? ` (${rel.message.toLowerCase()}: ${rel.range.startLine + 1}:${rel.range.startColumn + 1})` : '';
      out.push(`${f.path}:${x.range.startLine + 1}:${x.range.startColumn + 1}: ${x.severity}: ${x.message}${see} [${x.code}]`);
    }
  }
  out.push(
    `${files.length} file${files.length === 1 ? '' : 's'}, ${entries} entr${entries === 1 ? 'y' : 'ies'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
  );
  return out.join('\n') + '\n';
}

export function renderJson(files: FileReport[]): string {
  let errors = 0,
    warnings = 0,
    entries = 0;
  const json = {
    version: 1,
    files: files.map((f) => {
      entries += f.entries;
      return {
        path: f.path,
        format: f.format,
        entries: f.entries,
        findings: f.findings.map((x) => {
          if (x.severity === 'error') errors++;
          else if (x.severity === 'warning') warnings++;
          const o: Record<string, unknown> = {
            code: x.code,
            severity: x.severity,
            message: x.message,
            line: x.range.startLine + 1,
            column: x.range.startColumn + 1,
            endLine: x.range.endLine + 1,
            endColumn: x.range.endColumn + 1,
          };
          if (x.username !== undefined) o.username = x.username;
          return o;
        }),
      };
    }),
    summary: { files: files.length, entries, errors, warnings },
  };
  return JSON.stringify(json, null, 2) + '\n';
}

function anchor(code: string): string {
  return `${README_URL}#${code}`;
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function renderSarif(files: FileReport[], toolVersion: string): string {
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
  const results = files.flatMap((f) =>
    f.findings.map((x) => {
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
    })
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'pingone-sync-lint', version: toolVersion, informationUri: 'https://github.com/pingone-sync-toolkit', rules },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function toUri(p: string): string {
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}
