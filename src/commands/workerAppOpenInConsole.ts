import * as vscode from 'vscode';
import type { CommandDefinition } from './registry';
import { pickApp, savedConnection } from '../flows/pickers';
import { applicationConsoleUrl, environmentConsoleLink } from '../connections/consoleLinks';

/** Opens the app in the PingOne admin console of the connection's region. Returns the URL (the tests read it). */
export const openInConsoleCommand: CommandDefinition = {
  id: 'pingone.workerApp.openInConsole',
  async run(services, arg) {
    const target = await pickApp(services, arg, 'Open App in PingOne Console');
    const connection = savedConnection(services, target.connectionId);
    const link = environmentConsoleLink(connection, target.environmentId);
    if ('noConsole' in link) {
      await services.prompter.get().info(link.noConsole);
      return undefined;
    }
    const url = applicationConsoleUrl(link.url, target.applicationId);
    // Tests never leave loopback, so the test host only gets the URL back.
    if (services.context.extensionMode !== vscode.ExtensionMode.Test) await vscode.env.openExternal(vscode.Uri.parse(url, true));
    return url;
  },
};
