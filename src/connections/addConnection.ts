import { randomUUID } from 'node:crypto';
import {
  type Connection,
  type TokenEndpointAuthMethod,
  validateBaseUrl,
  validateClientId,
  validateEnvironmentId,
} from '../pingone/connection';
import { isPingOneError } from '../pingone/errors';
import { DEFAULT_REGION, REGION_CODES, REGIONS, type RegionCode } from '../pingone/regions';
import type { Services } from '../services';
import { type Step, type StepResult, runSteps } from '../ui/multiStep';
import { BACK, type Back, UserCancelled } from '../ui/prompter';
import { describeError } from '../util/errors';

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
  /** Why that step is reopened, shown in its prompt. */
  problem?: string;
}

/**
 * Adds (or, given `existing`, edits) a connection: a multi-step input with
 * Back and inline validation, then a token request to prove it works before
 * anything is saved. When PingOne refuses, the user is told why and taken
 * back to the step that most likely needs correcting. Only the non-secret
 * parts go to global state; the secret only to SecretStorage.
 */
export async function runConnectionFlow(services: Services, existing?: Connection): Promise<Connection | undefined> {
  const editing = existing !== undefined;
  const hasSavedSecret = editing && !!(await services.connections.getSecret(existing.id));
  const title = editing ? `Edit PingOne Connection "${existing.name}"` : 'Add PingOne Connection';
  const state: FlowState = { draft: initialDraft(existing) };
  const prompter = () => services.prompter.get();
  const others = services.connections.list().filter((c) => c.id !== existing?.id);

  /** A step that auto-advances while fast-forwarding to the step being corrected. */
  const step =
    (name: StepName, valid: () => boolean, ask: (pos: { step: number; totalSteps: number }, prompt?: string) => Promise<StepResult>): Step<FlowState> =>
    async (s, pos) => {
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
      prompt: problem ? `${problem} — ${o.prompt}` : o.prompt,
      placeholder: o.placeholder,
      password: o.password,
      value: o.password ? '' : String(state.draft[key] ?? ''),
      validate: o.validate,
    });
    if (answer === undefined || answer === BACK) return answer;
    (state.draft as unknown as Record<string, string>)[key] = o.password ? answer : answer.trim();
    return 'next';
  };

  const steps: Step<FlowState>[] = [
    step('name', () => validateName(state.draft.name, others) === undefined, (pos, problem) =>
      input('name', pos, { prompt: 'A name for this connection, e.g. the organization or tenant', validate: (v) => validateName(v, others) }, problem)
    ),
    step('where', () => true, async (pos, problem) => {
      const picked = await prompter().pick<RegionCode | 'custom'>({
        title,
        step: pos.step,
        totalSteps: pos.totalSteps,
        placeholder: problem ? `${problem} — Where is the PingOne organization?` : 'Where is the PingOne organization? (region of its environments)',
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
    }),
    step('authBaseUrl', () => state.draft.where !== 'custom' || !validateBaseUrl(state.draft.authBaseUrl, 'auth base URL'), (pos, problem) =>
      state.draft.where !== 'custom'
        ? Promise.resolve('skip')
        : input('authBaseUrl', pos, { prompt: 'Auth base URL (the token is requested at <this>/<environment ID>/as/token)', placeholder: 'https://auth.pingone.com', validate: (v) => validateBaseUrl(v, 'auth base URL') }, problem)
    ),
    step('apiBaseUrl', () => state.draft.where !== 'custom' || !validateBaseUrl(state.draft.apiBaseUrl, 'API base URL'), (pos, problem) =>
      state.draft.where !== 'custom'
        ? Promise.resolve('skip')
        : input('apiBaseUrl', pos, { prompt: 'Management API base URL', placeholder: 'https://api.pingone.com/v1', validate: (v) => validateBaseUrl(v, 'API base URL') }, problem)
    ),
    step('environmentId', () => !validateEnvironmentId(state.draft.environmentId), (pos, problem) =>
      input('environmentId', pos, { prompt: 'Environment ID of the environment that holds the admin worker app', placeholder: '3f1a2b4c-5d6e-4f70-8192-a3b4c5d6e7f8', validate: (v) => validateEnvironmentId(v.trim()) }, problem)
    ),
    step('clientId', () => !validateClientId(state.draft.clientId), (pos, problem) =>
      input('clientId', pos, { prompt: 'Client ID of the worker app (its Configuration tab)', validate: validateClientId }, problem)
    ),
    step('secret', () => state.draft.secret !== '' || hasSavedSecret, (pos, problem) =>
      input(
        'secret',
        pos,
        {
          prompt: hasSavedSecret ? 'Client secret of the worker app (leave empty to keep the saved one)' : 'Client secret of the worker app (kept in VS Code secret storage only)',
          password: true,
          validate: (v) => (v === '' && !hasSavedSecret ? 'Enter the client secret.' : v !== v.trim() ? 'Remove the spaces around the secret.' : undefined),
        },
        problem
      )
    ),
    step('authMethod', () => true, async (pos, problem) => {
      const picked = await prompter().pick<TokenEndpointAuthMethod>({
        title,
        step: pos.step,
        totalSteps: pos.totalSteps,
        placeholder: problem ? `${problem} — Token endpoint auth method` : 'Token endpoint auth method configured on the worker app',
        items: [
          { label: 'Client Secret Post', description: 'CLIENT_SECRET_POST (PingOne’s default for workers)', value: 'CLIENT_SECRET_POST' },
          { label: 'Client Secret Basic', description: 'CLIENT_SECRET_BASIC', value: 'CLIENT_SECRET_BASIC' },
        ],
        selected: (v) => v === state.draft.authMethod,
      });
      return answerPick(picked, (v) => (state.draft.authMethod = v));
    }),
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
    const target = stepFor(failure, state.draft);
    state.resumeAt = target;
    state.problem = shorten(describeError(failure));
    if (target === 'secret') state.draft.secret = '';
    await prompter().error(`The connection was not saved: ${describeError(failure)}`, { detail: `Correct the ${STEP_LABELS[target]} and try again.` });
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

function answerPick<T>(picked: T | Back | undefined, set: (v: T) => void): StepResult {
  if (picked === undefined) return undefined;
  if (picked === BACK) return BACK;
  set(picked as T);
  return 'next';
}

function validateName(value: string, others: Connection[]): string | undefined {
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
async function verify(services: Services, connection: Connection, secret: string): Promise<unknown> {
  return services.prompter.get().progress({ title: `Verifying "${connection.name}" (requesting a token)…`, cancellable: true }, async (_report, signal) => {
    const client = services.clients.forUnsaved(connection, secret);
    try {
      await client.verify(signal);
      return undefined;
    } catch (e) {
      if (isPingOneError(e, 'cancelled')) throw new UserCancelled();
      services.logger.warn(`Verifying connection "${connection.name}" failed: ${describeError(e)}`);
      return e;
    } finally {
      await client.close();
    }
  });
}

/** The step whose answer most likely caused the failure (the client's messages say which). */
function stepFor(e: unknown, d: Draft): StepName {
  const hostStep: StepName = d.where === 'custom' ? 'authBaseUrl' : 'where';
  if (!isPingOneError(e)) return hostStep;
  if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'refused') return hostStep;
  if (e.kind !== 'bad-credentials' && e.kind !== 'invalid-request') return 'secret';
  const text = e.message.toLowerCase();
  if (e.status === 404 || text.includes('no environment')) return 'environmentId';
  if (text.includes('token endpoint auth method') && text.includes('does not accept')) return 'authMethod';
  if (text.includes('does not know client') || text.includes('is disabled') || text.includes('client credentials grant')) return 'clientId';
  return 'secret';
}

function shorten(text: string, max = 220): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
