import { isPingOneError } from '../pingone/errors';
import { WorkflowError } from '../pingone/workerApps/workflowError';

/** Thrown out of a flow when the user dismisses a prompt (Escape) or stops the work. */
export class UserCancelled extends Error {
  constructor(message = 'Cancelled.') {
    super(message);
    this.name = 'UserCancelled';
  }
}

/**
 * The one test for "the user cancelled": a dismissed prompt, a cancelled
 * request, a workflow stopped by its Cancel button, or a cancelled scan
 * (which extends UserCancelled). The command registry stays silent on these.
 */
export function isCancellation(e: unknown): boolean {
  if (e instanceof UserCancelled) return true;
  if (isPingOneError(e, 'cancelled')) return true;
  return e instanceof WorkflowError && e.cancelled;
}
