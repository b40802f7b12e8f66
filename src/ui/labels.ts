/**
 * The words the tree, the pickers and the messages use for PingOne values,
 * so each value reads the same everywhere.
 */
import { neutralize } from '../usernames/inertText';

/** CLIENT_SECRET_POST → Client Secret Post. */
export function humanise(value: string): string {
  return value
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

const PROTOCOLS: Record<string, string> = { OPENID_CONNECT: 'OpenID Connect', SAML: 'SAML' };

/** OPENID_CONNECT → OpenID Connect (the spelling of the OpenID Foundation). */
export function protocolLabel(protocol: string | undefined): string {
  if (!protocol) return 'unknown';
  return PROTOCOLS[protocol] ?? humanise(protocol);
}

/**
 * What kind of app it is, as the PingOne console names it: a SAML app has
 * type WEB_APP in the API but is a "SAML Application" to the user.
 */
export function appTypeLabel(app: { type: string; protocol?: string }): string {
  if (app.protocol === 'SAML') return 'SAML App';
  return humanise(app.type);
}

/** "Production · NA", in the tree and in the environment picker alike. */
export function environmentDescription(e: { type?: string; region?: string }): string {
  return [e.type ? humanise(String(e.type)) : undefined, e.region].filter(Boolean).join(' · ');
}

/** Escapes Markdown in text from PingOne (names, descriptions are user data); invisible and bidi characters are shown as <U+202E>. */
export function escapeMarkdown(text: string): string {
  return neutralize(text).replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
