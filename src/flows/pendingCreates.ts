import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import type { CreateWorkerAppInput, CreateWorkerAppResumeState } from '../pingone/workerApps';

/**
 * A create that stopped part-way, kept so Resume can finish it on the same
 * app. Only IDs, names and the icon's file location: never a secret, never
 * the icon bytes (they are read again from the file if the upload is still to do).
 */
export interface PendingCreate {
  id: string;
  connectionId: string;
  input: Omit<CreateWorkerAppInput, 'icon'>;
  /** The icon file, as a URI string, when one was chosen. */
  iconUri?: string;
  state: CreateWorkerAppResumeState;
  /** What exists in PingOne now, as last reported. */
  whatExists: string;
  failedAt: string;
}

const KEY = 'pingone.workerApp.pendingCreates.v1';

/** Pending creates in memory and in the workspace state, so Resume also works after a reload. */
export class PendingCreates {
  constructor(private readonly memento: vscode.Memento) {}

  list(): PendingCreate[] {
    return this.memento.get<PendingCreate[]>(KEY, []);
  }

  get(id: string): PendingCreate | undefined {
    return this.list().find((p) => p.id === id);
  }

  async save(entry: Omit<PendingCreate, 'id'> & { id?: string }): Promise<PendingCreate> {
    const saved: PendingCreate = { ...entry, id: entry.id ?? randomUUID() };
    await this.memento.update(KEY, [...this.list().filter((p) => p.id !== saved.id), saved]);
    return saved;
  }

  async remove(id: string): Promise<void> {
    await this.memento.update(
      KEY,
      this.list().filter((p) => p.id !== id)
    );
  }
}
