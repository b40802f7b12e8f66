import * as vscode from 'vscode';
import { allCommands } from './commands';
import { registerCommands } from './commands/registry';
import { ClientFactory } from './connections/clientFactory';
import { ConnectionStore } from './connections/connectionStore';
import { registerUsernameDiagnostics } from './diagnostics';
import { importSandboxConnection } from './connections/sandboxHandover';
import { PingOneExplorer } from './explorer/explorer';
import type { Services } from './services';
import { type ExtensionApi, createApi } from './testApi';
import { PrompterHolder } from './ui/prompterHolder';
import { OutputChannelLogger } from './util/outputLogger';
import { WalkthroughProgress } from './walkthrough/progress';

export type { ExtensionApi } from './testApi';

/** Builds the services and registers the features; nothing else. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const logger = new OutputChannelLogger();
  const connections = new ConnectionStore(context.globalState, context.secrets);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const clients = new ClientFactory(connections, logger, version);
  context.subscriptions.push(logger, connections, clients);
  const services: Services = { context, version, logger, prompter: new PrompterHolder(), connections, clients };
  void importSandboxConnection(connections).catch((e) => logger.warn(`Sandbox connection not imported: ${String(e)}`));
  const explorer = new PingOneExplorer(services);
  services.explorer = explorer;
  context.subscriptions.push(explorer);
  context.subscriptions.push(...registerCommands(services, allCommands));
  context.subscriptions.push(registerUsernameDiagnostics(services));
  const walkthrough = new WalkthroughProgress(context.extension.id, connections);
  context.subscriptions.push(walkthrough);
  void walkthrough.openIfAsked(context.globalState).catch((e) => logger.warn(`Walkthrough not opened: ${String(e)}`));
  return createApi(context, services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
