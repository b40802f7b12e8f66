import { BACK, type Back } from './prompter';

/** What a step answers: go on, go back one step, skip (not counted for Back), or cancel the flow. */
export type StepResult = 'next' | 'skip' | Back | undefined;
export type Step<S> = (state: S, position: { step: number; totalSteps: number }) => Promise<StepResult>;

/**
 * Runs steps in order with Back support (the VS Code samples' multi-step
 * input, without its class hierarchy). Returns false when cancelled.
 */
export async function runSteps<S>(state: S, steps: Step<S>[]): Promise<boolean> {
  const history: number[] = [];
  let i = 0;
  while (i < steps.length) {
    const r = await steps[i](state, { step: history.length + 1, totalSteps: steps.length });
    if (r === undefined) return false;
    if (r === BACK) {
      const previous = history.pop();
      i = previous ?? 0;
      continue;
    }
    if (r === 'next') history.push(i);
    i++;
  }
  return true;
}
