import type { RunningEmulator } from '../../emulator';

/** The apps of an environment with that name, straight from the emulator's state (hidden system apps left out). */
export function appsNamed(emulator: Pick<RunningEmulator, 'state'>, environmentId: string, name: string) {
  return [...emulator.state.applications.values()].filter((a) => a.environmentId === environmentId && !a.hidden && a.body.name === name);
}
