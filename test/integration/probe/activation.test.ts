import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../helpers/extension';

// Not a test suite of its own: the activation benchmark loads a fresh window
// with the packaged extension and this probe reads how long activation took.
describe('Activation probe', () => {
  it('reports the activation time of the installed extension', async () => {
    const ext = vscode.extensions.getExtension<{ activationMs?: number }>(EXTENSION_ID);
    assert.ok(ext, 'extension installed');
    const api = await ext.activate();
    assert.equal(typeof api.activationMs, 'number');
    const out = process.env.PINGONE_BENCH_PROBE_OUT;
    if (out) writeFileSync(out, JSON.stringify({ activationMs: api.activationMs }));
  });
});
