import type * as vscode from 'vscode';
import type { ClientFactory } from './connections/clientFactory';
import type { ConnectionStore } from './connections/connectionStore';
import type { ExplorerController } from './explorer/controller';
import type { PrompterHolder } from './ui/prompterHolder';
import type { OutputChannelLogger } from './util/outputLogger';

/** What the features share; built once in extension.ts and passed down. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly version: string;
  readonly logger: OutputChannelLogger;
  readonly prompter: PrompterHolder;
  readonly connections: ConnectionStore;
  readonly clients: ClientFactory;
  /** Set once the explorer view is registered. */
  explorer?: ExplorerController;
}
