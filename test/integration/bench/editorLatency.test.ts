// In-host benchmark: time from an edit in a 10 MB open LDIF document to its
// updated diagnostics, median and worst of 50 edits, with the default
// debounce and with none (the check itself). Rows go to PINGONE_BENCH_OUT.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { type BenchRow as Row, summarize } from '../../../bench/lib';
import { codeOf } from '../helpers/diagnostics';
import { activateExtension, testServices } from '../helpers/extension';

const EDITS = 50;
const ENTRY_LINES = 7;

function summarizeMs(figure: string, values: number[], note?: string): Row {
  return summarize('editor', figure, values, 'ms', note ? { note } : {});
}

/** Resolves when the diagnostics of `uri` satisfy `ok` (checked on every change). */
function diagnosticsWhere(uri: vscode.Uri, ok: (ds: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('timed out waiting for diagnostics'));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      if (!ok(vscode.languages.getDiagnostics(uri))) return;
      const t = performance.now();
      clearTimeout(timer);
      sub.dispose();
      resolve(t);
    });
  });
}

function generate(targetBytes: number): { text: string; entries: number } {
  const parts: string[] = [];
  let bytes = 0;
  let i = 0;
  while (bytes < targetBytes) {
    const e = `dn: uid=e${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: user.${i}\ncn: User ${i}\nsn: ${i}\ndescription: ${'x'.repeat(90)}\n\n`;
    parts.push(e);
    bytes += e.length;
    i++;
  }
  return { text: parts.join(''), entries: i };
}

describe('Bench: editor latency', function () {
  this.timeout(600_000);
  const rows: Row[] = [];

  after(() => {
    const out = process.env.PINGONE_BENCH_OUT;
    if (out) writeFileSync(out, JSON.stringify(rows, null, 2));
    for (const r of rows)
      console.log(`[bench] ${r.figure}: median ${r.value.toFixed(1)} ${r.unit} (min ${r.min?.toFixed(1)}, max ${r.max?.toFixed(1)})`);
  });

  async function measure(editor: vscode.TextEditor, entries: number): Promise<number[]> {
    const uri = editor.document.uri;
    const times: number[] = [];
    for (let n = 0; n < EDITS; n++) {
      // Pairs: make an entry's username a duplicate of user.0, then restore it; every edit changes the diagnostics.
      const entry = 1000 + Math.floor(n / 2) * Math.floor((entries - 2000) / (EDITS / 2));
      const line = entry * ENTRY_LINES + 2;
      const makeDuplicate = n % 2 === 0;
      const text = editor.document.lineAt(line).text;
      const published = diagnosticsWhere(
        uri,
        (ds) => ds.some((d) => d.range.start.line === line && codeOf(d) === 'username-duplicate') === makeDuplicate
      );
      const t0 = performance.now();
      const applied = await editor.edit((b) =>
        b.replace(new vscode.Range(line, 5, line, text.length), makeDuplicate ? 'user.0' : `user.${entry}`)
      );
      assert.ok(applied);
      times.push((await published) - t0);
    }
    return times;
  }

  it('edit → updated diagnostics in a 10 MB open LDIF', async () => {
    await activateExtension();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const dir = vscode.Uri.joinPath(folder, 'bench-editor');
    mkdirSync(dir.fsPath, { recursive: true });
    const uri = vscode.Uri.joinPath(dir, 'latency.ldif');
    const { text, entries } = generate(10 * 1024 * 1024);
    writeFileSync(uri.fsPath, text);
    const config = vscode.workspace.getConfiguration('pingone.usernames');

    const t0 = performance.now();
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const firstCheck = vscode.languages.getDiagnostics(uri).length > 0 ? performance.now() : undefined;
    // The clean file publishes an empty set; wait for the feature to have checked it.
    const checked = firstCheck ?? (await waitForTracked(uri));
    rows.push({
      area: 'editor',
      figure: 'open 10 MB LDIF → first diagnostics',
      value: checked - t0,
      unit: 'ms',
      note: `${entries} entries, includes opening the document`,
    });

    const withDebounce = await measure(editor, entries);
    rows.push(summarizeMs(`edit → diagnostics, 10 MB LDIF, debounce ${config.get('debounceMs')} ms (${EDITS} edits)`, withDebounce));

    await config.update('debounceMs', 0, vscode.ConfigurationTarget.Workspace);
    try {
      // Settings changes re-check from scratch; let that finish first.
      await new Promise((r) => setTimeout(r, 2000));
      const noDebounce = await measure(editor, entries);
      rows.push(
        summarizeMs(
          `edit → diagnostics, 10 MB LDIF, no debounce (${EDITS} edits)`,
          noDebounce,
          'the incremental check and publishing alone'
        )
      );
    } finally {
      await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

/** Polls the feature (through the test API) until the document has a published check. */
async function waitForTracked(uri: vscode.Uri): Promise<number> {
  const feature = (await testServices()).usernames;
  for (;;) {
    if (feature.diagnostics.checked(uri)) return performance.now();
    await new Promise((r) => setTimeout(r, 5));
  }
}
