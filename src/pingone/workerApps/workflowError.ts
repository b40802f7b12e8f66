/**
 * A multi-step workflow failed part-way. Carries what exists now (a sentence
 * for the user) and a JSON-serialisable state from which Resume continues.
 */
import { PingOneError } from '../errors';

export class WorkflowError<State> extends Error {
  override readonly name = 'WorkflowError';

  constructor(
    /** The step that failed. */
    readonly failedStep: string,
    /** Why it failed (usually a PingOneError). */
    override readonly cause: unknown,
    /** What exists in PingOne now, in one or two sentences. */
    readonly whatExists: string,
    /** Pass back to the workflow to finish the remaining steps. */
    readonly resumeState: State,
    clientSecret?: string
  ) {
    super(`${causeMessage(cause)} ${whatExists}`);
    // Not enumerable, so logging or serialising the error never carries it.
    Object.defineProperty(this, 'clientSecret', { value: clientSecret, enumerable: false });
  }

  /**
   * A secret the workflow read before it failed (e.g. before assigning a role
   * that hides it). Offer "Copy Client Secret"; never show or log it.
   */
  declare readonly clientSecret?: string;

  /** True when the user cancelled (the UI then need not show an error). */
  get cancelled(): boolean {
    return this.cause instanceof PingOneError && this.cause.kind === 'cancelled';
  }
}

function causeMessage(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
