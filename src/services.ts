import type * as vscode from 'vscode';
import type { ClientFactory } from './connections/clientFactory';
import type { ConnectionStore } from './connections/connectionStore';
import type { UsernameFeature } from './diagnostics';
import type { PingOneExplorer } from './explorer/explorer';
import type { ClipboardHolder } from './ui/clipboard';
import type { PrompterHolder } from './ui/prompterHolder';
import type { OutputChannelLogger } from './util/outputLogger';

/** What the commands share; every feature is built before this, in extension.ts, and passed down. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly version: string;
  readonly logger: OutputChannelLogger;
  readonly prompter: PrompterHolder;
  readonly clipboard: ClipboardHolder;
  readonly connections: ConnectionStore;
  readonly clients: ClientFactory;
  readonly explorer: PingOneExplorer;
  readonly usernames: UsernameFeature;
}
