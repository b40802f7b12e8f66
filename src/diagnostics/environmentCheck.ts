/**
 * Results of "Check Usernames Against Environment…", kept in their own
 * DiagnosticCollection so they never mix with the local checks: cleared when
 * a file changes (in the editor or on disk) and when the command runs again.
 */
import * as vscode from 'vscode';
import type { UsernameOccurrence } from '../usernames/types';
import { Disposable } from '../util/disposable';
import { DIAGNOSTIC_SOURCE, type DiagnosticFactory, toRange } from './convert';
import { type EnvironmentMatch, environmentMessage } from './environmentMatch';

export const ENV_EXISTS_CODE = 'username-exists-in-environment';
export const ENV_CASE_CODE = 'username-case-clash-in-environment';

export class EnvironmentCheckResults extends Disposable {
  readonly collection: vscode.DiagnosticCollection;

  constructor(
    private readonly factory: DiagnosticFactory,
    onDiskChange: vscode.Event<vscode.Uri>
  ) {
    super();
    this.collection = this._register(vscode.languages.createDiagnosticCollection('pingone-environment'));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
      })
    );
    this._register(onDiskChange((uri) => this.collection.delete(uri)));
  }

  clear(): void {
    this.collection.clear();
  }

  publish(
    uri: vscode.Uri,
    occurrences: readonly UsernameOccurrence[],
    matches: ReadonlyMap<string, EnvironmentMatch>,
    environmentName: string
  ): number {
    const out: vscode.Diagnostic[] = [];
    for (const occ of occurrences) {
      if (occ.value === undefined) continue;
      const match = matches.get(occ.value);
      if (!match) continue;
      const d = new vscode.Diagnostic(
        toRange(occ.valueRange),
        environmentMessage(match, occ.value, environmentName),
        match.kind === 'exists' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Warning
      );
      d.source = DIAGNOSTIC_SOURCE;
      d.code = this.factory.code(match.kind === 'exists' ? ENV_EXISTS_CODE : ENV_CASE_CODE);
      out.push(d);
    }
    if (out.length) this.collection.set(uri, out);
    else this.collection.delete(uri);
    return out.length;
  }
}
