/**
 * Large open documents: the first findings arrive while the incremental
 * model is still being built in slices, edits made meanwhile are not lost or
 * shown stale, and closing the document mid-scan leaves nothing behind.
 * (How fast, and how long the host is held, is measured in the bench.)
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CheckedEvent } from '../../../src/diagnostics/controller';
import { codeOf, describe1, feature, local, workspaceUri } from '../helpers/diagnostics';

const ENTRY_LINES = 7;
/** Every this many entries the username has a space: a `username-format` warning on its uid line. */
const PLANTED_EVERY = 1000;

/** About `bytes` of LDIF; the uid line of entry i is line i * ENTRY_LINES + 2. */
function largeLdif(bytes: number): { text: string; entries: number } {
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    const uid = i % PLANTED_EVERY === 0 ? `user ${i}` : `user.${i}`;
    const e = `dn: uid=e${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: User ${i}\nsn: ${i}\ndescription: ${'x'.repeat(90)}\n\n`;
    parts.push(e);
    size += e.length;
    i++;
  }
  return { text: parts.join(''), entries: i };
}

/**
 * Files opened in a tab stay under 10 MiB: code-server asks before opening a larger remote file in the editor
 * (`workbench.editorLargeFileConfirmation`, 10 MB by default on a remote host), and no document arrives until then.
 */
const TAB_BYTES = 9 * 1024 * 1024;

const uidLine = (entry: number) => entry * ENTRY_LINES + 2;

function planted(entries: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < entries; i += PLANTED_EVERY) out.push(`${uidLine(i)} username-format`);
  return out;
}

/**
 * The planted findings of the usernames `doc` still holds as planted. A document read while its file was being
 * rewritten in place can hold the old text up to some point and the new text after it (seen on a busy machine:
 * the last planted usernames gone), so the expectation is read off the document itself.
 */
function plantedIn(doc: vscode.TextDocument, entries: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < entries; i += PLANTED_EVERY) {
    const line = uidLine(i);
    if (line < doc.lineCount && doc.lineAt(line).text === `uid: user ${i}`) out.push(`${line} username-format`);
  }
  return out;
}

const lineAndCode = (ds: vscode.Diagnostic[]) => ds.map((d) => `${d.range.start.line} ${codeOf(d)}`);

