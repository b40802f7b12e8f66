import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceScanSummary } from '../../../src/diagnostics/workspaceScan';
import { describe1, feature, local, releaseClosedDocuments, workspaceUri } from '../helpers/diagnostics';
import { activateExtension, testServices } from '../helpers/extension';
import { ScriptedPrompter } from '../helpers/scriptedPrompter';

const MB = 1024 * 1024;

/**
 * Writes a > 60 MB LDIF of realistic entries with two planted problems, and
 * returns the lines where they are (the file is generated, never committed).
 */
async function writeBigLdif(file: string): Promise<{ formatLine: number; duplicateLine: number; firstUser5Line: number; entries: number }> {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file, { encoding: 'utf8', highWaterMark: 4 * MB });
  const padding = 'x'.repeat(80);
  let line = 0;
  let bytes = 0;
  let i = 0;
  const planted = { formatLine: -1, duplicateLine: -1, firstUser5Line: -1, entries: 0 };
  let chunk = '';
  const flush = async () => {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    chunk = '';
  };
  while (bytes < 61 * MB) {
    const uid = i === 1000 ? 'bad user' : `user.${i}`;
    if (i === 1000) planted.formatLine = line + 2;
    if (i === 5) planted.firstUser5Line = line + 2;
    const entry = `dn: uid=e${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: User ${i}\nsn: ${i}\ndescription: ${padding}\n\n`;
    chunk += entry;
    bytes += entry.length;
    line += 7;
    i++;
    if (chunk.length > MB) await flush();
  }
  planted.duplicateLine = line + 2;
  chunk += `dn: uid=last,ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: user.5\ncn: Last\n`;
  await flush();
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  planted.entries = i + 1;
  return planted;
}

async function runScan(prompter: ScriptedPrompter): Promise<WorkspaceScanSummary> {
  const services = await testServices();
  const restore = services.prompter.use(prompter);
  try {
    const summary = (await vscode.commands.executeCommand('pingone.usernames.checkWorkspace')) as WorkspaceScanSummary | undefined;
    assert.ok(summary, `the scan failed: ${prompter.messages('error').join(' | ')}`);
    return summary;
  } finally {
    restore();
  }
}

