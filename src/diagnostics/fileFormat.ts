import type { FileFormat } from '../usernames/types';

/** Language ids that mean CSV (VS Code ships none; Rainbow CSV adds these). */
const CSV_LANGUAGES = new Set(['csv', 'tsv', 'csv (semicolon)', 'csv (pipe)', 'csv (whitespace)', 'dynamic csv']);

/** Which scanner reads a file: by language id first, then by extension; undefined when neither fits. */
export function formatOf(languageId: string | undefined, path: string): FileFormat | undefined {
  if (languageId === 'ldif') return 'ldif';
  if (languageId && CSV_LANGUAGES.has(languageId)) return 'csv';
  const lower = path.toLowerCase();
  if (lower.endsWith('.ldif')) return 'ldif';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  return undefined;
}
