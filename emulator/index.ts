import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorCore } from './context';
import { createControlHandler, type WorkerOptions } from './control';
import { FaultController } from './faults';
import { seededRandom, uuidFrom, type RandomSource } from './ids';
import { ModelBuilder } from './modelBuilder';
import { RateLimiter } from './rateLimit';
import type { RequestLogEntry } from './requestLog';
import { Router } from './router';
import { registerApplicationRoutes } from './routes/applications';
import { registerEnvironmentRoutes } from './routes/environments';
import { registerImageRoutes } from './routes/images';
import { registerPopulationRoutes } from './routes/populations';
import { registerRoleAssignmentRoutes } from './routes/roleAssignments';
import { registerRoleRoutes } from './routes/roles';
import { registerSecretRoutes } from './routes/secret';
import { registerUserRoutes } from './routes/users';
import { applySeed, type ExtraAdminWorker, type SeedName } from './seed';
export type { ExtraAdminWorker } from './seed';
import { createRequestHandler, type Exchange } from './server';
export type { Exchange } from './server';
import { EmulatorState, type Environment, type Role } from './state';

export type { RequestLogEntry } from './requestLog';
export type { FailNextSpec, ResetNextSpec, HangNextSpec, OddAnswer, OddAnswerNextSpec, ConsistencyDelay, RequestMatcher } from './faults';
export type { WorkerOptions } from './control';
export { FaultController } from './faults';
export { EmulatorState } from './state';
export type { Application, Environment, Role, RoleAssignment, Population, User, Image } from './state';

export interface EmulatorOptions {
  seed?: SeedName;
  port?: number;
  tokenTtlSeconds?: number;
  /** Requests per second over all API and token calls; `false` turns the limit off. */
  rateLimit?: { requestsPerSecond: number } | false;
  /** Default page size of collections when the request has no `limit`. */
  pageSize?: number;
  latencyMs?: number;
  /** Randomness for IDs; by default a PRNG seeded by the seed name, so seeded IDs repeat across runs. */
  random?: () => number;
  /** Sees every API, token and asset exchange with its bodies (for conformance tests; never logged). */
  onExchange?: (exchange: Exchange) => void;
}

export interface RunningEmulator {
  baseUrl: string;
  apiBaseUrl: string;
  authBaseUrl: string;
  tokenUrl: string;
  environmentId: string;
  clientId: string;
  clientSecret: string;
  /** Seeded admin workers with fewer permissions (default seed only); also in the ready line. */
  extraAdminWorkers: ExtraAdminWorker[];
  state: EmulatorState;
  requestLog: RequestLogEntry[];
  faults: FaultController;
  /** Adds an enabled worker (Client Secret Post by default) with the given roles; for restricted-actor tests. */
  addWorker(environmentId: string, options?: WorkerOptions): { clientId: string; clientSecret: string };
  /** Adds an environment as if created by the admin worker (it gets Identity Data Admin and Client Application Developer there). */
  addEnvironment(options: { name: string; type?: 'PRODUCTION' | 'SANDBOX'; region?: string }): Environment;
  findRoleByName(name: string, environmentId?: string): Role | undefined;
  /** The ready line's object (the CLI prints it). */
  readyInfo(): Record<string, unknown>;
  close(): Promise<void>;
}

