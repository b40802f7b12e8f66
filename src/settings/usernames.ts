/**
 * The `pingone.usernames.*` settings, read once per check and normalised.
 * Pure: the caller passes a getter (a `WorkspaceConfiguration.get`), so the
 * defaults and clamping are unit-tested without VS Code.
 */
import { clamp } from './clamp';
import { syncFileGlobs } from '../usernames/formats';
import type { FileFormat, FindingCode, Profile, ScanOptions, SeveritySetting } from '../usernames/types';

export interface UsernameSettings {
  profile: Profile;
  ldifAttribute: string;
  csvColumn: string;
  include: string[];
  exclude: string[];
  severity: Partial<Record<FindingCode, SeveritySetting>>;
  maxProblemsPerFile: number;
  debounceMs: number;
}

export const SETTINGS_SECTION = 'pingone.usernames';

export const DEFAULT_SETTINGS: UsernameSettings = {
  profile: 'guide',
  ldifAttribute: 'uid',
  csvColumn: 'username',
  include: syncFileGlobs(),
  exclude: ['**/node_modules/**', '**/.git/**'],
  severity: {},
  maxProblemsPerFile: 1000,
  debounceMs: 250,
};

/** Bounds of the numeric settings; package.json declares the same (no maximum for the problem cap: 1,000,000 is ours). */
export const NUMBER_BOUNDS = {
  maxProblemsPerFile: { minimum: 1, maximum: 1_000_000 },
  debounceMs: { minimum: 0, maximum: 5000 },
} as const;

const PROFILES: readonly Profile[] = ['api', 'guide', 'strict'];
const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

type Getter = <T>(key: string) => T | undefined;

function stringList(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : fallback;
}

function nonEmpty(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() ? value.trim() : fallback;
}

/** Reads and validates the settings; a bad value falls back to its default instead of failing the check. */
export function readSettings(get: Getter): UsernameSettings {
  const profile = get<string>('profile');
  const rawSeverity = get<Record<string, unknown>>('severity');
  const severity: Partial<Record<FindingCode, SeveritySetting>> = {};
  if (rawSeverity && typeof rawSeverity === 'object') {
    for (const [code, level] of Object.entries(rawSeverity)) {
      if (typeof level === 'string' && (SEVERITIES as readonly string[]).includes(level)) {
        severity[code as FindingCode] = level as SeveritySetting;
      }
    }
  }
  return {
    profile: PROFILES.includes(profile as Profile) ? (profile as Profile) : DEFAULT_SETTINGS.profile,
    ldifAttribute: nonEmpty(get('ldifAttribute'), DEFAULT_SETTINGS.ldifAttribute),
    csvColumn: nonEmpty(get('csvColumn'), DEFAULT_SETTINGS.csvColumn),
    include: stringList(get('include'), DEFAULT_SETTINGS.include),
    exclude: stringList(get('exclude'), DEFAULT_SETTINGS.exclude),
    severity,
    maxProblemsPerFile: clamp(
      get('maxProblemsPerFile'),
      NUMBER_BOUNDS.maxProblemsPerFile.minimum,
      NUMBER_BOUNDS.maxProblemsPerFile.maximum,
      DEFAULT_SETTINGS.maxProblemsPerFile
    ),
    debounceMs: clamp(get('debounceMs'), NUMBER_BOUNDS.debounceMs.minimum, NUMBER_BOUNDS.debounceMs.maximum, DEFAULT_SETTINGS.debounceMs),
  };
}

/** The engine options for one file. The problem cap is applied when publishing, so the engine's counts stay whole. */
export function scanOptionsFor(settings: UsernameSettings, format: FileFormat): ScanOptions {
  return {
    format,
    profile: settings.profile,
    ldifAttribute: settings.ldifAttribute,
    csvColumn: settings.csvColumn,
    severities: settings.severity,
  };
}

/** A stable key: when it changes, every open document is re-checked from scratch. */
export function settingsKey(settings: UsernameSettings): string {
  return JSON.stringify(settings);
}
