/**
 * Applications (PingOne Platform API, Applications) and application role assignments (PingOne
 * Platform API, Application Role Assignments) against a scripted server: the exact request each
 * call sends, what is sent back in a full-replace PUT, and which app or assignment a lookup after a
 * lost answer or a duplicate picks.
 */
import assert from 'node:assert/strict';
import type { Application, RoleAssignment } from '../../../src/pingone';
import {
  APPLICATION_READ_ONLY_FIELDS,
  buildWorkerApplicationBody,
  createApplicationRoleAssignment,
  createWorkerApplication,
  deleteApplication,
  deleteApplicationRoleAssignment,
  deleteConfirmationMatches,
  describeAssignment,
  fetchApplicationsPage,
  findApplicationsByName,
  findRecentlyCreatedApplication,
  matchesAssignment,
  toReplaceBody,
  updateApplication,
} from '../../../src/pingone';
import { ENV, failure, scriptedClient, scriptedServers } from './scriptedApi';

const APP = '11111111-2222-4333-8444-555555555555';
const APPS_URL = `/v1/environments/${ENV}/applications`;

function app(name: unknown, createdAt: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: `${String(name)}@${String(createdAt)}`, name, type: 'WORKER', createdAt, ...extra };
}

describe('pingone: applications and role assignments, request by request', () => {
  const servers = scriptedServers();

  describe('applications', () => {
    it('the worker body: a blank description is left out, the icon keeps only id and href', () => {
      assert.equal('description' in buildWorkerApplicationBody({ name: 'W', description: '   ' }), false);
      assert.equal(buildWorkerApplicationBody({ name: 'W', description: ' kept ' }).description, ' kept ');
      assert.deepEqual(buildWorkerApplicationBody({ name: 'W', icon: { id: 'i', href: 'https://x/i.png', extra: 1 } as never }).icon, {
        id: 'i',
        href: 'https://x/i.png',
      });
      assert.equal('icon' in buildWorkerApplicationBody({ name: 'W' }), false);
    });

    it('a replace body drops the read-only fields and assignActorRoles, keeps the rest, and leaves the app alone', () => {
      assert.deepEqual(APPLICATION_READ_ONLY_FIELDS, ['id', '_links', '_embedded', 'environment', 'createdAt', 'updatedAt']);
      const original = {
        id: 'a',
        _links: { self: { href: 'x' } },
        _embedded: { x: 1 },
        environment: { id: ENV },
        createdAt: 't',
        updatedAt: 'u',
        assignActorRoles: false,
        name: 'N',
        custom: { deep: [1] },
      };
      const copy = structuredClone(original);
      const body = toReplaceBody(original);
      assert.deepEqual(body, { name: 'N', custom: { deep: [1] } });
      assert.deepEqual(original, copy, 'the app itself is not changed');
      (body.custom as { deep: number[] }).deep.push(2);
      assert.deepEqual(original.custom.deep, [1], 'the body shares nothing with the app');
    });

    it('the typed delete confirmation must be the name, spaces around ignored, and not blank', () => {
      assert.equal(deleteConfirmationMatches('  ', '  '), false);
      assert.equal(deleteConfirmationMatches('', ''), false);
      assert.equal(deleteConfirmationMatches(' A ', 'A'), true);
      assert.equal(deleteConfirmationMatches('A', 'A B'), false);
    });

    it('update reads, changes a copy, and PUTs it back whole, without the read-only fields', async () => {
      const current = { id: APP, name: 'W', enabled: true, environment: { id: ENV }, createdAt: 'c', unknownField: { a: 1 } };
      const api = await servers.start((r) => (r.method === 'GET' ? { body: current } : { body: { ...JSON.parse(r.body), id: APP } }));
      const { client } = scriptedClient(api);
      const seen: unknown[] = [];
      const result = await updateApplication(client, ENV, APP, (a) => {
        seen.push(structuredClone(a));
        return { ...a, name: 'Renamed' };
      });
      assert.deepEqual(seen, [current]);
      assert.deepEqual(
        api.apiRequests().map((r) => [r.method, r.url]),
        [
          ['GET', `${APPS_URL}/${APP}`],
          ['PUT', `${APPS_URL}/${APP}`],
        ]
      );
      assert.deepEqual(JSON.parse(api.apiRequests()[1].body), { name: 'Renamed', enabled: true, unknownField: { a: 1 } });
      assert.equal(result.name, 'Renamed');
      await client.close();
    });

    it('a PUT answered without an id is a bad response naming the app', async () => {
      const api = await servers.start((r) => (r.method === 'GET' ? { body: { id: APP, name: 'W' } } : { body: { name: 'W' } }));
      const { client } = scriptedClient(api);
      const e = await failure(updateApplication(client, ENV, APP, () => undefined));
      assert.equal(
        e.message,
        `Could not update application "W" (${APP}): PUT ${APPS_URL}/${APP} answered 200 with JSON of another shape where a JSON object with a string "id" was expected.`
      );
      await client.close();
    });

    it('delete names the app when it is known; the applications page uses the next link as given', async () => {
      const api = await servers.start((r) =>
        r.method === 'DELETE'
          ? { status: 403, body: { code: 'ACCESS_FAILED', message: 'no' } }
          : { body: { _embedded: { applications: [] } } }
      );
      const { client } = scriptedClient(api, { retry: { maxPropagationRetries: 0 } });
      const named = await failure(deleteApplication(client, ENV, APP, { name: 'Old Worker' }));
      assert.match(named.message, new RegExp(`^Could not delete application "Old Worker" \\(${APP}\\): `));
      const unnamed = await failure(deleteApplication(client, ENV, APP));
      assert.match(unnamed.message, new RegExp(`^Could not delete application \\(${APP}\\): `));
      await fetchApplicationsPage(client, ENV, { nextUrl: `${api.base}${APPS_URL}?cursor=7` });
      await fetchApplicationsPage(client, ENV);
      assert.deepEqual(
        api.apiRequests().map((r) => `${r.method} ${r.url}`),
        [`DELETE ${APPS_URL}/${APP}`, `DELETE ${APPS_URL}/${APP}`, `GET ${APPS_URL}?cursor=7`, `GET ${APPS_URL}`]
      );
      await client.close();
    });

    it('finding by name ignores case and surrounding spaces, and skips apps without a name', async () => {
      const list = [app(' Sync Worker ', 'x'), app('sync worker', 'y'), app('Sync Workers', 'z'), app(undefined, 'w'), app(7, 'v')];
      const api = await servers.start(() => ({ body: { _embedded: { applications: list } } }));
      const { client } = scriptedClient(api);
      const found = await findApplicationsByName(client, ENV, '  SYNC worker ');
      assert.deepEqual(
        found.map((a) => a.id),
        [' Sync Worker @x', 'sync worker@y']
      );
      await client.close();
    });

    it('after a lost create answer, the newest app of that exact name and type made since the request (5 min skew) is taken', async () => {
      const since = Date.parse('2026-06-01T12:00:00Z');
      const at = (minutes: number) => new Date(since + minutes * 60_000).toISOString();
      const list = [
        app('Worker', at(-5)),
        app('Worker', at(-5.01)),
        app('Worker', at(1)),
        app('Worker', at(3), { type: 'SERVICE' }),
        app('worker', at(4)),
        app('Worker', 12345),
        app('Worker', at(2)),
      ];
      const api = await servers.start(() => ({ body: { _embedded: { applications: list } } }));
      const { client } = scriptedClient(api);
      const found = await findRecentlyCreatedApplication(client, ENV, { name: 'Worker', type: 'WORKER' }, since);
      assert.equal(found?.id, `Worker@${at(2)}`);
      const edge = await findRecentlyCreatedApplication(client, ENV, { name: 'Worker', type: 'WORKER' }, since + 7 * 60_000);
      assert.equal(edge?.id, `Worker@${at(2)}`, 'exactly 5 minutes before counts');
      const none = await findRecentlyCreatedApplication(client, ENV, { name: 'Worker', type: 'WORKER' }, since + 8 * 60_000);
      assert.equal(none, undefined);
      await client.close();
    });

    it('a create whose answer is lost returns the app it made, found by the lookup, and POSTs once', async () => {
      let created: Application | undefined;
      const api = await servers.start((r) => {
        if (r.method === 'POST') {
          created = { ...JSON.parse(r.body), id: 'new-app', createdAt: new Date().toISOString() } as Application;
          return 'destroy';
        }
        return { body: { _embedded: { applications: created ? [created] : [] } } };
      });
      const { client } = scriptedClient(api);
      const made = await createWorkerApplication(client, ENV, { name: 'Lost Answer' });
      assert.equal(made.id, 'new-app');
      assert.deepEqual(
        api.apiRequests().map((r) => r.method),
        ['POST', 'GET']
      );
      await client.close();
    });
  });

  describe('role assignments', () => {
    const spec = { roleId: 'role-1', scopeType: 'ENVIRONMENT' as const, scopeId: ENV, roleName: 'Identity Data Admin' };
    const assignment = (roleId: string, type: string, id: string): RoleAssignment => ({
      id: `${roleId}/${type}/${id}`,
      role: { id: roleId },
      scope: { id, type },
    });

    it('an assignment matches on role, scope type and scope ID together', () => {
      assert.equal(matchesAssignment(assignment('role-1', 'ENVIRONMENT', ENV), spec), true);
      assert.equal(matchesAssignment(assignment('role-2', 'ENVIRONMENT', ENV), spec), false);
      assert.equal(matchesAssignment(assignment('role-1', 'POPULATION', ENV), spec), false);
      assert.equal(matchesAssignment(assignment('role-1', 'ENVIRONMENT', 'other'), spec), false);
      assert.equal(matchesAssignment({ id: 'x' } as unknown as RoleAssignment, spec), false);
    });

    it('descriptions name the role (or its ID) and the scope (with its ID unless the environment)', () => {
      assert.equal(describeAssignment(spec), 'Identity Data Admin at environment scope');
      assert.equal(describeAssignment({ roleId: 'r9', scopeType: 'POPULATION', scopeId: 'p1' }), 'role r9 at population scope p1');
    });

    it('assigning sends the role and scope, and names the app in messages', async () => {
      const api = await servers.start(() => ({ status: 400, body: { code: 'INVALID_DATA', message: 'bad' } }));
      const { client } = scriptedClient(api);
      const e = await failure(createApplicationRoleAssignment(client, ENV, APP, spec, { appName: 'Sync Worker' }));
      assert.match(e.message, /^Could not assign Identity Data Admin at environment scope to app "Sync Worker": /);
      const e2 = await failure(createApplicationRoleAssignment(client, ENV, APP, { ...spec, roleName: undefined }));
      assert.match(e2.message, new RegExp(`^Could not assign role role-1 at environment scope to application ${APP}: `));
      const [req] = api.apiRequests();
      assert.equal(req.url, `${APPS_URL}/${APP}/roleAssignments`);
      assert.deepEqual(JSON.parse(req.body), { role: { id: 'role-1' }, scope: { id: ENV, type: 'ENVIRONMENT' } });
      await client.close();
    });

    it('a duplicate returns the assignment that exists; a duplicate with none found is the error', async () => {
      let existing: RoleAssignment[] = [assignment('role-0', 'ENVIRONMENT', ENV), assignment('role-1', 'ENVIRONMENT', ENV)];
      const api = await servers.start((r) =>
        r.method === 'POST'
          ? { status: 400, body: { code: 'INVALID_DATA', details: [{ code: 'UNIQUENESS_VIOLATION', message: 'exists' }] } }
          : { body: { _embedded: { roleAssignments: existing } } }
      );
      const { client } = scriptedClient(api);
      const got = await createApplicationRoleAssignment(client, ENV, APP, spec);
      assert.equal(got.id, `role-1/ENVIRONMENT/${ENV}`);
      existing = [];
      const e = await failure(createApplicationRoleAssignment(client, ENV, APP, spec));
      assert.equal(e.kind, 'conflict');
      await client.close();
    });

    it('a refusal is not turned into a lookup', async () => {
      const api = await servers.start(() => ({
        status: 403,
        body: { code: 'ACCESS_FAILED', message: 'Must have role at the same or broader scope' },
      }));
      const { client } = scriptedClient(api, { retry: { maxPropagationRetries: 0 } });
      const e = await failure(createApplicationRoleAssignment(client, ENV, APP, spec, { propagation: {} }));
      assert.equal(e.kind, 'forbidden');
      assert.deepEqual(
        api.apiRequests().map((r) => r.method),
        ['POST']
      );
      await client.close();
    });

    it('removing names what is removed and the app', async () => {
      const api = await servers.start(() => ({ status: 500 }));
      const { client } = scriptedClient(api, { retry: { maxAttempts: 1 } });
      const described = await failure(
        deleteApplicationRoleAssignment(client, ENV, APP, 'ra/1', { description: 'Identity Data Admin at environment scope' })
      );
      assert.match(described.message, new RegExp(`^Could not remove Identity Data Admin at environment scope from application ${APP}: `));
      const plain = await failure(deleteApplicationRoleAssignment(client, ENV, APP, 'ra-2'));
      assert.match(plain.message, new RegExp(`^Could not remove role assignment ra-2 from application ${APP}: `));
      assert.deepEqual(
        api.apiRequests().map((r) => r.url),
        [`${APPS_URL}/${APP}/roleAssignments/ra%2F1`, `${APPS_URL}/${APP}/roleAssignments/ra-2`]
      );
      await client.close();
    });
  });
});
