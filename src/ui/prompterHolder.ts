import type { Prompter } from './prompter';
import { Swappable } from './swappable';
import { VscodePrompter } from './vscodePrompter';

/** The prompter every command uses: real quick inputs, or a scripted one in the in-host tests. */
export class PrompterHolder extends Swappable<Prompter> {
  constructor() {
    super(new VscodePrompter());
  }
}
