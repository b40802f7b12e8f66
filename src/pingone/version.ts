import { version } from '../../package.json';

/** The toolkit's version (from package.json; esbuild inlines just this field). */
export const DEFAULT_TOOLKIT_VERSION: string = version;

/** `User-Agent: pingone-sync-toolkit/<version>`, sent on every request. */
export function userAgentFor(version: string = DEFAULT_TOOLKIT_VERSION): string {
  return `pingone-sync-toolkit/${version}`;
}
