import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import { Disposable } from '../util/disposable';

/** The walkthrough contributed in package.json (`contributes.walkthroughs`). */
export const WALKTHROUGH_ID = 'setupSync';
/** Set by `npm run sandbox` on its first start: open the walkthrough once the extension runs. */
export const OPEN_WALKTHROUGH_ENV = 'PINGONE_SANDBOX_OPEN_WALKTHROUGH';

/** VS Code's own commands behind the Welcome page (the walkthrough's "Mark Step Complete"). */
const MARK_STEP_COMPLETE = 'welcome.markStepComplete';
const OPEN_WALKTHROUGH = 'workbench.action.openWalkthrough';

const SYNC_FILE_LANGUAGES = new Set(['ldif', 'csv']);

/**
 * Ticks the walkthrough's steps from the real state, whenever it changes and
 * at activation (so steps done in earlier sessions count). The steps'
 * `onContext:` completion events alone are not enough: VS Code ticks such a
 * step only when the key changes after it read the walkthrough, so a key that
 * was already true then never ticks it, and `resourceLangId` is an editor's
 * key the walkthrough never sees. `welcome.markStepComplete` records a step
 * as done whatever the order; it is not part of the documented API
 * (UNCONFIRMED in other hosts), so a failure leaves the completion events to
 * do their part.
 */
export class WalkthroughProgress extends Disposable {
  private readonly marked = new Set<string>();

  constructor(
    private readonly extensionId: string,
    connections: ConnectionStore
  ) {
    super();
    const syncConnections = () => {
      if (connections.list().length > 0) this.markDone('addConnection');
    };
    this._register(connections.onDidChange(syncConnections));
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.syncDocument(d)));
    syncConnections();
    for (const d of vscode.workspace.textDocuments) this.syncDocument(d);
  }

  /** Opens the walkthrough once when the sandbox asks for it (its first start), not on every window reload. */
  async openIfAsked(state: vscode.Memento, env: NodeJS.ProcessEnv = process.env): Promise<void> {
    const key = 'pingone.walkthrough.openedForSandbox';
    if (env[OPEN_WALKTHROUGH_ENV] !== '1' || state.get<boolean>(key)) return;
    await state.update(key, true);
    await vscode.commands.executeCommand(OPEN_WALKTHROUGH, `${this.extensionId}#${WALKTHROUGH_ID}`, false);
  }

  private syncDocument(document: vscode.TextDocument): void {
    if (document.uri.scheme === 'file' && SYNC_FILE_LANGUAGES.has(document.languageId)) this.markDone('checkSyncFile');
  }

  private markDone(step: string): void {
    if (this.marked.has(step)) return;
    this.marked.add(step);
    vscode.commands.executeCommand(MARK_STEP_COMPLETE, `${this.extensionId}#${WALKTHROUGH_ID}#${step}`).then(undefined, () => {
      // Not available in this host: the step's completion events still apply.
    });
  }
}
