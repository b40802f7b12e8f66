import type { CommandDefinition } from './registry';
import { deleteApplication } from '../pingone/applications';
import { confirmDeleteByName } from '../flows/deleteApp';
import { resolveApp } from '../flows/appContext';

/** Delete…: the user types the app's name, because this cannot be undone and breaks whatever uses the app. */
export const deleteCommand: CommandDefinition = {
  id: 'pingone.workerApp.delete',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Delete App');
    const { app } = ctx;
    await confirmDeleteByName(services.prompter.get(), app);
    await services.prompter
      .get()
      .progress({ title: `Deleting "${app.name}"…`, location: 'window' }, (_r, signal) =>
        deleteApplication(ctx.client, ctx.target.environmentId, app.id, { signal, name: app.name })
      );
    services.logger.info(`Deleted app "${app.name}" (${app.id}).`);
    services.prompter.get().status(`"${app.name}" deleted`);
    services.explorer.appDeleted(ctx.target);
  },
};