export const DEFAULTS = { tokenTtlSeconds: 3600, requestsPerSecond: 100, pageSize: 100 } as const;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? 'default';
  const random: RandomSource = options.random ?? seededRandom(`pingone-emulator:${seed}`);
  const state = new EmulatorState();
  const requestLog: RequestLogEntry[] = [];
  const faults = new FaultController(() => {
    for (const token of state.tokens.values()) token.expiresAt = 0;
  }, options.latencyMs ?? 0);
  let baseUrl = '';
  const core: EmulatorCore = {
    state,
    faults,
    random,
    options: { tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds, pageSize: options.pageSize ?? DEFAULTS.pageSize },
    newId: () => uuidFrom(random),
    baseUrl: () => baseUrl,
  };
  const admin = applySeed(state, seed, core.newId);
  const builder = new ModelBuilder(state, core.newId);

  const api = new Router();
  const assets = new Router();
  registerEnvironmentRoutes(api);
  registerApplicationRoutes(api);
  registerSecretRoutes(api);
  registerRoleRoutes(api);
  registerRoleAssignmentRoutes(api);
  registerPopulationRoutes(api);
  registerUserRoutes(api);
  registerImageRoutes(api, assets);

  const addWorker = (environmentId: string, worker: WorkerOptions = {}): { clientId: string; clientSecret: string } => {
    if (!state.environments.has(environmentId)) throw new Error(`Unknown environment ${environmentId}`);
    const { app, secret } = builder.worker(environmentId, worker.name ?? `Test Worker ${state.applications.size + 1}`, {
      enabled: worker.enabled ?? true,
      tokenEndpointAuthMethod: worker.tokenEndpointAuthMethod ?? 'CLIENT_SECRET_POST',
      ...(worker.grantTypes ? { grantTypes: worker.grantTypes } : {}),
    });
    for (const r of worker.roles ?? []) {
      const scopeId = r.scopeId ?? (r.scopeType === 'ORGANIZATION' ? state.organization.id : environmentId);
      builder.assign(app.id, r.roleName, { type: r.scopeType, id: scopeId });
    }
    return { clientId: app.id, clientSecret: secret };
  };
  const addEnvironment = (input: { name: string; type?: 'PRODUCTION' | 'SANDBOX'; region?: string }): Environment => {
    const env = builder.environment({
      name: input.name,
      type: input.type ?? 'SANDBOX',
      region: input.region ?? 'NA',
      visibleAt: Date.now() + faults.consistency.newResourcesMs,
    });
    builder.population(env.id, 'Default', true);
    builder.assign(admin.adminClientId, 'Identity Data Admin', { type: 'ENVIRONMENT', id: env.id });
    builder.assign(admin.adminClientId, 'Client Application Developer', { type: 'ENVIRONMENT', id: env.id });
    return env;
  };

  const urls = () => ({
    baseUrl,
    apiBaseUrl: `${baseUrl}/v1`,
    authBaseUrl: baseUrl,
    tokenUrl: `${baseUrl}/${admin.adminEnvironmentId}/as/token`,
    environmentId: admin.adminEnvironmentId,
  });
  const hung = new Set<ServerResponse>();
  const control = createControlHandler({
    faults,
    state,
    requestLog,
    addWorker,
    addEnvironment,
    // No secret over /health: the ready line is the only place it is printed.
    info: () => ({ ready: true, ...urls(), clientId: admin.adminClientId, seed }),
  });
  const rateLimit = options.rateLimit === undefined ? { requestsPerSecond: DEFAULTS.requestsPerSecond } : options.rateLimit;
  const server = createServer(
    createRequestHandler({
      core,
      api,
      assets,
      control,
      log: requestLog,
      hung,
      observe: options.onExchange,
      rateLimiter: new RateLimiter(rateLimit === false ? undefined : rateLimit.requestsPerSecond),
    })
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let closing: Promise<void> | undefined;
  return {
    ...urls(),
    clientId: admin.adminClientId,
    clientSecret: admin.adminClientSecret,
    extraAdminWorkers: admin.extraAdminWorkers ?? [],
    state,
    requestLog,
    faults,
    addWorker,
    addEnvironment,
    findRoleByName: (name, environmentId) => state.findRoleByName(name, environmentId),
    readyInfo: () => ({
      ready: true,
      ...urls(),
      clientId: admin.adminClientId,
      clientSecret: admin.adminClientSecret,
      extraAdminWorkers: (admin.extraAdminWorkers ?? []).map((w) => ({ ...w })),
    }),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
