import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { codeOf, describe1, feature, local, releaseClosedDocuments, workspaceUri } from '../helpers/diagnostics';

// Must match src/diagnostics/index.ts (not imported, so the suite does not bundle the feature).
async function waitFor(uri: vscode.Uri, predicate: (ds: vscode.Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  if (predicate(local(uri))) return local(uri);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for diagnostics of ${uri.path}; have:\n  ${local(uri).map(describe1).join('\n  ')}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = local(uri);
      if (predicate(ds)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(ds);
      }
    });
  });
}

let tempCounter = 0;
/** A fresh copy of text as a file in the test workspace, so edits never touch shared fixtures. */
function tempFile(ext: 'ldif' | 'csv', text: string): vscode.Uri {
  const uri = workspaceUri('diagnostics', `tmp-${process.pid}-${++tempCounter}.${ext}`);
  writeFileSync(uri.fsPath, text, 'utf8');
  return uri;
}

async function openShown(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

async function fixtureText(name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('diagnostics', name)));
}

const EXPECTED_LDIF = [
  '14:5-14:11 ldif-syntax warning',
  '14:10-14:11 username-whitespace warning',
  '19:6-19:18 username-invalid-character error',
  '24:5-24:10 ldif-syntax info',
  '24:9-24:10 username-invalid-character error',
  '29:5-30:4 ldif-syntax warning',
  '30:3-30:4 username-whitespace warning',
  '35:5-35:14 username-duplicate-case warning',
  '40:5-40:22 username-duplicate error',
];

const EXPECTED_CSV = [
  '2:3-2:4 username-format warning',
  '3:0-3:1 username-whitespace warning',
  '4:0-4:17 username-duplicate error',
  '5:3-5:4 username-invalid-character error',
];

