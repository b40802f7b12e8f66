import * as vscode from 'vscode';
import type { Services } from '../services';
import { UserCancelled } from '../ui/prompter';
import { describeError } from '../util/errors';

/** One command: its id and what it does. One file per command exports one of these. */
export interface CommandDefinition {
  id: string;
  run(services: Services, ...args: unknown[]): unknown | Promise<unknown>;
}

/**
 * Registers commands with one error policy (Azure Resources' single
 * registry): a cancelled prompt is silent, any other failure is shown once
 * with its cause and logged, never with a secret in it.
 */
export function registerCommands(services: Services, definitions: CommandDefinition[]): vscode.Disposable[] {
  return definitions.map((def) =>
    vscode.commands.registerCommand(def.id, async (...args: unknown[]) => {
      try {
        return await def.run(services, ...args);
      } catch (e) {
        if (e instanceof UserCancelled) return undefined;
        const message = describeError(e);
        services.logger.error(`${def.id} failed: ${message}`);
        void services.prompter.get().error(message);
        return undefined;
      }
    })
  );
}
