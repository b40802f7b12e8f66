import * as vscode from 'vscode';
import { pickEnvironment } from './pickers';
import type { CommandDefinition } from './registry';

export const environmentCopyId: CommandDefinition = {
  id: 'pingone.environment.copyId',
  async run(services, arg) {
    const target = await pickEnvironment(services, arg, 'Copy Environment ID');
    await vscode.env.clipboard.writeText(target.environmentId);
    services.prompter.get().status(`Copied environment ID ${target.environmentId}`);
    return target.environmentId;
  },
};
