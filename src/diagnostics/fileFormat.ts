import { formatOfFileName, formatOfLanguage } from '../usernames/formats';
import type { FileFormat } from '../usernames/types';

/** Which scanner reads a file: by language id first, then by extension (the engine's one table); undefined when neither fits. */
export function formatOf(languageId: string | undefined, path: string): FileFormat | undefined {
  return (languageId !== undefined ? formatOfLanguage(languageId) : undefined) ?? formatOfFileName(path);
}
