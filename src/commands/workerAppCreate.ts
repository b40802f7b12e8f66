import { askCreateWorkerApp } from '../flows/createWorkerAppWizard';
import { readIcon, runCreate } from '../flows/createWorkerApp';
import { pickEnvironment } from '../flows/pickers';
import { listApplications } from '../pingone/applications';
import { collect } from '../pingone/paging';
import { listBuiltInRoles } from '../pingone/roles';
import type { CommandDefinition } from './registry';

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

    const state = await askCreateWorkerApp({ prompter, title, existingNames, roles: roleCatalogue, checkIcon: readIcon });

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
