import * as vscode from 'vscode';
import type { CommandDefinition } from './registry';
import { getEnvironment } from '../pingone/environments';
import { listPopulations } from '../pingone/populations';
import { readApplicationSecret } from '../pingone/secrets';
import { SECRET_VARIABLE, buildDsconfig } from '../syncConfig';
import { resolveApp } from '../flows/appContext';
import { askDsconfig } from '../flows/dsconfig';
import { copyToClipboard } from '../flows/copy';

/**
 * Copy PingDataSync Configuration…: `dsconfig` commands for a PingOne sync
 * destination or source (type ping-one-customer) built from the app and the
 * connection's region. The secret stays a shell variable unless the user
 * explicitly asks for it to be included.
 */
export const copyDsconfigCommand: CommandDefinition = {
  id: 'pingone.workerApp.copyDsconfig',
  async run(services, arg) {
    const ctx = await resolveApp(services, arg, 'Copy PingDataSync Configuration', { fresh: false });
    const { app, client } = ctx;
    const envId = ctx.target.environmentId;
    const prompter = services.prompter.get();
    const title = `PingDataSync configuration for "${app.name}"`;
    const environment = getEnvironment(client, envId).catch(() => undefined);
    const { direction, defaultPopulation, populationsToSynchronize, objectName, includeSecret } = await askDsconfig({
      prompter,
      title,
      populations: listPopulations(client, envId),
      suggestedName: async () => `PingOne ${(await environment)?.name ?? app.name}`,
    });
    const envName = (await environment)?.name;
    const clientSecret = includeSecret ? (await readApplicationSecret(client, envId, app.id, { appName: app.name })).secret : undefined;
    const text = buildDsconfig({
      direction,
      objectName,
      appName: app.name,
      clientId: app.id,
      environmentId: envId,
      environmentName: envName,
      apiBaseUrl: client.endpoints.apiBaseUrl,
      // PingDataSync gets its token from the environment that holds this worker.
      tokenUrl: `${client.endpoints.authBaseUrl}/${envId}/as/token`,
      clientSecret,
      defaultPopulation: defaultPopulation && { id: defaultPopulation.id, name: defaultPopulation.name },
      populationsToSynchronize: populationsToSynchronize?.map((p) => ({ id: p.id, name: p.name })),
      includeResourceTypeMapping: direction === 'destination',
    });
    await copyToClipboard(services, text, `dsconfig commands for "${app.name}"`);
    const open = await prompter.info(
      includeSecret
        ? `The dsconfig commands for "${app.name}" are on the clipboard, with the client secret in them: do not commit or share them.`
        : `The dsconfig commands for "${app.name}" are on the clipboard. Set $${SECRET_VARIABLE} before running them.`,
      {},
      'Open in Editor'
    );
    if (open === 'Open in Editor') {
      const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: text });
      await vscode.window.showTextDocument(doc, { preview: false });
    }
  },
};
