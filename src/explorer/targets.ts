import type { Application, Environment } from '../pingone/models';

/**
 * What a command acts on. Tree nodes implement these shapes, so a command
 * run from the tree gets its target directly; from the palette it asks for
 * one with the pickers in src/commands/pickers.ts.
 */
export interface ConnectionTarget {
  readonly kind: 'connection';
  readonly connectionId: string;
}

export interface EnvironmentTarget {
  readonly kind: 'environment';
  readonly connectionId: string;
  readonly environmentId: string;
  readonly environment?: Environment;
}

export interface AppTarget {
  readonly kind: 'app';
  readonly connectionId: string;
  readonly environmentId: string;
  readonly applicationId: string;
  readonly application?: Application;
}

export type DetailKind = 'clientId' | 'environmentId' | 'enabled' | 'grantTypes' | 'authMethod' | 'roleAssignment' | 'readiness' | 'roles';

/** A detail row under an app (Client ID, role assignment, readiness, …). */
export interface DetailTarget {
  readonly kind: 'detail';
  readonly detail: DetailKind;
  readonly connectionId: string;
  readonly environmentId: string;
  readonly applicationId: string;
  /** For role assignment rows. */
  readonly roleAssignmentId?: string;
  /** The app as the tree has it, so a command run from a row can name it. */
  readonly application?: Application;
}

export type Target = ConnectionTarget | EnvironmentTarget | AppTarget | DetailTarget;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function isTarget(v: unknown): v is Target {
  return isObject(v) && typeof v.kind === 'string' && typeof v.connectionId === 'string';
}

/** An app target from an app node or any of its detail rows. */
export function asAppTarget(v: unknown): AppTarget | undefined {
  if (!isTarget(v)) return undefined;
  if (v.kind === 'app') return v;
  if (v.kind === 'detail')
    return {
      kind: 'app',
      connectionId: v.connectionId,
      environmentId: v.environmentId,
      applicationId: v.applicationId,
      application: v.application,
    };
  return undefined;
}

export function asEnvironmentTarget(v: unknown): EnvironmentTarget | undefined {
  if (!isTarget(v)) return undefined;
  if (v.kind === 'environment') return v;
  if (v.kind === 'app' || v.kind === 'detail') return { kind: 'environment', connectionId: v.connectionId, environmentId: v.environmentId };
  return undefined;
}
