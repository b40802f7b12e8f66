import { randomUUID } from 'node:crypto';
import {
  type Connection,
  type TokenEndpointAuthMethod,
  validateBaseUrl,
  validateClientId,
  validateEnvironmentId,
} from '../pingone/connection';
import { type PingOneErrorReason, isPingOneError } from '../pingone/errors';
import type { Logger } from '../pingone/logger';
import { DEFAULT_REGION, REGION_CODES, REGIONS, type RegionCode } from '../pingone/regions';
import { type Step, type StepResult, runSteps } from '../ui/multiStep';
import { BACK, type Back, type Prompter, UserCancelled } from '../ui/prompter';
import { isCancellation } from '../util/cancellation';
import { describeError } from '../util/errors';
import type { ClientFactory } from '../connections/clientFactory';
import type { ConnectionStore } from '../connections/connectionStore';

/** What the connection flow needs; plain objects in the unit tests, the real store and factory in VS Code. */
export interface ConnectionFlowDeps {
  connections: Pick<ConnectionStore, 'list' | 'getSecret' | 'save'>;
  clients: Pick<ClientFactory, 'forUnsaved' | 'forConnection'>;
  prompter: Prompter;
  logger: Pick<Logger, 'warn'>;
}

type StepName = 'name' | 'where' | 'authBaseUrl' | 'apiBaseUrl' | 'environmentId' | 'clientId' | 'secret' | 'authMethod';

interface Draft {
  name: string;
  where: RegionCode | 'custom';
  authBaseUrl: string;
  apiBaseUrl: string;
  environmentId: string;
  clientId: string;
  /** Empty while editing means "keep the saved secret". */
  secret: string;
  authMethod: TokenEndpointAuthMethod;
}

interface FlowState {
  draft: Draft;
  /** After a failed verification: the step to reopen; the steps around it keep their answers. */
  resumeAt?: StepName;
  /** Why that step is reopened, shown as its validation message. */
  problem?: string;
}

/**
 * Adds (or, given `existing`, edits) a connection: a multi-step input with
 * Back and inline validation, then a token request to prove it works before
 * anything is saved. When PingOne refuses, the flow goes straight back to
 * the step that most likely needs correcting, with PingOne's reason as that
 * step's validation message. Only the non-secret parts go to global state;
 * the secret only to SecretStorage.
 */
