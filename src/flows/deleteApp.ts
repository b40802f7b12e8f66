import { deleteConfirmationMatches } from '../pingone/applications';
import type { Application } from '../pingone/models';
import { type Prompter, answered } from '../ui/prompter';

/**
 * Delete App's confirmation: the user types the app's name, because a delete
 * cannot be undone and breaks whatever uses the app. Throws UserCancelled on Escape.
 */
export async function confirmDeleteByName(prompter: Prompter, app: Pick<Application, 'name' | 'id' | 'type'>): Promise<void> {
  answered(
    await prompter.input({
      title: `Delete "${app.name}"`,
      prompt: `This deletes the ${app.type} app "${app.name}" (client ID ${app.id}) and its secret and role assignments; anything using it (PingDataSync) stops working. Type the app's name to confirm.`,
      placeholder: app.name,
      validate: (typed) => (deleteConfirmationMatches(app.name, typed) ? undefined : `Type "${app.name}" exactly to delete the app.`),
    })
  );
}
