import * as vscode from 'vscode';
import { userScopeSettings } from '../settings/vscodeSettings';
import type { ClientFactory } from '../connections/clientFactory';
import type { ConnectionStore } from '../connections/connectionStore';
import { Disposable } from '../util/disposable';
import { ExplorerModel } from './model';
import type { ExplorerNode } from './nodes';
import { ExplorerTreeProvider } from './treeProvider';
import type { Application } from '../pingone/models';
import { type AppTarget, type Target, isTarget } from './targets';

export const EXPLORER_VIEW_ID = 'pingone.explorer';
const WORKERS_ONLY_CONTEXT = 'pingone.workersOnly';

function isNode(v: unknown): v is ExplorerNode {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { kind?: unknown }).kind === 'string' &&
    typeof (v as { id?: unknown }).id === 'string'
  );
}

/**
 * The PingOne explorer view: owns the TreeView, wires its events to the
 * model (collapse and hide cancel loads) and answers the commands.
 */
export class PingOneExplorer extends Disposable {
  readonly model: ExplorerModel;
  readonly tree: ExplorerTreeProvider;
  readonly view: vscode.TreeView<ExplorerNode>;
  private workersOnlyValue: boolean;

  constructor(services: { connections: ConnectionStore; clients: ClientFactory }) {
    super();
    this.workersOnlyValue = readWorkersOnly();
    this.model = this._register(
      new ExplorerModel({
        connections: services.connections,
        clients: services.clients,
        pageSize: () => userScopeSettings().explorerPageSize,
        workersOnly: () => this.workersOnlyValue,
        track: (work) => {
          // The view's own progress bar while anything loads.
          void vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, () => work.catch(() => undefined));
          return work;
        },
      })
    );
    this.tree = this._register(new ExplorerTreeProvider(this.model));
    this.view = this._register(vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true }));
    this._register(this.view.onDidCollapseElement((e) => this.model.cancel(e.element)));
    this._register(
      this.view.onDidChangeVisibility((e) => {
        if (!e.visible) this.model.cancelAll();
      })
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('pingone.explorer.workersOnly')) this.applyWorkersOnly(readWorkersOnly());
        if (e.affectsConfiguration('pingone.explorer.pageSize')) this.refresh();
      })
    );
    void vscode.commands.executeCommand('setContext', WORKERS_ONLY_CONTEXT, this.workersOnlyValue);
  }

  get workersOnly(): boolean {
    return this.workersOnlyValue;
  }

  refresh(target?: Target): Promise<void> {
    return this.model.refresh(target);
  }

  /**
   * A command changed an app: the tree, its tooltips and context keys show
   * the new state (the app as the command got it back, or read again), and
   * the app is selected when the view is open.
   */
  async appChanged(target: AppTarget, app?: Application): Promise<void> {
    await this.model.refresh(target, app);
    if (this.view.visible) await this.reveal(target, { focus: false });
  }

  /** A command created an app: it is listed (whatever page it is on) and revealed. */
  async appCreated(target: AppTarget): Promise<void> {
    await this.model.refresh({ kind: 'environment', connectionId: target.connectionId, environmentId: target.environmentId });
    await this.reveal(target);
  }

  /** A command deleted an app: it leaves the tree, everything else loaded stays. */
  appDeleted(target: AppTarget): void {
    const env = this.model.findNode({ kind: 'environment', connectionId: target.connectionId, environmentId: target.environmentId });
    if (env?.kind === 'environment') this.model.removeApp(env, target.applicationId);
  }

  refreshNode(node: unknown): void {
    if (isTarget(node)) this.model.refresh(node);
    else if (isNode(node) && node.parent && isTarget(node.parent)) this.model.refresh(node.parent);
    else this.model.refresh();
  }

  async reveal(target: AppTarget, options: { focus?: boolean } = {}): Promise<void> {
    const node =
      (await this.model.findApp(target)) ??
      this.model.findNode({ kind: 'environment', connectionId: target.connectionId, environmentId: target.environmentId });
    if (node) await this.view.reveal(node, { select: true, focus: options.focus ?? true, expand: false });
  }

  async loadMore(node: unknown): Promise<void> {
    if (isNode(node) && node.kind === 'loadMore') await this.model.loadMore(node);
  }

  retry(node: unknown): void {
    if (isNode(node) && node.kind === 'error') this.model.retry(node);
    else this.refreshNode(node);
  }

  /** Kept in the user's settings (application scope), so the choice survives restarts. */
  async setWorkersOnly(on: boolean): Promise<void> {
    await vscode.workspace.getConfiguration('pingone.explorer').update('workersOnly', on, vscode.ConfigurationTarget.Global);
    this.applyWorkersOnly(on);
  }

  private applyWorkersOnly(on: boolean): void {
    if (on === this.workersOnlyValue) return;
    this.workersOnlyValue = on;
    void vscode.commands.executeCommand('setContext', WORKERS_ONLY_CONTEXT, on);
    this.tree.redraw(); // filtering is local: nothing is fetched again
  }

  override dispose(): void {
    this.model.cancelAll();
    super.dispose();
  }
}

function readWorkersOnly(): boolean {
  return userScopeSettings().workersOnly;
}
