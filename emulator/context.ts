import type { IncomingMessage } from 'node:http';
import { ApiError, invalidRequest } from './errors';
import type { FaultController } from './faults';
import type { RandomSource } from './ids';
import type { EmulatorState } from './state';

export interface ResolvedOptions {
  tokenTtlSeconds: number;
  pageSize: number;
}

/** What every handler can reach: the model, the knobs, and ID generation. */
export interface EmulatorCore {
  state: EmulatorState;
  faults: FaultController;
  options: ResolvedOptions;
  random: RandomSource;
  newId(): string;
  baseUrl(): string;
}

/** The authenticated caller: a worker application. */
export interface Actor {
  clientId: string;
  environmentId: string;
}

export interface RequestContext {
  core: EmulatorCore;
  req: IncomingMessage;
  method: string;
  /** Absolute URL on the emulator's origin (used for `_links`). */
  url: URL;
  params: Record<string, string>;
  correlationId: string;
  actor?: Actor;
  rawBody(maxBytes: number): Promise<Buffer>;
  json(): Promise<unknown>;
}

export interface Reply {
  status: number;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

/** Reads a request body, refusing more than `maxBytes` (413) while still draining the socket. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new ApiError(413, 'INVALID_REQUEST', `The request body is larger than ${maxBytes} bytes`));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Parses a JSON body; the content type must be JSON when there is a body (415 otherwise). */
export async function readJson(req: IncomingMessage, body: Buffer): Promise<unknown> {
  if (body.length === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('json')) throw invalidRequest('Content-Type must be application/json', 415);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw invalidRequest('The request could not be completed. The request body is not valid JSON.');
  }
}

export function ensureObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest('The request could not be completed. The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
