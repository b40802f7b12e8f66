// What a person reads when PingOne refuses each call with HTTP 403: the
// operation in words, and the role the connection's worker lacks (PingOne
// Platform API, Roles: which role grants which permission). One refusal per
// call, against the emulator; the text is compared word for word.
import assert from 'node:assert/strict';
import {
  IDENTITY_DATA_ADMIN,
  PingOneError,
  collect,
  createApplicationRoleAssignment,
  createWorkerApplication,
  deleteApplication,
  deleteApplicationRoleAssignment,
  fetchApplicationsPage,
  fetchEnvironmentsPage,
  findRoleByName,
  findUsersByUsernames,
  getApplication,
  getEnvironment,
  listApplicationRoleAssignments,
  listApplications,
  listBuiltInRoles,
  listEnvironmentRoles,
  listEnvironments,
  listPopulations,
  readApplicationSecret,
  revokePreviousApplicationSecret,
  rotateApplicationSecret,
  setApplicationEnabled,
  uploadImage,
} from '../../../src/pingone';
import type { Emulator } from './helpers';
import { PNG_BYTES, appIdByName, clientFor, envIdByName, startTestEmulator } from './helpers';

const APP_ROLE = 'the Client Application Developer (or Environment Admin) role on this environment';
const DATA_ROLE = 'the Identity Data Admin (or Identity Data Read Only) role at environment scope';
const GENERIC = 'a role needed for this (or the environment does not exist)';

