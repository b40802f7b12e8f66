/**
 * Every request the client builds and every emulator answer it reads,
 * checked against PingOne's published API definitions (the OpenAPI subsets
 * at SPEC_DIR, outside the repository): paths and methods, declared
 * query parameters only, request bodies (no read-only fields), response
 * bodies per status, and error bodies against the per-status error schemas.
 */
import assert from 'node:assert/strict';
import { startEmulator, type Exchange } from '../../../emulator';
import {
  IDENTITY_DATA_ADMIN,
  PingOneClient,
  PingOneError,
  applyConfigureForSync,
  checkCreateWorkerApp,
  checkSyncReadiness,
  collect,
  createApplicationRoleAssignment,
  createWorkerApp,
  deleteApplication,
  deleteApplicationRoleAssignment,
  fetchApplicationsPage,
  fetchEnvironmentsPage,
  findApplicationsByName,
  findRoleByName,
  findUsersByUsernames,
  getApplication,
  getEnvironment,
  listApplicationRoleAssignments,
  listApplications,
  listEnvironmentRoles,
  listEnvironments,
  listPopulations,
  readActorPermissions,
  readApplicationSecret,
  revokePreviousApplicationSecret,
  rotateSecret,
  setApplicationEnabled,
  setTokenEndpointAuthMethod,
} from '../../../src/pingone';
import { FAST_RETRY, PNG_BYTES, appIdByName, envIdByName } from '../pingone/helpers';
import { PingOneSpec, SPEC_DIR, specAvailable } from './openapiSpec';

/** Operations in the subsets that no function in src/pingone calls. */
const NOT_CALLED_BY_CLIENT = [
  'GET /roles/{roleID}',
  'GET /environments/{environmentID}/applications/{applicationID}/roleAssignments/{roleAssignmentID}',
];

function parse(body: Buffer | undefined, contentType: string | undefined): unknown {
  if (!body?.length || !/json/i.test(contentType ?? '')) return undefined;
  return JSON.parse(body.toString('utf8'));
}

