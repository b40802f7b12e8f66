import * as vscode from 'vscode';
// Names come from PingOne, where any admin sets them: a bidi override or a zero-width character in a
// label would make one app read like another, so labels show such characters as <U+202E> (inertText.ts).
import { neutralize } from '../usernames/inertText';
import type { Connection } from '../pingone/connection';
import { DEFAULT_REGION, REGIONS } from '../pingone/regions';
import { Disposable } from '../util/disposable';
import { appTypeLabel, environmentDescription, escapeMarkdown as escapeText, humanise, protocolLabel } from '../ui/labels';
import type { ExplorerModel } from './model';
import type { AppNode, ConnectionNode, DetailNode, EnvironmentNode, ExplorerNode } from './nodes';

/**
 * Turns model nodes into TreeItems and model events into
 * onDidChangeTreeData; it fetches nothing itself.
 */
export class ExplorerTreeProvider extends Disposable implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = this._register(new vscode.EventEmitter<ExplorerNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(readonly model: ExplorerModel) {
    super();
    this._register(model.onDidChange((node) => this.changed.fire(node)));
  }

  /** Redraws a node (or everything) without reloading, e.g. after the filter changed. */
  redraw(node?: ExplorerNode): void {
    this.changed.fire(node);
  }

  getChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    return this.model.children(element);
  }

  getParent(element: ExplorerNode): ExplorerNode | undefined {
    return element.parent;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'connection':
        return connectionItem(node);
      case 'environment':
        return environmentItem(node);
      case 'app':
        return appItem(node);
      case 'detail':
        return detailItem(node);
      case 'loadMore': {
        const item = new vscode.TreeItem(node.loading ? 'Loading more…' : 'Load more…');
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'ellipsis');
        item.description = node.total !== undefined ? `${node.loaded} of ${node.total} loaded` : `${node.loaded} loaded`;
        item.contextValue = 'pingone.loadMore';
        if (!node.loading) item.command = { command: 'pingone.explorer.loadMore', title: 'Load More…', arguments: [node] };
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(neutralize(node.message));
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.tooltip = new vscode.MarkdownString().appendText(node.message).appendMarkdown('\n\nClick to try again.');
        item.contextValue = 'pingone.error';
        item.command = { command: 'pingone.explorer.retry', title: 'Retry', arguments: [node] };
        return item;
      }
      case 'permissions': {
        const item = new vscode.TreeItem('Worker permissions', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('shield');
        item.tooltip =
          "What this connection's worker may do in PingOne: its roles and scopes, which roles it may assign, and whose secrets it may read.";
        item.contextValue = 'pingone.permissions';
        return item;
      }
      case 'permissionLine': {
        const item = new vscode.TreeItem(neutralize(node.label));
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.warning ? 'warning' : 'circle-small');
        item.tooltip = node.label;
        item.contextValue = 'pingone.permissionLine';
        return item;
      }
      case 'info': {
        const item = new vscode.TreeItem(node.label);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon('info');
        item.tooltip = node.tooltip;
        item.contextValue = 'pingone.info';
        return item;
      }
    }
  }
}

function md(): vscode.MarkdownString {
  const m = new vscode.MarkdownString(undefined, true);
  m.supportThemeIcons = true;
  return m;
}

