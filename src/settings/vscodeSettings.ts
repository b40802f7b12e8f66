import * as vscode from 'vscode';
import { type UserScopeSettings, readUserScopeSettings } from './userScope';

/**
 * A setting from the user's (global) scope only, or undefined. These settings
 * decide where and how credentials travel, so a workspace or folder value is
 * never consulted, even if VS Code would allow one.
 */
export function userValue(id: string): unknown {
  const dot = id.lastIndexOf('.');
  return vscode.workspace.getConfiguration(id.slice(0, dot)).inspect(id.slice(dot + 1))?.globalValue;
}

/** `pingone.explorer.*` and `pingone.api.*`, from the user's scope, defaulted and clamped. */
export function userScopeSettings(): UserScopeSettings {
  return readUserScopeSettings(userValue);
}

/** VS Code's own proxy settings (`http.*`), from the user's scope. */
export function proxySettingValues(): { proxyUrl?: string; noProxy?: string[]; strictSSL: boolean } {
  const proxy = userValue('http.proxy');
  const noProxy = userValue('http.noProxy');
  const strict = userValue('http.proxyStrictSSL');
  return {
    proxyUrl: typeof proxy === 'string' && proxy ? proxy : undefined,
    noProxy: Array.isArray(noProxy) ? noProxy.filter((v): v is string => typeof v === 'string') : undefined,
    strictSSL: typeof strict === 'boolean' ? strict : true,
  };
}
