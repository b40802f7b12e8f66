/**
 * PingOne API client (pure TypeScript on undici; no `vscode` import).
 *
 * Public API, in the order a feature uses it:
 * - Connections: `Connection`, `validateEnvironmentId`, `validateClientId`, `validateBaseUrl`,
 *   `validateRegion`, `parseRegion`, `REGIONS`, `resolveEndpoints`. The secret is never part of a
 *   connection: pass `getSecret` to the client.
 * - `new PingOneClient({ connection, getSecret, toolkitVersion, logger, proxy: { proxyUrl, strictSSL, noProxy }, retry })`;
 *   `verify()` fetches a token (use before saving a connection); `close()` when done.
 *   Credentials only ever go to the connection's own auth/API origins; anything else is refused.
 * - Resources (all take the client first, accept `{ signal }` for cancellation):
 *   environments (`listEnvironments`, `fetchEnvironmentsPage`, `getEnvironment`),
 *   applications (`listApplications`, `fetchApplicationsPage`, `getApplication`, `findApplicationsByName`,
 *   `createWorkerApplication`, `updateApplication` (read–change–replace), `setApplicationEnabled`,
 *   `setTokenEndpointAuthMethod`, `deleteApplication`, `deleteConfirmationMatches`),
 *   secrets (`readApplicationSecret`, `rotateApplicationSecret`), roles (`listBuiltInRoles`,
 *   `listEnvironmentRoles`, `findRoleByName`, `rolesApplicableTo`), role assignments (`list…`,
 *   `createApplicationRoleAssignment`, `deleteApplicationRoleAssignment`), `listPopulations`,
 *   `findUsersByUsernames`, `uploadImage`. Lists are async iterators (`paginate`) or single pages
 *   (`fetch…Page` with `nextUrl`, for "Load more").
 * - Errors: every failure is a `PingOneError` with `kind` (bad-credentials, forbidden, not-found,
 *   conflict, invalid-request, rate-limited, unavailable, network, timeout, cancelled, refused),
 *   `status`, `code`, `details`, `errorId`, `correlationId`, `operation`, and a message to show as is.
 * - Logging: pass a `Logger`; everything logged is redacted first (`Redactor`).
 * - What the connection's own worker may do: `readActorPermissions` (never throws for a refusal),
 *   `describeActorPermissions` (lines for the tree), `checkCreateWorkerApp` / `planCreateWorkerApp`
 *   (what cannot be done, the fix, and the step order), `checkAssignRole` / `checkRoleAssignment`.
 * - Worker-app workflows (`./workerApps`): `createWorkerApp` (resumable, `WorkflowError.resumeState`, `order`),
 *   `planConfigureForSync` / `applyConfigureForSync`, `checkSyncReadiness`, `validateIcon`,
 *   `rotateSecret` / `parseGracePeriod`.
 */
export * from './version';
export * from './regions';
export * from './connection';
export * from './errors';
export * from './redact';
export * from './logger';
export * from './retry';
export * from './proxy';
export { HttpMethod } from './transport';
export * from './client';
export * from './paging';
export * from './models';
export * from './environments';
export * from './applications';
export * from './secrets';
export * from './roles';
export * from './roleAssignments';
export * from './permissions';
export * from './actorPermissions';
export * from './populations';
export * from './users';
export * from './images';
export * from './workerApps';
