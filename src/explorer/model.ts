import * as vscode from 'vscode';
import type { ClientFactory } from '../connections/clientFactory';
import type { ConnectionStore } from '../connections/connectionStore';
import { getApplication } from '../pingone/applications';
import type { PingOneClient } from '../pingone/client';
import { fetchEnvironmentsPage } from '../pingone/environments';
import { isPingOneError } from '../pingone/errors';
import type { Application, Environment, Role } from '../pingone/models';
import { type Page, fetchPage } from '../pingone/paging';
import { listApplicationRoleAssignments } from '../pingone/roleAssignments';
import { listBuiltInRoles, listEnvironmentRoles } from '../pingone/roles';
import { humanise } from '../ui/labels';
import { compareApps } from '../ui/ordering';
import { Disposable } from '../util/disposable';
import { describeError } from '../util/errors';
import { Limiter } from './limiter';
import {
  AppNode,
  type AppFacts,
  ConnectionNode,
  DetailNode,
  EnvironmentNode,
  ErrorNode,
  type ExplorerNode,
  InfoNode,
  LoadMoreNode,
  type ParentNode,
} from './nodes';
import { PagedList } from './pagedList';
import { assessReadiness } from './readiness';
import { type PermissionFacts, PermissionLineNode, PermissionsNode, loadPermissionFacts } from './permissionsNode';
import type { AppTarget, Target } from './targets';

export interface ExplorerModelOptions {
  connections: ConnectionStore;
  clients: Pick<ClientFactory, 'forConnection'>;
  pageSize: () => number;
  workersOnly: () => boolean;
  /** Wraps every running load (the explorer shows progress in the view with it). */
  track?: <R>(work: Promise<R>) => Promise<R>;
  /** How many list requests may run at once, over all connections. */
  maxConcurrentLoads?: number;
}

/** How many pages `findApp` may load while looking for an app (then it gives up). */
const MAX_PAGES_TO_FIND = 20;

const APP_PERMISSION = 'the Client Application Developer (or Environment Admin) role on this environment';

/**
 * What the PingOne explorer shows and how it loads, apart from the tree
 * provider (the GitHub Pull Requests extension's model/view split): nodes,
 * paged lists, in-flight de-duplication, cancellation, bounded concurrency.
 * `onDidChange` names the node whose children changed (undefined = all).
 */
