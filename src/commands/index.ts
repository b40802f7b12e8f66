import type { CommandDefinition } from './registry';

/** Every command of the extension, one file each. */
export const allCommands: CommandDefinition[] = [];
