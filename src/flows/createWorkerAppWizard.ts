import type * as vscode from 'vscode';
import { IDENTITY_DATA_ADMIN, type Role } from '../pingone/models';
import { isRoleAssignableToWorker, rolesApplicableTo } from '../pingone/roles';
import { MAX_ICON_BYTES } from '../pingone/workerApps';
import { type Step, runSteps } from '../ui/multiStep';
import { compareRoles } from '../ui/ordering';
import { BACK, type Prompter, UserCancelled } from '../ui/prompter';

/** Not confirmed for OIDC apps by PingOne's API docs, so only a warning above it. */
const SUGGESTED_MAX_NAME = 256;

/** What the user chose for the new worker app. */
export interface CreateWizardAnswers {
  name: string;
  description: string;
  iconUri?: vscode.Uri;
  roles: Role[];
}

/** What the wizard needs; in VS Code the create command passes the real ones, the unit tests fakes. */
export interface CreateWizardDeps {
  prompter: Prompter;
  title: string;
  /** Lower-cased names of the environment's apps (a same-name warning), fetched while the user types. */
  existingNames: Promise<Set<string>>;
  /** The role catalogue, fetched while the user types. */
  roles: Promise<Role[]>;
  /** Reads and checks an icon file; throws with the reason when it is refused. */
  checkIcon(uri: vscode.Uri): Promise<unknown>;
}

type IconChoice = 'none' | 'choose' | 'keep';

/**
 * Create Worker App's questions: name, description, icon, roles, with Back
 * and inline validation (the VS Code samples' multi-step input). Throws
 * UserCancelled on Escape.
 */
export async function askCreateWorkerApp(deps: CreateWizardDeps): Promise<CreateWizardAnswers> {
  const { prompter, title } = deps;
  const state: CreateWizardAnswers = { name: '', description: '', roles: [] };
  const steps: Step<CreateWizardAnswers>[] = [
    async (s, pos) => {
      const name = await prompter.input({
        title,
        ...pos,
        prompt: 'Name of the worker app (required)',
        placeholder: 'e.g. PingDataSync Destination',
        value: s.name,
        validate: async (value) => {
          const v = value.trim();
          if (!v) return 'Enter a name for the app.';
          if ([...v].length > SUGGESTED_MAX_NAME)
            return { warning: `The name is longer than ${SUGGESTED_MAX_NAME} characters; PingOne may refuse it.` };
          if ((await deps.existingNames).has(v.toLowerCase())) {
            return {
              warning: `An app named "${v}" already exists in this environment. PingOne allows it, but a distinct name is easier to tell apart.`,
            };
          }
          return undefined;
        },
      });
      if (name === undefined || name === BACK) return name;
      s.name = name.trim();
      return 'next';
    },
    async (s, pos) => {
      const description = await prompter.input({
        title,
        ...pos,
        prompt: 'Description (optional)',
        placeholder: 'e.g. Used by PingDataSync to write users',
        value: s.description,
      });
      if (description === undefined || description === BACK) return description;
      s.description = description.trim();
      return 'next';
    },
    async (s, pos) => {
      for (;;) {
        const items: { label: string; description?: string; value: IconChoice }[] = [
          { label: 'No icon', value: 'none' },
          {
            label: 'Choose an image file…',
            description: `JPG, JPEG, GIF or PNG, at most ${MAX_ICON_BYTES / 1024 / 1024} MB`,
            value: 'choose',
          },
        ];
        if (s.iconUri) items.unshift({ label: `Keep ${s.iconUri.path.split('/').pop()}`, value: 'keep' });
        const choice = await prompter.pick<IconChoice>({ title, ...pos, placeholder: 'Icon for the app (optional)', items });
        if (choice === undefined || choice === BACK) return choice;
        if (choice === 'keep') return 'next';
        if (choice === 'none') {
          s.iconUri = undefined;
          return 'next';
        }
        const uri = await prompter.openFile({
          title: 'App icon (JPG, JPEG, GIF or PNG, at most 1 MB)',
          filters: { Images: ['png', 'jpg', 'jpeg', 'gif'] },
        });
        if (!uri) continue;
        try {
          await deps.checkIcon(uri);
          s.iconUri = uri;
          return 'next';
        } catch (e) {
          // Refused (too large, not really an image…): say why and ask again (not awaited: the notification may stay open).
          void prompter.error(e instanceof Error ? e.message : String(e));
        }
      }
    },
    async (s, pos) => {
      const picked = await prompter.pickMany<Role>({
        title,
        ...pos,
        // Short enough not to be cut off; the Identity Data Admin item itself says PingDataSync needs it.
        placeholder: 'Roles at environment scope',
        items: deps.roles.then((roles) =>
          rolesApplicableTo(roles, 'ENVIRONMENT')
            .filter(isRoleAssignableToWorker)
            .sort(compareRoles)
            .map((r) => ({
              label: r.name,
              description: r.name === IDENTITY_DATA_ADMIN ? 'needed by PingDataSync' : undefined,
              detail: r.description,
              value: r,
            }))
        ),
        selected: (r) => (s.roles.length ? s.roles.some((x) => x.id === r.id) : r.name === IDENTITY_DATA_ADMIN),
      });
      if (picked === undefined || picked === BACK) return picked;
      s.roles = picked;
      return 'next';
    },
  ];
  if (!(await runSteps(state, steps))) throw new UserCancelled();
  return state;
}
