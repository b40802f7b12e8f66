import { isLoopbackHostname, type Connection } from '../pingone/connection';
import { DEFAULT_REGION, isRegionCode, parseRegion, regionConsoleBaseUrl, type RegionCode } from '../pingone/regions';

export type ConsoleLink = { url: string } | { noConsole: string };

/**
 * The PingOne admin console page of an environment:
 * `https://console.pingone.<tld>/?env=<envId>`. A connection to this computer
 * (the emulator) has no console; a custom host on no PingOne domain has none
 * we know of.
 */
export function environmentConsoleLink(connection: Connection, environmentId: string, environmentRegion?: string): ConsoleLink {
  const region = consoleRegion(connection, environmentRegion);
  if ('noConsole' in region) return region;
  return { url: `${regionConsoleBaseUrl(region.region)}/?env=${encodeURIComponent(environmentId)}` };
}

function consoleRegion(connection: Connection, environmentRegion?: string): { region: RegionCode } | { noConsole: string } {
  for (const base of [connection.apiBaseUrl, connection.authBaseUrl]) {
    if (!base) continue;
    let host = '';
    try {
      host = new URL(base).hostname;
    } catch {
      continue;
    }
    if (isLoopbackHostname(host)) {
      return {
        noConsole: `Connection "${connection.name}" goes to ${host} on this computer (the local PingOne emulator), which has no admin console.`,
      };
    }
    const fromHost = parseRegion(base);
    if (fromHost) return { region: fromHost };
    return { noConsole: `Connection "${connection.name}" uses the custom host ${host}; its PingOne console address is not known.` };
  }
  if (connection.region) return { region: connection.region };
  if (environmentRegion && isRegionCode(environmentRegion)) return { region: environmentRegion };
  return { region: DEFAULT_REGION };
}

/**
 * The console's in-app route to an application. `?env=` is what the console's
 * own links use; this fragment route is UNCONFIRMED (if the console ignores
 * it, the link still lands in the right environment).
 */
export function applicationConsoleUrl(environmentUrl: string, applicationId: string): string {
  return `${environmentUrl}#/connections/applications?selectedAppId=${encodeURIComponent(applicationId)}`;
}
