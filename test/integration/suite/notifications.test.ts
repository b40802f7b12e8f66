import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MessageOptions } from '../../../src/ui/prompter';
import { testServices } from '../helpers/extension';

type Show = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';
interface Shown {
  show: Show;
  message: string;
  options: vscode.MessageOptions;
  actions: string[];
}

/** Any Markdown inline link, `[label](target)`, whatever its target: stricter than what notifications render as links. */
const LINK = /\[([^\]]*)\]\(([^)]*)\)/g;
const linksIn = (text: string | undefined) => [...(text ?? '').matchAll(LINK)].map((m) => m[2]);

const NAME = '[Open](command:workbench.action.terminal.new)';
const SERVER = 'Token refused. [Sign in again](https://evil.example "PingOne")';

/**
 * The extension's own prompter (the one every command uses when no test swapped it), with
 * `vscode.window`'s message functions stubbed for each test: what it hands VS Code to show.
 */
describe('Notifications: outside text cannot become a link', () => {
  const window = vscode.window as unknown as Record<Show, unknown>;
  const originals = new Map<Show, unknown>();
  let shown: Shown[];

  beforeEach(() => {
    shown = [];
    for (const show of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as const) {
      originals.set(show, window[show]);
      window[show] = (message: string, options: vscode.MessageOptions, ...actions: string[]) => {
        shown.push({ show, message, options, actions });
        return Promise.resolve(undefined);
      };
    }
  });

  afterEach(() => {
    for (const [show, original] of originals) window[show] = original;
    originals.clear();
  });

  for (const [kind, show] of [
    ['info', 'showInformationMessage'],
    ['warn', 'showWarningMessage'],
    ['error', 'showErrorMessage'],
  ] as const) {
    for (const options of [{}, { detail: SERVER }, { modal: true, detail: SERVER }] as MessageOptions[]) {
      it(`${kind}${options.modal ? ' (modal)' : ''}${options.detail ? ' with a detail' : ''} shows a PingOne name and a server error as text`, async () => {
        const prompter = (await testServices()).prompter.get();
        assert.equal(linksIn(`Created worker app "${NAME}". ${SERVER}`).length, 2, 'the text holds two links as it stands');
        await prompter[kind](`Created worker app "${NAME}". ${SERVER}`, options, 'Copy Client Secret');
        assert.equal(shown.length, 1, 'the real prompter called vscode.window once');
        const [one] = shown;
        assert.equal(one.show, show);
        assert.equal(
          one.message,
          'Created worker app "[Open] (command:workbench.action.terminal.new)". Token refused. [Sign in again] (https://evil.example "PingOne")'
        );
        assert.deepEqual(linksIn(one.message), []);
        assert.equal(one.options.modal, options.modal);
        assert.equal(one.options.detail, options.detail && 'Token refused. [Sign in again] (https://evil.example "PingOne")');
        assert.deepEqual(linksIn(one.options.detail), []);
        assert.deepEqual(one.actions, ['Copy Client Secret'], 'our action buttons stay as they are');
      });
    }
  }

  it('leaves an ordinary message as it is', async () => {
    await (await testServices()).prompter.get().info('"Sync Worker (prod) [EU]" has no role assignments.');
    assert.deepEqual(
      shown.map((s) => s.message),
      ['"Sync Worker (prod) [EU]" has no role assignments.']
    );
  });

  it("the status bar shows a name's `$(icon)` as text, after our own check mark", async () => {
    const w = vscode.window as unknown as { setStatusBarMessage: unknown };
    const original = w.setStatusBarMessage;
    const set: string[] = [];
    w.setStatusBarMessage = (text: string) => (set.push(text), new vscode.Disposable(() => {}));
    try {
      (await testServices()).prompter.get().status('"$(check) Ready $(sync~spin)" deleted');
    } finally {
      w.setStatusBarMessage = original;
    }
    assert.deepEqual(set, ['$(check) "\\$(check) Ready \\$(sync~spin)" deleted']);
  });
});

describe('Quick picks: outside text shows no icon', () => {
  it("an item's label, description and detail show `$(…)` as text; our own icon comes from the item's icon", async () => {
    const w = vscode.window as unknown as { createQuickPick: typeof vscode.window.createQuickPick };
    const original = w.createQuickPick;
    let shown: vscode.QuickPick<vscode.QuickPickItem> | undefined;
    w.createQuickPick = (() => (shown = original())) as typeof vscode.window.createQuickPick;
    try {
      const picked = (await testServices()).prompter.get().pick({
        title: 'Pick an app',
        items: [
          { label: '$(pass) Ready app', description: '$(sync~spin) worker', detail: 'id $(x)', value: 1 },
          { label: 'Configure for Sync', icon: 'tools', value: 2 },
        ],
      });
      // The items are set once the (awaited) list is in; then close the pick unanswered.
      for (let i = 0; i < 100 && !shown?.items.length; i++) await new Promise((r) => setTimeout(r, 10));
      const items = shown!.items.map((i) => [i.label, i.description, i.detail]);
      shown!.hide();
      assert.equal(await picked, undefined);
      assert.deepEqual(items, [
        ['\\$(pass) Ready app', '\\$(sync~spin) worker', 'id \\$(x)'],
        ['$(tools) Configure for Sync', undefined, undefined],
      ]);
    } finally {
      w.createQuickPick = original;
    }
  });
});

describe('Progress: outside text shows neither a link nor an icon', () => {
  it('the title and every reported message of a progress notification are inert', async () => {
    const w = vscode.window as unknown as { withProgress: typeof vscode.window.withProgress };
    const original = w.withProgress;
    const seen: string[] = [];
    w.withProgress = ((
      options: vscode.ProgressOptions,
      task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => unknown
    ) => {
      seen.push(options.title ?? '');
      return Promise.resolve(task({ report: (v) => seen.push(v.message ?? '') }, new vscode.CancellationTokenSource().token));
    }) as typeof vscode.window.withProgress;
    try {
      await (await testServices()).prompter.get().progress({ title: `Configuring "${NAME}" for sync` }, async (reporter) => {
        reporter.report('Assigning $(pass) [x](https://evil.example)…');
      });
    } finally {
      w.withProgress = original;
    }
    assert.deepEqual(seen, [
      'Configuring "[Open] (command:workbench.action.terminal.new)" for sync',
      'Assigning \\$(pass) [x] (https://evil.example)…',
    ]);
  });
});
