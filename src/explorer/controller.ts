import type { AppTarget, Target } from './targets';

/** What commands may ask of the explorer view after they change something. */
export interface ExplorerController {
  /** Reloads a node (and its children), or the whole view without a target. */
  refresh(target?: Target): void;
  /** Expands the path to an app and selects it. */
  reveal(target: AppTarget): Promise<void>;
}

/** The explorer's own tree-only actions (Load more, Retry, the workers-only filter), used by the explorer.* commands. */
export interface ExplorerViewActions extends ExplorerController {
  /** Refreshes the row a command was run on: a target node, or an error/Load more row's parent. */
  refreshNode(node: unknown): void;
  loadMore(node: unknown): Promise<void>;
  retry(node: unknown): void;
  readonly workersOnly: boolean;
  setWorkersOnly(on: boolean): Promise<void>;
}

export function hasViewActions(c: ExplorerController | undefined): c is ExplorerViewActions {
  return !!c && typeof (c as Partial<ExplorerViewActions>).loadMore === 'function';
}
