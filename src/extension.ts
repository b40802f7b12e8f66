import * as vscode from 'vscode';
import { allCommands } from './commands';
import { registerCommands } from './commands/registry';
import { ConnectionStore } from './connections/connectionStore';
import type { Services } from './services';
import { type ExtensionApi, createApi } from './testApi';
import { PrompterHolder } from './ui/prompterHolder';
import { OutputChannelLogger } from './util/outputLogger';

export type { ExtensionApi } from './testApi';

/** Builds the services and registers the features; nothing else. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const logger = new OutputChannelLogger();
  const connections = new ConnectionStore(context.globalState, context.secrets);
  context.subscriptions.push(logger, connections);
  const services: Services = {
    context,
    version: String(context.extension.packageJSON.version ?? '0.0.0'),
    logger,
    prompter: new PrompterHolder(),
    connections,
  };
  context.subscriptions.push(...registerCommands(services, allCommands));
  return createApi(context, services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
