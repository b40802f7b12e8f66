import { IDENTITY_DATA_ADMIN } from '../pingone/models';

/** Workers first, then by name: the order of apps in the tree and in the app picker. */
export function compareApps(a: { type: string; name: string }, b: { type: string; name: string }): number {
  const worker = Number(b.type === 'WORKER') - Number(a.type === 'WORKER');
  return worker || String(a.name).localeCompare(String(b.name));
}

/** Identity Data Admin (what PingDataSync needs) first, then by name: the order of roles in every role picker. */
export function compareRoles(a: { name: string }, b: { name: string }): number {
  return Number(b.name === IDENTITY_DATA_ADMIN) - Number(a.name === IDENTITY_DATA_ADMIN) || a.name.localeCompare(b.name);
}