/** A Markdown table row; values are escaped (app names are user data). */
function row(m: vscode.MarkdownString, label: string, value: string, code = false): void {
  const v = escapeText(value);
  m.appendMarkdown(`| ${label} | ${code ? `\`${value.replace(/`/g, '')}\`` : v} |\n`);
}

function table(m: vscode.MarkdownString): void {
  m.appendMarkdown('| | |\n|---|---|\n');
}

export function connectionHost(c: Connection): string {
  if (c.apiBaseUrl) {
    try {
      return new URL(c.apiBaseUrl).host;
    } catch {
      return c.apiBaseUrl;
    }
  }
  return `${c.region ?? DEFAULT_REGION} · api.pingone.${REGIONS[c.region ?? DEFAULT_REGION].tld}`;
}

function connectionItem(node: ConnectionNode): vscode.TreeItem {
  const c = node.connection;
  const item = new vscode.TreeItem(neutralize(c.name), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = connectionHost(c);
  item.iconPath = new vscode.ThemeIcon('plug');
  item.contextValue = 'pingone.connection';
  const m = md();
  m.appendMarkdown(`**${escapeText(c.name)}** — PingOne connection\n\n`);
  table(m);
  if (c.apiBaseUrl || c.authBaseUrl) {
    row(m, 'API', c.apiBaseUrl ?? '(region default)', true);
    row(m, 'Auth', c.authBaseUrl ?? '(region default)', true);
  } else {
    const region = c.region ?? DEFAULT_REGION;
    row(m, 'Region', `${region} (${REGIONS[region].label})`);
  }
  row(m, 'Worker environment ID', c.environmentId, true);
  row(m, 'Client ID', c.clientId, true);
  row(m, 'Auth method', humanise(c.tokenEndpointAuthMethod));
  m.appendMarkdown('\nThe client secret is kept in VS Code secret storage only.');
  item.tooltip = m;
  return item;
}

function environmentItem(node: EnvironmentNode): vscode.TreeItem {
  const e = node.environment;
  const item = new vscode.TreeItem(neutralize(e.name), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const type = e.type ? humanise(String(e.type)) : undefined;
  const pending = e.status === 'DELETE_PENDING' ? 'delete pending' : undefined;
  item.description = [environmentDescription(e), pending].filter(Boolean).join(' · ');
  item.iconPath =
    e.type === 'PRODUCTION'
      ? new vscode.ThemeIcon('server-environment', new vscode.ThemeColor('charts.orange'))
      : e.type === 'SANDBOX'
        ? new vscode.ThemeIcon('beaker', new vscode.ThemeColor('charts.green'))
        : new vscode.ThemeIcon('symbol-namespace');
  item.contextValue = 'pingone.environment';
  const m = md();
  m.appendMarkdown(`**${escapeText(e.name)}** — ${type ?? 'environment'}\n\n`);
  if (e.description) m.appendText(`${e.description}\n\n`);
  table(m);
  row(m, 'Environment ID', e.id, true);
  if (e.region) row(m, 'Region', e.region);
  if (e.status) row(m, 'Status', humanise(e.status));
  if (e.license?.package) row(m, 'License', e.license.package);
  item.tooltip = m;
  return item;
}

const APP_ICONS: Record<string, string> = {
  WORKER: 'server-process',
  WEB_APP: 'globe',
  SINGLE_PAGE_APP: 'browser',
  NATIVE_APP: 'device-mobile',
  SERVICE: 'server',
  CUSTOM_APP: 'extensions',
  PORTAL_LINK_APP: 'link',
  TEMPLATE_APP: 'file-code',
};

/** `pingone.app.<worker|oidc|other>.<enabled|disabled>`, what the manifest's menus match on. */
export function appContextValue(app: AppNode['application']): string {
  const family = app.type === 'WORKER' ? 'worker' : app.protocol === 'OPENID_CONNECT' ? 'oidc' : 'other';
  return `pingone.app.${family}.${app.enabled ? 'enabled' : 'disabled'}`;
}

function appItem(node: AppNode): vscode.TreeItem {
  const a = node.application;
  const item = new vscode.TreeItem(neutralize(a.name), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = [appTypeLabel(a), a.enabled ? undefined : 'disabled'].filter(Boolean).join(' · ');
  const icon = APP_ICONS[a.type] ?? 'symbol-misc';
  item.iconPath = new vscode.ThemeIcon(icon, a.enabled ? undefined : new vscode.ThemeColor('disabledForeground'));
  item.contextValue = appContextValue(a);
  const m = md();
  m.appendMarkdown(`**${escapeText(a.name)}** — ${appTypeLabel(a)}${a.enabled ? '' : ' (disabled)'}\n\n`);
  if (a.description) m.appendText(`${a.description}\n\n`);
  table(m);
  row(m, 'Client ID', a.id, true);
  row(m, 'Environment ID', node.environmentId, true);
  row(m, 'Enabled', a.enabled ? 'yes' : 'no');
  row(m, 'Protocol', protocolLabel(a.protocol));
  if (a.grantTypes) row(m, 'Grant types', a.grantTypes.map(humanise).join(', ') || 'none');
  if (a.tokenEndpointAuthMethod) row(m, 'Token endpoint auth method', humanise(a.tokenEndpointAuthMethod));
  item.tooltip = m;
  return item;
}

const DETAIL_ICONS: Record<DetailNode['detail'], string> = {
  clientId: 'key',
  environmentId: 'symbol-namespace',
  enabled: 'circle-large-outline',
  grantTypes: 'symbol-enum',
  authMethod: 'lock',
  roleAssignment: 'shield',
  roles: 'shield',
  readiness: 'checklist',
};

function detailItem(node: DetailNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label);
  item.id = node.id;
  item.description = neutralize(node.value);
  let icon = DETAIL_ICONS[node.detail];
  let color: vscode.ThemeColor | undefined;
  if (node.detail === 'enabled') icon = node.value === 'Yes' ? 'pass' : 'circle-slash';
  const readiness = node.extra.readiness;
  if (readiness) {
    icon = readiness.ready ? 'pass-filled' : 'warning';
    color = new vscode.ThemeColor(readiness.ready ? 'testing.iconPassed' : 'list.warningForeground');
  }
  item.iconPath = new vscode.ThemeIcon(icon, color);
  item.contextValue = readiness ? `pingone.detail.readiness.${readiness.ready ? 'ready' : 'notReady'}` : `pingone.detail.${node.detail}`;
  const m = md();
  if (readiness) {
    m.appendMarkdown(`**Sync readiness** of ${escapeText(node.parent.application.name)}\n\n`);
    for (const c of readiness.checks) {
      m.appendMarkdown(
        `- ${c.passed ? '$(pass)' : '$(error)'} **${escapeText(c.label)}**${c.passed ? '' : ` — ${escapeText(c.detail)}`}\n`
      );
    }
    m.appendMarkdown('\nWhether the secret can be read is checked by **Check Sync Readiness** (inline button).');
  } else {
    m.appendMarkdown(
      `**${escapeText(node.label)}**: ${node.detail === 'clientId' || node.detail === 'environmentId' ? `\`${node.value}\`` : escapeText(node.value)}`
    );
    if (node.extra.tooltip) m.appendMarkdown('\n\n').appendText(node.extra.tooltip);
  }
  item.tooltip = m;
  return item;
}
