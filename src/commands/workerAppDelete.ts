import type { CommandDefinition } from './registry';
import { deleteApplication, deleteConfirmationMatches } from '../pingone/applications';
import { resolveApp } from '../flows/appContext';
import { answered } from '../ui/prompter';

/** Delete…: the user types the app's name, because this cannot be undone and breaks whatever uses the app. */
export const deleteCommand: CommandDefinition = {
  id: 'pingone.workerApp.delete',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Delete App');
    const { app } = ctx;
    answered(
      await services.prompter.get().input({
        title: `Delete "${app.name}"`,
        prompt: `This deletes the ${app.type} app "${app.name}" (client ID ${app.id}) and its secret and role assignments; anything using it (PingDataSync) stops working. Type the app's name to confirm.`,
        placeholder: app.name,
        validate: (typed) => (deleteConfirmationMatches(app.name, typed) ? undefined : `Type "${app.name}" exactly to delete the app.`),
      })
    );
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
