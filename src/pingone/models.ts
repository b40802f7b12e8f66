/**
 * PingOne resource shapes (PingOne Platform API). Only the fields the toolkit uses are
 * typed; every object keeps unknown fields (index signature) because PUT is a
 * full replace and dropping a field would clear it in PingOne.
 */

export interface Link {
  href: string;
}

export interface Links {
  self?: Link;
  next?: Link;
  prev?: Link;
  [name: string]: Link | undefined;
}

export interface Collection<K extends string, T> {
  _links?: Links;
  _embedded?: { [key in K]?: T[] };
  count?: number;
  size?: number;
}

export type EnvironmentType = 'PRODUCTION' | 'SANDBOX';

export interface Environment {
  id: string;
  name: string;
  description?: string;
  type?: EnvironmentType | string;
  /** NA, EU, CA, AU, SG, AP; other strings tolerated (PingOne docs, IP address and domain reference). */
  region?: string;
  status?: string;
  license?: { id: string; package?: string };
  organization?: { id: string };
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

export type GrantType =
  'AUTHORIZATION_CODE' | 'IMPLICIT' | 'REFRESH_TOKEN' | 'CLIENT_CREDENTIALS' | 'DEVICE_CODE' | 'TOKEN_EXCHANGE' | 'CIBA';
export type AppTokenEndpointAuthMethod = 'NONE' | 'CLIENT_SECRET_BASIC' | 'CLIENT_SECRET_POST' | 'PRIVATE_KEY_JWT' | 'CLIENT_SECRET_JWT';

export interface ApplicationIcon {
  id: string;
  href: string;
}

/** The writable fields of an application (unknown fields are kept too). */
interface ApplicationFields {
  name: string;
  description?: string;
  enabled: boolean;
  type: string;
  protocol: string;
  grantTypes?: Array<GrantType | string>;
  tokenEndpointAuthMethod?: AppTokenEndpointAuthMethod | string;
  icon?: ApplicationIcon;
  [field: string]: unknown;
}

/** What may be sent in POST/PUT: an application without the read-only fields (unknown fields kept). */
export interface ApplicationBody extends ApplicationFields {
  /** Only honoured on POST. */
  assignActorRoles?: boolean;
}

export interface Application extends ApplicationFields {
  /** Also the OIDC Client ID. */
  id: string;
  environment?: { id: string };
  createdAt?: string;
  updatedAt?: string;
  _links?: Links;
}

export interface ApplicationSecret {
  secret: string;
  previous?: { secret: string; expiresAt?: string; lastUsed?: string };
  environment?: { id: string };
  [field: string]: unknown;
}

export type RoleScopeType = 'ORGANIZATION' | 'ENVIRONMENT' | 'POPULATION' | 'APPLICATION';

export interface Role {
  id: string;
  name: string;
  description?: string;
  applicableTo?: Array<RoleScopeType | string>;
  type?: 'PLATFORM' | 'CUSTOM' | string;
  [field: string]: unknown;
}

export interface RoleAssignment {
  id: string;
  role: { id: string };
  scope: { id: string; type: RoleScopeType | string };
  environment?: { id: string };
  /** True when the current actor may not delete it. */
  readOnly?: boolean;
  [field: string]: unknown;
}

export interface Population {
  id: string;
  name: string;
  description?: string;
  default?: boolean;
  userCount?: number;
  [field: string]: unknown;
}

export interface User {
  id: string;
  username: string;
  email?: string;
  population?: { id: string };
  enabled?: boolean;
  [field: string]: unknown;
}

export type ImageFormat = 'png' | 'jpg' | 'gif';

export interface Image {
  id: string;
  environment?: { id: string };
  createdAt?: string;
  targets: { original: { id?: string; href: string; type?: ImageFormat | string; width?: number; height?: number } };
  [field: string]: unknown;
}

/** Names PingOne gives built-in roles (PingOne Platform API, Roles): match exactly. */
export const IDENTITY_DATA_ADMIN = 'Identity Data Admin';
