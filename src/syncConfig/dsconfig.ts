/**
 * PingDataSync `dsconfig` commands for a PingOne sync destination or source
 * (type `ping-one-customer`) built from a worker app. Property names follow
 * the current PingDataSync Configuration Reference ("PingOne Sync Destination");
 * the 7.0 releases
 * used a `ping-one-` prefix, which we do not emit.
 */
import { neutralize } from '../usernames/inertText';

export type SyncDirection = 'destination' | 'source';

export interface DsconfigInput {
  direction: SyncDirection;
  /** Name of the PingDataSync object to create, e.g. "PingOne Sync Staging". */
  objectName: string;
  appName: string;
  /** The worker app's Client ID (its `id`). */
  clientId: string;
  environmentId: string;
  environmentName?: string;
  /** e.g. https://api.pingone.com/v1 */
  apiBaseUrl: string;
  /** The token endpoint of the environment that holds the worker. */
  tokenUrl: string;
  /** Include the secret itself; otherwise a shell variable stands in for it. */
  clientSecret?: string;
  /** Destination: the population new users go to. */
  defaultPopulation?: { id: string; name?: string };
  /** Source: the populations to read (IDs). */
  populationsToSynchronize?: { id: string; name?: string }[];
  /** Also emit the attribute map with the `resourceType` mapping PingOne destinations require. */
  includeResourceTypeMapping?: boolean;
}

/** The shell variable that stands in for the secret when it is not included. */
export const SECRET_VARIABLE = 'PINGONE_CLIENT_SECRET';

const SAFE_UNQUOTED = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX shell quoting: plain when safe, else single quotes with `'\''` escapes. Unsafe characters are neutralized first. */
export function shellQuote(value: string): string {
  const inert = neutralize(value);
  if (inert !== '' && SAFE_UNQUOTED.test(inert)) return inert;
  return `'${inert.replace(/'/g, `'\\''`)}'`;
}

function setArg(property: string, value: string): string {
  return `--set ${shellQuote(`${property}:${value}`)}`;
}

function command(parts: string[]): string {
  return parts.join(' \\\n    ');
}

export function validateDsconfigInput(input: DsconfigInput): string[] {
  const problems: string[] = [];
  if (!input.objectName.trim()) problems.push('Enter a name for the PingDataSync object.');
  // A secret must reach PingDataSync exactly, so one that would need neutralizing is refused instead.
  if (input.clientSecret !== undefined && neutralize(input.clientSecret) !== input.clientSecret) {
    problems.push('The client secret contains control characters; copy it on its own instead.');
  }
  for (const [label, value] of [
    ['client ID', input.clientId],
    ['environment ID', input.environmentId],
  ] as const) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
      problems.push(`The ${label} "${value}" is not a UUID.`);
  }
  for (const [label, value] of [
    ['API URL', input.apiBaseUrl],
    ['token URL', input.tokenUrl],
  ] as const) {
    try {
      new URL(value);
    } catch {
      problems.push(`The ${label} "${value}" is not a URL.`);
    }
  }
  return problems;
}

/** The commands, with comments saying what each does and what to replace. */
export function buildDsconfig(input: DsconfigInput): string {
  const problems = validateDsconfigInput(input);
  if (problems.length) throw new Error(problems.join(' '));
  const isDestination = input.direction === 'destination';
  const secretValue = input.clientSecret ?? `\${${SECRET_VARIABLE}}`;
  const lines: string[] = [];
  // Names come from PingOne, where any admin can set them: every comment goes through `neutralize`.
  const comment = (text: string) => lines.push(`# ${neutralize(text)}`);
  const env = input.environmentName ? `${input.environmentName} (${input.environmentId})` : input.environmentId;
  comment(`PingDataSync ${isDestination ? 'sync destination' : 'sync source'} for PingOne environment ${env}`);
  comment(`Worker app "${input.appName}" (client ID ${input.clientId}).`);
  if (input.clientSecret === undefined) {
    comment(`The client secret is not included: set it first, e.g. read -rs ${SECRET_VARIABLE} && export ${SECRET_VARIABLE}`);
  } else {
    comment('WARNING: this text contains the client secret. Do not commit or share it.');
  }
  lines.push('');

  const secretArg =
    input.clientSecret === undefined
      ? `--set "oauth-client-secret:\${${SECRET_VARIABLE}}"` // double quotes so the shell expands the variable
      : setArg('oauth-client-secret', secretValue);
  const common = [
    setArg('api-url', input.apiBaseUrl),
    setArg('auth-url', input.tokenUrl),
    setArg('environment-id', input.environmentId),
    setArg('oauth-client-id', input.clientId),
    secretArg,
  ];
  if (isDestination) {
    const parts = [
      'dsconfig create-sync-destination',
      `--destination-name ${shellQuote(input.objectName)}`,
      '--type ping-one-customer',
      ...common,
    ];
    if (input.defaultPopulation) parts.push(setArg('default-population-id', input.defaultPopulation.id));
    parts.push('--no-prompt');
    if (input.defaultPopulation?.name) comment(`New users go to population "${input.defaultPopulation.name}".`);
    lines.push(command(parts));
  } else {
    const parts = ['dsconfig create-sync-source', `--source-name ${shellQuote(input.objectName)}`, '--type ping-one-customer', ...common];
    for (const p of input.populationsToSynchronize ?? []) parts.push(setArg('population-to-synchronize', p.id));
    parts.push('--no-prompt');
    const names = (input.populationsToSynchronize ?? []).map((p) => p.name).filter(Boolean);
    if (names.length) comment(`Reads users of population(s): ${names.join(', ')}.`);
    lines.push(command(parts));
  }

  if (isDestination && input.includeResourceTypeMapping) {
    const mapName = `${input.objectName} Attribute Map`;
    lines.push('');
    comment('PingOne destinations require a constructed mapping named resourceType with the value "user".');
    lines.push(command(['dsconfig create-attribute-map', `--map-name ${shellQuote(mapName)}`, '--no-prompt']));
    lines.push(
      command([
        'dsconfig create-attribute-mapping',
        `--map-name ${shellQuote(mapName)}`,
        '--mapping-name resourceType',
        '--type constructed',
        setArg('value-pattern', 'user'),
        '--no-prompt',
      ])
    );
    comment('PingOne destinations refuse renames: set allow-destination-renames:false on the sync class.');
  }
  return lines.join('\n') + '\n';
}
