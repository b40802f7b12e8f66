import type { AppTarget, Target } from './targets';

/** What commands may ask of the explorer view after they change something. */
export interface ExplorerController {
  /** Reloads a node (and its children), or the whole view without a target. */
  refresh(target?: Target): void;
  /** Expands the path to an app and selects it. */
  reveal(target: AppTarget): Promise<void>;
}
