import { seededRandom, uuidFrom } from './ids';
import { ModelBuilder } from './modelBuilder';
import { P } from './roleCatalogue';
import type { EmulatorState, Environment } from './state';

export type SeedName = 'default' | 'large' | 'empty';

/** A further admin worker whose credentials the sandbox offers, to try restricted permissions. */
export interface ExtraAdminWorker {
  label: string;
  description: string;
  environmentId: string;
  clientId: string;
  clientSecret: string;
}

export interface SeedResult {
  adminEnvironmentId: string;
  adminClientId: string;
  adminClientSecret: string;
  extraAdminWorkers?: ExtraAdminWorker[];
}

// Seeded data carries fixed timestamps so that runs are comparable.
const SEEDED_AT = '2025-01-15T09:30:00.000Z';

/** Every seed has an organization, the built-in roles and "Administrators" with the admin worker. */
function administrators(state: EmulatorState, b: ModelBuilder): { env: Environment; clientId: string; secret: string } {
  state.organization = { id: b.newId(), name: 'Example Organization' };
  b.installBuiltInRoles();
  const env = b.environment({ name: 'Administrators', type: 'PRODUCTION', region: 'NA', description: 'Organization administrators' });
  b.population(env.id, 'Administrators Population', true);
  const { app, secret } = b.worker(env.id, 'Sync Toolkit Admin Worker', { description: 'Admin worker used by the PingOne Sync Toolkit' });
  b.assign(app.id, 'Organization Admin', { type: 'ORGANIZATION', id: state.organization.id });
  b.assign(app.id, 'Environment Admin', { type: 'ORGANIZATION', id: state.organization.id });
  return { env, clientId: app.id, secret };
}

/** Identity Data Admin + Client Application Developer per environment, as creating an environment grants (PingOne Platform API, Worker applications). */
function grantCreatorRoles(b: ModelBuilder, adminClientId: string, environmentId: string): void {
  b.assign(adminClientId, 'Identity Data Admin', { type: 'ENVIRONMENT', id: environmentId });
  b.assign(adminClientId, 'Client Application Developer', { type: 'ENVIRONMENT', id: environmentId });
}

function systemApp(b: ModelBuilder, environmentId: string): void {
  // Never listed or readable (PingOne Platform API, Applications "hidden PINGFEDERATE_SSO system app").
  b.application(
    environmentId,
    { name: 'PingFederate SSO', enabled: true, type: 'PINGFEDERATE_SSO', protocol: 'OPENID_CONNECT' },
    { hidden: true }
  );
}

