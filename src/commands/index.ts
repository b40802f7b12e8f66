import { checkAgainstEnvironment } from './checkAgainstEnvironment';
import { checkWorkspace } from './checkWorkspace';
import { clearEnvironmentCheck } from './clearEnvironmentCheck';
import { connectionAdd } from './connectionAdd';
import { connectionEdit } from './connectionEdit';
import { connectionRemove } from './connectionRemove';
import { connectionRename } from './connectionRename';
import { connectionTest } from './connectionTest';
import { environmentCopyId } from './environmentCopyId';
import { environmentOpenInConsole } from './environmentOpenInConsole';
import { explorerLoadMore } from './explorerLoadMore';
import { explorerRefresh } from './explorerRefresh';
import { explorerRefreshNode } from './explorerRefreshNode';
import { explorerRetry } from './explorerRetry';
import { explorerShowAllApps } from './explorerShowAllApps';
import { explorerShowWorkersOnly } from './explorerShowWorkersOnly';
import type { CommandDefinition } from './registry';
import { assignRoleCommand } from './workerAppAssignRole';
import { checkReadinessCommand } from './workerAppCheckReadiness';
import { configureForSyncCommand } from './workerAppConfigureForSync';
import { copyClientIdCommand } from './workerAppCopyClientId';
import { copyClientSecretCommand } from './workerAppCopyClientSecret';
import { copyDsconfigCommand } from './workerAppCopyDsconfig';
import { copyEnvironmentIdCommand } from './workerAppCopyEnvironmentId';
import { createCommand } from './workerAppCreate';
import { deleteCommand } from './workerAppDelete';
import { disableCommand } from './workerAppDisable';
import { enableCommand } from './workerAppEnable';
import { openInConsoleCommand } from './workerAppOpenInConsole';
import { removeRoleCommand } from './workerAppRemoveRole';
import { resumeCreateCommand } from './workerAppResumeCreate';
import { rotateSecretCommand } from './workerAppRotateSecret';
import { setAuthMethodCommand } from './workerAppSetAuthMethod';

/** Worker app commands. */
const workerAppCommands: CommandDefinition[] = [
  createCommand,
  resumeCreateCommand,
  configureForSyncCommand,
  checkReadinessCommand,
  enableCommand,
  disableCommand,
  setAuthMethodCommand,
  assignRoleCommand,
  removeRoleCommand,
  rotateSecretCommand,
  deleteCommand,
  copyClientIdCommand,
  copyClientSecretCommand,
  copyEnvironmentIdCommand,
  copyDsconfigCommand,
  openInConsoleCommand,
];

/** Connections and the explorer view. */
const connectionAndExplorerCommands: CommandDefinition[] = [
  connectionAdd,
  connectionEdit,
  connectionRename,
  connectionRemove,
  connectionTest,
  explorerRefresh,
  explorerRefreshNode,
  explorerShowWorkersOnly,
  explorerShowAllApps,
  explorerLoadMore,
  explorerRetry,
  environmentOpenInConsole,
  environmentCopyId,
];

/** Username diagnostics. */
const usernameCommands: CommandDefinition[] = [checkWorkspace, checkAgainstEnvironment, clearEnvironmentCheck];

/** Every command of the extension, one file each. */
export const allCommands: CommandDefinition[] = [...connectionAndExplorerCommands, ...workerAppCommands, ...usernameCommands];
