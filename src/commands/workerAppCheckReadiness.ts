import * as vscode from 'vscode';
import type { CommandDefinition } from './registry';
import { pickApp } from '../flows/pickers';
import { type ReadinessCheck, type ReadinessReport, checkSyncReadiness } from '../pingone/workerApps';
import type { Services } from '../services';
import { BACK } from '../ui/prompter';
import { appTargetOf } from '../flows/appContext';
import { FIX_ACTIONS, checkIcon, renderReadinessMarkdown } from '../flows/readinessReport';

type Choice = { kind: 'check'; check: ReadinessCheck } | { kind: 'report' } | { kind: 'configure' };

/**
 * Check Sync Readiness: one quick pick listing every prerequisite, pass or
 * fail, with a fix per failure (pick it to run the fix), plus the report as
 * a Markdown document. Returns the last report (the tests read it).
 */
export const checkReadinessCommand: CommandDefinition = {
  id: 'pingone.workerApp.checkReadiness',
  async run(services, arg) {
    const target = await pickApp(services, arg, 'Check Sync Readiness');
    const client = services.clients.forConnection(target.connectionId);
    const prompter = services.prompter.get();
    for (;;) {
      const report = await prompter.progress({ title: 'Checking sync readiness…', location: 'window' }, (_r, signal) =>
        checkSyncReadiness(client, target.environmentId, target.applicationId, { signal })
      );
      services.logger.info(
        `Sync readiness of "${report.app.name}" (${report.app.id}): ${
          report.ready
            ? 'ready'
            : `not ready (${failed(report)
                .map((c) => c.id)
                .join(', ')})`
        }.`
      );
      const choice = await prompter.pick<Choice>({
        title: `Sync readiness of "${report.app.name}": ${report.ready ? 'ready for PingDataSync' : `${failed(report).length} of ${report.checks.length} prerequisites not met`}`,
        placeholder: report.ready ? 'Every prerequisite is met.' : 'Pick a failed prerequisite to fix it',
        items: [
          ...report.checks.map((check) => ({
            label: check.label,
            icon: checkIcon(check),
            description: check.passed ? 'pass' : check.fixId ? `fail — fix: ${FIX_ACTIONS[check.fixId].label}` : 'fail',
            detail: check.detail,
            value: { kind: 'check', check } as Choice,
          })),
          ...(failed(report).some((c) => FIX_ACTIONS[c.fixId!]?.command === 'pingone.workerApp.configureForSync')
            ? [
                {
                  label: 'Configure for Sync',
                  icon: 'tools',
                  description: 'fix every configuration prerequisite in one step',
                  value: { kind: 'configure' } as Choice,
                },
              ]
            : []),
          { label: 'Open the report', icon: 'markdown', description: 'as a Markdown document', value: { kind: 'report' } as Choice },
        ],
      });
      // Closing the list (or Back) ends the check: the command returns what it found.
      if (choice === undefined || choice === BACK) return report;
      if (choice.kind === 'report') {
        const connectionName = services.connections.get(target.connectionId)?.name;
        const doc = await vscode.workspace.openTextDocument({
          language: 'markdown',
          content: renderReadinessMarkdown(report, { environmentId: target.environmentId, connectionName }),
        });
        await vscode.window.showTextDocument(doc, { preview: true });
        return report;
      }
      const ran = await runFix(services, choice.kind === 'configure' ? 'pingone.workerApp.configureForSync' : choice.check, target, report);
      if (!ran) return report;
      await services.explorer.appChanged(appTargetOf({ target }));
    }
  },
};

function failed(report: ReadinessReport): ReadinessCheck[] {
  return report.checks.filter((c) => !c.passed);
}

/** Runs the fix of a failed check; false when there was nothing to run (the list then closes). */
async function runFix(
  services: Services,
  what: ReadinessCheck | string,
  target: { connectionId: string; environmentId: string; applicationId: string },
  report: ReadinessReport
): Promise<boolean> {
  const appTarget = {
    kind: 'app' as const,
    connectionId: target.connectionId,
    environmentId: target.environmentId,
    applicationId: target.applicationId,
    application: report.app,
  };
  if (typeof what === 'string') {
    await vscode.commands.executeCommand(what, appTarget);
    return true;
  }
  if (what.passed || !what.fixId) return false;
  const fix = FIX_ACTIONS[what.fixId];
  if (!fix.command) {
    await services.prompter.get().info(fix.advice ?? fix.label);
    return false;
  }
  await vscode.commands.executeCommand(
    fix.command,
    fix.onEnvironment ? { kind: 'environment', connectionId: target.connectionId, environmentId: target.environmentId } : appTarget
  );
  return !fix.onEnvironment;
}
