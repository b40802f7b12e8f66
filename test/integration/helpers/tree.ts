import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { PingOneExplorer } from '../../../src/explorer/explorer';
import type { AppNode, ConnectionNode, DetailNode, EnvironmentNode, ExplorerNode } from '../../../src/explorer/nodes';

export function labelText(label: string | vscode.TreeItemLabel | undefined): string {
  return typeof label === 'string' ? label : (label?.label ?? '');
}

/** Walks the explorer as the view does (getChildren / getTreeItem), for one connection. */
export function treeOf(explorer: PingOneExplorer, connectionId: string) {
  const item = (node: ExplorerNode) => explorer.tree.getTreeItem(node);
  const children = (node?: ExplorerNode) => explorer.tree.getChildren(node);
  const labelOf = (node: ExplorerNode) => labelText(item(node).label);

  async function root(): Promise<ConnectionNode> {
    const node = (await children()).find((n) => n.kind === 'connection' && n.connectionId === connectionId);
    assert.ok(node, 'the connection is a root of the tree');
    return node as ConnectionNode;
  }

  async function environment(name: string): Promise<EnvironmentNode> {
    const envs = await children(await root());
    const node = envs.find((n) => n.kind === 'environment' && n.environment.name === name);
    assert.ok(node, `environment ${name} is listed (got ${envs.map(labelOf).join(', ')})`);
    return node as EnvironmentNode;
  }

  async function apps(envName: string): Promise<AppNode[]> {
    return (await children(await environment(envName))).filter((n): n is AppNode => n.kind === 'app');
  }

  async function app(envName: string, appName: string): Promise<AppNode> {
    const node = (await apps(envName)).find((n) => n.application.name === appName);
    assert.ok(node, `app ${appName} is listed`);
    return node;
  }

  /** An app's detail rows as `label: value`. */
  async function details(envName: string, appName: string): Promise<string[]> {
    const rows = await children(await app(envName, appName));
    return rows.filter((n): n is DetailNode => n.kind === 'detail').map((n) => `${n.label}: ${n.value}`);
  }

  return { item, children, labelOf, root, environment, apps, app, details };
}
