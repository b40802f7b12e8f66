import assert from 'node:assert/strict';
import type { Json } from './helpers';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

function startCli(args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; ready: Promise<Json> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const ready = new Promise<Json>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${err}`)), 15000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(out.split('\n')[0]));
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`exited early; stderr: ${err}`));
    });
  });
  ready.catch(() => undefined);
  return { child, stdout: () => out, stderr: () => err, ready };
}

describe('emulator: command line', function () {
  this.timeout(30000);

  it('prints exactly one ready line, serves, and stops cleanly on SIGTERM', async () => {
    const cli = startCli(['--port', '0', '--seed', 'default']);
    try {
      const info = await cli.ready;
      assert.deepEqual(
        Object.keys(info).sort(),
        [
          'apiBaseUrl',
          'authBaseUrl',
          'baseUrl',
          'clientId',
          'clientSecret',
          'environmentId',
          'extraAdminWorkers',
          'ready',
          'tokenUrl',
        ].sort()
      );
      assert.deepEqual(
        info.extraAdminWorkers.map((w: { label: string }) => w.label),
        ['Environment Admin only', 'Client Application Developer only']
      );
      for (const w of info.extraAdminWorkers)
        assert.deepEqual(Object.keys(w).sort(), ['clientId', 'clientSecret', 'description', 'environmentId', 'label']);
      assert.equal(info.ready, true);
      assert.match(info.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.apiBaseUrl, `${info.baseUrl}/v1`);
      assert.equal(info.tokenUrl, `${info.baseUrl}/${info.environmentId}/as/token`);
      const res = await fetch(info.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: info.clientId, client_secret: info.clientSecret }),
        signal: AbortSignal.timeout(5000),
      });
      assert.equal(res.status, 200);
      cli.child.kill('SIGTERM');
      const [code] = await once(cli.child, 'exit');
      assert.equal(code, 0);
      assert.equal(cli.stdout().trim().split('\n').length, 1, 'nothing else on stdout');
      assert.ok(!cli.stderr().includes(info.clientSecret), 'no secret on stderr');
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('stops on SIGINT too and honours --port', async () => {
    const probe = startCli(['--seed=empty']);
    const first = await probe.ready;
    const port = Number(new URL(first.baseUrl).port);
    probe.child.kill('SIGINT');
    assert.equal((await once(probe.child, 'exit'))[0], 0);
    const cli = startCli(['--port', String(port), '--seed', 'empty']);
    try {
      assert.equal((await cli.ready).baseUrl, `http://127.0.0.1:${port}`);
      cli.child.kill('SIGINT');
      assert.equal((await once(cli.child, 'exit'))[0], 0);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('exits 1 with a message on stderr for a bad argument', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--seed', 'huge'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    assert.equal(out, '');
    assert.match(err, /--seed/);
  });
});
