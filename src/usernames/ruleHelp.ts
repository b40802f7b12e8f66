/** One line of help per finding code (SARIF rules, README anchors, CLI). */
import type { FindingCode, Severity } from './types';

export const RULE_HELP: Record<FindingCode, { title: string; help: string }> = {
  'username-missing': {
    title: 'Username missing',
    help: 'Every PingOne user needs a username: the entry or row has none, or it is empty.',
  },
  'username-too-long': {
    title: 'Username too long',
    help: 'PingOne usernames are at most 128 characters, counted in Unicode code points.',
  },
  'username-invalid-character': {
    title: 'Invalid character in username',
    help: 'PingOne accepts only letters, marks, numbers, punctuation, symbols and space separators (Unicode L, M, N, P, S, Zs); controls, invisible format characters, line separators and private-use characters are rejected.',
  },
  'username-format': {
    title: 'Username format',
    help: 'Profile guide/strict: a username should be a well-formed email address or only letters, marks, ".", "_" and "-" (guide also allows digits).',
  },
  'username-whitespace': {
    title: 'White space around username',
    help: 'Leading or trailing white space is accepted by the API pattern but is almost always a mistake.',
  },
  'username-duplicate': {
    title: 'Duplicate username',
    help: 'Usernames are unique within a PingOne environment; the second entry would fail or update the first user. In change files uniqueness follows each DN through add, modify, delete and rename.',
  },
  'username-duplicate-case': {
    title: 'Usernames differ only in case',
    help: 'Two usernames that differ only in case or Unicode normalization may clash in PingOne.',
  },
  'username-multiple-values': {
    title: 'Several username values',
    help: 'The entry has several values for the username attribute; PingOne usernames are single-valued.',
  },
  'username-unchecked': {
    title: 'Username not checked',
    help: 'The value comes from a URL (LDIF ":<") that is not fetched, so it cannot be checked.',
  },
  'ldif-rename': { title: 'Rename record', help: 'modrdn/moddn records rename entries; PingOne sync destinations do not allow renames.' },
  'ldif-syntax': { title: 'LDIF syntax', help: 'The LDIF cannot be read as RFC 2849 (or Ping tools) would read it at this point.' },
  'csv-syntax': { title: 'CSV syntax', help: 'The CSV cannot be read as RFC 4180 describes at this point.' },
};

export const FINDING_CODES = Object.keys(RULE_HELP) as FindingCode[];

export const DEFAULT_SEVERITY: Record<FindingCode, Severity> = {
  'username-missing': 'error',
  'username-too-long': 'error',
  'username-invalid-character': 'error',
  'username-format': 'warning',
  'username-whitespace': 'warning',
  'username-duplicate': 'error',
  'username-duplicate-case': 'warning',
  'username-multiple-values': 'warning',
  'username-unchecked': 'info',
  'ldif-rename': 'warning',
  'ldif-syntax': 'error',
  'csv-syntax': 'error',
};
