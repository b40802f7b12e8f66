import type { Prompter } from './prompter';
import { VscodePrompter } from './vscodePrompter';

/**
 * The prompter every command uses. Tests in the extension host swap in a
 * scripted one through the extension's test API (only in test mode).
 */
export class PrompterHolder {
  private current: Prompter = new VscodePrompter();

  get(): Prompter {
    return this.current;
  }

  /** Replaces the prompter; returns a function that restores the previous one. */
  use(prompter: Prompter): () => void {
    const previous = this.current;
    this.current = prompter;
    return () => {
      this.current = previous;
    };
  }
}