describe('Diagnostics: editor', function () {
  this.timeout(60_000);

  it('reports the exact diagnostics of an open LDIF file, with README links and related information', async () => {
    const f = await feature();
    const uri = workspaceUri('diagnostics', 'users.ldif');
    await openShown(uri);
    const ds = await waitFor(uri, (d) => d.length === EXPECTED_LDIF.length);
    assert.deepEqual(ds.map(describe1), EXPECTED_LDIF);
    const readme = vscode.Uri.joinPath(
      vscode.extensions.getExtension('pingone-sync-toolkit.pingone-sync-toolkit')!.extensionUri,
      'README.md'
    );
    for (const d of ds) {
      assert.equal(d.source, 'PingOne');
      const code = d.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.path, readme.path);
      assert.equal(code.target.fragment, code.value);
    }
    const dup = ds.find((d) => codeOf(d) === 'username-duplicate')!;
    assert.equal(dup.relatedInformation?.length, 1);
    assert.equal(dup.relatedInformation![0].location.uri.toString(), uri.toString());
    assert.deepEqual(
      [
        dup.relatedInformation![0].location.range.start.line,
        dup.relatedInformation![0].location.range.start.character,
        dup.relatedInformation![0].location.range.end.character,
      ],
      [4, 5, 22]
    );
    assert.match(dup.relatedInformation![0].message, /first/i);
    const caseDup = ds.find((d) => codeOf(d) === 'username-duplicate-case')!;
    assert.equal(caseDup.relatedInformation?.[0].location.range.start.line, 9);
    assert.match(ds.find((d) => codeOf(d) === 'username-invalid-character')!.message, /U\+200B ZERO WIDTH SPACE/);
    assert.ok(f.diagnostics.checked(uri), 'the controller tracks the document');
  });

  it('reports the exact diagnostics of an open CSV file', async () => {
    const uri = workspaceUri('diagnostics', 'users.csv');
    const editor = await openShown(uri);
    assert.equal(editor.document.languageId, 'csv');
    const ds = await waitFor(uri, (d) => d.length === EXPECTED_CSV.length);
    assert.deepEqual(ds.map(describe1), EXPECTED_CSV);
    const dup = ds.find((d) => codeOf(d) === 'username-duplicate')!;
    assert.equal(dup.relatedInformation?.[0].location.range.start.line, 1);
  });

  it('ignores files outside the include globs', async () => {
    const uri = workspaceUri('diagnostics', 'excluded', 'ignored.ldif');
    await vscode.workspace.fs.createDirectory(workspaceUri('diagnostics', 'excluded'));
    writeFileSync(uri.fsPath, 'dn: uid=x,dc=example,dc=com\nobjectClass: person\nuid: bad user\n');
    const config = vscode.workspace.getConfiguration('pingone.usernames');
    await config.update('exclude', ['**/excluded/**'], vscode.ConfigurationTarget.Workspace);
    try {
      await openShown(uri);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(local(uri).map(describe1), []);
      assert.equal((await feature()).diagnostics.isTracked(uri), false);
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(uri, (d) => d.some((x) => codeOf(x) === 'username-format'));
    } finally {
      await config.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('re-checks after an edit, incrementally: the fixed username loses its diagnostic and a new duplicate appears', async () => {
    const f = await feature();
    const entries: string[] = [];
    for (let i = 0; i < 200; i++) {
      const uid = i === 150 ? 'bob smith' : `user.${i}`;
      entries.push(`dn: uid=e${i},ou=People,dc=example,dc=com\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: E ${i}\n`);
    }
    const uri = tempFile('ldif', entries.join('\n'));
    const editor = await openShown(uri);
    const uidLine = (i: number) => i * 5 + 2;
    const before = await waitFor(uri, (d) => d.length === 1);
    assert.deepEqual(before.map(describe1), [`${uidLine(150)}:8-${uidLine(150)}:9 username-format warning`]);
    assert.equal(f.diagnostics.stats.lastReparsedEntries, 200, 'the first check parses every entry');

    const checked = new Promise<{ version: number; reparsed: number }>((resolve) => {
      const sub = f.diagnostics.onDidCheck((e) => {
        if (e.uri.toString() !== uri.toString()) return;
        sub.dispose();
        resolve({ version: e.version, reparsed: e.reparsedEntries });
      });
    });
    const line = editor.document.lineAt(uidLine(150));
    await editor.edit((b) => b.replace(new vscode.Range(line.lineNumber, 5, line.lineNumber, line.text.length), 'user.3'));
    const after = await waitFor(uri, (d) => d.some((x) => codeOf(x) === 'username-duplicate'));
    assert.deepEqual(after.map(describe1), [`${uidLine(150)}:5-${uidLine(150)}:11 username-duplicate error`]);
    assert.equal(after[0].relatedInformation?.[0].location.range.start.line, uidLine(3));
    const c = await checked;
    assert.equal(c.version, editor.document.version, 'published for the current version');
    assert.ok(c.reparsed >= 1 && c.reparsed <= 3, `only the touched entry is re-parsed (got ${c.reparsed} of 200)`);
  });

  /** Sets the debounce; resolves once the check of `uri` the settings change starts (from scratch) is published. */
  async function setDebounce(f: Awaited<ReturnType<typeof feature>>, uri: vscode.Uri, ms: number | undefined): Promise<void> {
    const checked = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error('no check after the settings change'));
      }, 10_000);
      const sub = f.diagnostics.onDidCheck((e) => {
        if (e.uri.toString() !== uri.toString() || e.fromWorker) return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
    await vscode.workspace.getConfiguration('pingone.usernames').update('debounceMs', ms, vscode.ConfigurationTarget.Workspace);
    await checked;
  }

  it('publishes only the latest version after rapid edits (debounced, never stale)', async () => {
    const f = await feature();
    const config = vscode.workspace.getConfiguration('pingone.usernames');
    const uri = tempFile('csv', 'username\nalpha\nbeta\ngamma\n');
    const editor = await openShown(uri);
    await waitFor(uri, (d) => d.length === 0);
    // Four edits must land within one debounce: on a busy machine one `editor.edit` round trip can take longer
    // than the default 250 ms, so the debounce is made long enough that only the feature's behaviour is tested.
    await setDebounce(f, uri, 3000);
    const versions: number[] = [];
    const sub = f.diagnostics.onDidCheck((e) => {
      if (e.uri.toString() === uri.toString()) versions.push(e.version);
    });
    try {
      for (const text of ['alpha x', 'alpha xy', 'alpha']) {
        await editor.edit((b) => b.replace(new vscode.Range(1, 0, 1, editor.document.lineAt(1).text.length), text));
      }
      await editor.edit((b) => b.replace(new vscode.Range(3, 0, 3, 5), 'beta'));
      const ds = await waitFor(uri, (d) => d.some((x) => codeOf(x) === 'username-duplicate'));
      assert.deepEqual(ds.map(describe1), ['3:0-3:4 username-duplicate error']);
      assert.deepEqual(versions, [editor.document.version], 'one check, for the final version');
    } finally {
      sub.dispose();
      await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it("with no debounce, publishes an edit's diagnostics before the host runs its next task (no timer)", async () => {
    const f = await feature();
    const config = vscode.workspace.getConfiguration('pingone.usernames');
    const uri = tempFile('csv', 'username\nalpha\nbeta\ngamma\n');
    const editor = await openShown(uri);
    await waitFor(uri, (d) => d.length === 0);
    await setDebounce(f, uri, 0);
    try {
      let nextTaskRan: boolean | undefined;
      const change = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() !== uri.toString()) return;
        nextTaskRan = false;
        setImmediate(() => (nextTaskRan = true));
      });
      const published = new Promise<boolean | undefined>((resolve) => {
        const sub = f.diagnostics.onDidCheck((e) => {
          if (e.uri.toString() !== uri.toString() || e.version !== editor.document.version) return;
          sub.dispose();
          resolve(nextTaskRan);
        });
      });
      try {
        await editor.edit((b) => b.replace(new vscode.Range(3, 0, 3, 5), 'beta'));
        assert.equal(await published, false, 'checked in the task that delivered the edit');
        assert.deepEqual(local(uri).map(describe1), ['3:0-3:4 username-duplicate error']);
      } finally {
        change.dispose();
      }
    } finally {
      await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  describe('quick fixes', () => {
    async function applyFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, titlePattern: RegExp): Promise<void> {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value
      );
      const action = actions.find((a) => titlePattern.test(a.title));
      assert.ok(
        action?.edit,
        `a quick fix matching ${titlePattern} for ${describe1(diagnostic)}; got ${actions.map((a) => a.title).join(' | ')}`
      );
      assert.ok(await vscode.workspace.applyEdit(action.edit));
    }

    const ldifCases = [
      {
        name: 'trims a plain value',
        line: 14,
        code: 'username-whitespace',
        title: /^Trim/,
        lines: [
          [14, 'uid: carol'],
          [15, 'cn: Carol'],
        ],
      },
      {
        name: 'removes an invalid character from a uid:: value and re-encodes it as base64',
        line: 19,
        code: 'username-invalid-character',
        title: /^Remove/,
        lines: [
          [19, 'uid:: ZGF2ZQ=='],
          [20, 'cn: Dave'],
        ],
      },
      {
        name: 'base64-encodes a plain non-ASCII value after removing the invalid character',
        line: 24,
        code: 'username-invalid-character',
        title: /base64/,
        lines: [
          [24, 'uid:: Sm9zw6k='],
          [25, 'cn: Jose'],
        ],
      },
      {
        name: 'trims a folded value and keeps the folding valid',
        line: 30,
        code: 'username-whitespace',
        title: /^Trim/,
        lines: [
          [29, 'uid: frank'],
          [30, 'cn: Frank'],
          [31, ''],
        ],
      },
    ] as const;

    for (const c of ldifCases) {
      it(`LDIF: ${c.name}`, async () => {
        const uri = tempFile('ldif', await fixtureText('users.ldif'));
        const editor = await openShown(uri);
        const ds = await waitFor(uri, (d) => d.length === EXPECTED_LDIF.length);
        const target = ds.find((d) => codeOf(d) === c.code && d.range.start.line === c.line)!;
        assert.ok(target, `diagnostic ${c.code} on line ${c.line}`);
        await applyFix(uri, target, c.title);
        for (const [line, text] of c.lines) assert.equal(editor.document.lineAt(line).text, text);
        // The fixed entry is clean now (no ldif-syntax problem from a broken fold either).
        const fixedLine = c.lines[0][0];
        const after = await waitFor(uri, (d) => !d.some((x) => x.range.start.line === fixedLine || x.range.end.line === fixedLine));
        assert.equal(after.length, EXPECTED_LDIF.length - (c.code === 'username-whitespace' ? 2 : c.line === 24 ? 2 : 1));
      });
    }

    it('CSV: trims a field and removes an invalid character from a quoted field', async () => {
      const uri = tempFile('csv', await fixtureText('users.csv'));
      const editor = await openShown(uri);
      let ds = await waitFor(uri, (d) => d.length === EXPECTED_CSV.length);
      await applyFix(
        uri,
        ds.find((d) => codeOf(d) === 'username-whitespace')!,
        /^Trim/
      );
      assert.equal(editor.document.lineAt(3).text, 'carol,carol@example.com,Carol');
      ds = await waitFor(uri, (d) => d.length === EXPECTED_CSV.length - 1);
      await applyFix(
        uri,
        ds.find((d) => codeOf(d) === 'username-invalid-character')!,
        /^Remove/
      );
      assert.equal(editor.document.lineAt(5).text, '"zwx",zw@example.com,ZW');
      ds = await waitFor(uri, (d) => d.length === EXPECTED_CSV.length - 2);
      assert.deepEqual(ds.map(describe1), ['2:3-2:4 username-format warning', '4:0-4:17 username-duplicate error']);
    });

    it('offers no fix where none is certain (duplicates)', async () => {
      const uri = workspaceUri('diagnostics', 'users.ldif');
      await openShown(uri);
      const ds = await waitFor(uri, (d) => d.length === EXPECTED_LDIF.length);
      const dup = ds.find((d) => codeOf(d) === 'username-duplicate')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        dup.range,
        vscode.CodeActionKind.QuickFix.value
      );
      assert.deepEqual(
        actions.filter((a) => a.diagnostics?.some((d) => codeOf(d) === 'username-duplicate')).map((a) => a.title),
        []
      );
    });
  });

  it('shows the decoded value when hovering a base64 username', async () => {
    const uri = workspaceUri('diagnostics', 'users.ldif');
    await openShown(uri);
    await waitFor(uri, (d) => d.length === EXPECTED_LDIF.length);
    const text = async (line: number, character: number) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(line, character)
      );
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    };
    const emile = await text(50, 10);
    assert.match(emile, /decoded from base64/);
    assert.match(emile, /émile/);
    const dave = await text(19, 8);
    assert.match(dave, /dave/);
    assert.match(dave, /U\+200B/, 'invisible characters are spelled out');
    assert.doesNotMatch(await text(4, 8), /decoded from base64/, 'no hover on plain values');
  });

  it('re-checks open documents when the profile or severity settings change', async () => {
    const config = () => vscode.workspace.getConfiguration('pingone.usernames');
    const ldif = workspaceUri('diagnostics', 'users.ldif');
    const csv = workspaceUri('diagnostics', 'users.csv');
    await openShown(csv);
    await openShown(ldif);
    await waitFor(ldif, (d) => d.length === EXPECTED_LDIF.length);
    try {
      // strict: digits are outside the guide's literal wording, so user.1 gets a format warning.
      await config().update('profile', 'strict', vscode.ConfigurationTarget.Workspace);
      let ds = await waitFor(ldif, (d) => d.some((x) => codeOf(x) === 'username-format'));
      assert.deepEqual(ds.filter((x) => codeOf(x) === 'username-format').map(describe1), ['45:10-45:11 username-format warning']);
      // api: only what PingOne rejects; the space in "bob smith" is fine.
      await config().update('profile', 'api', vscode.ConfigurationTarget.Workspace);
      ds = await waitFor(csv, (d) => !d.some((x) => codeOf(x) === 'username-format'));
      assert.deepEqual(
        ds.map(describe1),
        EXPECTED_CSV.filter((e) => !e.includes('username-format'))
      );
      await config().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
      // Per-code severity: a duplicate becomes a warning, a case-only duplicate is turned off.
      await config().update(
        'severity',
        { 'username-duplicate': 'warning', 'username-duplicate-case': 'off' },
        vscode.ConfigurationTarget.Workspace
      );
      ds = await waitFor(ldif, (d) => !d.some((x) => codeOf(x) === 'username-duplicate-case'));
      assert.deepEqual(
        ds.map(describe1),
        EXPECTED_LDIF.filter((e) => !e.includes('username-duplicate-case')).map((e) =>
          e.includes('username-duplicate ') ? e.replace('error', 'warning') : e
        )
      );
      // The cap: at most 2 problems, plus a summary line.
      await config().update('maxProblemsPerFile', 2, vscode.ConfigurationTarget.Workspace);
      ds = await waitFor(ldif, (d) => d.some((x) => codeOf(x) === 'too-many-problems'));
      assert.equal(ds.length, 3);
      assert.match(ds.find((x) => codeOf(x) === 'too-many-problems')!.message, /^6 more username problem/);
    } finally {
      await config().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      await config().update('maxProblemsPerFile', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(ldif, (d) => d.length === EXPECTED_LDIF.length);
  });

  it('clears the diagnostics of a closed document that is not part of a workspace scan', async () => {
    const f = await feature();
    const uri = tempFile('csv', 'username\nbad user\n');
    await openShown(uri);
    await waitFor(uri, (d) => d.length === 1);
    assert.equal(f.diagnostics.hasScanResult(uri), false);
    const closed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.toString() === uri.toString()) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await releaseClosedDocuments();
    // VS Code disposes a closed editor's document model (and tells extensions) on its own schedule.
    await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the document did not close')), 15_000))]);
    await waitFor(uri, (d) => d.length === 0);
  });
});
