/** Command-line options of `pingone-sync-lint`. */
import { FINDING_CODES } from '../usernames/ruleHelp';
import type { FindingCode, Profile, SeveritySetting } from '../usernames/types';

export interface CliOptions {
  format: 'text' | 'json' | 'sarif';
  profile: Profile;
  ldifAttribute?: string;
  csvColumn?: string;
  severities: Partial<Record<FindingCode, SeveritySetting>>;
  paths: string[];
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: pingone-sync-lint [options] <file|dir>...

Checks PingOne usernames in LDIF (.ldif, .ldf) and CSV (.csv, .tsv) sync files.
Directories are searched recursively for files with those extensions.

Options:
  --format text|json|sarif     output format (default text)
  --profile api|guide|strict   username rules (default guide)
  --ldif-attribute NAME        LDIF attribute holding the username (default uid)
  --csv-column NAME            CSV column holding the username (default username)
  --severity CODE=LEVEL        error|warning|info|off for a finding code (repeatable)
  -h, --help                   show this help
  -V, --version                show the version

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error, or no file to check.
`;

export class UsageError extends Error {}

export function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = { format: 'text', profile: 'guide', severities: {}, paths: [], help: false, version: false };
  const value = (i: number, name: string): string => {
    const v = argv[i];
    if (v === undefined) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline: string | undefined;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const next = (): string => inline ?? value(++i, a);
    switch (a) {
      case '-h':
      case '--help':
        o.help = true;
        break;
      case '-V':
      case '--version':
        o.version = true;
        break;
      case '--format': {
        const v = next();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got "${v}")`);
        o.format = v;
        break;
      }
      case '--profile': {
        const v = next();
        if (v !== 'api' && v !== 'guide' && v !== 'strict') throw new UsageError(`--profile must be api, guide or strict (got "${v}")`);
        o.profile = v;
        break;
      }
      case '--ldif-attribute':
        o.ldifAttribute = next();
        break;
      case '--csv-column':
        o.csvColumn = next();
        break;
      case '--severity': {
        const v = next();
        const m = /^([a-z-]+)=(error|warning|info|off)$/.exec(v);
        if (!m) throw new UsageError(`--severity expects CODE=error|warning|info|off (got "${v}")`);
        if (!FINDING_CODES.includes(m[1] as FindingCode))
          throw new UsageError(`unknown finding code "${m[1]}"; known: ${FINDING_CODES.join(', ')}`);
        o.severities[m[1] as FindingCode] = m[2] as SeveritySetting;
        break;
      }
      case '--':
        o.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(argv[i]);
    }
  }
  if (!o.help && !o.version && o.paths.length === 0) throw new UsageError('no files or directories given');
  return o;
}
