// In-host benchmark of the username diagnostics on a 10 MB open LDIF document
// (with a planted finding every 100 entries): time to the first diagnostics,
// the longest time the extension host is blocked while the file opens and
// while edits are checked, and edit → published diagnostics (50 edits, with
// the default debounce and with none). What is VS Code's and what is the
// feature's is timed apart: the file is opened as a user opens it (a tab:
// `vscode.open`), and the rows say when the tab and the document reached the
// extension host and when the feature published; an extension's
// `openTextDocument` (no tab) is a second row. For edits, the feature's part
// runs from the edit's arrival (onDidChangeTextDocument) to
// DiagnosticCollection.set (the controller's CheckTiming). Rows go to PINGONE_BENCH_OUT. The
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
import { PerformanceObserver, performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { type BenchRow as Row, summarize } from '../../../bench/lib';
import type { CheckedEvent, UsernameDiagnostics } from '../../../src/diagnostics/controller';
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
  /** The longest garbage collection pause meanwhile (ms): it lands in whichever callback runs. */
  longestGc = 0;
  /** Garbage collection pauses of 1 ms or more (performance.now() start, ms). */
  readonly gcs: Array<{ start: number; ms: number }> = [];
  private readonly timer = setInterval(() => {
    const now = performance.now();
    this.longest = Math.max(this.longest, now - this.last - 5);
    this.last = now;
  }, 5);
  private readonly gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      this.longestGc = Math.max(this.longestGc, e.duration);
      if (e.duration >= 1 && this.gcs.length < 10_000) this.gcs.push({ start: e.startTime, ms: e.duration });
    }
  });
  constructor() {
    this.gc.observe({ entryTypes: ['gc'] });
  }
  stop(): number {
    clearInterval(this.timer);
    this.gc.disconnect();
    return Math.max(0, this.longest);
  }
}

/** Starts timing the feature's callbacks afresh. */
function resetBlocks(diagnostics: UsernameDiagnostics): void {
  diagnostics.stats.longestBlockByName = {};
  diagnostics.stats.longestCpuByName = {};
  diagnostics.stats.longBlocks = [];
}

/** Garbage collection time inside [start, start + ms). */
function gcWithin(probe: BlockProbe, start: number, ms: number): number {
  let sum = 0;
  for (const g of probe.gcs) sum += Math.max(0, Math.min(start + ms, g.start + g.ms) - Math.max(start, g.start));
  return sum;
}

/** The feature's longest callback: its name and how long it held the host (ms). */
function longestCallback(diagnostics: UsernameDiagnostics): { name: string; ms: number } {
  let name = '',
    ms = 0;
  for (const [n, t] of Object.entries(diagnostics.stats.longestBlockByName)) if (t > ms) [name, ms] = [n, t];
  return { name, ms };
}

/** The feature's longest callback, named, and every callback's longest (the row's note). */
function blocksNote(diagnostics: UsernameDiagnostics, probe: BlockProbe): string {
  const { longestBlockByName, longestCpuByName } = diagnostics.stats;
  const longestBlockName = longestCallback(diagnostics).name;
  const list = (byName: Record<string, number>) =>
    Object.entries(byName)
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
      .join(', ');
  const each = `${list(longestBlockByName)}; each callback's most CPU time (ms): ${list(longestCpuByName)}`;
  // The same callbacks without the garbage collection that happened to land in them.
  const own = diagnostics.stats.longBlocks
    .map((b) => ({ ...b, gc: gcWithin(probe, b.start, b.ms) }))
    .sort((a, b) => b.ms - b.gc - (a.ms - a.gc))[0];
  const ownNote = own
    ? `; longest without the GC in it: ${own.name} ${(own.ms - own.gc).toFixed(1)} (${own.ms.toFixed(1)} with ${own.gc.toFixed(1)} of GC)`
    : '; no callback over 20 ms';
  return `longest: ${longestBlockName || 'none'}; each callback's longest (ms): ${each}${ownNote}; longest GC pause ${probe.longestGc.toFixed(1)} ms`;
}