export async function runConnectionFlow(services: ConnectionFlowDeps, existing?: Connection): Promise<Connection> {
  const editing = existing !== undefined;
  const hasSavedSecret = editing && !!(await services.connections.getSecret(existing.id));
  const title = editing ? `Edit PingOne Connection "${existing.name}"` : 'Add PingOne Connection';
  const state: FlowState = { draft: initialDraft(existing) };
  const prompter = () => services.prompter;
  const others = services.connections.list().filter((c) => c.id !== existing?.id);

  /**
   * A step that auto-advances while fast-forwarding to the step being
   * corrected. A step that does not apply (a URL step for a region) is
   * skipped, so Back from the corrected step lands on a step that was shown.
   */
  const step =
    (
      name: StepName,
      valid: () => boolean,
      ask: (pos: { step: number; totalSteps: number }, prompt?: string) => Promise<StepResult>,
      applies = () => true
    ): Step<FlowState> =>
    async (s, pos) => {
      if (!applies()) return 'skip';
      if (s.resumeAt && s.resumeAt !== name && valid()) return 'next';
      const problem = s.resumeAt === name ? s.problem : undefined;
      const r = await ask(pos, problem);
      if (r === BACK && s.resumeAt === name) {
        // Going back from the corrected step: from here on, every step asks again.
        s.resumeAt = undefined;
        s.problem = undefined;
      }
      return r;
    };

  const input = async (
    key: keyof Draft,
    pos: { step: number; totalSteps: number },
    o: { prompt: string; placeholder?: string; password?: boolean; validate: (v: string) => string | undefined },
    problem?: string
  ): Promise<StepResult> => {
    const answer = await prompter().input({
      title,
      step: pos.step,
      totalSteps: pos.totalSteps,
      prompt: o.prompt,
      problem,
      placeholder: o.placeholder,
      password: o.password,
      value: o.password ? '' : String(state.draft[key] ?? ''),
      validate: o.validate,
    });
    if (answer === undefined || answer === BACK) return answer;
    (state.draft as unknown as Record<string, string>)[key] = o.password ? answer : answer.trim();
    return 'next';
  };

  const isCustom = () => state.draft.where === 'custom';
  const steps: Step<FlowState>[] = [
    step(
      'name',
      () => validateConnectionName(state.draft.name, others) === undefined,
      (pos, problem) =>
        input(
          'name',
          pos,
          { prompt: 'A name for this connection, e.g. the organization or tenant', validate: (v) => validateConnectionName(v, others) },
          problem
        )
    ),
    step(
      'where',
      () => true,
      async (pos, problem) => {
        const picked = await prompter().pick<RegionCode | 'custom'>({
          title,
          step: pos.step,
          totalSteps: pos.totalSteps,
          placeholder: 'Where is the PingOne organization? (region of its environments)',
          problem,
          items: [
            ...REGION_CODES.map((code) => ({
              label: REGIONS[code].label,
              description: `${code} · auth.pingone.${REGIONS[code].tld}`,
              value: code as RegionCode | 'custom',
            })),
            { label: 'Custom auth and API base URLs…', description: 'e.g. a local emulator', value: 'custom' as const },
          ],
          selected: (v) => v === state.draft.where,
        });
        return answerPick(picked, (v) => (state.draft.where = v));
      }
    ),
    step(
      'authBaseUrl',
      () => !validateBaseUrl(state.draft.authBaseUrl, 'auth base URL'),
      (pos, problem) =>
        input(
          'authBaseUrl',
          pos,
          {
            prompt: 'Auth base URL (the token is requested at <this>/<environment ID>/as/token)',
            placeholder: 'https://auth.pingone.com',
            validate: (v) => validateBaseUrl(v, 'auth base URL'),
          },
          problem
        ),
      isCustom
    ),
    step(
      'apiBaseUrl',
      () => !validateBaseUrl(state.draft.apiBaseUrl, 'API base URL'),
      (pos, problem) =>
        input(
          'apiBaseUrl',
          pos,
          {
            prompt: 'Management API base URL',
            placeholder: 'https://api.pingone.com/v1',
            validate: (v) => validateBaseUrl(v, 'API base URL'),
          },
          problem
        ),
      isCustom
    ),
    step(
      'environmentId',
      () => !validateEnvironmentId(state.draft.environmentId),
      (pos, problem) =>
        input(
          'environmentId',
          pos,
          {
            prompt: 'Environment ID of the environment that holds the admin worker app',
            placeholder: '3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8',
            validate: (v) => validateEnvironmentId(v.trim()),
          },
          problem
        )
    ),
    step(
      'clientId',
      () => !validateClientId(state.draft.clientId),
      (pos, problem) =>
        input('clientId', pos, { prompt: 'Client ID of the worker app (its Configuration tab)', validate: validateClientId }, problem)
    ),
    step(
      'secret',
      () => state.draft.secret !== '' || hasSavedSecret,
      (pos, problem) =>
        input(
          'secret',
          pos,
          {
            prompt: hasSavedSecret
              ? 'Client secret of the worker app (leave empty to keep the saved one)'
              : 'Client secret of the worker app (kept in VS Code secret storage only)',
            password: true,
            validate: (v) =>
              v === '' && !hasSavedSecret
                ? 'Enter the client secret.'
                : v !== v.trim()
                  ? 'Remove the spaces around the secret.'
                  : undefined,
          },
          problem
        )
    ),
    step(
      'authMethod',
      () => true,
      async (pos, problem) => {
        const picked = await prompter().pick<TokenEndpointAuthMethod>({
          title,
          step: pos.step,
          totalSteps: pos.totalSteps,
          placeholder: 'Token endpoint auth method configured on the worker app',
          problem,
          items: [
            { label: 'Client Secret Post', description: 'CLIENT_SECRET_POST (PingOne’s default for workers)', value: 'CLIENT_SECRET_POST' },
            { label: 'Client Secret Basic', description: 'CLIENT_SECRET_BASIC', value: 'CLIENT_SECRET_BASIC' },
          ],
          selected: (v) => v === state.draft.authMethod,
        });
        return answerPick(picked, (v) => (state.draft.authMethod = v));
      }
    ),
  ];

  for (;;) {
    if (!(await runSteps(state, steps))) throw new UserCancelled();
    const connection = toConnection(state.draft, existing?.id ?? randomUUID());
    const secret = state.draft.secret || (await services.connections.getSecret(connection.id)) || '';
    const failure = await verify(services, connection, secret);
    if (!failure) {
      await services.connections.save(connection, state.draft.secret || undefined);
      // Same fingerprint, new secret: the cached client must not keep the old token.
      if (editing && state.draft.secret) services.clients.forConnection(connection.id).resetToken();
      return connection;
    }
    // Back at once to the step at fault, the reason on it: no notification to dismiss first.
    const target = stepFor(failure, state.draft);
    state.resumeAt = target;
    state.problem = `Not saved: ${shorten(describeError(failure))} Correct the ${STEP_LABELS[target]} and try again.`;
    if (target === 'secret') state.draft.secret = '';
  }
}

