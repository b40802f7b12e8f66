import { mkdirSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { UsernameFeature } from '../../../src/diagnostics';
import { testServices } from './extension';

const ENV_CODES = ['username-exists-in-environment', 'username-case-clash-in-environment'];

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

function severityName(s: vscode.DiagnosticSeverity): string {
  return ['error', 'warning', 'info', 'hint'][s];
}

/** `line:col-line:col code severity`, for assertions and failure messages. */
export function describe1(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${codeOf(d)} ${severityName(d.severity)}`;
}

/** The file's own PingOne diagnostics (not the environment check's), in document order. */
export function local(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'PingOne' && !ENV_CODES.includes(codeOf(d)))
    .sort((a, b) => a.range.start.compareTo(b.range.start) || codeOf(a).localeCompare(codeOf(b)));
}

export async function feature(): Promise<UsernameFeature> {
  return (await testServices()).usernames;
}

export function workspaceUri(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...parts);
}

/**
 * VS Code keeps documents that extensions opened alive for minutes after
 * their editor closes (up to 50 of them). Opening more small files evicts
 * the oldest, so a closed editor's document really closes now.
 */
export async function releaseClosedDocuments(): Promise<void> {
  const dir = workspaceUri('evict');
  mkdirSync(dir.fsPath, { recursive: true });
  for (let i = 0; i < 60; i++) {
    const file = vscode.Uri.joinPath(dir, `${Date.now()}-${i}.txt`);
    writeFileSync(file.fsPath, String(i));
    await vscode.workspace.openTextDocument(file);
  }
}
