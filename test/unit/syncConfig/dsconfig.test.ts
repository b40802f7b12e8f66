import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDsconfig, shellQuote, type DsconfigInput } from '../../../src/syncConfig';

const base: DsconfigInput = {
  direction: 'destination',
  objectName: 'PingOne Sync Staging',
  appName: 'PingDataSync Worker',
  clientId: '0d3c5a3e-1111-4a2b-9c3d-0123456789ab',
  environmentId: 'a1b2c3d4-2222-4e5f-8a9b-abcdefabcdef',
  environmentName: 'Sync Staging',
  apiBaseUrl: 'https://api.pingone.eu/v1',
  tokenUrl: 'https://auth.pingone.eu/a1b2c3d4-2222-4e5f-8a9b-abcdefabcdef/as/token',
};

/** Runs the text through bash with a fake `dsconfig` that prints its arguments, one per line. */
function argsAsShellSeesThem(script: string, env: Record<string, string> = {}): string[][] {
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `dsconfig() { printf '%s\\n' "$@"; echo ---; }\n${script}`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return out
    .split('---\n')
    .filter((s) => s.trim())
    .map((s) => s.trimEnd().split('\n'));
}

describe('syncConfig: dsconfig for a PingOne sync destination', () => {
  it('creates a ping-one-customer destination with the app, environment and regional URLs', () => {
    const [args] = argsAsShellSeesThem(
      buildDsconfig({ ...base, defaultPopulation: { id: 'f0e1d2c3-3333-4b4c-8d8e-0f0f0f0f0f0f', name: 'Sample Users' } }),
      { PINGONE_CLIENT_SECRET: 's3cr3t value' }
    );
    assert.deepEqual(args, [
      'create-sync-destination',
      '--destination-name',
      'PingOne Sync Staging',
      '--type',
      'ping-one-customer',
      '--set',
      'api-url:https://api.pingone.eu/v1',
      '--set',
      'auth-url:https://auth.pingone.eu/a1b2c3d4-2222-4e5f-8a9b-abcdefabcdef/as/token',
      '--set',
      'environment-id:a1b2c3d4-2222-4e5f-8a9b-abcdefabcdef',
      '--set',
      'oauth-client-id:0d3c5a3e-1111-4a2b-9c3d-0123456789ab',
      '--set',
      'oauth-client-secret:s3cr3t value',
      '--set',
      'default-population-id:f0e1d2c3-3333-4b4c-8d8e-0f0f0f0f0f0f',
      '--no-prompt',
    ]);
  });

  it('leaves the secret out unless asked, using a shell variable', () => {
    const text = buildDsconfig(base);
    assert.match(text, /"oauth-client-secret:\$\{PINGONE_CLIENT_SECRET\}"/);
    assert.match(text, /secret is not included/);
  });

  it('quotes a secret with shell metacharacters so the shell passes it unchanged', () => {
    const secret = `a'b"c$d\`e\\f g!h`;
    const text = buildDsconfig({ ...base, clientSecret: secret });
    assert.match(text, /WARNING: this text contains the client secret/);
    const [args] = argsAsShellSeesThem(text);
    assert.ok(args.includes(`oauth-client-secret:${secret}`), args.join('|'));
  });

  it('emits the resourceType constructed mapping when asked', () => {
    const all = argsAsShellSeesThem(buildDsconfig({ ...base, includeResourceTypeMapping: true }), { PINGONE_CLIENT_SECRET: 'x' });
    assert.equal(all.length, 3);
    assert.deepEqual(all[2].slice(0, 7), [
      'create-attribute-mapping',
      '--map-name',
      'PingOne Sync Staging Attribute Map',
      '--mapping-name',
      'resourceType',
      '--type',
      'constructed',
    ]);
    assert.ok(all[2].includes('value-pattern:user'));
  });
});

describe('syncConfig: dsconfig for a PingOne sync source', () => {
  it('creates a ping-one-customer source reading the chosen populations', () => {
    const [args] = argsAsShellSeesThem(
      buildDsconfig({
        ...base,
        direction: 'source',
        objectName: 'PingOne Source',
        populationsToSynchronize: [{ id: 'p1', name: 'A' }, { id: 'p2' }],
      }),
      { PINGONE_CLIENT_SECRET: 'x' }
    );
    assert.equal(args[0], 'create-sync-source');
    assert.deepEqual(args.slice(1, 3), ['--source-name', 'PingOne Source']);
    assert.ok(args.includes('population-to-synchronize:p1') && args.includes('population-to-synchronize:p2'));
    assert.ok(!args.some((a) => a.startsWith('default-population-id')));
  });

  it('refuses input that would produce a broken command', () => {
    assert.throws(() => buildDsconfig({ ...base, clientId: 'not-a-uuid' }), /client ID "not-a-uuid" is not a UUID/);
    assert.throws(() => buildDsconfig({ ...base, objectName: '  ' }), /Enter a name/);
  });
});

