import type { ReadinessCheck, ReadinessFixId, ReadinessReport } from '../pingone/workerApps';

/** What each fix does in the UI: a command to run, or advice when no command can fix it. */
export interface FixAction {
  label: string;
  command?: string;
  /** The fix acts on the environment (create a new app) rather than on this app. */
  onEnvironment?: boolean;
  advice?: string;
}

export const FIX_ACTIONS: Record<ReadinessFixId, FixAction> = {
  'create-worker-app': { label: 'Create a worker app', command: 'pingone.workerApp.create', onEnvironment: true },
  'enable-app': { label: 'Enable the app', command: 'pingone.workerApp.enable' },
  'add-client-credentials-grant': {
    label: 'Configure for Sync (adds the Client Credentials grant)',
    command: 'pingone.workerApp.configureForSync',
  },
  'set-client-secret-post': { label: 'Configure for Sync (sets Client Secret Post)', command: 'pingone.workerApp.configureForSync' },
  'assign-identity-data-admin': {
    label: 'Configure for Sync (assigns Identity Data Admin)',
    command: 'pingone.workerApp.configureForSync',
  },
  'grant-secret-access': {
    label: 'How to allow reading the secret',
    advice:
      "The connection's worker needs applications:read:secret (Environment Admin or Client Application Developer) and every role this app holds. Give it those roles in the PingOne console, or read the secret there.",
  },
  'use-another-connection': {
    label: 'Use another connection',
    advice:
      'A worker cannot read its own secret. Add a connection with a different admin worker to read this one, or read it in the PingOne console.',
  },
};

export function checkIcon(check: ReadinessCheck): string {
  return check.passed ? '$(pass)' : '$(error)';
}

/** The report as Markdown, for an untitled document. Holds no secret: the secret check says only whether it could be read. */
export function renderReadinessMarkdown(report: ReadinessReport, context: { environmentId: string; connectionName?: string }): string {
  const { app } = report;
  const lines = [
    `# Sync readiness: ${app.name}`,
    '',
    `- Client ID: \`${app.id}\``,
    `- Environment ID: \`${context.environmentId}\``,
    ...(context.connectionName ? [`- Connection: ${context.connectionName}`] : []),
    `- Verdict: **${report.ready ? 'ready for PingDataSync' : 'not ready'}** (${report.checks.filter((c) => c.passed).length} of ${report.checks.length} prerequisites met)`,
    '',
    '| Prerequisite | Result | Details | Fix |',
    '| --- | --- | --- | --- |',
    ...report.checks.map(
      (c) =>
        `| ${c.label} | ${c.passed ? 'pass' : '**fail**'} | ${escapeCell(c.detail)} | ${c.fixId ? escapeCell(FIX_ACTIONS[c.fixId].label) : ''} |`
    ),
    '',
  ];
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
