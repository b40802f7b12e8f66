// The messages a person reads when PingOne refuses a call, word for word: one
// per kind of answer (PingOne Platform API, "Error codes"; RFC 6749 §5.2 for
// the token endpoint). The client shows these as they are, so a changed word,
// a lost PingOne id or a wrong wait is a change the user sees.
import assert from 'node:assert/strict';
import {
  PingOneError,
  badResponseError,
  cancelledError,
  errorFromApiResponse,
  errorFromTokenResponse,
  isNotAuthorizedPropagationError,
  isPingOneError,
  isScopePropagationError,
  isSecretHiddenError,
  networkError,
  parseErrorBody,
  refusedError,
  timeoutError,
} from '../../../src/pingone';

const OP = 'list applications';
const api = (status: number, body: unknown = {}, extra: Partial<Parameters<typeof errorFromApiResponse>[0]> = {}) =>
  errorFromApiResponse({ status, body, operation: OP, ...extra });

describe('pingone: error messages, word for word', () => {
  describe('API answers', () => {
    it('409, and 400 with a UNIQUENESS_VIOLATION detail: "already exists", with what PingOne said', () => {
      const e = api(409, { id: 'e-1', code: 'CONFLICT', message: 'Name taken' });
      assert.equal(e.kind, 'conflict');
      assert.equal(
        e.message,
        'Could not list applications: it already exists in PingOne. PingOne says: "Name taken" (PingOne error id e-1).'
      );
      const u = api(400, {
        code: 'INVALID_DATA',
        message: 'Bad',
        details: [{ code: 'UNIQUENESS_VIOLATION', target: 'name', message: 'in use' }],
      });
      assert.equal(u.kind, 'conflict');
      assert.equal(u.message, 'Could not list applications: it already exists in PingOne. PingOne says: "Bad name: in use".');
      assert.ok(u.hasDetailCode('UNIQUENESS_VIOLATION'));
      assert.ok(!u.hasDetailCode('INVALID_VALUE'));
    });

    it('401: the access token was refused even fresh; no "PingOne says" without a message', () => {
      const e = api(401, {}, { correlationId: 'c-9' });
      assert.equal(e.kind, 'bad-credentials');
      assert.equal(
        e.message,
        "Could not list applications: PingOne refused the connection's access token, even a freshly fetched one. Check that the connection's worker app still exists and is enabled (correlation id c-9)."
      );
      assert.equal(e.correlationId, 'c-9');
      assert.equal(e.status, 401);
    });

    it("403: the role the worker lacks, from the call's permission hint or a generic one", () => {
      const hinted = api(403, { id: 'x', message: 'Forbidden' }, { permissionHint: 'the Identity Data Admin role', correlationId: 'c' });
      assert.equal(hinted.kind, 'forbidden');
      assert.equal(
        hinted.message,
        'Could not list applications: the connection\'s worker lacks the Identity Data Admin role. PingOne says: "Forbidden" (PingOne error id x, correlation id c).'
      );
      assert.equal(
        api(403).message,
        "Could not list applications: the connection's worker lacks a role needed for this (or the environment does not exist)."
      );
    });

    it('403 for a license limit, and for a secret PingOne hides from this worker', () => {
      const license = api(403, { details: [{ code: 'LICENSE_EXCEEDED' }] }, { permissionHint: 'a role' });
      assert.equal(license.message, 'Could not list applications: the PingOne license does not allow this.');
      const hidden = api(403, {
        details: [{ message: 'Actor does not have permissions to access worker application client secrets' }],
      });
      assert.equal(
        hidden.message,
        "Could not list applications: the app holds roles the connection's worker does not hold, so PingOne hides its secret from this worker (waiting will not change that). Ask an admin whose worker holds every role of this app to copy the secret, or use such a connection."
      );
      assert.ok(isSecretHiddenError(hidden));
      assert.ok(!isSecretHiddenError(license));
      // The same wording on another kind of answer is not a hidden secret.
      assert.ok(
        !isSecretHiddenError(api(400, { details: [{ message: 'does not have permissions to access worker application client secrets' }] }))
      );
    });

    it('403, and 400, saying "same or broader scope": who may assign which role', () => {
      const expected =
        "Could not list applications: the connection's worker may not assign that role there: only Environment Admin (any role but Organization Admin), Identity Data Admin (Identity Data Admin, Identity Data Read Only, Help Desk Admin) and Organization Admin (Environment Admin) may assign roles, within the scope where they hold them. Ask an Environment Admin to assign it, or give this worker such a role.";
      for (const status of [400, 403]) {
        const e = api(
          status,
          { details: [{ message: 'Actor must have role at the same or broader scope' }] },
          { permissionHint: 'a role' }
        );
        assert.equal(e.kind, 'forbidden', `HTTP ${status}`);
        assert.equal(e.message, expected);
        assert.ok(isScopePropagationError(e));
      }
      // The wording in PingOne's top-level message counts too.
      assert.equal(api(400, { message: 'must have role at the same or broader scope' }).kind, 'forbidden');
      assert.ok(!isScopePropagationError(api(403)));
    });

    it('403 "not authorized" is recognised as a possible propagation delay; other 403s and other kinds are not', () => {
      const said = api(403, { code: 'ACCESS_FAILED', message: 'The actor attempting to perform the request is not authorized.' });
      assert.ok(isNotAuthorizedPropagationError(said));
      assert.ok(isNotAuthorizedPropagationError(api(403, { details: [{ message: 'You do not have access to this resource' }] })));
      assert.ok(!isNotAuthorizedPropagationError(api(403, { message: 'License exceeded' })));
      assert.ok(!isNotAuthorizedPropagationError(api(400, { message: 'The actor attempting to perform the request is not authorized.' })));
    });

    it('404: no such resource', () => {
      const e = api(404, { message: 'Not here' });
      assert.equal(e.kind, 'not-found');
      assert.equal(
        e.message,
        'Could not list applications: PingOne has no such resource (it may have been deleted, or the ID is wrong). PingOne says: "Not here".'
      );
    });

    it('408 and 5xx: try again; 499 is a rejected request, not an outage', () => {
      assert.equal(api(408).kind, 'timeout');
      assert.equal(api(408).message, 'Could not list applications: PingOne timed out handling the request (HTTP 408). Try again.');
      const e = api(500, { message: 'Boom' });
      assert.equal(e.kind, 'unavailable');
      assert.equal(
        e.message,
        'Could not list applications: PingOne is unavailable or failed unexpectedly (HTTP 500). Try again in a moment. PingOne says: "Boom".'
      );
      const other = api(499);
      assert.equal(other.kind, 'invalid-request');
      assert.equal(other.message, 'Could not list applications: PingOne rejected the request (HTTP 499).');
    });

    it('400 on the scope: an incompatible role and scope', () => {
      const e = api(400, { message: 'Invalid', details: [{ target: 'scope', message: 'nope' }] });
      assert.equal(e.kind, 'invalid-request');
      assert.equal(
        e.message,
        'Could not list applications: incompatible role and scope combination: this role cannot be assigned at that scope. PingOne says: "Invalid scope: nope".'
      );
    });

    it('400 with details on other fields than the scope: a rejected request, with the details PingOne gave', () => {
      const e = api(400, { message: 'Invalid', details: [{ target: 'name', message: 'too long' }] });
      assert.equal(e.kind, 'invalid-request');
      assert.equal(
        e.message,
        'Could not list applications: PingOne rejected the request (HTTP 400). PingOne says: "Invalid name: too long".'
      );
    });

    it('429: the wait in words, what PingOne asked and what the client did', () => {
      const wait = (retryAfterSeconds?: number, maxRetryAfterSeconds?: number) =>
        api(429, {}, { retryAfterSeconds, maxRetryAfterSeconds }).message.replace(
          "Could not list applications: PingOne's rate limit was reached and retries did not get through. ",
          ''
        );
      assert.equal(wait(), 'Try again shortly.');
      assert.equal(wait(0.2), 'Try again in 1 s.');
      assert.equal(wait(119), 'Try again in 119 s.');
      assert.equal(wait(120), 'Try again in 2 min.');
      assert.equal(wait(121), 'Try again in 3 min.');
      assert.equal(wait(2 * 3600 - 1), 'Try again in 120 min.');
      assert.equal(wait(2 * 3600), 'Try again in 2 h.');
      assert.equal(wait(2 * 86_400 - 1), 'Try again in 48 h.');
      assert.equal(wait(2 * 86_400), 'Try again in 2 days.');
      assert.equal(wait(365 * 86_400), 'Try again in 365 days.');
      assert.equal(wait(365 * 86_400 + 1), 'Try again in more than a year.');
      // At the cap it still waits; above it, it stops and says so.
      assert.equal(wait(30, 30), 'Try again in 30 s.');
      assert.equal(
        wait(31, 30),
        'PingOne asked to wait 31 s (Retry-After); the toolkit waits at most 30 s before a retry, so it stopped. Try again later.'
      );
      const e = api(429, {}, { retryAfterSeconds: 7 });
      assert.equal(e.kind, 'rate-limited');
      assert.equal(e.retryAfterSeconds, 7);
    });

    it("PingOne's words are summarised to 500 characters, and a message without PingOne's own text says nothing of it", () => {
      const long = 'x'.repeat(600);
      const e = api(500, { message: long });
      assert.ok(e.message.includes(`PingOne says: "${'x'.repeat(500)}".`), e.message);
      assert.ok(!e.message.includes('x'.repeat(501)));
      // Details without a message are ignored by the summary; a detail code alone does not add "PingOne says".
      const only = api(404, { details: [{ code: 'NOT_FOUND' }] });
      assert.ok(!only.message.includes('PingOne says'), only.message);
      const both = api(404, { message: ' Top ', details: [{ message: 'first' }, { target: 'name' }, {}] });
      assert.ok(both.message.endsWith('PingOne says: "Top  first; name".'), both.message);
    });
  });

  describe('token endpoint answers (RFC 6749 error / error_description)', () => {
    const token = (status: number, body: unknown = {}, extra: Partial<Parameters<typeof errorFromTokenResponse>[0]> = {}) =>
      errorFromTokenResponse({
        status,
        body,
        clientId: 'cid',
        environmentId: 'env',
        authHost: 'auth.pingone.eu',
        authMethod: 'CLIENT_SECRET_POST',
        ...extra,
      });

    it('unauthorized_client: the Client Credentials grant is missing', () => {
      const e = token(400, { error: 'unauthorized_client', error_description: 'no grant' });
      assert.equal(e.reason, 'grant-not-allowed');
      assert.equal(e.kind, 'bad-credentials');
      assert.equal(e.code, 'unauthorized_client');
      assert.equal(
        e.message,
        'Could not get an access token for client cid: the app cid is not allowed to use the Client Credentials grant. Add the Client Credentials grant type to it in PingOne. PingOne says: "no grant".'
      );
    });

    it('invalid_client and 401: disabled, wrong auth method, unknown client, or the secret', () => {
      const cases: [unknown, number, string, string][] = [
        [
          { error: 'invalid_client', error_description: 'Client is Disabled' },
          400,
          'client-disabled',
          'the app cid is disabled. Enable it in PingOne.',
        ],
        [{ error_description: 'app not enabled' }, 401, 'client-disabled', 'the app cid is disabled. Enable it in PingOne.'],
        [
          { error: 'invalid_client', error_description: 'Unsupported authentication method' },
          400,
          'auth-method-rejected',
          "the app does not accept CLIENT_SECRET_POST. Set the connection's token endpoint auth method to the one configured on the app.",
        ],
        [{ error: 'invalid_client', error_description: 'expected client_secret_basic' }, 400, 'auth-method-rejected', ''],
        [{ error: 'invalid_client', error_description: 'bad token_endpoint_auth' }, 400, 'auth-method-rejected', ''],
        [{ error: 'invalid_client', error_description: 'wrong auth method' }, 400, 'auth-method-rejected', ''],
        [
          { message: 'Client not found' },
          401,
          'unknown-client',
          "PingOne does not know client cid in environment env. Check the client ID and that the environment ID is the worker's own environment.",
        ],
        [{ error: 'invalid_client', error_description: 'unknown client' }, 400, 'unknown-client', ''],
        [{ error: 'invalid_client', error_description: 'app does not exist' }, 400, 'unknown-client', ''],
        [
          { error: 'invalid_client' },
          400,
          'credentials-rejected',
          'PingOne rejected the client credentials (invalid_client). Check the client secret (it may have been rotated), that app cid lives in environment env, that it is enabled, and that its token endpoint auth method is CLIENT_SECRET_POST.',
        ],
      ];
      for (const [body, status, reason, text] of cases) {
        const e = token(status, body);
        assert.equal(e.kind, 'bad-credentials', JSON.stringify(body));
        assert.equal(e.reason, reason, JSON.stringify(body));
        if (text) assert.ok(e.message.startsWith(`Could not get an access token for client cid: ${text}`), e.message);
      }
      const said = token(401, { error: 'invalid_client', error_description: 'Client is Disabled' });
      assert.equal(
        said.message,
        'Could not get an access token for client cid: the app cid is disabled. Enable it in PingOne. PingOne says: "Client is Disabled".'
      );
    });

    it('404: no such environment at that host (the region or the ID is wrong)', () => {
      const e = token(404, {});
      assert.equal(e.reason, 'unknown-environment');
      assert.equal(
        e.message,
        'Could not get an access token for client cid: no environment env was found at auth.pingone.eu. Check the environment ID (the one that holds the worker) and the region.'
      );
    });

    it('other 4xx: the token endpoint rejected the request, naming the error or the status', () => {
      const named = token(400, { error: 'invalid_scope' });
      assert.equal(named.kind, 'invalid-request');
      assert.equal(named.message, 'Could not get an access token for client cid: the token endpoint rejected the request (invalid_scope).');
      assert.equal(
        token(400, { code: 'INVALID_DATA', message: 'bad' }).message,
        'Could not get an access token for client cid: the token endpoint rejected the request (HTTP 400). PingOne says: "bad".'
      );
      assert.equal(token(400, { code: 'INVALID_DATA' }).code, 'INVALID_DATA');
    });

    it("429, 408 and 5xx read like any API answer, and PingOne's description is cut at 300 characters", () => {
      assert.equal(token(429, {}, { retryAfterSeconds: 40, maxRetryAfterSeconds: 30 }).kind, 'rate-limited');
      assert.match(token(429, {}, { retryAfterSeconds: 40, maxRetryAfterSeconds: 30 }).message, /asked to wait 40 s .* at most 30 s/);
      assert.equal(token(408).kind, 'timeout');
      assert.equal(token(500).kind, 'unavailable');
      assert.equal(token(503, {}, { correlationId: 'k' }).kind, 'unavailable');
      assert.match(token(503, {}, { correlationId: 'k' }).message, /\(correlation id k\)\.$/);
      assert.equal(token(499).kind, 'invalid-request');
      const long = token(400, { error: 'invalid_request', error_description: 'y'.repeat(400) });
      assert.ok(long.message.includes(`"${'y'.repeat(300)}"`));
      assert.ok(!long.message.includes('y'.repeat(301)));
    });
  });

  describe('errors the client makes itself', () => {
    it('timeout: the host and the limit in seconds, to a tenth', () => {
      const e = timeoutError(OP, 1_250, 'api.pingone.eu');
      assert.equal(e.kind, 'timeout');
      assert.equal(
        e.message,
        'Could not list applications: api.pingone.eu did not answer within 1.3 s. PingOne may be slow, or a proxy or firewall may be holding the connection.'
      );
      assert.match(timeoutError(OP, 30_000, 'h').message, /within 30 s\./);
    });

    it('network: the host and the error code when there is one', () => {
      const coded = networkError(OP, 'api.pingone.eu', Object.assign(new Error('x'), { code: 'ECONNRESET' }));
      assert.equal(coded.kind, 'network');
      assert.equal(coded.code, 'ECONNRESET');
      assert.equal(
        coded.message,
        "Could not list applications: could not reach api.pingone.eu (ECONNRESET). Check the network connection, the proxy settings (http.proxy) and the connection's URLs."
      );
      assert.ok(networkError(OP, 'h', new Error('x')).message.startsWith('Could not list applications: could not reach h. Check'));
      assert.ok(networkError(OP, 'h', undefined).message.startsWith('Could not list applications: could not reach h. Check'));
    });

    it('cancelled, refused and bad-response', () => {
      const cause = new Error('aborted');
      const c = cancelledError(OP, cause);
      assert.equal(c.message, 'Could not list applications: it was cancelled.');
      assert.equal(c.cause, cause);
      assert.ok(isPingOneError(c, 'cancelled'));
      assert.ok(!isPingOneError(c, 'timeout'));
      assert.ok(isPingOneError(c));
      assert.ok(!isPingOneError(new Error('x')));
      assert.ok(!('cause' in cancelledError(OP)), 'no cause when none was given');
      assert.equal(refusedError(OP, 'plain HTTP.').message, 'Could not list applications: plain HTTP.');
      const bad = badResponseError(OP, 'GET /v1/x', 'answered 200 with an empty body');
      assert.equal(bad.kind, 'bad-response');
      assert.equal(bad.message, 'Could not list applications: GET /v1/x answered 200 with an empty body.');
    });

    it('a note keeps every field and adds one sentence after the explanation', () => {
      const e = api(409, { id: 'i', code: 'C', message: 'M', details: [{ code: 'D' }] }, { correlationId: 'k' });
      const noted = e.withNote('The app may exist now.');
      assert.ok(noted instanceof PingOneError);
      assert.equal(
        noted.message,
        'Could not list applications: it already exists in PingOne. PingOne says: "M". The app may exist now (PingOne error id i, correlation id k).'
      );
      for (const field of ['kind', 'operation', 'status', 'code', 'errorId', 'correlationId', 'retryAfterSeconds', 'reason'] as const)
        assert.equal(noted[field], e[field], field);
      assert.deepEqual(noted.details, e.details);
      assert.equal(noted.name, 'PingOneError');
      const plain = cancelledError(OP).withNote('Nothing was changed.');
      assert.equal(plain.message, 'Could not list applications: it was cancelled. Nothing was changed.');
      assert.equal(plain.explanation, 'it was cancelled. Nothing was changed.');
      // The explanation's own full stop, and spaces before the end, are not doubled.
      assert.equal(api(409).withNote('Look it up.').explanation, 'it already exists in PingOne. Look it up.');
      assert.equal(refusedError(OP, 'plain HTTP  ').withNote('n').explanation, 'plain HTTP. n');
      assert.equal(refusedError(OP, 'plain HTTP .').withNote('n').explanation, 'plain HTTP. n');
      assert.equal(grantNotAllowedError().withNote('n').reason, 'grant-not-allowed');
    });

    it('pingOneText joins the code and every detail for pattern checks', () => {
      const e = api(400, { code: 'INVALID_DATA', details: [{ code: 'A', target: 't', message: 'm' }, { message: 'only' }, { code: 'B' }] });
      assert.equal(e.pingOneText, 'INVALID_DATA A t m   only B  ');
    });
  });

  it('parseErrorBody keeps only strings and object details, whatever the shape', () => {
    assert.deepEqual(parseErrorBody(null), {});
    assert.deepEqual(parseErrorBody('text'), {});
    assert.deepEqual(parseErrorBody({ id: 5, code: 'C', message: ['m'], error: 'e', error_description: 'd', details: 'no' }), {
      id: undefined,
      code: 'C',
      message: undefined,
      details: undefined,
      error: 'e',
      error_description: 'd',
    });
    const parsed = parseErrorBody({
      details: [null, 'x', { code: 'A', target: 1, message: 'm', innerError: { a: 1 } }, { innerError: 'no' }],
    });
    assert.deepEqual(parsed.details, [
      { code: 'A', target: undefined, message: 'm', innerError: { a: 1 } },
      { code: undefined, target: undefined, message: undefined, innerError: undefined },
    ]);
  });
});

function grantNotAllowedError(): PingOneError {
  return errorFromTokenResponse({
    status: 400,
    body: { error: 'unauthorized_client' },
    clientId: 'c',
    environmentId: 'e',
    authHost: 'h',
    authMethod: 'm',
  });
}
