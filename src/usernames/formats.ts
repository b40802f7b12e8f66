/**
 * The one table of sync-file formats. The engine (`detectFormat`), the editor
 * (language ids, the document selector, the default `pingone.usernames.include`
 * globs, package.json `contributes.languages`) and the CLI's directory walk all
 * read it, so a file one of them checks is a file all of them check. A unit
 * test holds package.json to it.
 */
import type { FileFormat } from './types';

/** File name extensions (lower case, with the dot) and the scanner that reads them. */
export const FILE_FORMATS: ReadonlyArray<{ readonly extension: string; readonly format: FileFormat }> = [
  { extension: '.ldif', format: 'ldif' },
  // Microsoft's ldifde writes LDIF with this extension.
  { extension: '.ldf', format: 'ldif' },
  { extension: '.csv', format: 'csv' },
  { extension: '.tsv', format: 'csv' },
];

/** Editor language ids per format: ours, plus the ones Rainbow CSV adds (VS Code ships no CSV language). */
export const LANGUAGE_IDS: Readonly<Record<FileFormat, readonly string[]>> = {
  ldif: ['ldif'],
  csv: ['csv', 'tsv', 'csv (semicolon)', 'csv (pipe)', 'csv (whitespace)', 'dynamic csv'],
};

/** Format from a file name or path by its extension (any case); undefined for anything else. */
export function formatOfFileName(fileName: string): FileFormat | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return undefined;
  const ext = fileName.slice(dot).toLowerCase();
  for (const f of FILE_FORMATS) if (f.extension === ext) return f.format;
  return undefined;
}

/** Format from an editor language id; undefined when the id means neither. */
export function formatOfLanguage(languageId: string): FileFormat | undefined {
  if (LANGUAGE_IDS.ldif.includes(languageId)) return 'ldif';
  if (LANGUAGE_IDS.csv.includes(languageId)) return 'csv';
  return undefined;
}

/** One `**\/*.ext` glob per extension of the table (the default include setting). */
export function syncFileGlobs(): string[] {
  return FILE_FORMATS.map((f) => `**/*${f.extension}`);
}

/** The extensions in a sentence, for messages: ".ldif, .ldf, .csv or .tsv". */
export function extensionList(): string {
  const exts = FILE_FORMATS.map((f) => f.extension);
  return `${exts.slice(0, -1).join(', ')} or ${exts[exts.length - 1]}`;
}
