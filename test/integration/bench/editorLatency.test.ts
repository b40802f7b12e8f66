// In-host benchmark of the username diagnostics on a 10 MB open LDIF document
// (with a planted finding every 100 entries): time to the first diagnostics,
// the longest time the extension host is blocked while the file opens and
// while edits are checked, and edit → published diagnostics (50 edits, with
// the default debounce and with none). Rows go to PINGONE_BENCH_OUT. The
// 10,000-change Replace All is timed on the engine (bench/engine): in the host,
// VS Code's own extension-host document applies such an event change by change
// and dominates the figure.
//
// "Published" is the moment the feature hands the diagnostics to VS Code
// (its onDidCheck event, right after DiagnosticCollection.set, with the
// expected diagnostics readable through getDiagnostics). VS Code's own
// onDidChangeDiagnostics event is debounced by 50 ms in the extension host
// (ExtHostDiagnostics), so it is reported as a separate row.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { type BenchRow as Row, summarize } from '../../../bench/lib';
import type { UsernameDiagnostics } from '../../../src/diagnostics/controller';
import { ENTRY_LINES, PLANTED_EVERY, generateLdif as generate } from '../../../bench/editor/corpus';
import { codeOf } from '../helpers/diagnostics';
import { activateExtension, testServices } from '../helpers/extension';

const EDITS = 50;

function summarizeMs(figure: string, values: number[], note?: string): Row {
  return summarize('editor', figure, values, 'ms', note ? { note } : {});
}

function one(figure: string, value: number, note?: string): Row {
  return { area: 'editor', figure, value, unit: 'ms', ...(note ? { note } : {}) };
}

/**
 * The longest gap between ticks of a 5 ms interval: how long the extension
 * host's thread was held at a time (by anything: the checks, VS Code's own
 * document sync, garbage collection, or the OS scheduler on a busy machine).
 */
class BlockProbe {
  private last = performance.now();
  longest = 0;
  private readonly timer = setInterval(() => {
    const now = performance.now();
    this.longest = Math.max(this.longest, now - this.last - 5);
    this.last = now;
  }, 5);
  stop(): number {
    clearInterval(this.timer);
    return Math.max(0, this.longest);
  }
}

/** Resolves with the time the feature published diagnostics of `uri` that satisfy `ok`. */
function publishedWhere(
  diagnostics: UsernameDiagnostics,
  uri: vscode.Uri,
  ok: (ds: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 60_000
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('timed out waiting for published diagnostics'));
    }, timeoutMs);
    const sub = diagnostics.onDidCheck((e) => {
      if (e.uri.toString() !== uri.toString() || !ok(vscode.languages.getDiagnostics(uri))) return;
      const t = performance.now();
      clearTimeout(timer);
      sub.dispose();
      resolve(t);
    });
  });
}

