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

  private cached(uri: vscode.Uri, key: string, f: Finding, severity: Severity): vscode.Diagnostic {
    const hit = this.made.get(f);
    if (hit && hit.uri === key && hit.severity === severity) return hit.diagnostic;
    const diagnostic = this.fromFinding(uri, f, severity);
    this.made.set(f, { uri: key, severity, diagnostic });
    return diagnostic;
  }

  fromCapped(uri: vscode.Uri, capped: Capped, max: number): vscode.Diagnostic[] {
    const key = uri.toString();
    const out = capped.shown.map((p) => this.cached(uri, key, p.finding, p.severity));
    if (capped.hidden > 0) {
      const d = new vscode.Diagnostic(
        new vscode.Range(0, 0, 0, 0),
        `${capped.hidden} more username problem(s) in this file are not shown (setting pingone.usernames.maxProblemsPerFile is ${max}).`,
        vscode.DiagnosticSeverity.Information
      );
      d.source = DIAGNOSTIC_SOURCE;
      d.code = this.code(TOO_MANY_PROBLEMS);
      out.push(d);
    }
    return out;
  }
}
