/**
 * PingOne: Check Usernames Against Environment… — for the active sync file
 * (or the files of the last workspace scan): pick a connection and an
 * environment, look the usernames up in batches (SCIM `username eq … or …`),
 * and report the ones that already exist (information) or clash by case only
 * (warning). In Restricted Mode it asks before anything is sent to PingOne.
 */
import * as vscode from 'vscode';
import type { UsernameFeature } from '../diagnostics';
import { classifyMatches, usernamesToLookUp } from '../diagnostics/environmentMatch';
import { getEnvironment } from '../pingone/environments';
import { findUsersByUsernames } from '../pingone/users';
import { pickEnvironment } from '../flows/pickers';
import type { UsernameOccurrence } from '../usernames/types';
import type { CommandDefinition } from './registry';

interface Source {
  uri: vscode.Uri;
  occurrences: UsernameOccurrence[];
}

export interface EnvironmentCheckSummary {
  files: number;
  usernames: number;
  existing: number;
  caseClashes: number;
  cancelled: boolean;
}

const TRUST_ACTION = 'Check Against PingOne';

function occurrencesOf(records: readonly { occurrences: UsernameOccurrence[] }[]): UsernameOccurrence[] {
  return records.flatMap((r) => r.occurrences);
}

/** The active sync file, an explicit file argument, or else the files of the last workspace scan. */
async function collectSources(feature: UsernameFeature, arg: unknown, signal?: AbortSignal): Promise<Source[]> {
  const explicit = arg instanceof vscode.Uri ? arg : undefined;
  const active = explicit ?? vscode.window.activeTextEditor?.document.uri;
  if (active) {
    const checked = feature.diagnostics.checked(active);
    if (checked) return [{ uri: active, occurrences: occurrencesOf(checked.records) }];
    const target = explicit ? feature.scanner.targetFor(explicit) : undefined;
    if (target) return [{ uri: explicit!, occurrences: occurrencesOf((await feature.scanner.recordsOf(target, signal)).records ?? []) }];
  }
  const sources: Source[] = [];
  for (const uri of feature.diagnostics.scannedUris()) {
    const checked = feature.diagnostics.checked(uri);
    if (checked) {
      sources.push({ uri, occurrences: occurrencesOf(checked.records) });
      continue;
    }
    const target = feature.scanner.targetFor(uri);
    if (target) sources.push({ uri, occurrences: occurrencesOf((await feature.scanner.recordsOf(target, signal)).records ?? []) });
  }
  return sources;
}

export const checkAgainstEnvironment: CommandDefinition = {
  id: 'pingone.usernames.checkAgainstEnvironment',
  async run(services, arg): Promise<EnvironmentCheckSummary | undefined> {
    const feature = services.usernames;
    const prompter = services.prompter.get();
    if (!vscode.workspace.isTrusted) {
      const answer = await prompter.warn(
        'This workspace is in Restricted Mode. Checking usernames against an environment sends the usernames in these files to PingOne.',
        { modal: true },
        TRUST_ACTION
      );
      if (answer !== TRUST_ACTION) return undefined;
    }
    const sources = await collectSources(feature, arg);
    if (sources.length === 0) {
      throw new Error('Open an LDIF or CSV sync file, or run "PingOne: Check Sync Files in Workspace" first.');
    }
    // A file argument (explorer context) says what to check; a tree environment node says where.
    const picked = await pickEnvironment(services, arg instanceof vscode.Uri ? undefined : arg, 'Check Usernames Against Environment');
    const client = services.clients.forConnection(picked.connectionId);
    const environmentName = (picked.environment ?? (await getEnvironment(client, picked.environmentId))).name;
    feature.environment.clear();
    const usernames = usernamesToLookUp(sources.flatMap((s) => s.occurrences));
    const summary: EnvironmentCheckSummary = {
      files: sources.length,
      usernames: usernames.length,
      existing: 0,
      caseClashes: 0,
      cancelled: false,
    };
    if (usernames.length === 0) {
      prompter.status('No usernames to check');
      return summary;
    }
    const found = await prompter.progress(
      { title: `Checking ${usernames.length} username${usernames.length === 1 ? '' : 's'} in ${environmentName}`, cancellable: true },
      async (reporter, signal) => {
        let reported = 0;
        try {
          // Batches run one after another; the client waits out 429s (Retry-After) before going on.
          return await findUsersByUsernames(client, picked.environmentId, usernames, {
            signal,
            onProgress: (checked, total) => {
              reporter.report(`${checked}/${total} usernames`, ((checked - reported) / total) * 100);
              reported = checked;
            },
          });
        } catch (e) {
          if (signal.aborted) return undefined;
          throw e;
        }
      }
    );
    if (!found) {
      summary.cancelled = true;
      prompter.status('Environment check cancelled');
      return summary;
    }
    const matches = classifyMatches(new Map([...found].map(([k, users]) => [k, users.map((u) => String(u.username))])));
    for (const m of matches.values()) {
      if (m.kind === 'exists') summary.existing++;
      else summary.caseClashes++;
    }
    for (const s of sources) feature.environment.publish(s.uri, s.occurrences, matches, environmentName);
    void prompter.info(
      `${summary.usernames} username${summary.usernames === 1 ? '' : 's'} checked against ${environmentName}: ${summary.existing} already exist (a sync updates them), ${summary.caseClashes} differ only in case from an existing user.`
    );
    return summary;
  },
};