export class ExplorerModel extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<ExplorerNode | undefined>());
  readonly onDidChange = this.changed.event;
  readonly limiter: Limiter;
  private readonly roots = new Map<string, { node: ConnectionNode; fingerprint: string }>();
  private readonly track: <R>(work: Promise<R>) => Promise<R>;

  constructor(private readonly options: ExplorerModelOptions) {
    super();
    this.limiter = new Limiter(options.maxConcurrentLoads ?? 4);
    this.track = options.track ?? ((w) => w);
    this.syncConnections();
    this._register(
      options.connections.onDidChange(() => {
        this.syncConnections();
        this.changed.fire(undefined);
      })
    );
  }

  rootNodes(): ConnectionNode[] {
    return [...this.roots.values()].map((r) => r.node);
  }

  /** The children of a node; loads its first page when the node is expanded for the first time. */
  async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.rootNodes();
    switch (node.kind) {
      case 'connection':
        await node.environments.ensureLoaded();
        return [node.permissions, ...this.environmentChildren(node)];
      case 'permissions':
        return this.permissionChildren(node);
      case 'environment':
        await node.applications.ensureLoaded();
        return this.applicationChildren(node);
      case 'app':
        return this.appChildren(node);
      default:
        return [];
    }
  }

  /**
   * Reloads a node and everything under it, or the whole tree. An
   * environment keeps as many apps shown as before; an app whose new state
   * is given (`changed`) is shown with it at once, otherwise it is read again.
   */
  refresh(target?: Target, changed?: Application): Promise<void> {
    if (!target) {
      for (const root of this.rootNodes()) this.resetConnection(root);
      this.changed.fire(undefined);
      return Promise.resolve();
    }
    const root = this.roots.get(target.connectionId)?.node;
    if (!root) return Promise.resolve();
    if (target.kind === 'connection') {
      this.resetConnection(root);
      this.changed.fire(root);
      return Promise.resolve();
    }
    const env = root.children.get(target.environmentId);
    if (!env) {
      // Not loaded (or not listed yet, e.g. just created): reload the connection's list.
      if (root.environments.state !== 'idle') return this.refresh({ kind: 'connection', connectionId: root.connectionId });
      return Promise.resolve();
    }
    if (target.kind === 'environment') {
      this.reloadEnvironment(env);
      this.changed.fire(env);
      return Promise.resolve();
    }
    const app = env.children.get(target.applicationId);
    if (!app) {
      if (env.applications.state !== 'idle')
        return this.refresh({ kind: 'environment', connectionId: root.connectionId, environmentId: env.environmentId });
      return Promise.resolve();
    }
    return this.refreshApp(app, changed);
  }

  /**
   * One app changed (enabled, auth method, roles…): its row, tooltip,
   * context value and details show the new state. The new state goes into
   * the environment's list too, which the rows are rebuilt from.
   */
  async refreshApp(node: AppNode, changed?: Application): Promise<void> {
    node.facts?.reset();
    try {
      const client = this.options.clients.forConnection(node.connectionId);
      const app = changed ?? (await this.limiter.run(() => getApplication(client, node.environmentId, node.applicationId)));
      node.application = app;
      node.parent.applications.replace(app);
      this.changed.fire(node.parent); // its position (workers first) or visibility (filter) may change
    } catch (e) {
      if (isPingOneError(e, 'not-found')) this.removeApp(node.parent, node.applicationId);
      else this.changed.fire(node);
    }
  }

  /** An app was deleted: it leaves the list; what else was loaded stays. */
  removeApp(env: EnvironmentNode, applicationId: string): void {
    const node = env.children.get(applicationId);
    if (node) this.cancelTree(node);
    env.children.delete(applicationId);
    env.applications.remove(applicationId);
    this.changed.fire(env);
  }

  /** Stops what a node (and anything under it) is loading: the node was collapsed. */
  cancel(node: ExplorerNode): void {
    if (node.kind === 'connection' || node.kind === 'environment' || node.kind === 'app') this.cancelTree(node);
  }

  /** Stops every load (the view was hidden or is going away). */
  cancelAll(): void {
    for (const root of this.rootNodes()) this.cancelTree(root);
  }

  loadMore(node: LoadMoreNode): Promise<void> {
    const list = node.parent.kind === 'connection' ? node.parent.environments : node.parent.applications;
    return list.loadMore();
  }

  retry(node: ErrorNode): void {
    node.retry();
  }

  /**
   * Finds the node of an app, loading (and paging) only what is needed.
   * Undefined when it is not there, or hidden by the workers-only filter.
   */
  async findApp(target: AppTarget): Promise<AppNode | undefined> {
    const root = this.roots.get(target.connectionId)?.node;
    if (!root) return undefined;
    const env = await this.findIn(root.environments, () => root.children.get(target.environmentId));
    if (!env) return undefined;
    const app = await this.findIn(env.applications, () => env.children.get(target.applicationId));
    if (!app || (this.options.workersOnly() && app.application.type !== 'WORKER')) return undefined;
    const before = env.applications.shown;
    env.applications.show(target.applicationId);
    if (env.applications.shown !== before) this.changed.fire(env);
    return app;
  }

  findNode(target: Target): ExplorerNode | undefined {
    const root = this.roots.get(target.connectionId)?.node;
    if (!root || target.kind === 'connection') return root;
    const env = root.children.get(target.environmentId);
    if (!env || target.kind === 'environment') return env;
    return env.children.get(target.applicationId);
  }

  private async findIn<T, N>(list: PagedList<T>, lookup: () => N | undefined): Promise<N | undefined> {
    await list.ensureLoaded();
    this.materialise();
    for (let pages = 0; !lookup() && list.hasMore && pages < MAX_PAGES_TO_FIND; pages++) {
      await list.loadMore();
      this.materialise();
    }
    return lookup();
  }

  /** Creates child nodes for loaded items without waiting for the view to ask. */
  private materialise(): void {
    for (const root of this.rootNodes()) {
      if (root.environments.state === 'loaded') {
        this.environmentNodes(root);
        for (const env of root.children.values()) if (env.applications.state === 'loaded') this.applicationNodes(env);
      }
    }
  }

  // ---- connections -------------------------------------------------------

  private syncConnections(): void {
    const next = new Map<string, { node: ConnectionNode; fingerprint: string }>();
    for (const connection of this.options.connections.list()) {
      // The name is not part of it: a rename keeps what was loaded.
      const fingerprint = JSON.stringify({ ...connection, name: undefined });
      const existing = this.roots.get(connection.id);
      if (existing && existing.fingerprint === fingerprint) {
        existing.node.connection = connection;
        next.set(connection.id, existing);
        continue;
      }
      if (existing) this.cancelTree(existing.node);
      next.set(connection.id, { node: this.createConnectionNode(connection), fingerprint });
    }
    for (const [id, old] of this.roots) if (!next.has(id)) this.cancelTree(old.node);
    this.roots.clear();
    for (const [id, entry] of next) this.roots.set(id, entry);
  }

  private createConnectionNode(connection: ConnectionNode['connection']): ConnectionNode {
    const node = new ConnectionNode(connection);
    node.environments = new PagedList<Environment>(
      async ({ nextUrl, signal }) =>
        fetchEnvironmentsPage(this.client(node.connectionId), { nextUrl, limit: this.options.pageSize(), signal }),
      this.limiter,
      (e) => e.id,
      () => this.changed.fire(node),
      this.track,
      this.options.pageSize
    );
    node.permissions = this.createPermissionsNode(node);
    return node;
  }

  private createPermissionsNode(root: ConnectionNode): PermissionsNode {
    const node = new PermissionsNode(root);
    node.facts = new PagedList<PermissionFacts>(
      async ({ signal }) => {
        const names = new Map(root.environments.items.map((e) => [e.id, e.name]));
        return { items: [await loadPermissionFacts(this.client(root.connectionId), names, signal)] };
      },
      this.limiter,
      (f) => f.id,
      () => this.changed.fire(node),
      this.track
    );
    return node;
  }

  private async permissionChildren(node: PermissionsNode): Promise<ExplorerNode[]> {
    await node.facts.ensureLoaded();
    if (node.facts.state === 'error') return [new ErrorNode(node, describeError(node.facts.error), () => this.retryList(node))];
    const facts = node.facts.items[0];
    return facts ? facts.lines.map((line, i) => new PermissionLineNode(node, i, line, !facts.checked)) : [];
  }

  private resetConnection(root: ConnectionNode): void {
    this.cancelTree(root);
    root.permissions.facts.reset();
    root.environments.reset();
    root.children.clear();
  }

  private environmentNodes(root: ConnectionNode): EnvironmentNode[] {
    const nodes = root.environments.items.map((environment) => {
      let node = root.children.get(environment.id);
      if (node) node.environment = environment;
      else {
        node = this.createEnvironmentNode(root, environment);
        root.children.set(environment.id, node);
      }
      return node;
    });
    return nodes;
  }

  private environmentChildren(root: ConnectionNode): ExplorerNode[] {
    const list = root.environments;
    if (list.state === 'error') return [new ErrorNode(root, describeError(list.error), () => this.retryList(root))];
    if (list.state !== 'loaded') return [];
    const shown = new Set(list.visible.map((e) => e.id));
    const out: ExplorerNode[] = this.environmentNodes(root).filter((n) => shown.has(n.environmentId));
    if (out.length === 0) {
      out.push(
        new InfoNode(
          root,
          'No environments visible',
          'PingOne lists only the environments this connection’s worker has a role on. Give the worker a role (for example Environment Admin) on the environments you manage.'
        )
      );
    }
    out.push(...this.pagingRows(root, list));
    return out;
  }

  // ---- environments ------------------------------------------------------

  private createEnvironmentNode(root: ConnectionNode, environment: Environment): EnvironmentNode {
    const node = new EnvironmentNode(root, environment);
    node.applications = new PagedList<Application>(
      async ({ nextUrl, signal }) => this.fetchApplicationsPage(this.client(node.connectionId), node.environment, nextUrl, signal),
      this.limiter,
      (a) => a.id,
      () => this.changed.fire(node),
      this.track,
      this.options.pageSize
    );
    return node;
  }

  /**
   * An applications page. PingOne documents no `limit` or cursor for this
   * endpoint (PingOne Platform API docs, Read All Applications), so none is
   * sent; "Load more" pages locally over what came back, and a `next` link,
   * should one ever appear, is followed as given.
   */
  private fetchApplicationsPage(
    client: PingOneClient,
    environment: Environment,
    nextUrl: string | undefined,
    signal: AbortSignal
  ): Promise<Page<Application>> {
    return fetchPage<Application>(client, {
      pathOrUrl: nextUrl ?? `/environments/${encodeURIComponent(environment.id)}/applications`,
      embeddedKey: 'applications',
      // Named as the tree names it: the error row sits under the environment.
      operation: `list the applications of "${environment.name}"`,
      signal,
      permissionHint: APP_PERMISSION,
    });
  }

  private resetEnvironment(env: EnvironmentNode): void {
    this.cancelTree(env);
    env.applications.reset();
    env.children.clear();
  }

  /** Fetches the environment's apps again, showing as many as before (a new app on page 2 stays in view). */
  private reloadEnvironment(env: EnvironmentNode): void {
    this.cancelTree(env);
    env.applications.reload();
    env.children.clear();
  }

  private applicationNodes(env: EnvironmentNode): AppNode[] {
    return env.applications.items.map((application) => {
      let node = env.children.get(application.id);
      if (node) node.application = application;
      else {
        node = this.createAppNode(env, application);
        env.children.set(application.id, node);
      }
      return node;
    });
  }

  private applicationChildren(env: EnvironmentNode): ExplorerNode[] {
    const list = env.applications;
    if (list.state === 'error') return [new ErrorNode(env, describeError(list.error), () => this.retryList(env))];
    if (list.state !== 'loaded') return [];
    const visible = new Set(list.visible.map((a) => a.id));
    const all = this.applicationNodes(env).filter((n) => visible.has(n.applicationId));
    const workersOnly = this.options.workersOnly();
    const shown = (workersOnly ? all.filter((n) => n.application.type === 'WORKER') : all).sort((a, b) =>
      compareApps(a.application, b.application)
    );
    const out: ExplorerNode[] = [...shown];
    if (shown.length === 0) {
      const label = all.length === 0 ? 'No applications' : `No worker apps among the ${all.length} loaded`;
      out.push(
        new InfoNode(env, label, workersOnly ? 'The explorer shows worker apps only. Use "Show All Apps" to see every app.' : undefined)
      );
    }
    out.push(...this.pagingRows(env, list));
    return out;
  }

  private pagingRows<T>(parent: ConnectionNode | EnvironmentNode, list: PagedList<T>): ExplorerNode[] {
    if (list.moreError !== undefined) return [new ErrorNode(parent, describeError(list.moreError), () => void list.loadMore(), 'loadMore')];
    if (list.hasMore)
      return [
        new LoadMoreNode(parent, list.loadingMore, list.shown, list.count ?? (list.nextUrl === undefined ? list.items.length : undefined)),
      ];
    return [];
  }

  // ---- apps --------------------------------------------------------------

  private createAppNode(env: EnvironmentNode, application: Application): AppNode {
    const node = new AppNode(env, application);
    node.facts = new PagedList<AppFacts>(
      async ({ signal }) => {
        const client = this.client(node.connectionId);
        const assignments = await listApplicationRoleAssignments(client, node.environmentId, node.applicationId, { signal });
        const roles = await this.rolesFor(
          client,
          node.environmentId,
          assignments.map((a) => a.role?.id),
          signal
        );
        return { items: [{ id: 'facts', assignments, roles }] };
      },
      this.limiter,
      (f) => f.id,
      () => this.changed.fire(node),
      this.track
    );
    return node;
  }

  /** Role names: the built-in catalogue (cached per client by the API layer), plus the environment's custom roles only if needed. */
  private async rolesFor(
    client: PingOneClient,
    environmentId: string,
    roleIds: Array<string | undefined>,
    signal: AbortSignal
  ): Promise<Role[]> {
    // No signal for the shared cache: a collapse elsewhere must not fail other waiters.
    let roles = await listBuiltInRoles(client).catch(() => [] as Role[]);
    if (roleIds.some((id) => id && !roles.some((r) => r.id === id))) {
      roles = roles.concat(await listEnvironmentRoles(client, environmentId, { type: 'CUSTOM', signal }).catch(() => [] as Role[]));
    }
    return roles;
  }

  private async appChildren(node: AppNode): Promise<ExplorerNode[]> {
    const app = node.application;
    const rows: ExplorerNode[] = [
      new DetailNode(node, 'clientId', 'Client ID', app.id),
      new DetailNode(node, 'environmentId', 'Environment ID', node.environmentId),
      new DetailNode(node, 'enabled', 'Enabled', app.enabled ? 'Yes' : 'No'),
    ];
    if (app.protocol === 'OPENID_CONNECT' || app.grantTypes || app.tokenEndpointAuthMethod) {
      rows.push(new DetailNode(node, 'grantTypes', 'Grant types', (app.grantTypes ?? []).map(humanise).join(', ') || 'none'));
      rows.push(
        new DetailNode(
          node,
          'authMethod',
          'Token endpoint auth method',
          app.tokenEndpointAuthMethod ? humanise(app.tokenEndpointAuthMethod) : 'not set'
        )
      );
    }
    // Role assignments matter (and are fetched) only for workers; other apps cost no request.
    if (app.type !== 'WORKER') {
      rows.push(this.readinessRow(node, undefined, []));
      return rows;
    }
    await node.facts.ensureLoaded();
    const list = node.facts;
    if (list.state === 'error') {
      rows.push(new ErrorNode(node, describeError(list.error), () => this.retryList(node)));
      return rows;
    }
    const facts = list.items[0];
    if (!facts) return rows; // cancelled
    const assignments = facts.assignments ?? [];
    if (assignments.length === 0) rows.push(new DetailNode(node, 'roles', 'Role assignments', 'none'));
    for (const a of assignments) {
      const role = facts.roles.find((r) => r.id === a.role?.id);
      rows.push(
        new DetailNode(node, 'roleAssignment', role?.name ?? `Role ${a.role?.id ?? '?'}`, this.describeScope(node, a.scope), {
          roleAssignmentId: a.id,
          tooltip: role?.description,
        })
      );
    }
    rows.push(this.readinessRow(node, assignments, facts.roles));
    return rows;
  }

  private readinessRow(node: AppNode, assignments: AppFacts['assignments'], roles: Role[]): DetailNode {
    const readiness = assessReadiness(node.application, node.environmentId, assignments, roles);
    const failing = readiness.checks.filter((c) => !c.passed).length;
    const value = readiness.ready ? 'Ready for PingDataSync' : `Not ready: ${failing} of ${readiness.checks.length} checks fail`;
    return new DetailNode(node, 'readiness', 'Sync readiness', value, { readiness });
  }

  private describeScope(node: AppNode, scope: { id: string; type: string } | undefined): string {
    if (!scope) return 'unknown scope';
    switch (scope.type) {
      case 'ENVIRONMENT': {
        const env = node.parent.parent.children.get(scope.id);
        return `Environment ${env ? env.environment.name : scope.id}`;
      }
      case 'ORGANIZATION':
        return 'Organization';
      case 'POPULATION':
        return `Population ${scope.id}`;
      case 'APPLICATION':
        return `Application ${scope.id}`;
      default:
        return `${scope.type} ${scope.id}`;
    }
  }

  // ---- shared ------------------------------------------------------------

  private client(connectionId: string): PingOneClient {
    return this.options.clients.forConnection(connectionId);
  }

  private retryList(node: ParentNode): void {
    if (node.kind === 'connection') this.resetConnection(node);
    else if (node.kind === 'environment') this.resetEnvironment(node);
    else node.facts.reset();
    this.changed.fire(node);
  }

  private cancelTree(node: ParentNode): void {
    if (node.kind === 'connection') {
      node.environments.cancel();
      node.permissions.facts.cancel();
      for (const env of node.children.values()) this.cancelTree(env);
    } else if (node.kind === 'environment') {
      node.applications.cancel();
      for (const app of node.children.values()) this.cancelTree(app);
    } else {
      node.facts.cancel();
    }
  }
}
