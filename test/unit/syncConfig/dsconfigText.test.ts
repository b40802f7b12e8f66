// The whole text a user pastes into a PingDataSync shell, word for word:
// comments included, since they say what to replace and what PingOne requires
// (PingDataSync configuration guide: PingOne sync destination and source,
// type ping-one-customer). Also the input checks, each on its own.
import assert from 'node:assert/strict';
import { buildDsconfig, shellQuote, validateDsconfigInput, type DsconfigInput } from '../../../src/syncConfig';

const ENV = 'a1b2c3d4-2222-4e5f-8a9b-abcdefabcdef';
const CLIENT = '0d3c5a3e-1111-4a2b-9c3d-0123456789ab';
const base: Omit<DsconfigInput, 'direction'> = {
  objectName: 'PingOne Sync Staging',
  appName: 'PingDataSync Worker',
  clientId: CLIENT,
  environmentId: ENV,
  environmentName: 'Sync Staging',
  apiBaseUrl: 'https://api.pingone.eu/v1',
  tokenUrl: `https://auth.pingone.eu/${ENV}/as/token`,
};

const COMMON = [
  `    --set api-url:https://api.pingone.eu/v1 \\`,
  `    --set auth-url:https://auth.pingone.eu/${ENV}/as/token \\`,
  `    --set environment-id:${ENV} \\`,
  `    --set oauth-client-id:${CLIENT} \\`,
  `    --set "oauth-client-secret:\${PINGONE_CLIENT_SECRET}" \\`,
];
const NO_SECRET = '# The client secret is not included: set it first, e.g. read -rs PINGONE_CLIENT_SECRET && export PINGONE_CLIENT_SECRET';

describe('syncConfig: the dsconfig text, word for word', () => {
  it('destination with a default population and the resourceType mapping', () => {
    const text = buildDsconfig({
      ...base,
      direction: 'destination',
      defaultPopulation: { id: 'f0e1d2c3-3333-4b4c-8d8e-0f0f0f0f0f0f', name: 'Sample Users' },
      includeResourceTypeMapping: true,
    });
    assert.equal(
      text,
      [
        `# PingDataSync sync destination for PingOne environment Sync Staging (${ENV})`,
        `# Worker app "PingDataSync Worker" (client ID ${CLIENT}).`,
        NO_SECRET,
        '',
        '# New users go to population "Sample Users".',
        'dsconfig create-sync-destination \\',
        "    --destination-name 'PingOne Sync Staging' \\",
        '    --type ping-one-customer \\',
        ...COMMON,
        '    --set default-population-id:f0e1d2c3-3333-4b4c-8d8e-0f0f0f0f0f0f \\',
        '    --no-prompt',
        '',
        '# PingOne destinations require a constructed mapping named resourceType with the value "user".',
        'dsconfig create-attribute-map \\',
        "    --map-name 'PingOne Sync Staging Attribute Map' \\",
        '    --no-prompt',
        'dsconfig create-attribute-mapping \\',
        "    --map-name 'PingOne Sync Staging Attribute Map' \\",
        '    --mapping-name resourceType \\',
        '    --type constructed \\',
        '    --set value-pattern:user \\',
        '    --no-prompt',
        '# PingOne destinations refuse renames: set allow-destination-renames:false on the sync class.',
        '',
      ].join('\n')
    );
  });

  it('destination with a population without a name: no population comment, no mapping unless asked', () => {
    const text = buildDsconfig({ ...base, direction: 'destination', defaultPopulation: { id: 'p0' } });
    assert.doesNotMatch(text, /New users go to/);
    assert.doesNotMatch(text, /attribute-map/);
    assert.match(text, /--set default-population-id:p0 \\\n {4}--no-prompt\n$/);
  });

  it('source reading three populations, the named ones listed; no environment name; never the destination mapping', () => {
    const text = buildDsconfig({
      ...base,
      direction: 'source',
      environmentName: undefined,
      includeResourceTypeMapping: true,
      populationsToSynchronize: [{ id: 'p1', name: 'Employees' }, { id: 'p2' }, { id: 'p3', name: 'Contractors' }],
    });
    assert.equal(
      text,
      [
        `# PingDataSync sync source for PingOne environment ${ENV}`,
        `# Worker app "PingDataSync Worker" (client ID ${CLIENT}).`,
        NO_SECRET,
        '',
        '# Reads users of population(s): Employees, Contractors.',
        'dsconfig create-sync-source \\',
        "    --source-name 'PingOne Sync Staging' \\",
        '    --type ping-one-customer \\',
        ...COMMON,
        '    --set population-to-synchronize:p1 \\',
        '    --set population-to-synchronize:p2 \\',
        '    --set population-to-synchronize:p3 \\',
        '    --no-prompt',
        '',
      ].join('\n')
    );
  });

  it('source without populations, or with unnamed ones only: no population comment', () => {
    for (const populationsToSynchronize of [undefined, [], [{ id: 'p9' }]]) {
      const text = buildDsconfig({ ...base, direction: 'source', populationsToSynchronize });
      assert.doesNotMatch(text, /Reads users/);
      assert.equal(text.split('\n')[4], 'dsconfig create-sync-source \\');
    }
  });

  it('with the secret: a warning instead of the variable hint, and the secret quoted', () => {
    const text = buildDsconfig({ ...base, direction: 'destination', clientSecret: 'abc def' });
    assert.equal(text.split('\n')[2], '# WARNING: this text contains the client secret. Do not commit or share it.');
    assert.ok(text.includes("    --set 'oauth-client-secret:abc def' \\\n"));
    assert.doesNotMatch(text, /PINGONE_CLIENT_SECRET/);
  });

  it('quotes the empty string as two single quotes', () => {
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('plain'), 'plain');
  });

  it('checks each input on its own and says all that is wrong in one message', () => {
    assert.deepEqual(validateDsconfigInput({ ...base, direction: 'destination' }), []);
    const bad = (patch: Partial<DsconfigInput>) => validateDsconfigInput({ ...base, direction: 'destination', ...patch });
    assert.deepEqual(bad({ objectName: '  ' }), ['Enter a name for the PingDataSync object.']);
    assert.deepEqual(bad({ clientId: `x${CLIENT}` }), [`The client ID "x${CLIENT}" is not a UUID.`]);
    assert.deepEqual(bad({ environmentId: `${ENV}0` }), [`The environment ID "${ENV}0" is not a UUID.`]);
    assert.deepEqual(bad({ apiBaseUrl: 'api.pingone.eu' }), ['The API URL "api.pingone.eu" is not a URL.']);
    assert.deepEqual(bad({ tokenUrl: '' }), ['The token URL "" is not a URL.']);
    assert.throws(() => buildDsconfig({ ...base, direction: 'source', objectName: '', apiBaseUrl: 'nope' }), {
      message: 'Enter a name for the PingDataSync object. The API URL "nope" is not a URL.',
    });
  });
});
