/**
 * The settings that decide where and how credentials travel and what the
 * explorer loads: `pingone.explorer.*` and `pingone.api.*` (application
 * scope in package.json). Pure: the caller passes a reader of the user's
 * own (global) values, so defaults and clamps are unit-tested without VS Code.
 */
import { clamp } from './clamp';

export interface UserScopeSettings {
  explorerPageSize: number;
  workersOnly: boolean;
  apiTimeoutSeconds: number;
  apiMaxRetries: number;
}

/** Each setting's id, default and bounds, as package.json's contributes.configuration declares them (a unit test keeps them equal). */
export const USER_SCOPE_SETTINGS = {
  explorerPageSize: { id: 'pingone.explorer.pageSize', default: 100, minimum: 10, maximum: 500 },
  workersOnly: { id: 'pingone.explorer.workersOnly', default: false },
  apiTimeoutSeconds: { id: 'pingone.api.timeoutSeconds', default: 30, minimum: 5, maximum: 300 },
  apiMaxRetries: { id: 'pingone.api.maxRetries', default: 4, minimum: 0, maximum: 10 },
} as const;

/** A setting's value from the user's scope, or undefined to take the default. */
export type UserValueReader = (id: string) => unknown;

function number(read: UserValueReader, s: { id: string; default: number; minimum: number; maximum: number }): number {
  return clamp(read(s.id), s.minimum, s.maximum, s.default);
}

export function readUserScopeSettings(read: UserValueReader): UserScopeSettings {
  const s = USER_SCOPE_SETTINGS;
  const workersOnly = read(s.workersOnly.id);
  return {
    explorerPageSize: number(read, s.explorerPageSize),
    workersOnly: typeof workersOnly === 'boolean' ? workersOnly : s.workersOnly.default,
    apiTimeoutSeconds: number(read, s.apiTimeoutSeconds),
    apiMaxRetries: number(read, s.apiMaxRetries),
  };
}
