import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, NUMBER_BOUNDS, SETTINGS_SECTION } from '../../../src/settings/usernames';
import { USER_SCOPE_SETTINGS, readUserScopeSettings } from '../../../src/settings/userScope';

interface Declared {
  default?: unknown;
  minimum?: number;
  maximum?: number;
  scope?: string;
}

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const declared: Record<string, Declared> = manifest.contributes.configuration.properties;

describe('Settings module', () => {
  it('declares every pingone.* setting of package.json, with the same default and bounds', () => {
    const ours: Record<string, Declared> = {};
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS))
      ours[`${SETTINGS_SECTION}.${key}`] = { default: value, ...NUMBER_BOUNDS[key as keyof typeof NUMBER_BOUNDS] };
    for (const s of Object.values(USER_SCOPE_SETTINGS)) ours[s.id] = s;
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(declared).sort(), 'the same setting ids');
    for (const [id, d] of Object.entries(declared)) {
      assert.deepEqual(ours[id].default, d.default, `default of ${id}`);
      assert.equal(ours[id].minimum, d.minimum, `minimum of ${id}`);
      // A maximum package.json leaves open is ours to choose (a bound on work, not a user-facing limit).
      if (d.maximum !== undefined) assert.equal(ours[id].maximum, d.maximum, `maximum of ${id}`);
    }
  });

  it('reads the explorer and API settings from the user scope only at application scope', () => {
    for (const s of Object.values(USER_SCOPE_SETTINGS))
      assert.equal(declared[s.id].scope, 'application', `${s.id} cannot come from a workspace`);
  });

  it('defaults what is unset and clamps what is out of range', () => {
    assert.deepEqual(
      readUserScopeSettings(() => undefined),
      { explorerPageSize: 100, workersOnly: false, apiTimeoutSeconds: 30, apiMaxRetries: 4 }
    );
    const values: Record<string, unknown> = {
      'pingone.explorer.pageSize': 5000,
      'pingone.explorer.workersOnly': 'yes',
      'pingone.api.timeoutSeconds': 1,
      'pingone.api.maxRetries': 2.7,
    };
    assert.deepEqual(
      readUserScopeSettings((id) => values[id]),
      { explorerPageSize: 500, workersOnly: false, apiTimeoutSeconds: 5, apiMaxRetries: 2 }
    );
  });
});
