/**
 * Quick fixes for findings the engine marked as certain. A fix replaces
 * exactly the value-spec span (LDIF: from the colon(s) to the value's end,
 * across folds; CSV: the field) with text the engine already encoded, so a
 * `uid::` value is re-encoded as base64 and a plain value that now needs
 * base64 is encoded.
 */
import * as vscode from 'vscode';
import type { Fix } from '../usernames/types';
import { toRange, DIAGNOSTIC_SOURCE } from './convert';
import type { UsernameDiagnostics } from './controller';

function codeValue(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export class UsernameCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: UsernameDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const last = this.diagnostics.checked(document.uri);
    // A fix computed for another version would edit the wrong text.
    if (!last || last.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const code = codeValue(d);
      if (!code) continue;
      const f = this.diagnostics.findingAt(document.uri, code, d.range);
      if (!f?.fix) continue;
      actions.push(this.action(document, f.fix, d));
    }
    return actions;
  }

  private action(document: vscode.TextDocument, fix: Fix, d: vscode.Diagnostic): vscode.CodeAction {
    const title = fix.isBase64 ? `${fix.title} (base64-encoded)` : fix.title;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, toRange(fix.range), fix.newText);
    action.diagnostics = [d];
    action.isPreferred = true;
    return action;
  }
}
