// The secrets sweep, run last in each host window: no client secret or access
// token any emulator issued (nor its Basic-auth Base64 form) may appear in a
// log, an output channel, global or workspace state, a settings file, a file
// in the workspace, a text shown to the user, or a tree item.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { PingOneExplorer } from '../../../src/explorer/explorer';
import type { ExplorerNode } from '../../../src/explorer/nodes';
import { startEmulatorConnection } from './emulatorConnection';
import { testServices } from './extension';
import { ledger } from './secretLedger';

function filesUnder(dir: string, skip: (p: string) => boolean = () => false): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (skip(full)) return [];
    const st = statSync(full);
    return st.isDirectory() ? filesUnder(full, skip) : st.isFile() && st.size < 200 * 1024 * 1024 ? [full] : [];
  });
}

function leaks(texts: Iterable<[where: string, text: string]>, secrets: string[]): string[] {
  const found: string[] = [];
  for (const [where, text] of texts)
    for (const s of secrets) if (text.includes(s)) found.push(`${where} contains a secret or token (${s.slice(0, 4)}…)`);
  return found;
}

function treeItemText(item: vscode.TreeItem): string {
  const md = (v: unknown) => (typeof v === 'string' ? v : v instanceof vscode.MarkdownString ? v.value : '');
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return [label, md(item.description), md(item.tooltip), item.contextValue ?? ''].join('\n');
}

/** Walks the tree once more, then reads every place a secret must not be; throws listing any leak. */
export async function sweepForSecrets(): Promise<void> {
  const services = await testServices();
  // A line of our own, so the output channel's log file is there to be read.
  services.logger.info('Secrets sweep: walking the tree and reading every log');
  // Exercise the tree once more with a fresh connection, down to every worker's details.
  const ec = await startEmulatorConnection({ name: 'Sweep' });
  const treeTexts: [string, string][] = [];
  try {
    const explorer = services.explorer as PingOneExplorer;
    const walk = async (node: ExplorerNode | undefined, depth: number): Promise<void> => {
      const children = (await explorer.tree.getChildren(node)) as ExplorerNode[];
      for (const child of children) {
        treeTexts.push([`tree item at depth ${depth}`, treeItemText(await explorer.tree.getTreeItem(child))]);
        const expand =
          child.kind === 'connection' || child.kind === 'environment' || (child.kind === 'app' && child.application.type === 'WORKER');
        if (expand && depth < 4) await walk(child, depth + 1);
      }
    };
    await walk(undefined, 0);
    // Copying a secret puts it on the clipboard on purpose; nothing else may hold it.
  } finally {
    await ec.cleanup();
  }
  assert.ok(treeTexts.length > 20, `walked the tree (${treeTexts.length} items)`);

  const secrets = [...ledger().values].filter((s) => s.length >= 8);
  assert.ok(secrets.length >= 10, `the run issued secrets and tokens to look for (${secrets.length})`);

  const texts: [string, string][] = [...treeTexts];
  // Global and workspace state, through the API (the files are SQLite).
  for (const key of services.context.globalState.keys())
    texts.push([`globalState ${key}`, JSON.stringify(services.context.globalState.get(key))]);
  for (const key of services.context.workspaceState.keys())
    texts.push([`workspaceState ${key}`, JSON.stringify(services.context.workspaceState.get(key))]);
  // Every text a prompt or notification showed.
  for (const [i, t] of ledger().shownTexts.entries()) texts.push([`shown text #${i}`, t]);
  // Logs (the PingOne output channel is a log file here), user settings, the workspace's files.
  const logUri = services.context.logUri.fsPath;
  let logsRoot = logUri;
  while (path.basename(logsRoot) !== 'logs' && path.dirname(logsRoot) !== logsRoot) logsRoot = path.dirname(logsRoot);
  const userData = path.dirname(logsRoot);
  const logFiles = filesUnder(logsRoot);
  assert.ok(
    logFiles.some((f) => readFileSync(f, 'utf8').includes('Secrets sweep: walking the tree')),
    'the PingOne output channel log was found'
  );
  const files = [
    ...logFiles,
    ...filesUnder(path.join(userData, 'User'), (p) => p.includes('globalStorage') || p.includes('workspaceStorage')),
    ...filesUnder(vscode.workspace.workspaceFolders![0].uri.fsPath),
  ];
  for (const f of files) texts.push([f, readFileSync(f, 'latin1')]);

  const found = leaks(texts, secrets);
  assert.deepEqual(found, [], found.join('\n'));
  console.log(
    `[sweep] ${secrets.length} secrets/tokens, ${texts.length} places (${files.length} files, ${treeTexts.length} tree items, ${ledger().shownTexts.length} shown texts): no leak`
  );
}
