/**
 * PingOne regions and their hosts (PingOne docs, IP address and domain reference). The six region codes and
 * their top-level domains are confirmed by Ping's docs, SDK and Terraform.
 */
export type RegionCode = 'NA' | 'EU' | 'CA' | 'AU' | 'SG' | 'AP';

export interface RegionInfo {
  code: RegionCode;
  label: string;
  tld: string;
}

export const REGIONS: Readonly<Record<RegionCode, RegionInfo>> = {
  NA: { code: 'NA', label: 'North America', tld: 'com' },
  EU: { code: 'EU', label: 'Europe', tld: 'eu' },
  CA: { code: 'CA', label: 'Canada', tld: 'ca' },
  AU: { code: 'AU', label: 'Australia', tld: 'com.au' },
  SG: { code: 'SG', label: 'Singapore', tld: 'sg' },
  AP: { code: 'AP', label: 'Asia-Pacific (legacy .asia)', tld: 'asia' },
};

export const REGION_CODES = Object.keys(REGIONS) as RegionCode[];

/** The region PingOne (and its SDK) assume when none is given. */
export const DEFAULT_REGION: RegionCode = 'NA';

export function isRegionCode(value: unknown): value is RegionCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REGIONS, value);
}

/**
 * Accepts a region code (`eu`, `EU`), a TLD (`com.au`) or a host/URL on a
 * PingOne domain (`https://auth.pingone.eu/...`). Returns undefined when the
 * text names no known region.
 */
export function parseRegion(text: string): RegionCode | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const upper = value.toUpperCase();
  if (isRegionCode(upper)) return upper;
  // License objects say NORTH_AMERICA etc. (PingOne docs, IP address and domain reference).
  const aliases: Record<string, RegionCode> = {
    NORTH_AMERICA: 'NA',
    EUROPE: 'EU',
    CANADA: 'CA',
    AUSTRALIA: 'AU',
    SINGAPORE: 'SG',
    ASIA_PACIFIC: 'AP',
    ASIA: 'AP',
  };
  if (aliases[upper.replace(/[\s-]+/g, '_')]) return aliases[upper.replace(/[\s-]+/g, '_')];
  const lower = value.toLowerCase().replace(/^\./, '');
  for (const info of Object.values(REGIONS)) {
    if (lower === info.tld) return info.code;
  }
  let host = lower;
  try {
    if (/^[a-z]+:\/\//.test(lower)) host = new URL(lower).hostname;
  } catch {
    return undefined;
  }
  // Suffix checks rather than `/(?:^|\.)pingone\.([a-z.]+)$/`, which rescans the rest at every `.pingone.`.
  for (const info of Object.values(REGIONS)) {
    const domain = `pingone.${info.tld}`;
    if (host === domain || host.endsWith(`.${domain}`)) return info.code;
  }
  return undefined;
}

export function regionAuthBaseUrl(region: RegionCode): string {
  return `https://auth.pingone.${REGIONS[region].tld}`;
}

export function regionApiBaseUrl(region: RegionCode): string {
  return `https://api.pingone.${REGIONS[region].tld}/v1`;
}

/** Admin console host, for "Open in PingOne console" links. */
export function regionConsoleBaseUrl(region: RegionCode): string {
  return `https://console.pingone.${REGIONS[region].tld}`;
}
