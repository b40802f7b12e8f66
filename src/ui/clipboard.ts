import * as vscode from 'vscode';
import { Swappable } from './swappable';

/** What the copy commands need of a clipboard. */
export interface ClipboardLike {
  writeText(value: string): Thenable<void>;
  readText(): Thenable<string>;
}

/**
 * The clipboard every copy command writes to: VS Code's. The in-host tests,
 * whose headless browser may not let them read it back, swap in their own.
 */
export class ClipboardHolder extends Swappable<ClipboardLike> {
  constructor() {
    super(vscode.env.clipboard);
  }
}