/** Every check event of `uri` from now on, and a wait for the first that satisfies `ok`. */
async function checksOf(uri: vscode.Uri) {
  const f = await feature();
  const events: CheckedEvent[] = [];
  const waiters: Array<{ ok: (e: CheckedEvent) => boolean; resolve: (e: CheckedEvent) => void }> = [];
  const sub = f.diagnostics.onDidCheck((e) => {
    if (e.uri.toString() !== uri.toString()) return;
    events.push(e);
    for (const w of waiters.splice(0)) {
      if (w.ok(e)) w.resolve(e);
      else waiters.push(w);
    }
  });
  const until = (ok: (e: CheckedEvent) => boolean, what: string, timeoutMs = 60_000) => {
    const seen = events.find(ok);
    if (seen) return Promise.resolve(seen);
    return new Promise<CheckedEvent>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}; checks so far: ${JSON.stringify(events)}`)),
        timeoutMs
      );
      waiters.push({
        ok,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  };
  return { events, until, dispose: () => sub.dispose() };
}

/** Lets the held first scan run and waits for the model's check: it shows the planted findings. */
async function modelShowsPlanted(hold: vscode.Disposable, checks: Awaited<ReturnType<typeof checksOf>>, uri: vscode.Uri, entries: number) {
  hold.dispose();
  await checks.until((e) => !e.fromWorker, "the model's check");
  assert.deepEqual(lineAndCode(local(uri)), planted(entries));
}

let counter = 0;
function largeFile(bytes: number): { uri: vscode.Uri; entries: number } {
  const { text, entries } = largeLdif(bytes);
  const uri = workspaceUri('diagnostics', `large-${process.pid}-${++counter}.ldif`);
  writeFileSync(uri.fsPath, text);
  return { uri, entries };
}

/**
 * A large LDIF file with one non-ASCII character (valid UTF-8), while the workspace opens .ldif files as plain
 * text read as Latin-1: its document is not the file's UTF-8 text. The caller resets the two settings.
 */
async function latin1PlainTextLdif(config: vscode.WorkspaceConfiguration, prefix: string): Promise<{ uri: vscode.Uri; entries: number }> {
  await config.update('files.associations', { '*.ldif': 'plaintext' }, vscode.ConfigurationTarget.Workspace);
  await config.update('[plaintext]', { 'files.encoding': 'iso88591' }, vscode.ConfigurationTarget.Workspace);
  const { text, entries } = largeLdif(TAB_BYTES);
  const uri = workspaceUri('diagnostics', `${prefix}-${process.pid}-${++counter}.ldif`);
  writeFileSync(uri.fsPath, text.replace('cn: User 1\n', 'cn: Jos\u00e9\n'));
  return { uri, entries };
}

describe('Diagnostics: large documents', function () {
  this.timeout(180_000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows the findings of a large LDIF file first from the scan worker, then from the finished model', async () => {
    const f = await feature();
    const { uri, entries } = largeFile(10 * 1024 * 1024);
    const checks = await checksOf(uri);
    // The model's slices wait until the worker has answered, so the order is the same on any machine.
    const hold = f.diagnostics.holdFirstScans();
    try {
      const workerChecks = f.diagnostics.stats.workerChecks;
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const first = await checks.until(() => true, 'the first check');
      assert.equal(first.fromWorker, true, 'the first findings come from the worker while the model is built');
      assert.equal(f.diagnostics.stats.workerChecks, workerChecks + 1);
      assert.equal(f.diagnostics.checked(uri), undefined, 'the model is not ready yet');
      assert.deepEqual(lineAndCode(local(uri)), planted(entries));
      hold.dispose();
      await checks.until((e) => !e.fromWorker, "the model's check");
      assert.ok(f.diagnostics.checked(uri), 'the model is ready');
      assert.deepEqual(lineAndCode(local(uri)), planted(entries));
    } finally {
      hold.dispose();
      checks.dispose();
    }
  });

  it('keeps edits made while the first scan is in flight: the final diagnostics are those of the edited text', async () => {
    const f = await feature();
    const { uri, entries } = largeFile(10 * 1024 * 1024);
    const checks = await checksOf(uri);
    const hold = f.diagnostics.holdFirstScans();
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const openedVersion = editor.document.version;
      // Fix a planted username, then make another one a duplicate of user.1: two change events.
      const fixed = 2 * PLANTED_EVERY;
      const duplicate = 3 * PLANTED_EVERY + 1;
      assert.ok(await editor.edit((b) => b.replace(new vscode.Range(uidLine(fixed), 9, uidLine(fixed), 10), '.')), 'first edit applied');
      const dupLine = editor.document.lineAt(uidLine(duplicate));
      assert.ok(
        await editor.edit((b) => b.replace(new vscode.Range(dupLine.lineNumber, 5, dupLine.lineNumber, dupLine.text.length), 'user.1'))
      );
      const editedVersion = editor.document.version;
      assert.equal(f.diagnostics.checked(uri), undefined, 'the model was still being built when the edits were made');
      assert.ok(
        checks.events.every((e) => e.fromWorker && e.version === openedVersion),
        'only the worker published, for the opened text'
      );

      hold.dispose();
      const final = await checks.until((e) => e.version === editedVersion, 'the check of the edited text');
      assert.equal(final.fromWorker, false);
      const want = planted(entries)
        .filter((x) => x !== `${uidLine(fixed)} username-format`)
        .concat(`${uidLine(duplicate)} username-duplicate`)
        .sort((a, b) => parseInt(a) - parseInt(b));
      assert.deepEqual(lineAndCode(local(uri)), want);
      assert.equal(checks.events[checks.events.length - 1], final, 'nothing was published after the latest version');
      assert.equal(f.diagnostics.checked(uri)?.version, editedVersion);
    } finally {
      hold.dispose();
      checks.dispose();
    }
  });

  it('publishes nothing from the worker when VS Code decoded the file in another encoding: the model checks the text shown', async () => {
    const f = await feature();
    const files = vscode.workspace.getConfiguration('files');
    await files.update('encoding', 'iso88591', vscode.ConfigurationTarget.Workspace);
    const { text, entries } = largeLdif(10 * 1024 * 1024);
    const uri = workspaceUri('diagnostics', `large-latin1-${process.pid}-${++counter}.ldif`);
    // One Latin-1 byte (not UTF-8) in a non-username line: the file on disk is not the document's UTF-8.
    writeFileSync(uri.fsPath, Buffer.from(text.replace('cn: User 1\n', 'cn: Jos\u00e9\n'), 'latin1'));
    const checks = await checksOf(uri);
    const hold = f.diagnostics.holdFirstScans();
    try {
      const dropped = f.diagnostics.stats.staleDropped;
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      assert.ok(doc.lineAt(ENTRY_LINES + 3).text === 'cn: Jos\u00e9', 'VS Code decoded the file as Latin-1');
      const deadline = Date.now() + 60_000;
      while (f.diagnostics.stats.staleDropped === dropped && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal(f.diagnostics.stats.staleDropped, dropped + 1, "the worker's answer was dropped");
      assert.deepEqual(checks.events, [], 'nothing was published from the file on disk');
      hold.dispose();
      const first = await checks.until(() => true, "the model's check");
      assert.equal(first.fromWorker, false);
      assert.deepEqual(lineAndCode(local(uri)), planted(entries));
    } finally {
      hold.dispose();
      checks.dispose();
      await files.update('encoding', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  /** Range, code, severity and message of each diagnostic: what a user sees. */
  const shown = (uri: vscode.Uri) => local(uri).map((d) => `${describe1(d)} ${d.message} (${d.relatedInformation?.length ?? 0} related)`);

  /** Resolves when the document of `uri` reaches the extension host (after the controller's own listener). */
  const documentArrives = (uri: vscode.Uri) =>
    new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.uri.toString() !== uri.toString()) return;
        sub.dispose();
        resolve();
      });
    });

  it('checks a large file when its tab opens, before its document arrives, and publishes what the document check publishes', async () => {
    const f = await feature();
    const { uri, entries } = largeFile(TAB_BYTES);
    const checks = await checksOf(uri);
    const hold = f.diagnostics.holdFirstScans();
    try {
      const { workerChecks, staleDropped, beforeOpenChecks } = f.diagnostics.stats;
      const arrived = documentArrives(uri);
      await vscode.commands.executeCommand('vscode.open', uri);
      const first = await checks.until(() => true, 'the first check');
      assert.equal(first.beforeDocument, true, 'the first findings were published before the document reached the host');
      assert.equal(f.diagnostics.stats.beforeOpenChecks, beforeOpenChecks + 1);
      assert.deepEqual(lineAndCode(local(uri)), planted(entries));
      const early = shown(uri);
      await arrived;
      assert.equal(f.diagnostics.stats.staleDropped, staleDropped, 'the document is the file read: the findings stay');
      assert.deepEqual(shown(uri), early);
      const sets = f.diagnostics.stats.sets;
      const objects = local(uri);
      hold.dispose();
      const model = await checks.until((e) => !e.fromWorker, "the model's check");
      assert.equal(model.version, vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.version);
      assert.deepEqual(shown(uri), early, "the model's check of the document publishes the same diagnostics");
      // The same list: nothing is converted and sent to the window again.
      assert.equal(f.diagnostics.stats.sets, sets, 'no DiagnosticCollection.set for an unchanged list');
      assert.ok(
        local(uri).every((d, i) => d === objects[i]),
        'the diagnostics shown are the objects published before the document arrived'
      );
      assert.equal(f.diagnostics.stats.workerChecks, workerChecks + 1, 'one worker check, none again for the document');
    } finally {
      hold.dispose();
      checks.dispose();
    }
  });

  it("keeps the findings published when the tab opened if the document arrives before the file's lengths, once they match", async () => {
    const f = await feature();
    const { uri, entries } = largeFile(TAB_BYTES);
    const checks = await checksOf(uri);
    const hold = f.diagnostics.holdFirstScans();
    const lengths = f.diagnostics.holdWorkerLengths();
    try {
      const { staleDropped, beforeOpenTakenBack } = f.diagnostics.stats;
      const arrived = documentArrives(uri);
      await vscode.commands.executeCommand('vscode.open', uri);
      const first = await checks.until(() => true, 'the first check');
      assert.equal(first.beforeDocument, true, 'published before the document arrived, without the lengths');
      const early = shown(uri);
      await arrived;
      assert.deepEqual(shown(uri), early, 'kept while the lengths are on their way');
      lengths.dispose();
      const sets = f.diagnostics.stats.sets;
      hold.dispose();
      await checks.until((e) => !e.fromWorker, "the model's check");
      assert.deepEqual(lineAndCode(local(uri)), planted(entries));
      assert.equal(f.diagnostics.stats.sets, sets, "the lengths matched: the model's same list is not sent again");
      assert.equal(f.diagnostics.stats.staleDropped, staleDropped);
      assert.equal(f.diagnostics.stats.beforeOpenTakenBack, beforeOpenTakenBack);
    } finally {
      lengths.dispose();
      hold.dispose();
      checks.dispose();
    }
  });

  it("takes back the findings published when the tab opened if the file's lengths, arriving after the document, do not match it", async () => {
    const f = await feature();
    const config = vscode.workspace.getConfiguration();
    // As above: the document of an .ldif file opened as plain text, read as Latin-1, is not the file's UTF-8.
    const { uri, entries } = await latin1PlainTextLdif(config, 'large-late');
    const checks = await checksOf(uri);
    const hold = f.diagnostics.holdFirstScans();
    const lengths = f.diagnostics.holdWorkerLengths();
    try {
      const dropped = f.diagnostics.stats.beforeOpenTakenBack;
      const arrived = documentArrives(uri);
      await vscode.commands.executeCommand('vscode.open', uri);
      const first = await checks.until(() => true, 'the first check');
      assert.equal(first.beforeDocument, true);
      await arrived;
      assert.equal(f.diagnostics.stats.beforeOpenTakenBack, dropped, 'nothing is decided before the lengths');
      const takenBack = new Promise<void>((resolve) => {
        const sub = vscode.languages.onDidChangeDiagnostics((e) => {
          if (!e.uris.some((u) => u.toString() === uri.toString()) || local(uri).length > 0) return;
          sub.dispose();
          resolve();
        });
      });
      lengths.dispose();
      await takenBack;
      assert.equal(f.diagnostics.stats.beforeOpenTakenBack, dropped + 1, 'the findings of the file read were taken back');
      await modelShowsPlanted(hold, checks, uri, entries);
    } finally {
      lengths.dispose();
      hold.dispose();
      checks.dispose();
      await config.update('[plaintext]', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('files.associations', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('takes back the findings published when the tab opened if the file changed on disk before the document arrived', async () => {
    const f = await feature();
    const { text } = largeLdif(TAB_BYTES);
    // The case needs the worker's findings to come before VS Code delivers the document (seconds for 9 MiB, against
    // well under one for the worker). On a machine busy enough to turn that race round, the file is opened afresh,
    // a few times at most; every check below runs on the attempt that had the findings first.
    const ATTEMPTS = 5;
    for (let attempt = 1; ; attempt++) {
      const { uri, entries } = largeFile(TAB_BYTES);
      const checks = await checksOf(uri);
      const hold = f.diagnostics.holdFirstScans();
      try {
        const dropped = f.diagnostics.stats.beforeOpenTakenBack;
        const arrived = documentArrives(uri);
        // Rewritten as the findings are published (same tick: the document cannot have arrived in between).
        // Same length, no planted finding: the file is no longer the one checked.
        const rewritten = new Promise<CheckedEvent>((resolve) => {
          const sub = f.diagnostics.onDidCheck((e) => {
            if (e.uri.toString() !== uri.toString()) return;
            sub.dispose();
            if (e.beforeDocument) writeFileSync(uri.fsPath, text.replace(/uid: user (\d+)/g, 'uid: user.$1'));
            resolve(e);
          });
        });
        await vscode.commands.executeCommand('vscode.open', uri);
        const first = await rewritten;
        if (!first.beforeDocument && attempt < ATTEMPTS) {
          await arrived;
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
          continue;
        }
        assert.equal(first.beforeDocument, true, `published before the document arrived (attempt ${attempt} of ${ATTEMPTS})`);
        if (attempt > 1) console.log(`[diagnosticsLarge] the worker's findings came first on attempt ${attempt}`);
        await arrived;
        assert.equal(f.diagnostics.stats.beforeOpenTakenBack, dropped + 1, 'the findings of the file read were dropped');
        assert.deepEqual(local(uri), [], 'and taken back when the document arrived');
        hold.dispose();
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
        // VS Code may reload the document from the rewritten file meanwhile: the check of its current version.
        await checks.until((e) => !e.fromWorker && e.version === doc.version, "the model's check of the document");
        assert.deepEqual(lineAndCode(local(uri)), plantedIn(doc, entries));
        return;
      } finally {
        hold.dispose();
        checks.dispose();
      }
    }
  });

  it("takes back the findings published when the tab opened if the document's language decodes the file in another encoding", async () => {
    const f = await feature();
    const config = vscode.workspace.getConfiguration();
    // The tab shows only a path: an .ldif file is guessed to be LDIF, whose encoding is UTF-8; its document is
    // plain text, read as Latin-1.
    const { uri, entries } = await latin1PlainTextLdif(config, 'large-lang');
    const checks = await checksOf(uri);
    const hold = f.diagnostics.holdFirstScans();
    try {
      const dropped = f.diagnostics.stats.beforeOpenTakenBack;
      const arrived = documentArrives(uri);
      await vscode.commands.executeCommand('vscode.open', uri);
      const first = await checks.until(() => true, 'the first check');
      assert.equal(first.beforeDocument, true, 'published before the document arrived');
      await arrived;
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
      assert.equal(doc.languageId, 'plaintext');
      assert.equal(f.diagnostics.stats.beforeOpenTakenBack, dropped + 1, 'the findings of the file read were dropped');
      assert.deepEqual(local(uri), [], 'and taken back when the document arrived');
      await modelShowsPlanted(hold, checks, uri, entries);
    } finally {
      hold.dispose();
      checks.dispose();
      await config.update('[plaintext]', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('files.associations', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('publishes nothing before the document arrives when VS Code decodes the file in another encoding', async () => {
    const f = await feature();
    const files = vscode.workspace.getConfiguration('files');
    await files.update('encoding', 'iso88591', vscode.ConfigurationTarget.Workspace);
    const { uri, entries } = largeFile(TAB_BYTES);
    const checks = await checksOf(uri);
    const hold = f.diagnostics.holdFirstScans();
    try {
      const beforeOpenChecks = f.diagnostics.stats.beforeOpenChecks;
      const arrived = documentArrives(uri);
      await vscode.commands.executeCommand('vscode.open', uri);
      await arrived;
      assert.equal(f.diagnostics.pendingWork().beforeOpen, 0);
      assert.equal(f.diagnostics.stats.beforeOpenChecks, beforeOpenChecks, 'no check of the file before the document');
      assert.ok(checks.events.every((e) => !e.beforeDocument));
      await modelShowsPlanted(hold, checks, uri, entries);
    } finally {
      hold.dispose();
      checks.dispose();
      await files.update('encoding', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('does not check a file before its document when the editor will ask before opening it (workbench.editorLargeFileConfirmation)', async () => {
    const f = await feature();
    const workbench = vscode.workspace.getConfiguration('workbench');
    await workbench.update('editorLargeFileConfirmation', 5, vscode.ConfigurationTarget.Workspace);
    const { uri } = largeFile(TAB_BYTES);
    const checks = await checksOf(uri);
    try {
      const beforeOpenChecks = f.diagnostics.stats.beforeOpenChecks;
      // The controller's listener runs first (registered at activation): by this one, it has seen the tab.
      const seen = new Promise<number>((resolve) => {
        const sub = vscode.window.tabGroups.onDidChangeTabs((e) => {
          if (!e.opened.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString())) return;
          sub.dispose();
          resolve(f.diagnostics.pendingWork().beforeOpen);
        });
      });
      // Not awaited: the editor waits for the user's answer.
      void vscode.commands.executeCommand('vscode.open', uri);
      assert.equal(await seen, 0, 'no check of the file began');
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(f.diagnostics.stats.beforeOpenChecks, beforeOpenChecks);
      assert.deepEqual(checks.events, []);
      assert.deepEqual(local(uri), []);
    } finally {
      checks.dispose();
      await workbench.update('editorLargeFileConfirmation', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('leaves no diagnostics, slice, timer or worker check behind when the document closes mid-scan', async () => {
    const f = await feature();
    const { text } = largeLdif(10 * 1024 * 1024);
    const hold = f.diagnostics.holdFirstScans();
    try {
      // An untitled document closes as soon as its editor is reverted and closed.
      const doc = await vscode.workspace.openTextDocument({ language: 'ldif', content: text });
      const uri = doc.uri;
      const checks = await checksOf(uri);
      try {
        await vscode.window.showTextDocument(doc);
        const closed = new Promise<void>((resolve) => {
          const sub = vscode.workspace.onDidCloseTextDocument((d) => {
            if (d.uri.toString() !== uri.toString()) return;
            sub.dispose();
            resolve();
          });
        });
        const inFlight = f.diagnostics.pendingWork();
        assert.equal(inFlight.slices, 1, `the first scan is in flight before the close (${JSON.stringify(inFlight)})`);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await closed;
        const after = f.diagnostics.pendingWork();
        assert.deepEqual(after, {
          timers: 0,
          slices: 0,
          workerChecks: 0,
          beforeOpen: 0,
          workerBusy: false,
          workerRunning: after.workerRunning,
          workerWarm: after.workerWarm,
        });
        // The worker may answer between `inFlight` and the close (it takes ~0.2 s); only a check still
        // pending at the close (no worker findings published) must have been stopped with its thread.
        const answeredBeforeClose = checks.events.some((e) => e.fromWorker);
        if (inFlight.workerChecks > 0 && !answeredBeforeClose)
          assert.equal(after.workerRunning, false, "the worker's check was stopped with its thread");
        assert.equal(f.diagnostics.isTracked(uri), false);
        assert.deepEqual(local(uri), []);
        // Nothing that was still held or running may publish later.
        hold.dispose();
        await new Promise((r) => setTimeout(r, 2000));
        assert.deepEqual(local(uri), []);
        assert.equal(checks.events.filter((e) => !e.fromWorker).length, 0, 'the model never checked the closed document');
        assert.deepEqual(f.diagnostics.pendingWork(), after);
      } finally {
        checks.dispose();
      }
    } finally {
      hold.dispose();
    }
  });
});