describe('pingone: what a 403 says for each call', () => {
  let emu: Emulator;
  let client: ReturnType<typeof clientFor>;
  let staging: string;
  let appId: string;
  before(async () => {
    emu = await startTestEmulator();
    client = clientFor(emu);
    staging = envIdByName(emu, 'Sync Staging');
    appId = appIdByName(emu, staging, 'Legacy Sync Worker');
  });
  after(async () => {
    await client.close();
    await emu.close();
  });
  afterEach(() => emu.faults.clear());

  /** Refuses the next `method` request to a path ending in `pathEnd`, runs `call`, and returns the message. */
  async function refused(method: string, pathEnd: RegExp, call: () => Promise<unknown>): Promise<string> {
    emu.faults.failNext({ method, path: pathEnd, status: 403, count: 1, code: 'ACCESS_FAILED', message: 'Denied' });
    try {
      await call();
    } catch (e) {
      assert.ok(e instanceof PingOneError, String(e));
      assert.equal(e.kind, 'forbidden', e.message);
      return e.message;
    }
    assert.fail('expected the call to be refused');
  }

  /** The message up to PingOne's own words. */
  const says = (operation: string, lacks: string) =>
    `Could not ${operation}: the connection's worker lacks ${lacks}. PingOne says: "Denied"`;

  function assertStarts(message: string, expected: string): void {
    assert.ok(message.startsWith(expected), `\n   got: ${message}\nwanted: ${expected}…`);
  }

  it('environments: list, one page, read', async () => {
    const envRole = 'a role on the environments it should list (Environment Admin, or Organization Admin to see all)';
    assertStarts(await refused('GET', /\/environments$/, () => collect(listEnvironments(client))), says('list environments', envRole));
    assertStarts(await refused('GET', /\/environments$/, () => fetchEnvironmentsPage(client)), says('list environments', envRole));
    assertStarts(
      await refused('GET', new RegExp(`/environments/${staging}$`), () => getEnvironment(client, staging)),
      says(`read environment ${staging}`, 'a role on this environment')
    );
  });

  it('applications: list, one page, read, create, update, delete', async () => {
    const list = says(`list the applications of environment ${staging}`, APP_ROLE);
    assertStarts(await refused('GET', /\/applications$/, () => collect(listApplications(client, staging))), list);
    assertStarts(await refused('GET', /\/applications$/, () => fetchApplicationsPage(client, staging)), list);
    assertStarts(
      await refused('GET', new RegExp(`/applications/${appId}$`), () => getApplication(client, staging, appId)),
      says(`read application ${appId}`, APP_ROLE)
    );
    assertStarts(
      await refused('POST', /\/applications$/, () => createWorkerApplication(client, staging, { name: 'Refused Worker' })),
      says(`create application "Refused Worker" in environment ${staging}`, APP_ROLE)
    );
    assertStarts(
      await refused('PUT', new RegExp(`/applications/${appId}$`), () => setApplicationEnabled(client, staging, appId, true)),
      says(`update application "Legacy Sync Worker" (${appId})`, APP_ROLE)
    );
    assertStarts(
      await refused('DELETE', new RegExp(`/applications/${appId}$`), () =>
        deleteApplication(client, staging, appId, { name: 'Legacy Sync Worker' })
      ),
      says(`delete application "Legacy Sync Worker" (${appId})`, APP_ROLE)
    );
    assertStarts(
      await refused('DELETE', new RegExp(`/applications/${appId}$`), () => deleteApplication(client, staging, appId)),
      says(`delete application (${appId})`, APP_ROLE)
    );
  });

  it('secrets: read, rotate, revoke the previous one; the app named when known', async () => {
    const read =
      "permission to read this app's secret: a role that includes applications:read:secret (Environment Admin or Client Application Developer) and every role the target app holds (a worker cannot read its own secret)";
    const update =
      'a role that includes applications:update:secret (Environment Admin or Client Application Developer) and every role the target app holds';
    assertStarts(
      await refused('GET', /\/secret$/, () => readApplicationSecret(client, staging, appId, { appName: 'Legacy' })),
      says(`read the client secret of "Legacy" (${appId})`, read)
    );
    assertStarts(
      await refused('GET', /\/secret$/, () => readApplicationSecret(client, staging, appId)),
      says(`read the client secret of application ${appId}`, read)
    );
    assertStarts(
      await refused('POST', /\/secret$/, () => rotateApplicationSecret(client, staging, appId)),
      says(`rotate the client secret of application ${appId}`, update)
    );
    assertStarts(
      await refused('DELETE', /\/secret$/, () => revokePreviousApplicationSecret(client, staging, appId)),
      says(`revoke the previous client secret of application ${appId}`, 'a role that includes applications:delete:secret')
    );
  });

  it('roles and role assignments: list, assign, remove', async () => {
    assertStarts(
      await refused('GET', /\/v1\/roles$/, () => listBuiltInRoles(client, { fresh: true })),
      says('list the PingOne roles', GENERIC)
    );
    assertStarts(
      await refused('GET', /\/roles$/, () => listEnvironmentRoles(client, staging)),
      says(`list the roles of environment ${staging}`, GENERIC)
    );
    assertStarts(
      await refused('GET', /\/roleAssignments$/, () => listApplicationRoleAssignments(client, staging, appId)),
      says(`list the role assignments of application ${appId}`, GENERIC)
    );
    const role = (await findRoleByName(client, IDENTITY_DATA_ADMIN))!;
    const spec = { roleId: role.id, roleName: IDENTITY_DATA_ADMIN, scopeType: 'ENVIRONMENT' as const, scopeId: staging };
    assertStarts(
      await refused('POST', /\/roleAssignments$/, () =>
        createApplicationRoleAssignment(client, staging, appId, spec, { appName: 'Legacy' })
      ),
      says(
        'assign Identity Data Admin at environment scope to app "Legacy"',
        'a role that may assign Identity Data Admin (Environment Admin, or Identity Data Admin for its own family) at the same or a broader scope'
      )
    );
    assertStarts(
      await refused('POST', /\/roleAssignments$/, () =>
        createApplicationRoleAssignment(client, staging, appId, { roleId: role.id, scopeType: 'POPULATION', scopeId: 'p-1' })
      ),
      says(
        `assign role ${role.id} at population scope p-1 to application ${appId}`,
        'a role that may assign that role (Environment Admin, or Identity Data Admin for its own family) at the same or a broader scope'
      )
    );
    const removal = 'the same role at the same or a broader scope (read-only assignments cannot be removed by this worker)';
    assertStarts(
      await refused('DELETE', /\/roleAssignments\/ra-1$/, () => deleteApplicationRoleAssignment(client, staging, appId, 'ra-1')),
      says(`remove role assignment ra-1 from application ${appId}`, removal)
    );
    assertStarts(
      await refused('DELETE', /\/roleAssignments\/ra-1$/, () =>
        deleteApplicationRoleAssignment(client, staging, appId, 'ra-1', { description: 'Identity Data Admin' })
      ),
      says(`remove Identity Data Admin from application ${appId}`, removal)
    );
  });

  it('populations, username look-ups (one and several) and icon uploads', async () => {
    assertStarts(
      await refused('GET', /\/populations$/, () => listPopulations(client, staging)),
      says(`list the populations of environment ${staging}`, DATA_ROLE)
    );
    assertStarts(
      await refused('GET', /\/users$/, () => findUsersByUsernames(client, staging, ['user.1'])),
      says(`look up 1 username in environment ${staging}`, DATA_ROLE)
    );
    assertStarts(
      await refused('GET', /\/users$/, () => findUsersByUsernames(client, staging, ['user.1', 'user.2'])),
      says(`look up 2 usernames in environment ${staging}`, DATA_ROLE)
    );
    assertStarts(
      await refused('POST', /\/images$/, () => uploadImage(client, staging, { bytes: PNG_BYTES, fileName: 'logo.png', format: 'png' })),
      says(
        'upload the icon logo.png',
        'a role that may create images in this environment (Environment Admin or Client Application Developer)'
      )
    );
  });
});
