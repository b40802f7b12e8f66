import * as vscode from 'vscode';
import { PingOneClient } from '../pingone/client';
import type { Connection } from '../pingone/connection';
import type { Logger } from '../pingone/logger';
import type { ProxySettings } from '../pingone/proxy';
import type { RetryPolicy } from '../pingone/retry';
import { proxySettingValues, userScopeSettings } from '../settings/vscodeSettings';
import { Disposable } from '../util/disposable';
import { CONNECTION_GONE, type ConnectionStore } from './connectionStore';

/** Proxy settings from the user's scope only (see userValue). */
function proxySettings(): ProxySettings {
  const { proxyUrl, noProxy, strictSSL } = proxySettingValues();
  return { proxyUrl, noProxy: noProxy?.join(','), strictSSL };
}

/** One API client per saved connection, rebuilt when the connection or the proxy settings change. */
export class ClientFactory extends Disposable {
  private readonly clients = new Map<string, { client: PingOneClient; fingerprint: string }>();
  /** Tests shorten backoff and timeouts through this (never set in normal use). */
  retryOverrides: Partial<RetryPolicy> = {};

  constructor(
    private readonly store: ConnectionStore,
    private readonly logger: Logger,
    private readonly version: string
  ) {
    super();
    this._register(store.onDidChange(() => this.dropStale()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('http') || e.affectsConfiguration('pingone.api')) this.closeAll();
      })
    );
  }

  /** The client of a saved connection. Throws when the connection is gone. */
  forConnection(connectionId: string): PingOneClient {
    const connection = this.store.get(connectionId);
    if (!connection) throw new Error(CONNECTION_GONE);
    const fingerprint = JSON.stringify(connection);
    const cached = this.clients.get(connectionId);
    if (cached && cached.fingerprint === fingerprint) return cached.client;
    if (cached) void cached.client.close();
    const client = this.create(connection, async () => {
      const secret = await this.store.getSecret(connectionId);
      if (!secret)
        throw new Error(`The client secret of connection "${connection.name}" is missing. Edit the connection to enter it again.`);
      return secret;
    });
    this.clients.set(connectionId, { client, fingerprint });
    return client;
  }

  /** A client for a connection being added or edited (the secret is held only in memory). */
  forUnsaved(connection: Connection, secret: string): PingOneClient {
    return this.create(connection, () => secret);
  }

  private create(connection: Connection, getSecret: () => Promise<string> | string): PingOneClient {
    const settings = userScopeSettings();
    return new PingOneClient({
      connection,
      getSecret,
      toolkitVersion: this.version,
      logger: this.logger,
      proxy: proxySettings(),
      retry: {
        timeoutMs: settings.apiTimeoutSeconds * 1000,
        maxAttempts: settings.apiMaxRetries + 1,
        ...this.retryOverrides,
      },
    });
  }

  private dropStale(): void {
    for (const [id, entry] of this.clients) {
      const c = this.store.get(id);
      if (!c || JSON.stringify(c) !== entry.fingerprint) {
        void entry.client.close();
        this.clients.delete(id);
      }
    }
  }

  /** Forget every client, e.g. so the next call picks up new retry or proxy settings. */
  closeAll(): void {
    for (const { client } of this.clients.values()) void client.close();
    this.clients.clear();
  }

  override dispose(): void {
    this.closeAll();
    super.dispose();
  }
}
