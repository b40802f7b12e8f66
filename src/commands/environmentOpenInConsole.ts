import * as vscode from 'vscode';
import { environmentConsoleLink } from '../connections/consoleLinks';
import { pickEnvironment, savedConnection } from '../flows/pickers';
import type { CommandDefinition } from './registry';

/**
 * Opens the environment in the PingOne admin console; for a connection to
 * this computer (the emulator) it says there is none instead. Returns the
 * URL opened, if any.
 */
export const environmentOpenInConsole: CommandDefinition = {
  id: 'pingone.environment.openInConsole',
  async run(services, arg) {
    const target = await pickEnvironment(services, arg, 'Open Environment in PingOne Console');
    const connection = savedConnection(services, target.connectionId);
    const link = environmentConsoleLink(connection, target.environmentId, target.environment?.region);
    if ('noConsole' in link) {
      await services.prompter.get().info(link.noConsole);
      return undefined;
    }
    // Tests never leave loopback: in the test host the URL is only returned.
    if (services.context.extensionMode !== vscode.ExtensionMode.Test) await vscode.env.openExternal(vscode.Uri.parse(link.url, true));
    return link.url;
  },
};
