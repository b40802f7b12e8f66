import type { RunningEmulator } from '../../../emulator';

/**
 * Every client secret and access token an emulator issued during the run,
 * kept on globalThis because each suite file is its own bundle with its own
 * copy of this module. The root hook in test/integration/index.ts searches for them after every suite.
 */
interface Ledger {
  values: Set<string>;
  shownTexts: string[];
}

export function ledger(): Ledger {
  const g = globalThis as { __pingoneSecretLedger?: Ledger };
  g.__pingoneSecretLedger ??= { values: new Set(), shownTexts: [] };
  return g.__pingoneSecretLedger;
}

interface StoredSecret {
  current: string;
  previous?: { secret: string };
}

/** A secret, and the `client_id:secret` Base64 form a Basic auth header would carry. */
function record(appId: string, secret: string): void {
  const values = ledger().values;
  values.add(secret);
  values.add(Buffer.from(`${appId}:${secret}`).toString('base64'));
}

/** Records a stored secret now and whenever it is rotated in place. */
function watchSecret(appId: string, stored: StoredSecret): StoredSecret {
  record(appId, stored.current);
  if (stored.previous) record(appId, stored.previous.secret);
  return new Proxy(stored, {
    set(target, key, value) {
      if (key === 'current' && typeof value === 'string') record(appId, value);
      if (key === 'previous' && value && typeof value.secret === 'string') record(appId, value.secret);
      return Reflect.set(target, key, value);
    },
  });
}

/** Starts recording an emulator's secrets and tokens; returns it unchanged. */
export function trackEmulator<E extends RunningEmulator>(emu: E): E {
  const values = ledger().values;
  record(emu.clientId, emu.clientSecret);
  const secrets = emu.state.secrets as unknown as Map<string, StoredSecret>;
  for (const [id, s] of secrets) secrets.set(id, watchSecret(id, s));
  const setSecret = secrets.set.bind(secrets);
  secrets.set = (id, s) => setSecret(id, watchSecret(id, s));
  const tokens = emu.state.tokens as Map<string, unknown>;
  for (const t of tokens.keys()) values.add(t);
  const setToken = tokens.set.bind(tokens);
  tokens.set = (token, v) => {
    values.add(token);
    return setToken(token, v);
  };
  return emu;
}