/** Resolves when VS Code's onDidChangeDiagnostics reports diagnostics of `uri` that satisfy `ok`. */
function eventWhere(uri: vscode.Uri, ok: (ds: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 60_000): Promise<number> {
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

/**
 * With PINGONE_BENCH_PROFILE set to a file name: a CPU profile of the extension host's thread
 * while the 10 MB LDIF opens (node:inspector in the host itself; open it in Chrome DevTools or
 * VS Code). It shows how the time splits between VS Code's own document sync, collections and
 * the feature's code.
 */
async function startProfile(): Promise<{ stop(): Promise<void> } | undefined> {
  const file = process.env.PINGONE_BENCH_PROFILE;
  if (!file) return undefined;
  const { Session } = await import('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: object };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

describe('Bench: editor latency', function () {
  this.timeout(900_000);
  const rows: Row[] = [];

  after(() => {
    const out = process.env.PINGONE_BENCH_OUT;
    if (out) writeFileSync(out, JSON.stringify(rows, null, 2));
    for (const r of rows)
      console.log(`[bench] ${r.figure}: ${r.value.toFixed(1)} ${r.unit} (min ${r.min?.toFixed(1)}, max ${r.max?.toFixed(1)})`);
  });

  async function measure(
    diagnostics: UsernameDiagnostics,
    editor: vscode.TextEditor,
    entries: number
  ): Promise<{ published: number[]; event: number[]; longestBlock: number; checksLongest: number }> {
    const uri = editor.document.uri;
    const published: number[] = [];
    const event: number[] = [];
    diagnostics.stats.longestBlockMs = 0;
    const probe = new BlockProbe();
    for (let n = 0; n < EDITS; n++) {
      // Pairs: make an entry's username a duplicate of user.0, then restore it; every edit changes the diagnostics.
      const entry = 1001 + Math.floor(n / 2) * Math.floor((entries - 2000) / (EDITS / 2));
      const line = entry * ENTRY_LINES + 2;
      const makeDuplicate = n % 2 === 0;
      const text = editor.document.lineAt(line).text;
      const ok = (ds: readonly vscode.Diagnostic[]) =>
        ds.some((d) => d.range.start.line === line && codeOf(d) === 'username-duplicate') === makeDuplicate;
      const p = publishedWhere(diagnostics, uri, ok);
      const ev = eventWhere(uri, ok);
      const t0 = performance.now();
      const applied = await editor.edit((b) =>
        b.replace(new vscode.Range(line, 5, line, text.length), makeDuplicate ? 'user.0' : `user.${entry}`)
      );
      assert.ok(applied);
      published.push((await p) - t0);
      event.push((await ev) - t0);
    }
    return { published, event, longestBlock: probe.stop(), checksLongest: diagnostics.stats.longestBlockMs };
  }

  it('10 MB LDIF: open, then edits', async () => {
    await activateExtension();
    const { diagnostics } = (await testServices()).usernames;
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const dir = vscode.Uri.joinPath(folder, 'bench-editor');
    mkdirSync(dir.fsPath, { recursive: true });
    const uri = vscode.Uri.joinPath(dir, 'latency.ldif');
    const { text, entries } = generate(10 * 1024 * 1024);
    writeFileSync(uri.fsPath, text);
    const config = vscode.workspace.getConfiguration('pingone.usernames');
    const planted = Math.ceil((entries - 50) / PLANTED_EVERY);

    // Open: the first published diagnostics (the planted findings), then the model's own check.
    const profiler = await startProfile();
    diagnostics.stats.longestBlockMs = 0;
    const probe = new BlockProbe();
    const first = publishedWhere(diagnostics, uri, (ds) => ds.length === planted);
    const model = new Promise<number>((resolve) => {
      const sub = diagnostics.onDidCheck((e) => {
        if (e.uri.toString() !== uri.toString() || e.fromWorker) return;
        sub.dispose();
        resolve(performance.now());
      });
    });
    const t0 = performance.now();
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const firstAt = await first;
    const modelAt = await model;
    const openBlock = probe.stop();
    await profiler?.stop();
    const note = `${entries} entries, ${planted} findings; from openTextDocument`;
    rows.push(one('open 10 MB LDIF → first diagnostics', firstAt - t0, note));
    rows.push(one('open 10 MB LDIF → incremental model ready', modelAt - t0, note));
    rows.push(
      one(
        'longest host block while the 10 MB LDIF opens (5 ms probe)',
        openBlock,
        'any cause: VS Code syncing the document, GC, the checks'
      )
    );
    rows.push(
      one('longest check callback while the 10 MB LDIF opens', diagnostics.stats.longestBlockMs, "the feature's own callbacks, timed")
    );

    const withDebounce = await measure(diagnostics, editor, entries);
    rows.push(
      summarizeMs(
        `edit → published diagnostics, 10 MB LDIF, debounce ${config.get('debounceMs')} ms (${EDITS} edits)`,
        withDebounce.published
      )
    );

    // Settings changes re-check from scratch (possibly before update() resolves): listen first, and let it finish.
    const rechecked = new Promise<void>((resolve) => {
      const sub = diagnostics.onDidCheck((e) => {
        if (e.uri.toString() === uri.toString() && !e.fromWorker) {
          sub.dispose();
          resolve();
        }
      });
    });
    await config.update('debounceMs', 0, vscode.ConfigurationTarget.Workspace);
    try {
      await rechecked;
      const noDebounce = await measure(diagnostics, editor, entries);
      rows.push(
        summarizeMs(
          `edit → published diagnostics, 10 MB LDIF, no debounce (${EDITS} edits)`,
          noDebounce.published,
          'includes the edit round trip to the window'
        )
      );
      rows.push(
        summarizeMs(
          `edit → onDidChangeDiagnostics event, 10 MB LDIF, no debounce (${EDITS} edits)`,
          noDebounce.event,
          'VS Code delays this event by 50 ms'
        )
      );
      rows.push(one('longest host block during the edits (5 ms probe)', noDebounce.longestBlock, 'any cause'));
      rows.push(one('longest check callback during the edits', noDebounce.checksLongest));
    } finally {
      await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
