import * as vscode from 'vscode';
import type { CommandDefinition } from './registry';
import { getEnvironment } from '../pingone/environments';
import type { Population } from '../pingone/models';
import { listPopulations } from '../pingone/populations';
import { readApplicationSecret } from '../pingone/secrets';
import { SECRET_VARIABLE, type SyncDirection, buildDsconfig } from '../syncConfig';
import { resolveApp } from '../flows/appContext';
import { answered } from '../ui/prompter';
import { copyToClipboard } from '../flows/copy';

const NO_POPULATION = Symbol('none');

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
    const direction = answered(
      await prompter.pick<SyncDirection>({
        title,
        placeholder: 'What is PingOne to PingDataSync?',
        items: [
          { label: 'Sync destination', description: 'PingDataSync writes users to PingOne', value: 'destination' },
          { label: 'Sync source', description: 'PingDataSync reads users from PingOne', value: 'source' },
        ],
      })
    );
    const environment = getEnvironment(client, envId).catch(() => undefined);
    const populations = listPopulations(client, envId);
    const popItems = populations.then((ps) => ps.map((p) => ({ label: p.name, description: p.default ? 'default population' : undefined, detail: p.id, value: p })));
    let defaultPopulation: Population | undefined;
    let populationsToSynchronize: Population[] | undefined;
    if (direction === 'destination') {
      const picked = answered(
        await prompter.pick<Population | typeof NO_POPULATION>({
          title: `${title}: default population`,
          placeholder: 'The population new users are created in (default-population-id)',
          items: popItems.then((items) => [
            ...items,
            { label: 'Leave unset', description: "PingOne's default population applies", value: NO_POPULATION as Population | typeof NO_POPULATION },
          ]),
          selected: (p) => p !== NO_POPULATION && p.default === true,
        })
      );
      defaultPopulation = picked === NO_POPULATION ? undefined : picked;
    } else {
      populationsToSynchronize = answered(
        await prompter.pickMany<Population>({
          title: `${title}: populations to synchronize`,
          placeholder: 'Pick the populations to read (population-to-synchronize); none picked: all populations',
          items: popItems,
        })
      );
    }
    const envName = (await environment)?.name;
    const objectName = answered(
      await prompter.input({
        title: `${title}: name of the ${direction === 'destination' ? 'sync destination' : 'sync source'}`,
        value: `PingOne ${envName ?? app.name}`,
        validate: (v) => (v.trim() ? undefined : 'Enter a name for the PingDataSync object.'),
      })
    );
    const includeSecret = answered(
      await prompter.pick<boolean>({
        title: `${title}: client secret`,
        items: [
          { label: `Use the shell variable $${SECRET_VARIABLE}`, description: 'recommended: the secret stays out of the text', value: false },
          { label: 'Include the client secret', description: 'the text and the clipboard will hold the secret', value: true },
        ],
      })
    );
    const clientSecret = includeSecret ? (await readApplicationSecret(client, envId, app.id, { appName: app.name })).secret : undefined;
    const text = buildDsconfig({
      direction,
      objectName: objectName.trim(),
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
