/**
 * Root hooks for the unit suites (loaded by .mocharc.json), so that a test
 * process ends by itself within seconds, failed or not:
 *
 * - every server a test opens (the emulator, a forwarder, a proxy: anything
 *   that listens) is closed with its connections when that test ends, even
 *   when the test failed before its own clean-up. A listening socket left
 *   behind is what kept mocha alive after printing its failures;
 * - servers a suite's `before` hook opened and its `after` hook did not close
 *   are closed after the last suite;
 * - in a run where every test passed, a server left open is a bug in the test:
 *   the run fails and names the test that opened it;
 * - a run-level limit (PINGONE_UNIT_RUN_LIMIT_MINUTES, default 30) ends a run
 *   that is still going, naming the test it is in. `npm run fuzz` is open-ended
 *   by design and has no limit.
 */
import type { Context } from 'mocha';
import net from 'node:net';

interface OpenServer {
  server: net.Server;
  sockets: Set<net.Socket>;
  openedBy: string;
}

const BEFORE_ALL = 'a before-all hook';
const open = new Set<OpenServer>();
let current = BEFORE_ALL;
let anyFailed = false;
const leaks: string[] = [];
let runLimit: NodeJS.Timeout | undefined;

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listen(this: net.Server, ...args: unknown[]) {
  const entry: OpenServer = { server: this, sockets: new Set(), openedBy: current };
  open.add(entry);
  this.on('connection', (socket: net.Socket) => {
    entry.sockets.add(socket);
    socket.once('close', () => entry.sockets.delete(socket));
  });
  this.once('close', () => open.delete(entry));
  return (originalListen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof net.Server.prototype.listen;

/** Stops listening and drops every connection; bounded, never throws. */
function shut(entry: OpenServer): Promise<void> {
  open.delete(entry);
  return new Promise<void>((resolve) => {
    const done = setTimeout(resolve, 2_000);
    done.unref();
    entry.server.close(() => {
      clearTimeout(done);
      resolve();
    });
    for (const socket of entry.sockets) socket.destroy();
  });
}

function describeServer(entry: OpenServer): string {
  const address = entry.server.address();
  const where = address && typeof address === 'object' ? `127.0.0.1:${address.port}` : String(address ?? 'a server');
  return `${where} opened by "${entry.openedBy}"`;
}

export const mochaHooks = {
  beforeAll(): void {
    const minutes = Number(process.env.PINGONE_UNIT_RUN_LIMIT_MINUTES ?? 30);
    if (process.env.FUZZ_RANDOM || !(minutes > 0) || runLimit) return;
    runLimit = setTimeout(() => {
      process.stderr.write(
        `\nThe unit test run took over ${minutes} minutes (PINGONE_UNIT_RUN_LIMIT_MINUTES) and was stopped; it was in: ${current}\n`
      );
      process.exit(1);
    }, minutes * 60_000);
    runLimit.unref();
  },

  beforeEach(this: Context): void {
    current = this.currentTest?.fullTitle() ?? 'a test';
  },

  async afterEach(this: Context): Promise<void> {
    const test = current;
    current = 'a hook between tests';
    const failed = this.currentTest?.state === 'failed';
    anyFailed ||= failed;
    const left = [...open].filter((e) => e.openedBy === test);
    if (left.length === 0) return;
    if (!failed) leaks.push(...left.map(describeServer));
    await Promise.all(left.map(shut));
  },

  async afterAll(): Promise<void> {
    clearTimeout(runLimit);
    runLimit = undefined;
    const left = [...open];
    if (!anyFailed) leaks.push(...left.map(describeServer));
    await Promise.all(left.map(shut));
    current = BEFORE_ALL;
    const found = leaks.splice(0);
    anyFailed = false;
    if (found.length > 0) {
      throw new Error(
        `Tests left ${found.length} server(s) listening (closed now; close them in the test or its after hook):\n  ${found.join('\n  ')}`
      );
    }
  },
};
