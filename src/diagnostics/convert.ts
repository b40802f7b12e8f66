import * as vscode from 'vscode';
import type { Finding, Range, Severity } from '../usernames/types';
import { type Capped, ruleAnchor } from './findings';

export const DIAGNOSTIC_SOURCE = 'PingOne';
/** Code of the summary shown when a file has more problems than `maxProblemsPerFile`. */
export const TOO_MANY_PROBLEMS = 'too-many-problems';

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn);
}

export function toSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

/** Builds VS Code diagnostics with a README link per code (markdownlint's rich code). */
export class DiagnosticFactory {
  constructor(private readonly readme: vscode.Uri) {}

  code(code: string): { value: string; target: vscode.Uri } {
    return { value: code, target: this.readme.with({ fragment: ruleAnchor(code) }) };
  }

  fromFinding(uri: vscode.Uri, f: Finding, severity: Severity): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(f.range), f.message, toSeverity(severity));
    d.source = DIAGNOSTIC_SOURCE;
    d.code = this.code(f.code);
    if (f.related?.length) {
      d.relatedInformation = f.related.map(
        (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message)
      );
    }
    return d;
  }

  /**
   * The incremental engine hands back the same Finding objects for the entries
   * an edit did not touch: their diagnostics are made once and reused.
   */
  private readonly made = new WeakMap<Finding, { uri: string; severity: Severity; diagnostic: vscode.Diagnostic }>();

  private cached(uri: vscode.Uri, key: string, f: Finding, severity: Severity, shown: vscode.Diagnostic | undefined): vscode.Diagnostic {
    const hit = this.made.get(f);
    if (hit && hit.uri === key && hit.severity === severity) return hit.diagnostic;
    const diagnostic = shown && sameDiagnostic(shown, uri, f, severity) ? shown : this.fromFinding(uri, f, severity);
    this.made.set(f, { uri: key, severity, diagnostic });
    return diagnostic;
  }

  /**
   * The diagnostics of `capped`. Where `shown` (what the file shows now) already holds an equal diagnostic at the
   * same place in the list, that object is kept: the model's first check of a file whose findings the scan worker
   * published makes the same list, and the caller then has nothing to send again (`DiagnosticCollection.set`
   * converts and sends every diagnostic of the file).
   */
  fromCapped(uri: vscode.Uri, capped: Capped, max: number, shown?: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
    const key = uri.toString();
    const out = capped.shown.map((p, i) => this.cached(uri, key, p.finding, p.severity, shown?.[i]));
    if (capped.hidden > 0) {
      const message = `${capped.hidden} more username problem(s) in this file are not shown (setting pingone.usernames.maxProblemsPerFile is ${max}).`;
      const same = shown?.[out.length];
      if (same && same.message === message && codeValue(same) === TOO_MANY_PROBLEMS) out.push(same);
      else {
        const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = this.code(TOO_MANY_PROBLEMS);
        out.push(d);
      }
    }
    return out;
  }
}

function codeValue(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function sameRange(a: vscode.Range, r: Range): boolean {
  return a.start.line === r.startLine && a.start.character === r.startColumn && a.end.line === r.endLine && a.end.character === r.endColumn;
}

/** Whether `d` is what `fromFinding(uri, f, severity)` makes (the README link follows from the code). */
function sameDiagnostic(d: vscode.Diagnostic, uri: vscode.Uri, f: Finding, severity: Severity): boolean {
  if (d.message !== f.message || d.severity !== toSeverity(severity) || codeValue(d) !== f.code || !sameRange(d.range, f.range))
    return false;
  const related = f.related ?? [];
  const had = d.relatedInformation ?? [];
  if (had.length !== related.length) return false;
  const key = uri.toString();
  return related.every((r, i) => {
    const h = had[i];
    return h.message === r.message && h.location.uri.toString() === key && sameRange(h.location.range, r.range);
  });
}
