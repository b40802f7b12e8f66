// A failing network test must end its mocha process by itself, fast: a run
// that hangs after printing its failures holds CI to its time limit instead
// of failing in seconds. Runs mocha on a fixture that fails with the emulator,
// a forwarder, keep-alive connections and an unanswered request still open.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(__dirname, '../..');
const fixture = path.join(repo, 'test', 'fixtures', 'mocha', 'failingNetwork.ts');
const mochaBin = require.resolve('mocha/bin/mocha.js');

interface Outcome {
  code: number | null;
  seconds: number;
  output: string;
  killed: boolean;
}

/** Runs mocha on the fixture; kills it after `limitMs` (then `killed` is true). */
function runMocha(args: string[], limitMs: number): Promise<Outcome> {
  const env = { ...process.env };
  delete env.MOCHA_SUMMARY_FILE; // the child must not overwrite `npm test`'s counts
  const started = Date.now();
  const child = spawn(process.execPath, [mochaBin, ...args, fixture], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, limitMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, seconds: (Date.now() - started) / 1000, output, killed });
    });
  });
}

describe('a failing network test ends its mocha process', function () {
  this.timeout(120_000);

  it('with the project config: exit status 1 well under a minute', async () => {
    const r = await runMocha(['--config', '.mocharc.json'], 60_000);
    assert.equal(r.killed, false, `still running after 60 s:\n${r.output}`);
    assert.equal(r.code, 1, r.output);
    assert.match(r.output, /1 failing/);
    assert.match(r.output, /a deliberate failure/);
    assert.ok(r.seconds < 30, `took ${r.seconds.toFixed(1)} s`);
  });

  it('without --exit too: the root hooks close what the failed test left open', async () => {
    const r = await runMocha(['--config', '.mocharc.json', '--no-exit'], 60_000);
    assert.equal(r.killed, false, `still running after 60 s:\n${r.output}`);
    assert.equal(r.code, 1, r.output);
    assert.match(r.output, /1 failing/);
    assert.ok(r.seconds < 30, `took ${r.seconds.toFixed(1)} s`);
  });

  it('the fixture really hangs without those hooks (so the tests above mean something)', async () => {
    const r = await runMocha(['--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--no-exit', '--timeout', '20000'], 15_000);
    assert.match(r.output, /1 failing/, r.output);
    assert.equal(r.killed, true, `exited by itself with ${r.code}: the fixture no longer leaves anything open`);
  });
});