describe('Diagnostics: workspace scan', function () {
  this.timeout(240_000);
  const bigDir = () => workspaceUri('diagnostics-big');
  let planted: Awaited<ReturnType<typeof writeBigLdif>>;

  before(async () => {
    await activateExtension();
    planted = await writeBigLdif(vscode.Uri.joinPath(bigDir(), 'big.ldif').fsPath);
    writeFileSync(workspaceUri('diagnostics-big', 'scan-only.csv').fsPath, 'username\nbad user\n');
  });

  after(() => {
    rmSync(bigDir().fsPath, { recursive: true, force: true });
  });

  it('checks every matching file, including a 60 MB LDIF read from disk, and fills the Problems panel', async () => {
    const big = vscode.Uri.joinPath(bigDir(), 'big.ldif');
    assert.ok(statSync(big.fsPath).size > 60 * MB, 'the generated file is over 60 MB');
    // VS Code does not hand files over 50 MB to extensions; the scan must not need it to.
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(big)));

    const prompter = new ScriptedPrompter();
    const started = Date.now();
    const summary = await runScan(prompter);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `[diagnostics] workspace scan: ${summary.files} files, ${summary.problems} problems in ${seconds.toFixed(1)} s (${planted.entries} entries in big.ldif)`
    );
    assert.equal(summary.cancelled, false);
    assert.equal(summary.failed, 0);
    assert.ok(summary.files >= 5, `files scanned: ${summary.files}`);
    assert.ok(
      prompter.messages('progress').some((m) => m.includes('big.ldif')),
      'progress names the file being checked'
    );

    const ds = local(big);
    assert.deepEqual(ds.map(describe1), [
      `${planted.formatLine}:8-${planted.formatLine}:9 username-format warning`,
      `${planted.duplicateLine}:5-${planted.duplicateLine}:11 username-duplicate error`,
    ]);
    const dup = ds[1];
    assert.equal(dup.relatedInformation?.[0].location.uri.toString(), big.toString());
    assert.equal(dup.relatedInformation?.[0].location.range.start.line, planted.firstUser5Line);
    assert.equal(local(workspaceUri('diagnostics-big', 'scan-only.csv')).length, 1);
    assert.ok(local(workspaceUri('diagnostics', 'env-check.ldif')).length === 0);
    assert.ok(prompter.messages('info').some((m) => /username problem/.test(m)));
  });

  it("refreshes a scanned file's problems when it changes on disk", async () => {
    const f = await feature();
    const uri = workspaceUri('diagnostics-big', 'scan-only.csv');
    assert.equal(local(uri).length, 1);
    const refreshed = new Promise<void>((resolve) => {
      const sub = f.scanner.onDidScanFile((e) => {
        if (e.uri.toString() === uri.toString() && e.reason === 'refresh') {
          sub.dispose();
          resolve();
        }
      });
    });
    writeFileSync(uri.fsPath, 'username\nbad user\nalso bad\nbad user\n');
    await Promise.race([
      refreshed,
      new Promise((_, reject) => setTimeout(() => reject(new Error('no refresh after the change on disk')), 20_000)),
    ]);
    assert.deepEqual(local(uri).map(describe1), [
      '1:3-1:4 username-format warning',
      '2:4-2:5 username-format warning',
      '3:0-3:8 username-duplicate error',
      '3:3-3:4 username-format warning',
    ]);
  });

  it('keeps the scan results of a file when its editor closes', async () => {
    const f = await feature();
    const uri = workspaceUri('diagnostics-big', 'scan-only.csv');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.ok(f.diagnostics.isTracked(uri));
    assert.ok(f.diagnostics.hasScanResult(uri));
    const closed = new Promise<string>((resolve) => {
      const sub = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === uri.toString()) {
          sub.dispose();
          resolve('closed');
        }
      });
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await releaseClosedDocuments();
    assert.equal(await Promise.race([closed, new Promise<string>((r) => setTimeout(() => r('still open'), 15_000))]), 'closed');
    assert.equal(f.diagnostics.isTracked(uri), false);
    assert.equal(local(uri).length, 4, 'the workspace-scan results stay');
  });

  it('can be cancelled; files done so far keep their results', async () => {
    const prompter = new ScriptedPrompter();
    prompter.cancelProgressWhen = (m) => /^2\//.test(m);
    const summary = await runScan(prompter);
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files < 5, `stopped early (${summary.files} files)`);
    assert.ok(prompter.messages('status').some((m) => /cancelled/.test(m)));
  });

  it('a deleted file loses its results', async () => {
    const f = await feature();
    await runScan(new ScriptedPrompter());
    const uri = workspaceUri('diagnostics-big', 'scan-only.csv');
    assert.ok(local(uri).length > 0);
    const deleted = new Promise<void>((resolve) => {
      const sub = f.scanner.onDidScanFile((e) => {
        if (e.uri.toString() === uri.toString() && e.reason === 'deleted') {
          sub.dispose();
          resolve();
        }
      });
    });
    rmSync(uri.fsPath);
    await Promise.race([deleted, new Promise((_, reject) => setTimeout(() => reject(new Error('no delete event')), 20_000))]);
    assert.equal(local(uri).length, 0);
  });
});

/**
 * What a scan covers follows `pingone.usernames.include` / `exclude` and
 * their defaults. Every planted file has a username problem, so a file that
 * should be left out and is not shows up in the Problems panel.
 */