/** Resolves with the time the feature published diagnostics of `uri` that satisfy `ok` (and its check event). */
function publishedWhere(
  diagnostics: UsernameDiagnostics,
  uri: vscode.Uri,
  ok: (ds: readonly vscode.Diagnostic[], e: CheckedEvent) => boolean,
  timeoutMs = 120_000
): Promise<{ at: number; event: CheckedEvent }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error('timed out waiting for published diagnostics'));
    }, timeoutMs);
    const sub = diagnostics.onDidCheck((e) => {
      if (e.uri.toString() !== uri.toString() || !ok(vscode.languages.getDiagnostics(uri), e)) return;
      const at = performance.now();
      clearTimeout(timer);
      sub.dispose();
      resolve({ at, event: e });
    });
  });
}

/** Resolves with the time the extension host heard of a tab showing `uri`. */
function tabOpened(uri: vscode.Uri): Promise<number> {
  return new Promise((resolve) => {
    const sub = vscode.window.tabGroups.onDidChangeTabs((e) => {
      if (!e.opened.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString())) return;
      sub.dispose();
      resolve(performance.now());
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
  ): Promise<{
    published: number[];
    event: number[];
    toHost: number[];
    ours: number[];
    wait: number[];
    cpu: number[];
    check: number[];
    convert: number[];
    set: number[];
    longestBlock: number;
    checksLongest: number;
    checksNote: string;
  }> {
    const uri = editor.document.uri;
    const published: number[] = [];
    const event: number[] = [];
    const [toHost, ours, wait, check, convert, set, cpu]: number[][] = [[], [], [], [], [], [], []];
    resetBlocks(diagnostics);
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
      const { at, event: e } = await p;
      published.push(at - t0);
      event.push((await ev) - t0);
      toHost.push(e.timing.since - t0);
      ours.push(at - e.timing.since);
      wait.push(e.timing.waitMs ?? NaN);
      cpu.push(e.timing.cpuMs ?? NaN);
      check.push(e.timing.checkMs);
      convert.push(e.timing.convertMs);
      set.push(e.timing.setMs);
    }
    return {
      published,
      event,
      toHost,
      ours,
      wait,
      cpu,
      check,
      convert,
      set,
      longestBlock: probe.stop(),
      checksLongest: longestCallback(diagnostics).ms,
      checksNote: blocksNote(diagnostics, probe),
    };
  }

  /**
   * Edits typed in the window, as a user makes them: the runner presses the key (PINGONE_BENCH_KEYS_URL, see
   * scripts/lib/hostRun.mjs) and says when it went down; the host times the edit's arrival and the published
   * diagnostics on the same clock (`performance.timeOrigin + performance.now()`). Pairs: a space typed at the
   * end of a username (a `username-whitespace` finding appears), then Backspace (it goes).
   */
  async function measureTyped(
    diagnostics: UsernameDiagnostics,
    editor: vscode.TextEditor,
    entries: number,
    keysUrl: string
  ): Promise<{ published: number[]; toHost: number[]; ours: number[] }> {
    const uri = editor.document.uri;
    const [published, toHost, ours]: number[][] = [[], [], []];
    const epoch = (t: number) => performance.timeOrigin + t;
    const press = async (key: string): Promise<number> => {
      const r = await fetch(keysUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
      const body = (await r.json()) as { at?: number; error?: string };
      if (!r.ok || typeof body.at !== 'number') throw new Error(`key press ${key}: ${body.error ?? r.status}`);
      return body.at;
    };
    for (let n = 0; n < EDITS; n++) {
      const entry = 1001 + Math.floor(n / 2) * Math.floor((entries - 2000) / (EDITS / 2));
      const line = entry * ENTRY_LINES + 2;
      const typeSpace = n % 2 === 0;
      if (typeSpace) {
        // Put the cursor at the end of the username, in the window: showTextDocument resolves once the window
        // has moved it there (setting `editor.selection` does not wait for the window, and a key pressed before
        // the window has it types at the old place).
        const end = editor.document.lineAt(line).text.length;
        await vscode.window.showTextDocument(editor.document, {
          preserveFocus: false,
          preview: false,
          selection: new vscode.Range(line, end, line, end),
        });
      }
      const ok = (ds: readonly vscode.Diagnostic[]) =>
        ds.some((d) => d.range.start.line === line && codeOf(d) === 'username-whitespace') === typeSpace;
      const p = publishedWhere(diagnostics, uri, ok, 30_000);
      const down = await press(typeSpace ? 'Space' : 'Backspace');
      const { at, event: e } = await p.catch((err: unknown) => {
        const active = vscode.window.activeTextEditor;
        throw new Error(
          `typed edit ${n}: ${String(err)}; line ${line} is ${JSON.stringify(editor.document.lineAt(line).text)}, version ${editor.document.version}, ` +
            `active editor ${active?.document.uri.path ?? 'none'} at ${active?.selection.active.line}:${active?.selection.active.character}, window focused ${vscode.window.state.focused}`
        );
      });
      assert.equal(editor.document.lineAt(line).text.endsWith(' '), typeSpace, 'the key reached the document');
      published.push(epoch(at) - down);
      toHost.push(epoch(e.timing.since) - down);
      ours.push(at - e.timing.since);
    }
    return { published, toHost, ours };
  }

  it('10 MB LDIF: open, then edits', async () => {
    await activateExtension();
    const { diagnostics } = (await testServices()).usernames;
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const dir = vscode.Uri.joinPath(folder, 'bench-editor');
    mkdirSync(dir.fsPath, { recursive: true });
    const uri = vscode.Uri.joinPath(dir, 'latency.ldif');
    // 10 MB, not 10 MiB: code-server asks before opening a remote file of 10 MiB or more in the editor
    // (workbench.editorLargeFileConfirmation), and a user's open would wait for that answer.
    const { text, entries } = generate(10_000_000);
    writeFileSync(uri.fsPath, text);
    const config = vscode.workspace.getConfiguration('pingone.usernames');
    const planted = Math.ceil((entries - 50) / PLANTED_EVERY);

    // The file is opened in an editor that has been running for a while, as a user opens one: the scan worker
    // started at activation and finished warming its scanner (a second or so). Opening right at activation
    // finds it cold (its first scan then takes several times as long); `warm` in the rows says which it was.
    const warmBy = Date.now() + 20_000;
    while (!diagnostics.pendingWork().workerWarm && Date.now() < warmBy) await new Promise((r) => setTimeout(r, 20));
    const warm = diagnostics.pendingWork().workerWarm;
    // Open as a user does (a tab, `vscode.open`): when the tab and the document reach the extension host, the
    // first published diagnostics (the planted findings), then the model's own check.
    const profiler = await startProfile();
    const opened = await open(diagnostics, uri, planted, () => vscode.commands.executeCommand('vscode.open', uri));
    await profiler?.stop();
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    assert.ok(editor, 'the tab shows the document');
    const note = `${entries} entries, ${planted} findings; from vscode.open (a tab); scan worker ${warm ? 'warm' : 'not warm after 20 s'}`;
    rows.push(one('open 10 MB LDIF in a tab → tab announced in the host (onDidChangeTabs)', opened.tab, "VS Code's part"));
    rows.push(one('open 10 MB LDIF in a tab → document in the host (onDidOpenTextDocument)', opened.document, "VS Code's part"));
    rows.push(one('open 10 MB LDIF in a tab → first diagnostics', opened.first, `${note}; ${opened.firstHow}${opened.steps}`));
    rows.push(
      one(
        'first diagnostics after the document reached the host (tab)',
        opened.first - opened.document,
        "the feature's part; negative: published before the document arrived"
      )
    );
    rows.push(one('open 10 MB LDIF in a tab → incremental model ready', opened.model, note));
    rows.push(
      one(
        'longest host block while the 10 MB LDIF opens (5 ms probe)',
        opened.block,
        'any cause: VS Code syncing the document, GC, the checks'
      )
    );
    rows.push(
      one(
        'longest check callback while the 10 MB LDIF opens',
        opened.checksLongest,
        `the feature's own callbacks, timed; ${opened.checksNote}`
      )
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
      rows.push(
        summarizeMs(
          `edit → its arrival in the host (onDidChangeTextDocument), no debounce (${EDITS} edits)`,
          noDebounce.toHost,
          "VS Code's part: the edit to the window and back"
        )
      );
      rows.push(
        summarizeMs(
          `edit's arrival in the host → DiagnosticCollection.set done, no debounce (${EDITS} edits)`,
          noDebounce.ours,
          "the feature's part, waits between callbacks included"
        )
      );
      rows.push(
        summarizeMs(
          `of which waiting for the check to start (${EDITS} edits)`,
          noDebounce.wait,
          "the change event's other listeners and the host's other work"
        )
      );
      rows.push(summarizeMs(`of which the model's check (${EDITS} edits)`, noDebounce.check));
      rows.push(
        summarizeMs(
          `CPU time of the model's check, the Diagnostic objects and set together (${EDITS} edits)`,
          noDebounce.cpu,
          'the host process, user + system'
        )
      );
      rows.push(summarizeMs(`of which making the Diagnostic objects (${EDITS} edits)`, noDebounce.convert));
      rows.push(summarizeMs(`of which DiagnosticCollection.set (${EDITS} edits)`, noDebounce.set));
      rows.push(one('longest host block during the edits (5 ms probe)', noDebounce.longestBlock, 'any cause'));
      rows.push(one('longest check callback during the edits', noDebounce.checksLongest, noDebounce.checksNote));
      const keysUrl = process.env.PINGONE_BENCH_KEYS_URL;
      if (keysUrl) {
        const typed = await measureTyped(diagnostics, editor, entries, keysUrl);
        rows.push(
          summarizeMs(
            `key pressed in the window → published diagnostics, 10 MB LDIF, no debounce (${EDITS} typed edits)`,
            typed.published,
            'as a user edits: the key press (Playwright, in the browser) to DiagnosticCollection.set'
          )
        );
        rows.push(
          summarizeMs(
            `key pressed → its arrival in the host (onDidChangeTextDocument) (${EDITS} typed edits)`,
            typed.toHost,
            "VS Code's part: the window's editor to the extension host"
          )
        );
        rows.push(
          summarizeMs(
            `typed edit's arrival in the host → DiagnosticCollection.set done (${EDITS} typed edits)`,
            typed.ours,
            "the feature's part"
          )
        );
      }
    } finally {
      await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
    rows.push(...setCostRows(uri, planted + 25));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // An extension opening the file (`openTextDocument`, no tab): the feature learns of it only when the document arrives.
    const apiUri = vscode.Uri.joinPath(dir, 'latency-api.ldif');
    writeFileSync(apiUri.fsPath, text);
    const api = await open(diagnostics, apiUri, planted, () => vscode.workspace.openTextDocument(apiUri));
    rows.push(one('openTextDocument of the 10 MB LDIF → document in the host', api.document, "VS Code's part"));
    rows.push(one('openTextDocument of the 10 MB LDIF → first diagnostics', api.first, api.firstHow));
    rows.push(
      one('first diagnostics after the document reached the host (openTextDocument)', api.first - api.document, "the feature's part")
    );
  });
});

/**
 * What DiagnosticCollection.set costs in the extension host for a file's ~490 diagnostics, by what each
 * diagnostic carries: VS Code converts every diagnostic of the file on each `set` (ExtHostDiagnostics) and
 * sends them to the window, so this is the floor of an edit's publication. Variants alternate, call by call.
 */
function setCostRows(uri: vscode.Uri, count: number): Row[] {
  const collection = vscode.languages.createDiagnosticCollection('pingone-bench-set');
  try {
    const readme = vscode.Uri.file('/ext/README.md');
    const make = (i: number, code: 'link' | 'string' | 'none', related: boolean) => {
      const d = new vscode.Diagnostic(
        new vscode.Range(i * 7 + 2, 5, i * 7 + 2, 16),
        `Username "user ${i}" has a character PingOne does not accept: U+0020 SPACE.`,
        vscode.DiagnosticSeverity.Warning
      );
      d.source = 'PingOne';
      if (code === 'link') d.code = { value: 'username-format', target: readme.with({ fragment: 'username-format' }) };
      else if (code === 'string') d.code = 'username-format';
      if (related)
        d.relatedInformation = [
          new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, new vscode.Range(2, 5, 2, 11)), 'first occurrence'),
        ];
      return d;
    };
    const variants: Array<[string, vscode.Diagnostic[]]> = [
      ['code with a README link (as published)', []],
      ['code as a string', []],
      ['no code', []],
      ['code with a README link and one related location (a duplicate)', []],
    ];
    for (let i = 0; i < count; i++) {
      variants[0][1].push(make(i, 'link', false));
      variants[1][1].push(make(i, 'string', false));
      variants[2][1].push(make(i, 'none', false));
      variants[3][1].push(make(i, 'link', true));
    }
    const times: number[][] = variants.map(() => []);
    for (let round = 0; round < 30; round++)
      variants.forEach(([, ds], v) => {
        const cpu0 = process.cpuUsage();
        collection.set(uri, ds);
        const cpu = process.cpuUsage(cpu0);
        times[v].push((cpu.user + cpu.system) / 1000);
        collection.delete(uri);
      });
    return variants.map(([what], v) =>
      summarizeMs(`DiagnosticCollection.set of ${count} diagnostics: ${what} (30 calls)`, times[v], 'CPU time of the host process')
    );
  } finally {
    collection.dispose();
  }
}

