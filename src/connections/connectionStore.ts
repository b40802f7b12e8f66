import * as vscode from 'vscode';
import { type Connection, validateConnection } from '../pingone/connection';
import { Disposable } from '../util/disposable';

/** What a command says when the connection it acts on was removed meanwhile. */
export const CONNECTION_GONE = 'That PingOne connection no longer exists. Refresh the PingOne explorer.';

const STATE_KEY = 'pingone.connections.v1';
const secretKey = (id: string) => `pingone.connection.${id}.clientSecret`;

/**
 * Saved connections. The non-secret parts live in the extension's global
 * state (never in settings, so no workspace can supply or change them); the
 * client secret lives only in SecretStorage.
 */
export class ConnectionStore extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage
  ) {
    super();
    void this.updateContext();
  }

  list(): Connection[] {
    const saved = this.state.get<Connection[]>(STATE_KEY, []);
    // Drop anything unusable rather than send credentials somewhere unexpected.
    return saved.filter((c) => validateConnection(c).length === 0);
  }

  get(id: string): Connection | undefined {
    return this.list().find((c) => c.id === id);
  }

  getSecret(id: string): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(secretKey(id)));
  }

  /** Adds or replaces a connection; the secret is stored only when given. */
  async save(connection: Connection, secret?: string): Promise<void> {
    const problems = validateConnection(connection);
    if (problems.length) throw new Error(problems.join(' '));
    if (secret !== undefined) await this.secrets.store(secretKey(connection.id), secret);
    const others = this.list().filter((c) => c.id !== connection.id);
    await this.state.update(STATE_KEY, [...others, stripUnknown(connection)]);
    await this.updateContext();
    this.changed.fire();
  }

  async rename(id: string, name: string): Promise<void> {
    const c = this.get(id);
    if (!c) throw new Error('That connection no longer exists.');
    await this.save({ ...c, name });
  }

  /** Removes the connection and its secret. */
  async remove(id: string): Promise<void> {
    await this.secrets.delete(secretKey(id));
    await this.state.update(
      STATE_KEY,
      this.list().filter((c) => c.id !== id)
    );
    await this.updateContext();
    this.changed.fire();
  }

  private async updateContext(): Promise<void> {
    const count = this.list().length;
    await vscode.commands.executeCommand('setContext', 'pingone.connectionCount', count);
    // A plain boolean for the walkthrough's completion event (simplest form for onContext).
    await vscode.commands.executeCommand('setContext', 'pingone.hasConnection', count > 0);
  }
}

/** Only the known, non-secret fields are persisted. */
function stripUnknown(c: Connection): Connection {
  const out: Connection = {
    id: c.id,
    name: c.name,
    environmentId: c.environmentId,
    clientId: c.clientId,
    tokenEndpointAuthMethod: c.tokenEndpointAuthMethod,
  };
  if (c.region) out.region = c.region;
  if (c.authBaseUrl) out.authBaseUrl = c.authBaseUrl;
  if (c.apiBaseUrl) out.apiBaseUrl = c.apiBaseUrl;
  return out;
}