describe('Diagnostics: what the workspace scan covers', function () {
  this.timeout(120_000);
  const BAD_CSV = 'username\nbad user\n';
  const BAD_LDIF = 'dn: uid=x,dc=example,dc=com\nobjectClass: person\nuid: bad user\n';
  const files = {
    kept: ['scope', 'kept.csv'],
    keptLdif: ['scope', 'deeper', 'kept.ldif'],
    nodeModules: ['scope', 'node_modules', 'pkg', 'dep.ldif'],
    nestedNodeModules: ['scope', 'deeper', 'node_modules', 'dep.csv'],
    git: ['scope', '.git', 'history.ldif'],
    userExcluded: ['scope', 'generated', 'export.csv'],
    tsv: ['scope', 'tab.tsv'],
    text: ['scope', 'notes.txt'],
  };
  const uri = (key: keyof typeof files) => workspaceUri(...files[key]);
  const config = () => vscode.workspace.getConfiguration('pingone.usernames');
  // Only the files under scope/ (the 60 MB file of the suite above is not scanned again).
  const SCOPE_ONLY = ['scope/**/*.ldif', 'scope/**/*.csv'];

  before(async () => {
    await activateExtension();
    for (const key of Object.keys(files) as Array<keyof typeof files>) {
      const file = uri(key).fsPath;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, file.endsWith('.ldif') ? BAD_LDIF : file.endsWith('.tsv') ? 'username\nbad user\n' : BAD_CSV);
    }
  });

  afterEach(async () => {
    await config().update('include', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    rmSync(workspaceUri('scope').fsPath, { recursive: true, force: true });
    // A scan of nothing clears the results of the files that are gone.
    await config().update('include', [], vscode.ConfigurationTarget.Workspace);
    await runScan(new ScriptedPrompter());
    await config().update('include', undefined, vscode.ConfigurationTarget.Workspace);
  });

  const scanned = () => (Object.keys(files) as Array<keyof typeof files>).filter((k) => local(uri(k)).length > 0).sort();

  it('the default excludes leave out node_modules and .git at any depth', async () => {
    await config().update('include', SCOPE_ONLY, vscode.ConfigurationTarget.Workspace);
    assert.deepEqual(config().get('exclude'), ['**/node_modules/**', '**/.git/**']);
    const summary = await runScan(new ScriptedPrompter());
    assert.deepEqual(scanned(), ['kept', 'keptLdif', 'userExcluded']);
    assert.equal(summary.files, 3);
    assert.equal(summary.filesWithProblems, 3);
  });

  it('a user exclude leaves its files out, and replaces the defaults', async () => {
    await config().update('include', SCOPE_ONLY, vscode.ConfigurationTarget.Workspace);
    await config().update('exclude', ['**/generated/**', '**/.git/**'], vscode.ConfigurationTarget.Workspace);
    const summary = await runScan(new ScriptedPrompter());
    // node_modules is no longer excluded: the setting replaced the default list, as VS Code array settings do.
    assert.deepEqual(scanned(), ['kept', 'keptLdif', 'nestedNodeModules', 'nodeModules']);
    assert.equal(summary.files, 4);
  });

  it('an exclude naming a single file leaves out just that file', async () => {
    await config().update('include', SCOPE_ONLY, vscode.ConfigurationTarget.Workspace);
    await config().update('exclude', ['**/node_modules/**', '**/.git/**', 'scope/kept.csv'], vscode.ConfigurationTarget.Workspace);
    await runScan(new ScriptedPrompter());
    assert.deepEqual(scanned(), ['keptLdif', 'userExcluded']);
  });

  it('the include globs decide the file types and folders', async () => {
    await config().update('include', ['scope/**/*.tsv'], vscode.ConfigurationTarget.Workspace);
    let summary = await runScan(new ScriptedPrompter());
    assert.deepEqual(scanned(), ['tsv']);
    assert.equal(summary.files, 1);
    await config().update('include', ['scope/**'], vscode.ConfigurationTarget.Workspace);
    summary = await runScan(new ScriptedPrompter());
    // notes.txt matches the glob but is no sync file; node_modules and .git stay excluded.
    assert.deepEqual(scanned(), ['kept', 'keptLdif', 'tsv', 'userExcluded']);
    assert.equal(summary.files, 4);
    await config().update('include', ['scope/deeper/**'], vscode.ConfigurationTarget.Workspace);
    summary = await runScan(new ScriptedPrompter());
    assert.deepEqual(scanned(), ['keptLdif']);
    assert.equal(summary.files, 1);
  });

  it('an empty include scans nothing', async () => {
    await config().update('include', [], vscode.ConfigurationTarget.Workspace);
    const summary = await runScan(new ScriptedPrompter());
    assert.equal(summary.files, 0);
    assert.deepEqual(scanned(), []);
  });
});