if (!specAvailable()) {
  // One line, no skipped tests: the spec is third-party data kept outside the repository.
  console.log(`conformance: PingOne's OpenAPI subsets not found at ${SPEC_DIR}; conformance checks not run.`);
} else {
  describe("conformance: client and emulator against PingOne's OpenAPI definitions", function () {
    this.timeout(60_000);
    const exchanges: Exchange[] = [];
    let spec: PingOneSpec;

    before(async () => {
      spec = new PingOneSpec();
      const emu = await startEmulator({ rateLimit: false, onExchange: (e) => exchanges.push(e) });
      const connection = {
        id: 'c',
        name: 'Emulator',
        authBaseUrl: emu.authBaseUrl,
        apiBaseUrl: emu.apiBaseUrl,
        environmentId: emu.environmentId,
        tokenEndpointAuthMethod: 'CLIENT_SECRET_POST' as const,
      };
      const admin = new PingOneClient({
        connection: { ...connection, clientId: emu.clientId },
        getSecret: () => emu.clientSecret,
        retry: FAST_RETRY,
      });
      const [envAdminOnly] = emu.extraAdminWorkers;
      const restricted = new PingOneClient({
        connection: { ...connection, clientId: envAdminOnly.clientId },
        getSecret: () => envAdminOnly.clientSecret,
        retry: FAST_RETRY,
      });
      const staging = envIdByName(emu, 'Sync Staging');
      const legacy = appIdByName(emu, staging, 'Legacy Sync Worker');
      const idaRequest = { roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging };
      try {
        // Reads the explorer and commands use.
        await collect(listEnvironments(admin, { limit: 2 }));
        await fetchEnvironmentsPage(admin, { filter: 'name sw "Sync"' });
        await getEnvironment(admin, staging);
        await collect(listApplications(admin, staging));
        await fetchApplicationsPage(admin, staging);
        await findApplicationsByName(admin, staging, 'Customer Portal');
        await getApplication(admin, staging, appIdByName(emu, staging, 'HR SAML Connector'));
        await listEnvironmentRoles(admin, staging, { type: 'CUSTOM' });
        await listEnvironmentRoles(admin, staging);
        await listPopulations(admin, staging);
        await findUsersByUsernames(admin, staging, ['alice@example.com', 'user.1', 'nobody']);
        await readActorPermissions(admin);
        await checkCreateWorkerApp(restricted, { environmentId: staging, roles: [idaRequest] });
        // Create (icon, app, role, secret), change, rotate, configure, delete.
        const created = await createWorkerApp(admin, {
          environmentId: staging,
          name: 'Conformance Worker',
          description: 'checked against the spec',
          icon: { bytes: PNG_BYTES, fileName: 'logo.png' },
          roles: [idaRequest],
        });
        await setApplicationEnabled(admin, staging, created.clientId, false);
        await setTokenEndpointAuthMethod(admin, staging, created.clientId, 'CLIENT_SECRET_BASIC');
        await rotateSecret(admin, staging, created.clientId, { gracePeriodMs: 3_600_000 });
        await readApplicationSecret(admin, staging, created.clientId);
        await revokePreviousApplicationSecret(admin, staging, created.clientId);
        await checkSyncReadiness(admin, staging, legacy);
        await applyConfigureForSync(admin, { environmentId: staging, applicationId: legacy });
        const assignments = await listApplicationRoleAssignments(admin, staging, created.clientId);
        const ida = (await findRoleByName(admin, IDENTITY_DATA_ADMIN))!;
        // A duplicate (400 UNIQUENESS_VIOLATION) the client turns into "already there".
        await createApplicationRoleAssignment(admin, staging, created.clientId, {
          roleId: ida.id,
          roleName: ida.name,
          scopeType: 'ENVIRONMENT',
          scopeId: staging,
        });
        await deleteApplicationRoleAssignment(admin, staging, created.clientId, assignments[0].id);
        // Errors the client reads: secret hidden (403), range (400), not found (404), expired token (401).
        const restrictedApp = await createWorkerApp(
          restricted,
          { environmentId: staging, name: 'Conformance Restricted', roles: [idaRequest] },
          { order: 'secret-then-roles' }
        );
        await assert.rejects(readApplicationSecret(restricted, staging, restrictedApp.clientId), PingOneError);
        await assert.rejects(
          admin.call({
            method: 'POST',
            path: `/environments/${staging}/applications/${created.clientId}/secret`,
            json: { previous: { expiresAt: new Date(Date.now() + 1000).toISOString() } },
            operation: 'rotate too short',
          }),
          PingOneError
        );
        await assert.rejects(getApplication(admin, staging, '5b1d1b0e-0000-4000-8000-000000000000'), PingOneError);
        emu.faults.expireAllTokens();
        await getEnvironment(admin, staging);
        await deleteApplication(admin, staging, created.clientId);
      } finally {
        await admin.close();
        await restricted.close();
        await emu.close();
      }
    });

    const apiExchanges = () => exchanges.filter((e) => e.path.startsWith('/v1/'));
    const operationOf = (e: Exchange) => spec.find(e.method, e.path.slice('/v1'.length));

    it('every API call the client makes is an operation PingOne defines, and every one the client has is exercised', () => {
      const unknown = apiExchanges()
        .filter((e) => !operationOf(e))
        .map((e) => `${e.method} ${e.path}`);
      assert.deepEqual(unknown, []);
      const exercised = new Set(
        apiExchanges().map((e) => {
          const op = operationOf(e)!;
          return `${op.method} ${op.template}`;
        })
      );
      const missing = spec.operations
        .map((o) => `${o.method} ${o.template}`)
        .filter((o) => !exercised.has(o) && !NOT_CALLED_BY_CLIENT.includes(o));
      assert.deepEqual(missing, []);
    });

    it('no request carries a query parameter the spec does not declare', () => {
      const undeclared = apiExchanges().flatMap((e) =>
        e.query.filter(([name]) => !operationOf(e)?.queryParameters.has(name)).map(([name]) => `${e.method} ${e.path}?${name}`)
      );
      assert.deepEqual([...new Set(undeclared)], []);
    });

    it('every JSON request body the client builds conforms, without read-only fields', () => {
      const problems: string[] = [];
      let checked = 0;
      for (const e of apiExchanges()) {
        const op = operationOf(e);
        const body = parse(e.requestBody, e.requestContentType);
        if (!op?.requestSchema || body === undefined) continue;
        checked++;
        for (const p of spec.check(op.requestSchema, body)) problems.push(`${e.method} ${op.template}: ${p}`);
        for (const field of spec.readOnlyProperties(op.requestSchema, body))
          problems.push(`${e.method} ${op.template}: sends read-only ${field}`);
      }
      assert.deepEqual(problems, []);
      assert.ok(checked >= 6, `request bodies checked: ${checked}`);
    });

    it('every emulator answer the client reads conforms to the response schema of its status', () => {
      const problems: string[] = [];
      const statuses = new Set<number>();
      for (const e of apiExchanges()) {
        const op = operationOf(e);
        const body = parse(e.responseBody, e.responseContentType);
        if (!op) continue;
        statuses.add(e.status);
        const schema = op.responseSchemas.get(e.status);
        if (!schema) {
          if (e.status !== 204) problems.push(`${e.method} ${op.template}: status ${e.status} is not declared`);
          continue;
        }
        for (const p of spec.check(schema, body)) problems.push(`${e.method} ${op.template} ${e.status}: ${p}`);
        const errorSchema = e.status >= 400 ? spec.errorSchemaFor(e.status) : undefined;
        if (errorSchema)
          for (const p of spec.check(errorSchema, body)) problems.push(`${e.method} ${op.template} ${e.status} (error schema): ${p}`);
      }
      assert.deepEqual(problems, []);
      for (const status of [200, 201, 204, 400, 401, 403, 404]) assert.ok(statuses.has(status), `answers with ${status} were checked`);
    });
  });
}
