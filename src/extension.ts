import type * as vscode from 'vscode';
import { allCommands } from './commands';
import { registerCommands } from './commands/registry';
import { ClientFactory } from './connections/clientFactory';
import { ConnectionStore } from './connections/connectionStore';
import { importSandboxConnection } from './connections/sandboxHandover';
import { UsernameFeature } from './diagnostics';
import { PingOneExplorer } from './explorer/explorer';
import type { Services } from './services';
import { type ExtensionApi, createApi } from './testApi';
import { ClipboardHolder } from './ui/clipboard';
import { PrompterHolder } from './ui/prompterHolder';
import { OutputChannelLogger } from './util/outputLogger';
import { WalkthroughProgress } from './walkthrough/progress';

export type { ExtensionApi } from './testApi';

/** Builds the features, then the services that hand them to the commands; nothing else. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const logger = new OutputChannelLogger();
  const connections = new ConnectionStore(context.globalState, context.secrets);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const clients = new ClientFactory(connections, logger, version);
  const explorer = new PingOneExplorer({ connections, clients });
  const usernames = new UsernameFeature({ context, logger });
  context.subscriptions.push(logger, connections, clients, explorer, usernames);
  const services: Services = {
    context,
    version,
    logger,
    prompter: new PrompterHolder(),
    clipboard: new ClipboardHolder(),
    connections,
    clients,
    explorer,
    usernames,
  };
  void importSandboxConnection(connections).catch((e) => logger.warn(`Sandbox connection not imported: ${String(e)}`));
  context.subscriptions.push(...registerCommands(services, allCommands));
  const walkthrough = new WalkthroughProgress(context.extension.id, connections);
  context.subscriptions.push(walkthrough);
  void walkthrough.openIfAsked(context.globalState).catch((e) => logger.warn(`Walkthrough not opened: ${String(e)}`));
  return createApi(context, services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