/**
 * Opens `uri` with `how` and times, from the call: the tab's announcement (if any), the document's arrival
 * (when the controller got onDidOpenTextDocument), the first published diagnostics with every planted
 * finding, and the model's check; plus the longest host block meanwhile.
 */
async function open(
  diagnostics: UsernameDiagnostics,
  uri: vscode.Uri,
  planted: number,
  how: () => Thenable<unknown>
): Promise<{
  tab: number;
  document: number;
  first: number;
  firstHow: string;
  model: number;
  block: number;
  checksLongest: number;
  checksNote: string;
  steps: string;
}> {
  resetBlocks(diagnostics);
  const probe = new BlockProbe();
  const tab = tabOpened(uri);
  const first = publishedWhere(diagnostics, uri, (ds) => ds.length === planted);
  const model = publishedWhere(diagnostics, uri, (_, e) => !e.fromWorker);
  const t0 = performance.now();
  await how();
  const [f, m] = [await first, await model];
  const block = probe.stop();
  const tabAt = await Promise.race([tab, new Promise<number>((resolve) => setTimeout(() => resolve(NaN), 100))]);
  const steps = f.event.timing.steps
    ? `; from the tab's announcement (ms): ${Object.entries(f.event.timing.steps)
        .map(([step, ms]) => `${step} ${ms.toFixed(1)}`)
        .join(', ')}`
    : '';
  const firstHow = f.event.beforeDocument
    ? 'from the file, read by the scan worker when the tab opened'
    : f.event.fromWorker
      ? 'from the scan worker once the document arrived'
      : "from the model's check";
  return {
    tab: tabAt - t0,
    // The model's check is the document's first (no edits meanwhile): `since` is when the document arrived.
    document: m.event.timing.since - t0,
    first: f.at - t0,
    firstHow,
    steps,
    model: m.at - t0,
    block,
    checksLongest: longestCallback(diagnostics).ms,
    checksNote: blocksNote(diagnostics, probe),
  };
}
