import type { ReadinessCheck, ReadinessFixId, ReadinessReport } from '../pingone/workerApps';
import { neutralize } from '../usernames/inertText';

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

/** The codicon of a check's result. */
export function checkIcon(check: ReadinessCheck): string {
  return check.passed ? 'pass' : 'error';
}

/** The report as Markdown, for an untitled document. Holds no secret: the secret check says only whether it could be read. */
export function renderReadinessMarkdown(report: ReadinessReport, context: { environmentId: string; connectionName?: string }): string {
  const { app } = report;
  const lines = [
    `# Sync readiness: ${inline(app.name)}`,
    '',
    `- Client ID: ${code(app.id)}`,
    `- Environment ID: ${code(context.environmentId)}`,
    ...(context.connectionName ? [`- Connection: ${inline(context.connectionName)}`] : []),
    `- Verdict: **${report.ready ? 'ready for PingDataSync' : 'not ready'}** (${report.checks.filter((c) => c.passed).length} of ${report.checks.length} prerequisites met)`,
    '',
    '| Prerequisite | Result | Details | Fix |',
    '| --- | --- | --- | --- |',
    ...report.checks.map(
      (c) =>
        `| ${inline(c.label)} | ${c.passed ? 'pass' : '**fail**'} | ${inline(c.detail)} | ${c.fixId ? inline(FIX_ACTIONS[c.fixId].label) : ''} |`
    ),
    '',
  ];
  return lines.join('\n');
}

/**
 * Text from PingOne (names, types and ids, also inside a check's details) as inert Markdown. Links,
 * images (an https image loads as soon as the report is previewed), autolinks and HTML all need a
 * `[`, `]`, `<` or `>`, each escaped here; a backtick or a pipe would end a code span or a table
 * cell. Control and separator characters are shown as `<U+000A>` first (see inertText.ts), so a
 * line break cannot start a block of its own. Parentheses, dots and hyphens, common in names, stay
 * as they are: the report is read as Markdown source too.
 */
function inline(text: string): string {
  return neutralize(text).replace(/[\\`[\]<>|]/g, '\\$&');
}

/** An id in a code span: a backtick would end it, so none is kept. */
function code(id: string): string {
  return `\`${neutralize(id).replace(/`/g, '')}\``;
}
