import * as vscode from 'vscode';
import type { Services } from '../services';
import { isCancellation } from '../util/cancellation';
import { describeError } from '../util/errors';

/** One command: its id and what it does. One file per command exports one of these. */
export interface CommandDefinition {
  id: string;
  run(services: Services, ...args: unknown[]): unknown | Promise<unknown>;
}

export const SHOW_LOG = 'Show Log';

/**
 * Registers commands with one error policy (Azure Resources' single
 * registry): a cancellation of any kind is silent; any other failure is
 * logged and shown once with its cause and a "Show Log" action, never with a
 * secret in it (the API layer redacts its messages).
 */
export function registerCommands(services: Services, definitions: CommandDefinition[]): vscode.Disposable[] {
  return definitions.map((def) =>
    vscode.commands.registerCommand(def.id, async (...args: unknown[]) => {
      try {
        return await def.run(services, ...args);
      } catch (e) {
        if (isCancellation(e)) return undefined;
        const message = describeError(e);
        services.logger.error(`${def.id} failed: ${message}`);
        // Not awaited: the command is done; the notification may stay open.
        void services.prompter
          .get()
          .error(message, {}, SHOW_LOG)
          .then((action) => {
            if (action === SHOW_LOG) services.logger.channel.show(true);
          });
        return undefined;
      }
    })
  );
}