const GENERATED_TYPES = [
  { type: 'WEB_APP', tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC', grantTypes: ['AUTHORIZATION_CODE'] },
  { type: 'SINGLE_PAGE_APP', tokenEndpointAuthMethod: 'NONE', grantTypes: ['AUTHORIZATION_CODE'] },
  { type: 'NATIVE_APP', tokenEndpointAuthMethod: 'NONE', grantTypes: ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'] },
  { type: 'WORKER', tokenEndpointAuthMethod: 'CLIENT_SECRET_POST', grantTypes: ['CLIENT_CREDENTIALS'] },
];

function generatedApps(b: ModelBuilder, environmentId: string, count: number, prefix = 'Generated App'): void {
  for (let i = 1; i <= count; i++) {
    const kind = GENERATED_TYPES[i % GENERATED_TYPES.length];
    b.application(environmentId, {
      name: `${prefix} ${String(i).padStart(3, '0')}`,
      enabled: i % 3 !== 0,
      protocol: 'OPENID_CONNECT',
      ...kind,
      grantTypes: [...kind.grantTypes],
      ...(kind.type === 'WORKER' ? {} : { pkceEnforcement: 'OPTIONAL', redirectUris: [`https://app${i}.example.com/callback`] }),
    });
  }
}

function seedDefault(state: EmulatorState, b: ModelBuilder): SeedResult {
  const admin = administrators(state, b);
  systemApp(b, admin.env.id);
  grantCreatorRoles(b, admin.clientId, admin.env.id);

  const staging = b.environment({ name: 'Sync Staging', type: 'SANDBOX', region: 'NA', description: 'Staging target for PingDataSync' });
  const production = b.environment({ name: 'Production', type: 'PRODUCTION', region: 'NA', description: 'Production identities' });
  for (const env of [staging, production]) grantCreatorRoles(b, admin.clientId, env.id);

  // Sync Staging: the interesting apps, then enough generated ones to span two pages of 100.
  systemApp(b, staging.id);
  const syncWorker = b.worker(staging.id, 'PingDataSync Worker', { description: 'Destination worker for PingDataSync' });
  b.assign(syncWorker.app.id, 'Identity Data Admin', { type: 'ENVIRONMENT', id: staging.id });
  b.worker(staging.id, 'Legacy Sync Worker', {
    description: 'Half-configured worker from the old sync setup',
    enabled: false,
    tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
    // Optional and unknown fields that a full-replace PUT must keep when the client sends them back.
    hiddenFromAppPortal: true,
    accessControl: { role: { type: 'ADMIN_USERS_ONLY' } },
    supportUnsignedRequestObject: false,
    syncToolkitNotes: { owner: 'iam-team', ticket: 'IAM-1234' },
  });
  b.application(staging.id, {
    name: 'Customer Portal',
    description: 'Customer-facing web portal',
    enabled: true,
    type: 'WEB_APP',
    protocol: 'OPENID_CONNECT',
    grantTypes: ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'],
    tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
    responseTypes: ['CODE'],
    redirectUris: ['https://portal.example.com/callback'],
    pkceEnforcement: 'S256_REQUIRED',
  });
  b.application(staging.id, {
    name: 'Dashboard SPA',
    enabled: true,
    type: 'SINGLE_PAGE_APP',
    protocol: 'OPENID_CONNECT',
    grantTypes: ['AUTHORIZATION_CODE', 'IMPLICIT'],
    tokenEndpointAuthMethod: 'NONE',
    responseTypes: ['CODE', 'TOKEN', 'ID_TOKEN'],
    redirectUris: ['https://dashboard.example.com/'],
    pkceEnforcement: 'S256_REQUIRED',
  });
  b.application(staging.id, {
    name: 'Field Mobile App',
    enabled: true,
    type: 'NATIVE_APP',
    protocol: 'OPENID_CONNECT',
    grantTypes: ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'],
    tokenEndpointAuthMethod: 'NONE',
    redirectUris: ['com.example.field://callback'],
    pkceEnforcement: 'S256_REQUIRED',
  });
  b.application(staging.id, {
    name: 'HR SAML Connector',
    enabled: true,
    type: 'WEB_APP',
    protocol: 'SAML',
    spEntityId: 'urn:example:hr',
    acsUrls: ['https://hr.example.com/saml/acs'],
    assertionDuration: 60,
  });
  const reader = b.worker(staging.id, 'Reporting Reader Worker', { description: 'Reads users for reports' });
  b.assign(reader.app.id, 'Identity Data Read Only', { type: 'ENVIRONMENT', id: staging.id });
  generatedApps(b, staging.id, 124);
  b.customRole(
    staging.id,
    'Sync Auditor',
    'Reads applications and users for audits',
    ['ENVIRONMENT'],
    [P.readEnvironment, P.readApplication, P.readUser, P.readPopulation, P.readRole]
  );

  const stagingDefault = b.population(staging.id, 'Default', true, 'Default population');
  const contractors = b.population(staging.id, 'Contractors', false, 'External contractors');
  b.population(staging.id, 'Partners', false, 'Partner accounts');
  for (let i = 0; i < 300; i++) {
    b.user(staging.id, i < 250 ? stagingDefault.id : contractors.id, `user.${i}`, `user.${i}@example.com`, {
      name: { given: 'User', family: String(i) },
    });
  }
  const named: Array<[string, string | undefined]> = [
    ['alice@example.com', 'alice@example.com'],
    ['Bob.Smith', 'bob.smith@example.com'],
    ['carol_jones', 'carol@example.com'],
    ['José_Ünal-1', 'jose@example.com'],
    ['émilie.durand@example.fr', 'emilie.durand@example.fr'],
    ['dave-o', undefined],
  ];
  for (const [username, email] of named) b.user(staging.id, stagingDefault.id, username, email);

  // Production: a ready worker, one web app, some users.
  systemApp(b, production.id);
  const prodWorker = b.worker(production.id, 'Production Sync Worker', { description: 'PingDataSync production destination' });
  b.assign(prodWorker.app.id, 'Identity Data Admin', { type: 'ENVIRONMENT', id: production.id });
  b.application(production.id, {
    name: 'Customer Portal',
    enabled: true,
    type: 'WEB_APP',
    protocol: 'OPENID_CONNECT',
    grantTypes: ['AUTHORIZATION_CODE'],
    tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    redirectUris: ['https://www.example.com/callback'],
    pkceEnforcement: 'OPTIONAL',
  });
  const prodDefault = b.population(production.id, 'Default', true);
  for (let i = 0; i < 50; i++) b.user(production.id, prodDefault.id, `prod.user.${i}`, `prod.user.${i}@example.com`);
  b.user(production.id, prodDefault.id, 'alice@example.com', 'alice@example.com');

  // Added last so that every ID above stays what it was.
  const extraAdminWorkers = restrictedAdminWorkers(state, b, admin.env.id, [admin.env.id, staging.id, production.id]);
  return { adminEnvironmentId: admin.env.id, adminClientId: admin.clientId, adminClientSecret: admin.secret, extraAdminWorkers };
}

/**
 * Admin workers as real tenants often have them (PingOne Built-in Admin Roles): Environment Admin at
 * organization scope only (may assign Identity Data Admin but then cannot read that worker's secret),
 * and Client Application Developer only (may create apps, may assign no role).
 */
function restrictedAdminWorkers(state: EmulatorState, b: ModelBuilder, adminEnvId: string, environmentIds: string[]): ExtraAdminWorker[] {
  const envAdmin = b.worker(adminEnvId, 'Environment Admin Worker', {
    description: 'Admin worker with Environment Admin at organization scope only',
  });
  b.assign(envAdmin.app.id, 'Environment Admin', { type: 'ORGANIZATION', id: state.organization.id });
  const developer = b.worker(adminEnvId, 'App Developer Worker', { description: 'Admin worker with Client Application Developer only' });
  for (const id of environmentIds) b.assign(developer.app.id, 'Client Application Developer', { type: 'ENVIRONMENT', id });
  return [
    {
      label: 'Environment Admin only',
      description:
        'Environment Admin at organization scope: can create workers and assign Identity Data Admin, but cannot read the secret of a worker holding Identity Data Admin.',
      environmentId: adminEnvId,
      clientId: envAdmin.app.id,
      clientSecret: envAdmin.secret,
    },
    {
      label: 'Client Application Developer only',
      description: 'Client Application Developer on each environment: can create apps and read their secrets, cannot assign any role.',
      environmentId: adminEnvId,
      clientId: developer.app.id,
      clientSecret: developer.secret,
    },
  ];
}

export const LARGE_ENVIRONMENT_COUNT = 500;

/** Apps per environment in the `large` seed: environment 1 is full (1000), the rest vary 0–999. */
export function largeAppCount(index: number): number {
  return index === 1 ? 1000 : (index * 7919) % 1000;
}

/** 500 environments; their apps, populations and users are generated the first time they are touched. */
function seedLarge(state: EmulatorState, b: ModelBuilder): SeedResult {
  const admin = administrators(state, b);
  grantCreatorRoles(b, admin.clientId, admin.env.id);
  for (let i = 1; i < LARGE_ENVIRONMENT_COUNT; i++) {
    const env = b.environment({
      name: i === 1 ? 'Benchmark Full' : `Benchmark ${String(i).padStart(3, '0')}`,
      type: i % 2 === 0 ? 'PRODUCTION' : 'SANDBOX',
      region: 'NA',
    });
    grantCreatorRoles(b, admin.clientId, env.id);
    state.deferEnvironmentContent(env.id, () => {
      // A private ID stream per environment keeps IDs stable whatever order environments are opened in.
      const local = seededRandom(`large:${i}`);
      const lb = new ModelBuilder(
        state,
        () => uuidFrom(local),
        () => SEEDED_AT
      );
      const population = lb.population(env.id, 'Default', true);
      generatedApps(lb, env.id, largeAppCount(i), 'Bench App');
      for (let u = 0; u < 20; u++) lb.user(env.id, population.id, `bench.user.${u}`, `bench.user.${u}@example.com`);
    });
  }
  return { adminEnvironmentId: admin.env.id, adminClientId: admin.clientId, adminClientSecret: admin.secret };
}

function seedEmpty(state: EmulatorState, b: ModelBuilder): SeedResult {
  const admin = administrators(state, b);
  grantCreatorRoles(b, admin.clientId, admin.env.id);
  return { adminEnvironmentId: admin.env.id, adminClientId: admin.clientId, adminClientSecret: admin.secret };
}

/** Fills `state`; IDs come from `random` (seeded by the seed name unless the caller gave one). */
export function applySeed(state: EmulatorState, name: SeedName, newId: () => string): SeedResult {
  const b = new ModelBuilder(state, newId, () => SEEDED_AT);
  switch (name) {
    case 'default':
      return seedDefault(state, b);
    case 'large':
      return seedLarge(state, b);
    case 'empty':
      return seedEmpty(state, b);
    default:
      throw new Error(`Unknown seed "${String(name)}" (expected default, large or empty)`);
  }
}
