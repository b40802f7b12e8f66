/** Hover on a base64 (`uid::`) username: what it decodes to, since nobody reads base64. */
import * as vscode from 'vscode';
import type { UsernameDiagnostics } from './controller';
import { rangeContains } from './controller';
import { toRange } from './convert';

export class Base64UsernameHover implements vscode.HoverProvider {
  constructor(private readonly diagnostics: UsernameDiagnostics) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const last = this.diagnostics.checked(document.uri);
    if (!last || last.version !== document.version) return undefined;
    // The entry at the line (the model finds it by binary search), then look inside it.
    const r = last.recordAt(position.line);
    for (const occ of r?.occurrences ?? []) {
      if (occ.encoding !== 'base64' || !rangeContains(occ.specRange, position.line, position.character)) continue;
      const md = new vscode.MarkdownString();
      if (occ.value === undefined) {
        md.appendText('Username (base64): cannot be decoded.');
      } else {
        md.appendMarkdown('**Username** (decoded from base64): ');
        md.appendCodeblock(occ.value, 'text');
        const visible = [...occ.value].map((ch) => {
          const cp = ch.codePointAt(0)!;
          return cp < 0x20 || cp === 0x7f || /\s|\p{Cf}/u.test(ch) ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : ch;
        });
        if (visible.join('') !== occ.value)
          md.appendMarkdown(`\n\nWith invisible characters shown: \`${visible.join(' ').replace(/`/g, "'")}\``);
      }
      return new vscode.Hover(md, toRange(occ.specRange));
    }
    return undefined;
  }
}