describe('syncConfig: hostile names from PingOne stay inert', () => {
  // Any admin who can name an app, environment or population chooses these.
  const hostile = [
    'Sync worker\ntouch PWNED\n#',
    'a\rtouch PWNED',
    'b\u2028touch PWNED\u2029',
    'c\u0085touch PWNED',
    '$(touch PWNED)',
    '`touch PWNED`',
    `'; touch PWNED; '`,
    '"; touch PWNED; "',
    'd\u001b[201~\ntouch PWNED\n',
    'e\u202etouch PWNED\u0000',
  ];
  const input = (name: string, direction: 'destination' | 'source'): DsconfigInput => ({
    ...base,
    direction,
    objectName: `PingOne ${name}`,
    appName: name,
    environmentName: name,
    defaultPopulation: direction === 'destination' ? { id: 'f0e1d2c3-3333-4b4c-8d8e-0f0f0f0f0f0f', name } : undefined,
    populationsToSynchronize:
      direction === 'source'
        ? [
            { id: 'p1', name },
            { id: 'p2', name: `${name}2` },
          ]
        : undefined,
    includeResourceTypeMapping: true,
  });

  it('has no control character, line or paragraph separator anywhere in the text', () => {
    for (const name of hostile) {
      for (const direction of ['destination', 'source'] as const) {
        const text = buildDsconfig(input(name, direction));
        assert.ok(!/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text.replace(/\n/g, '')), JSON.stringify(text));
        // Every line is a comment, a blank, a dsconfig command or one of its continuation lines.
        for (const line of text.split('\n')) assert.match(line, /^(#.*|dsconfig .*|    --.*|)$/, JSON.stringify(line));
      }
    }
  });

  it('passes bash -n and, run by bash with a fake dsconfig on PATH, creates no file and passes the expected arguments', function () {
    this.timeout(120_000); // about 60 processes: slow on a busy machine
    const dir = mkdtempSync(join(tmpdir(), 'dsconfig-inert-'));
    try {
      const bin = join(dir, 'bin');
      const work = join(dir, 'work');
      execFileSync('mkdir', ['-p', bin, work]);
      // A fake dsconfig on PATH appends its arguments to one file: NUL after each, an empty one after each call.
      writeFileSync(join(bin, 'dsconfig'), '#!/bin/sh\nprintf \'%s\\0\' "$@" \'\' >> "$CALLS"\n');
      chmodSync(join(bin, 'dsconfig'), 0o755);
      for (const name of hostile) {
        for (const direction of ['destination', 'source'] as const) {
          const script = buildDsconfig(input(name, direction));
          const file = join(dir, 'script.sh');
          writeFileSync(file, script);
          execFileSync('bash', ['-n', file]);
          const calls = join(dir, 'calls');
          writeFileSync(calls, '');
          execFileSync('bash', ['--norc', '--noprofile', file], {
            cwd: work,
            env: { PATH: `${bin}:${process.env.PATH ?? ''}`, CALLS: calls, PINGONE_CLIENT_SECRET: 's' },
          });
          assert.deepEqual(readdirSync(work), [], `nothing was created for ${JSON.stringify(name)}`);
          assert.ok(!existsSync(join(dir, 'PWNED')) && !existsSync(join(bin, 'PWNED')));
          const args = readFileSync(calls, 'utf8')
            .split('\0\0')
            .slice(0, -1)
            .map((call) => call.split('\0'));
          assert.equal(
            args.length,
            direction === 'destination' ? 3 : 1,
            `the dsconfig calls and nothing else, for ${JSON.stringify(name)} (${direction})`
          );
          assert.equal(args[0][0], direction === 'destination' ? 'create-sync-destination' : 'create-sync-source');
          // The name reaches dsconfig as one argument, neutralized but otherwise unchanged.
          const expectedName = `PingOne ${name}`.replace(
            /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu,
            (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`
          );
          assert.equal(args[0][2], expectedName);
          if (direction === 'destination')
            assert.deepEqual(args[1], ['create-attribute-map', '--map-name', `${expectedName} Attribute Map`, '--no-prompt']);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a secret that holds control characters instead of changing it', () => {
    assert.throws(() => buildDsconfig({ ...base, clientSecret: 'abc\ntouch PWNED' }), /control characters/);
  });
});

describe('syncConfig: shellQuote', () => {
  it('leaves safe words alone and single-quotes the rest', () => {
    assert.equal(shellQuote('api-url:https://x/v1'), 'api-url:https://x/v1');
    assert.equal(shellQuote('two words'), `'two words'`);
    assert.equal(shellQuote(`it's`), `'it'\\''s'`);
    assert.equal(shellQuote(''), `''`);
  });
});
