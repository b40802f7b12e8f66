import { scanText, type Finding, type ScanOptions } from '../../../src/usernames';

export function ldif(text: string, extra: Partial<ScanOptions> = {}) {
  return scanText(text, { format: 'ldif', ...extra });
}
export function csv(text: string, extra: Partial<ScanOptions> = {}) {
  return scanText(text, { format: 'csv', ...extra });
}
export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}
/** [line, startCol, endLine, endCol] of a finding. */
export function at(f: { range: Finding['range'] }): [number, number, number, number] {
  return [f.range.startLine, f.range.startColumn, f.range.endLine, f.range.endColumn];
}
export function only(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}
