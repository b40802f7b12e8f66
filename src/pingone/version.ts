/** Version sent in `User-Agent: pingone-sync-toolkit/<version>` when the caller passes none. */
export const DEFAULT_TOOLKIT_VERSION = '0.1.0';

export function userAgentFor(version: string = DEFAULT_TOOLKIT_VERSION): string {
  return `pingone-sync-toolkit/${version}`;
}
