import assert from 'node:assert/strict';
import {
  REGIONS,
  isLoopbackHostname,
  parseRegion,
  regionApiBaseUrl,
  regionAuthBaseUrl,
  resolveEndpoints,
  userAgentFor,
  validateBaseUrl,
  validateClientId,
  validateConnection,
  validateEnvironmentId,
  validateRegion,
} from '../../../src/pingone';

const ENV = '3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8';

describe('pingone: regions and connections', () => {
  it('maps each region to its PingOne hosts', () => {
    const expected = { NA: 'com', EU: 'eu', CA: 'ca', AU: 'com.au', SG: 'sg', AP: 'asia' } as const;
    for (const [code, tld] of Object.entries(expected)) {
      assert.equal(REGIONS[code as keyof typeof expected].tld, tld);
      assert.equal(regionAuthBaseUrl(code as keyof typeof expected), `https://auth.pingone.${tld}`);
      assert.equal(regionApiBaseUrl(code as keyof typeof expected), `https://api.pingone.${tld}/v1`);
    }
  });

  it('parses regions from codes, TLDs, hosts and license names', () => {
    assert.equal(parseRegion('eu'), 'EU');
    assert.equal(parseRegion(' AU '), 'AU');
    assert.equal(parseRegion('com.au'), 'AU');
    assert.equal(parseRegion('.asia'), 'AP');
    assert.equal(parseRegion('https://auth.pingone.ca/abc/as/token'), 'CA');
    assert.equal(parseRegion('api.pingone.com'), 'NA');
    assert.equal(parseRegion('NORTH_AMERICA'), 'NA');
    assert.equal(parseRegion('mars'), undefined);
    assert.equal(parseRegion('https://auth.pingone.com.au'), 'AU');
    assert.equal(parseRegion('notpingone.eu'), undefined);
  });

  it('reads hosts and trailing slashes in linear time', () => {
    const started = performance.now();
    assert.equal(parseRegion(`${'.pingone.'.repeat(50_000)}1`), undefined);
    const ep = resolveEndpoints({
      id: '1',
      name: 'x',
      apiBaseUrl: `https://api.pingone.eu/${'/'.repeat(50_000)}v1//`,
      environmentId: ENV,
      clientId: ENV,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    });
    assert.ok(ep.apiBaseUrl.endsWith('/v1'));
    assert.ok(performance.now() - started < 500, `${performance.now() - started} ms`);
    assert.equal(parseRegion(''), undefined);
    assert.equal(validateRegion('sg'), undefined);
    assert.match(validateRegion('XX')!, /Unknown region "XX".*NA \(pingone\.com\)/);
  });

  it('validates environment and client IDs with messages a person can act on', () => {
    assert.equal(validateEnvironmentId(ENV), undefined);
    assert.equal(validateEnvironmentId(ENV.toUpperCase()), undefined);
    assert.match(validateEnvironmentId('')!, /Enter the environment ID/);
    assert.match(validateEnvironmentId(` ${ENV}`)!, /Remove the spaces/);
    assert.match(validateEnvironmentId('not-a-uuid')!, /"not-a-uuid" is not an environment ID.*UUID/);
    assert.equal(validateClientId(ENV), undefined);
    assert.match(validateClientId('x')!, /not a Client ID/);
  });

  it('requires HTTPS except to loopback', () => {
    assert.equal(validateBaseUrl('https://api.pingone.eu/v1'), undefined);
    assert.equal(validateBaseUrl('http://127.0.0.1:8080/v1'), undefined);
    assert.equal(validateBaseUrl('http://127.5.6.7/v1'), undefined);
    assert.equal(validateBaseUrl('http://localhost:3000'), undefined);
    assert.equal(validateBaseUrl('http://[::1]:3000/v1'), undefined);
    assert.match(validateBaseUrl('http://api.pingone.com/v1')!, /must use HTTPS.*only to this computer/);
    assert.match(validateBaseUrl('http://127.0.0.1.evil.com/v1')!, /must use HTTPS/);
    assert.match(validateBaseUrl('ftp://x.example')!, /must start with https/);
    assert.match(validateBaseUrl('https://user:pw@api.pingone.com')!, /Remove the user name or password/);
    assert.match(validateBaseUrl('https://api.pingone.com/v1?x=1')!, /Remove the query/);
    assert.match(validateBaseUrl('nonsense')!, /is not a URL/);
    assert.ok(isLoopbackHostname('[::1]'));
    assert.ok(!isLoopbackHostname('128.0.0.1'));
  });

  it('counts only localhost, 127.0.0.0/8 and ::1 literals as loopback, not names under .localhost', () => {
    for (const host of ['evil.localhost', 'a.b.localhost', '127.0.0.1.nip.io', '::ffff:7f00:1', '0.0.0.0'])
      assert.ok(!isLoopbackHostname(host), host);
    assert.match(validateBaseUrl('http://api.localhost:8080/v1')!, /must use HTTPS/);
    assert.match(validateBaseUrl('http://localhost.:8080/v1')!, /must use HTTPS/);
    assert.equal(validateBaseUrl('http://127.1:8080/v1'), undefined, 'the URL parser writes 127.1 as 127.0.0.1');
  });

  it('resolves a region connection to its token URL and origins', () => {
    const ep = resolveEndpoints({
      id: '1',
      name: 'EU',
      region: 'EU',
      environmentId: ENV,
      clientId: ENV,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    });
    assert.equal(ep.tokenUrl, `https://auth.pingone.eu/${ENV}/as/token`);
    assert.equal(ep.apiBaseUrl, 'https://api.pingone.eu/v1');
    assert.equal(ep.apiOrigin, 'https://api.pingone.eu');
    assert.equal(ep.authOrigin, 'https://auth.pingone.eu');
    const noRegion = resolveEndpoints({
      id: '1',
      name: 'x',
      environmentId: ENV,
      clientId: ENV,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST',
    });
    assert.equal(noRegion.apiBaseUrl, 'https://api.pingone.com/v1', 'NA is the default');
    const explicit = resolveEndpoints({
      id: '1',
      name: 'x',
      region: 'EU',
      apiBaseUrl: 'http://127.0.0.1:9/v1/',
      authBaseUrl: 'http://127.0.0.1:9',
      environmentId: ENV,
      clientId: ENV,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC',
    });
    assert.equal(explicit.apiBaseUrl, 'http://127.0.0.1:9/v1', 'explicit URLs win, trailing slash removed');
  });

  it('refuses unusable connections, listing every problem', () => {
    const conn = {
      id: '1',
      name: 'Bad',
      apiBaseUrl: 'http://api.example.com/v1',
      environmentId: 'x',
      clientId: ENV,
      tokenEndpointAuthMethod: 'CLIENT_SECRET_POST' as const,
    };
    assert.equal(validateConnection(conn).length, 2);
    assert.throws(() => resolveEndpoints(conn), /Connection "Bad" is not usable: .*environment ID.*HTTPS/);
  });

  it('builds the User-Agent from the version', () => {
    assert.equal(userAgentFor('1.2.3'), 'pingone-sync-toolkit/1.2.3');
    assert.match(userAgentFor(), /^pingone-sync-toolkit\/\d+\.\d+\.\d+$/);
  });
});
