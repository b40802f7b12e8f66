import type { WorkspaceScanSummary } from '../diagnostics/workspaceScan';
import type { CommandDefinition } from './registry';

/** PingOne: Check Sync Files in Workspace. */
export const checkWorkspace: CommandDefinition = {
  id: 'pingone.usernames.checkWorkspace',
  async run(services): Promise<WorkspaceScanSummary> {
    const { scanner } = services.usernames;
    const prompter = services.prompter.get();
    const summary = await prompter.progress({ title: 'Checking sync files', cancellable: true }, (reporter, signal) =>
      scanner.run((message, increment) => reporter.report(message, increment), signal)
    );
    const files = `${summary.files} sync file${summary.files === 1 ? '' : 's'}`;
    const failed = summary.failed ? ` ${summary.failed} could not be read (see the PingOne output).` : '';
    if (summary.cancelled) prompter.status(`Username check cancelled after ${files}`);
    else if (summary.problems === 0) prompter.status(`Checked ${files}: no username problems`);
    else
      void prompter.info(
        `Checked ${files}: ${summary.problems} username problem${summary.problems === 1 ? '' : 's'} in ${summary.filesWithProblems} file${summary.filesWithProblems === 1 ? '' : 's'}, listed in the Problems panel.${failed}`
      );
    return summary;
  },
};
