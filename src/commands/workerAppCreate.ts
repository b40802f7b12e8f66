import type * as vscode from 'vscode';
import { compareRoles } from '../ui/ordering';
import type { CommandDefinition } from './registry';
import { pickEnvironment } from '../flows/pickers';
import { listApplications } from '../pingone/applications';
import { IDENTITY_DATA_ADMIN, type Role } from '../pingone/models';
import { collect } from '../pingone/paging';
import { isRoleAssignableToWorker, listBuiltInRoles, rolesApplicableTo } from '../pingone/roles';
import { MAX_ICON_BYTES } from '../pingone/workerApps';
import { type Step, runSteps } from '../ui/multiStep';
import { BACK, UserCancelled } from '../ui/prompter';
import { readIcon, runCreate } from '../flows/createWorkerApp';

/** Not confirmed for OIDC apps (reference §6), so only a warning above it. */
const SUGGESTED_MAX_NAME = 256;

interface CreateState {
  name: string;
  description: string;
  iconUri?: vscode.Uri;
  roles: Role[];
}

type IconChoice = 'none' | 'choose' | 'keep';

/**
 * Create Worker App…: name, description, icon, roles (multi-step with Back),
 * then the create workflow with progress. Run from an environment node the
 * connection and environment are taken from it.
 */
export const createCommand: CommandDefinition = {
  id: 'pingone.workerApp.create',
  async run(services, arg) {
    const env = await pickEnvironment(services, arg, 'Create Worker App');
    const client = services.clients.forConnection(env.connectionId);
    const prompter = services.prompter.get();
    const envLabel = env.environment?.name ? ` in ${env.environment.name}` : '';
    const title = `Create Worker App${envLabel}`;

    // Fetched once, in the background, while the user types.
    const existingNames = collect(listApplications(client, env.environmentId)).then(
      (apps) => new Set(apps.map((a) => String(a.name).trim().toLowerCase())),
      () => new Set<string>()
    );
    const roleCatalogue = listBuiltInRoles(client);
    roleCatalogue.catch(() => undefined);

    const state: CreateState = { name: '', description: '', roles: [] };
    const steps: Step<CreateState>[] = [
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
            if ([...v].length > SUGGESTED_MAX_NAME) return { warning: `The name is longer than ${SUGGESTED_MAX_NAME} characters; PingOne may refuse it.` };
            if ((await existingNames).has(v.toLowerCase())) {
              return { warning: `An app named "${v}" already exists in this environment. PingOne allows it, but a distinct name is easier to tell apart.` };
            }
            return undefined;
          },
        });
        if (name === undefined || name === BACK) return name;
        s.name = name.trim();
        return 'next';
      },
      async (s, pos) => {
        const description = await prompter.input({ title, ...pos, prompt: 'Description (optional)', placeholder: 'e.g. Used by PingDataSync to write users', value: s.description });
        if (description === undefined || description === BACK) return description;
        s.description = description.trim();
        return 'next';
      },
      async (s, pos) => {
        for (;;) {
          const items: { label: string; description?: string; value: IconChoice }[] = [
            { label: 'No icon', value: 'none' },
            { label: 'Choose an image file…', description: `JPG, JPEG, GIF or PNG, at most ${MAX_ICON_BYTES / 1024 / 1024} MB`, value: 'choose' },
          ];
          if (s.iconUri) items.unshift({ label: `Keep ${s.iconUri.path.split('/').pop()}`, value: 'keep' });
          const choice = await prompter.pick<IconChoice>({ title, ...pos, placeholder: 'Icon for the app (optional)', items });
          if (choice === undefined || choice === BACK) return choice;
          if (choice === 'keep') return 'next';
          if (choice === 'none') {
            s.iconUri = undefined;
            return 'next';
          }
          const uri = await prompter.openFile({ title: 'App icon (JPG, JPEG, GIF or PNG, at most 1 MB)', filters: { Images: ['png', 'jpg', 'jpeg', 'gif'] } });
          if (!uri) continue;
          try {
            await readIcon(uri);
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
          placeholder: `Roles at environment scope (PingDataSync needs ${IDENTITY_DATA_ADMIN})`,
          items: roleCatalogue.then((roles) =>
            rolesApplicableTo(roles, 'ENVIRONMENT')
              .filter(isRoleAssignableToWorker)
              .sort(compareRoles)
              .map((r) => ({ label: r.name, description: r.name === IDENTITY_DATA_ADMIN ? 'needed by PingDataSync' : undefined, detail: r.description, value: r }))
          ),
          selected: (r) => (s.roles.length ? s.roles.some((x) => x.id === r.id) : r.name === IDENTITY_DATA_ADMIN),
        });
        if (picked === undefined || picked === BACK) return picked;
        s.roles = picked;
        return 'next';
      },
    ];
    if (!(await runSteps(state, steps))) throw new UserCancelled();

    return runCreate(services, {
      connectionId: env.connectionId,
      input: {
        environmentId: env.environmentId,
        name: state.name,
        description: state.description || undefined,
        roles: state.roles.map((r) => ({ roleId: r.id, roleName: r.name, scopeType: 'ENVIRONMENT' as const, scopeId: env.environmentId })),
      },
      iconUri: state.iconUri?.toString(),
    });
  },
};