const STEP_LABELS: Record<StepName, string> = {
  name: 'name',
  where: 'region',
  authBaseUrl: 'auth base URL',
  apiBaseUrl: 'API base URL',
  environmentId: 'environment ID',
  clientId: 'client ID',
  secret: 'client secret',
  authMethod: 'token endpoint auth method',
};

/** The step each token refusal points at (PingOneError's typed reason, never its wording). */
const STEP_OF_REASON: Record<PingOneErrorReason, StepName> = {
  'unknown-environment': 'environmentId',
  'unknown-client': 'clientId',
  'client-disabled': 'clientId',
  'grant-not-allowed': 'clientId',
  'auth-method-rejected': 'authMethod',
  'credentials-rejected': 'secret',
};

function answerPick<T>(picked: T | Back | undefined, set: (v: T) => void): StepResult {
  if (picked === undefined) return undefined;
  if (picked === BACK) return BACK;
  set(picked as T);
  return 'next';
}

/** A connection name: required, at most 100 characters, unique among the other connections (case-insensitive). */
export function validateConnectionName(value: string, others: Connection[]): string | undefined {
  const name = value.trim();
  if (!name) return 'Enter a name for the connection.';
  if (name.length > 100) return 'Use at most 100 characters.';
  if (others.some((c) => c.name.toLowerCase() === name.toLowerCase())) return `There is already a connection named "${name}".`;
  return undefined;
}

function initialDraft(c?: Connection): Draft {
  return {
    name: c?.name ?? '',
    where: c && (c.authBaseUrl || c.apiBaseUrl) ? 'custom' : (c?.region ?? DEFAULT_REGION),
    authBaseUrl: c?.authBaseUrl ?? '',
    apiBaseUrl: c?.apiBaseUrl ?? '',
    environmentId: c?.environmentId ?? '',
    clientId: c?.clientId ?? '',
    secret: '',
    authMethod: c?.tokenEndpointAuthMethod ?? 'CLIENT_SECRET_POST',
  };
}

/** Hosts come only from what the user typed here (or picked as a region): nothing else is read. */
function toConnection(d: Draft, id: string): Connection {
  const c: Connection = {
    id,
    name: d.name.trim(),
    environmentId: d.environmentId.trim(),
    clientId: d.clientId.trim(),
    tokenEndpointAuthMethod: d.authMethod,
  };
  if (d.where === 'custom') {
    c.authBaseUrl = d.authBaseUrl.trim().replace(/\/+$/, '');
    c.apiBaseUrl = d.apiBaseUrl.trim().replace(/\/+$/, '');
  } else {
    c.region = d.where;
  }
  return c;
}

/** Fetches a token with the unsaved connection; returns the failure, or undefined when it worked. */
async function verify(services: ConnectionFlowDeps, connection: Connection, secret: string): Promise<unknown> {
  return services.prompter.progress(
    { title: `Verifying "${connection.name}" (requesting a token)…`, cancellable: true },
    async (_report, signal) => {
      const client = services.clients.forUnsaved(connection, secret);
      try {
        await client.verify(signal);
        return undefined;
      } catch (e) {
        if (isCancellation(e)) throw new UserCancelled();
        services.logger.warn(`Verifying connection "${connection.name}" failed: ${describeError(e)}`);
        return e;
      } finally {
        await client.close();
      }
    }
  );
}

/** The step whose answer most likely caused the failure. */
function stepFor(e: unknown, d: Draft): StepName {
  const hostStep: StepName = d.where === 'custom' ? 'authBaseUrl' : 'where';
  if (!isPingOneError(e)) return hostStep;
  if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'refused') return hostStep;
  if (e.reason) return STEP_OF_REASON[e.reason];
  if (e.kind !== 'bad-credentials' && e.kind !== 'invalid-request') return 'secret';
  // A 404 from the API (not the token endpoint) also means the environment ID is wrong.
  if (e.status === 404) return 'environmentId';
  return 'secret';
}

function shorten(text: string, max = 220): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
