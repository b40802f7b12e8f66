// In-host benchmark of the explorer against the emulator's `large` seed
// (500 environments, "Benchmark Full" with 1000 apps) with 50 ms latency on
// every request: time and requests to show the environments, to expand one
// environment, to page through all of its 1000 apps, and to expand ten
// environments at once (concurrency bounded, results checked). Rows go to
// PINGONE_BENCH_OUT.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { PingOneExplorer } from '../../../src/explorer/explorer';
import type { ConnectionNode, EnvironmentNode, ExplorerNode } from '../../../src/explorer/nodes';
import { type BenchRow as Row, summarize } from '../../../bench/lib';
import { type EmulatorConnection, startEmulatorConnection } from '../helpers/emulatorConnection';

const RUNS = 5;
const LATENCY_MS = 50;

const summarizeFor = (figure: string, v: number[], unit: string, note?: string): Row =>
  summarize('explorer', figure, v, unit, note ? { note } : {});

describe('Explorer benchmark (large seed, 50 ms latency)', function () {
  this.timeout(600_000);
  let ec: EmulatorConnection;
  let explorer: PingOneExplorer;
  const rows: Row[] = [];

  before(async () => {
    ec = await startEmulatorConnection({ seed: 'large', rateLimit: false, name: 'Bench' });
    explorer = ec.services.explorer as PingOneExplorer;
  });
  after(async () => {
    await ec?.cleanup();
    if (process.env.PINGONE_BENCH_OUT) writeFileSync(process.env.PINGONE_BENCH_OUT, JSON.stringify(rows, null, 2));
  });

  const apiRequests = () => ec.emulator.requestLog.filter((r) => !r.path.startsWith('/__emulator')).length;
  const connectionNode = async (): Promise<ConnectionNode> => {
    const roots = (await explorer.tree.getChildren(undefined)) as ExplorerNode[];
    const node = roots.find((n) => n.kind === 'connection' && n.connectionId === ec.connection.id);
    assert.ok(node, 'connection node');
    return node as ConnectionNode;
  };
  /**
   * Measures `work` RUNS times, each after a full refresh (cold tree, warm
   * token); `prepare` runs first without latency and is not timed.
   */
  async function measure<P>(
    work: (prepared: P) => Promise<void>,
    prepare: () => Promise<P> = async () => undefined as P
  ): Promise<{ ms: number[]; requests: number[] }> {
    const ms: number[] = [];
    const requests: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ec.emulator.faults.setLatency(0);
      explorer.refresh();
      await connectionNode();
      const prepared = await prepare();
      ec.emulator.faults.setLatency(LATENCY_MS);
      const before = apiRequests();
      const t0 = performance.now();
      await work(prepared);
      ms.push(performance.now() - t0);
      requests.push(apiRequests() - before);
    }
    ec.emulator.faults.setLatency(0);
    return { ms, requests };
  }
  const envNodes = async (): Promise<EnvironmentNode[]> =>
    ((await explorer.tree.getChildren(await connectionNode())) as ExplorerNode[]).filter(
      (n): n is EnvironmentNode => n.kind === 'environment'
    );

  it('shows the environments', async () => {
    let shown = 0;
    const r = await measure(async () => {
      shown = (await envNodes()).length;
    });
    assert.ok(shown >= 100, `first page of environments shown (${shown})`);
    rows.push(summarizeFor(`show environments (first page of ${shown} of 500)`, r.ms, 'ms'));
    rows.push(summarizeFor('show environments: API requests', r.requests, 'requests'));
  });

  it('expands one environment with 1000 apps (first page), then pages through all of them', async () => {
    let firstPage = 0;
    const fullEnv = async () => (await envNodes()).find((e) => e.environment.name === 'Benchmark Full')!;
    const first = await measure(async (full) => {
      firstPage = ((await explorer.tree.getChildren(full)) as ExplorerNode[]).filter((n) => n.kind === 'app').length;
    }, fullEnv);
    assert.ok(firstPage > 0);
    rows.push(summarizeFor(`expand environment with 1000 apps (first ${firstPage} shown)`, first.ms, 'ms'));
    rows.push(summarizeFor('expand environment with 1000 apps: API requests', first.requests, 'requests'));

    let all = 0;
    const everything = await measure(async (full) => {
      await explorer.tree.getChildren(full);
      for (let guard = 0; full.applications.hasMore && guard < 100; guard++) await full.applications.loadMore();
      all = ((await explorer.tree.getChildren(full)) as ExplorerNode[]).filter((n) => n.kind === 'app').length;
    }, fullEnv);
    assert.equal(all, 1000, 'every app listed once');
    rows.push(summarizeFor('all 1000 apps through Load more', everything.ms, 'ms'));
    rows.push(summarizeFor('all 1000 apps: API requests', everything.requests, 'requests'));
  });

  it('expands ten environments at once, concurrency bounded, results correct', async () => {
    let peak = 0;
    const counts: number[] = [];
    const r = await measure(
      async (envs) => {
        const timer = setInterval(() => (peak = Math.max(peak, explorer.model.limiter.running)), 2);
        try {
          const results = await Promise.all(envs.map((e) => explorer.tree.getChildren(e)));
          counts.splice(0, counts.length, ...results.map((kids) => (kids as ExplorerNode[]).filter((n) => n.kind === 'app').length));
          for (const [i, e] of envs.entries()) {
            const expected = [...ec.emulator.state.applications.values()].filter(
              (a) => a.environmentId === e.environmentId && !a.hidden
            ).length;
            assert.equal(counts[i], Math.min(expected, 100), `apps of ${e.environment.name}`);
          }
        } finally {
          clearInterval(timer);
        }
      },
      async () => (await envNodes()).slice(1, 11)
    );
    rows.push(summarizeFor('expand ten environments at once', r.ms, 'ms', `peak concurrent loads ${peak}`));
    rows.push(summarizeFor('expand ten environments: API requests', r.requests, 'requests'));
    assert.ok(peak <= 4, `bounded concurrency (peak ${peak})`);
  });
});
