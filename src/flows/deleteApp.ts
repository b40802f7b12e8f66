import { deleteConfirmationMatches } from '../pingone/applications';
import type { Application } from '../pingone/models';
import { type Prompter, answered } from '../ui/prompter';
import { neutralize } from '../usernames/inertText';

/**
 * Delete App's confirmation: the user types the app's name, because a delete
 * cannot be undone and breaks whatever uses the app. Throws UserCancelled on Escape.
 */
export async function confirmDeleteByName(prompter: Prompter, app: Pick<Application, 'name' | 'id' | 'type'>): Promise<void> {
  // The name as shown: an invisible or bidi character in it appears as <U+200B>, so the name cannot read
  // like another app's, and typing what is shown confirms (the raw characters cannot be typed).
  const shown = neutralize(app.name);
  answered(
    await prompter.input({
      title: `Delete "${shown}"`,
      prompt: `This deletes the ${app.type} app "${shown}" (client ID ${app.id}) and its secret and role assignments; anything using it (PingDataSync) stops working. Type the app's name to confirm.`,
      placeholder: shown,
      validate: (typed) =>
        deleteConfirmationMatches(app.name, typed) || deleteConfirmationMatches(shown, typed)
          ? undefined
          : `Type "${shown}" exactly to delete the app.`,
    })
  );
}
