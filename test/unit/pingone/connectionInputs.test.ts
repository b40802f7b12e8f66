// What the Add Connection inputs say, word for word, for each value a person
// can type (PingOne Platform API: environment and client IDs are UUIDs; base
// URLs per region), every problem of a connection at once, and which proxy
// settings reach the HTTP client (NO_PROXY syntax as curl and undici read it).
import assert from 'node:assert/strict';
import {
  REGIONS,
  isUuid,
  parseRegion,
  planDispatcher,
  regionConsoleBaseUrl,
  resolveEndpoints,
  validateBaseUrl,
  validateClientId,
  validateConnection,
  validateEnvironmentId,
  validateRegion,
} from '../../../src/pingone';

const ENV = '3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8';

describe('pingone: connection inputs, word for word', () => {
  it('a UUID is the whole value: nothing before it, nothing after it', () => {
    assert.ok(isUuid(ENV));
    assert.ok(!isUuid(`x${ENV}`));
    assert.ok(!isUuid(`${ENV}0`));
    assert.equal(
      validateEnvironmentId(`${ENV}-1`),
      `"${ENV}-1" is not an environment ID: PingOne environment IDs are UUIDs like 3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8.`
    );
    assert.equal(validateClientId(`id-${ENV}`), `"id-${ENV}" is not a Client ID: PingOne client IDs are UUIDs.`);
  });

  it('each empty or malformed field has its own message', () => {
    assert.equal(
      validateEnvironmentId('  '),
      'Enter the environment ID (a UUID such as 3f1a2b4c-…), shown on the environment’s Settings page in the PingOne console.'
    );
    assert.equal(validateEnvironmentId(`${ENV} `), 'Remove the spaces around the environment ID.');
    assert.equal(validateClientId(''), 'Enter the worker app’s Client ID (a UUID, on the app’s Configuration tab).');
    assert.equal(validateClientId(` ${ENV} `), undefined, 'spaces around a client ID are ignored');
    // Long input is cut to 40 characters in the message.
    assert.equal(validateClientId('a'.repeat(41)), `"${'a'.repeat(39)}…" is not a Client ID: PingOne client IDs are UUIDs.`);
    assert.equal(validateClientId('a'.repeat(40)), `"${'a'.repeat(40)}" is not a Client ID: PingOne client IDs are UUIDs.`);
  });

  it('base URLs: the message names the field, "base URL" when none is named', () => {
    assert.equal(validateBaseUrl(''), 'Enter the base URL, e.g. https://api.pingone.com/v1.');
    assert.equal(validateBaseUrl(' ', 'API base URL'), 'Enter the API base URL, e.g. https://api.pingone.com/v1.');
    assert.equal(
      validateBaseUrl('http://api.pingone.com/v1'),
      'The base URL must use HTTPS; plain HTTP is allowed only to this computer (localhost, 127.0.0.1, ::1).'
    );
    assert.equal(validateBaseUrl('ftp://x.example', 'auth base URL'), 'The auth base URL must start with https:// (got ftp://).');
    assert.equal(
      validateBaseUrl('https://u:p@api.pingone.com'),
      'Remove the user name or password from the base URL; credentials are never put in URLs.'
    );
    assert.equal(validateBaseUrl('https://api.pingone.com/v1#x'), 'Remove the query (?…) or fragment (#…) from the base URL.');
    assert.equal(validateBaseUrl('not a url'), '"not a url" is not a URL. Enter a full URL starting with https://.');
  });

  it('regions: any case, spaces around ignored; an unknown one lists them all', () => {
    assert.equal(validateRegion(' eu '), undefined);
    assert.equal(validateRegion('Ap'), undefined);
    assert.equal(
      validateRegion('mars'),
      'Unknown region "mars". Use one of NA (pingone.com), EU (pingone.eu), CA (pingone.ca), AU (pingone.com.au), SG (pingone.sg), AP (pingone.asia).'
    );
  });

  it('region names as the region picker and the tree show them; a URL that does not parse names no region', () => {
    assert.deepEqual(
      Object.values(REGIONS).map((r) => `${r.code} ${r.label}`),
      ['NA North America', 'EU Europe', 'CA Canada', 'AU Australia', 'SG Singapore', 'AP Asia-Pacific (legacy .asia)']
    );
    assert.equal(parseRegion('https://bad host.pingone.eu'), undefined);
    assert.equal(parseRegion('https://auth.pingone.eu/x'), 'EU');
  });

  it('regions read from what a person pastes: license names with spaces or dashes, a bare domain, a sentence ending in a host', () => {
    assert.equal(parseRegion('North America'), 'NA');
    assert.equal(parseRegion('asia - pacific'), 'AP');
    assert.equal(parseRegion('pingone.eu'), 'EU');
    assert.equal(parseRegion('https://pingone.com.au'), 'AU');
    assert.equal(parseRegion('see auth.pingone.sg'), 'SG');
    assert.equal(parseRegion('see https://auth.pingone.ca'), 'CA');
    assert.equal(regionConsoleBaseUrl('EU'), 'https://console.pingone.eu');
  });

  it('a connection lists every problem, each field named, and resolveEndpoints refuses it with all of them', () => {
    const conn = {
      id: '1',
      name: 'Broken',
      region: 'MARS' as never,
      authBaseUrl: 'http://auth.example.com',
      apiBaseUrl: 'https://api.example.com/v1?x',
      environmentId: '',
      clientId: 'c',
      tokenEndpointAuthMethod: 'NONE' as never,
    };
    const problems = [
      'Enter the environment ID (a UUID such as 3f1a2b4c-…), shown on the environment’s Settings page in the PingOne console.',
      '"c" is not a Client ID: PingOne client IDs are UUIDs.',
      'Unknown region "MARS". Use one of NA (pingone.com), EU (pingone.eu), CA (pingone.ca), AU (pingone.com.au), SG (pingone.sg), AP (pingone.asia).',
      'The auth base URL must use HTTPS; plain HTTP is allowed only to this computer (localhost, 127.0.0.1, ::1).',
      'Remove the query (?…) or fragment (#…) from the API base URL.',
      'The token endpoint auth method must be CLIENT_SECRET_POST or CLIENT_SECRET_BASIC.',
    ];
    assert.deepEqual(validateConnection(conn), problems);
    assert.throws(() => resolveEndpoints(conn), { message: `Connection "Broken" is not usable: ${problems.join(' ')}` });
    const basic = { ...conn, region: 'CA' as const, authBaseUrl: undefined, apiBaseUrl: undefined, environmentId: ENV, clientId: ENV };
    assert.deepEqual(validateConnection({ ...basic, tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC' }), []);
    const ep = resolveEndpoints({ ...basic, tokenEndpointAuthMethod: 'CLIENT_SECRET_BASIC', authBaseUrl: ' https://auth.example.com// ' });
    assert.equal(ep.tokenUrl, `https://auth.example.com/${ENV}/as/token`);
    assert.equal(ep.apiBaseUrl, 'https://api.pingone.ca/v1');
  });
});

describe('pingone: which proxy settings reach the HTTP client', () => {
  const plan = (settings: Parameters<typeof planDispatcher>[0]) => {
    const p = planDispatcher(settings);
    assert.equal(p.mode, 'proxy');
    return p as Extract<ReturnType<typeof planDispatcher>, { mode: 'proxy' }>;
  };

  it('no NO_PROXY anywhere: nothing bypasses the proxy', () => {
    assert.equal(plan({ proxyUrl: 'http://proxy:3128', env: {} }).noProxy, '');
  });

  it('the setting and the environment are joined with a comma; blank ones are left out', () => {
    assert.equal(plan({ proxyUrl: 'http://proxy:3128', noProxy: 'a.com', env: { NO_PROXY: '.b.com' } }).noProxy, 'a.com,.b.com');
    assert.equal(plan({ proxyUrl: 'http://proxy:3128', noProxy: '   ', env: { no_proxy: 'c.com' } }).noProxy, 'c.com');
    assert.equal(plan({ proxyUrl: 'http://proxy:3128', noProxy: 'a.com', env: { no_proxy: ' ' } }).noProxy, 'a.com');
  });

  it('an environment proxy for one scheme serves both; strictSSL false reaches the proxy path only', () => {
    const p = plan({ env: { HTTP_PROXY: 'http://p:1' }, strictSSL: false });
    assert.equal(p.source, 'environment');
    assert.equal(p.httpsProxy, 'http://p:1');
    assert.equal(p.rejectUnauthorized, false);
    assert.deepEqual(planDispatcher({ env: {}, strictSSL: false }), { mode: 'direct', rejectUnauthorized: true });
  });
});
