import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { collect, createDispatcher, listEnvironments, planDispatcher } from '../../../src/pingone';
import type { Emulator } from './helpers';
import { clientFor, startTestEmulator } from './helpers';

/** A minimal HTTP CONNECT proxy that counts the tunnels it opens. */
async function startConnectProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const tunnels: string[] = [];
  const server: Server = createServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req, clientSocket, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('pingone: proxies', () => {
  let emu: Emulator;
  let proxy: Awaited<ReturnType<typeof startConnectProxy>>;
  before(async () => {
    emu = await startTestEmulator();
    proxy = await startConnectProxy();
  });
  after(async () => {
    await proxy.close();
    await emu.close();
  });

  it('chooses direct, explicit or environment proxies', () => {
    assert.deepEqual(planDispatcher({ env: {} }), { mode: 'direct', rejectUnauthorized: true });
    // Turning off strict SSL for a proxy never weakens a direct connection to PingOne.
    assert.deepEqual(planDispatcher({ env: {}, strictSSL: false }), { mode: 'direct', rejectUnauthorized: true });
    const env = planDispatcher({ env: { HTTPS_PROXY: 'http://corp:3128', NO_PROXY: 'localhost,.internal' } });
    assert.deepEqual(env, {
      mode: 'proxy',
      source: 'environment',
      httpProxy: '',
      httpsProxy: 'http://corp:3128',
      noProxy: 'localhost,.internal',
      rejectUnauthorized: true,
    });
    const explicit = planDispatcher({
      proxyUrl: 'http://vscode-proxy:8080',
      noProxy: '127.0.0.1',
      strictSSL: false,
      env: { HTTPS_PROXY: 'http://ignored:1' },
    });
    assert.equal(explicit.mode, 'proxy');
    assert.equal(explicit.mode === 'proxy' && explicit.source, 'explicit');
    assert.equal(explicit.mode === 'proxy' && explicit.httpsProxy, 'http://vscode-proxy:8080');
    assert.equal(explicit.rejectUnauthorized, false);
    const lower = planDispatcher({ env: { https_proxy: 'http://lower:1', no_proxy: 'a.com' } });
    assert.equal(lower.mode === 'proxy' && lower.noProxy, 'a.com');
    void createDispatcher({ env: {} }).close();
  });

  it('sends requests through an explicit proxy (CONNECT tunnel)', async () => {
    const client = clientFor(emu, { proxy: { proxyUrl: proxy.url, env: {} } });
    const before = proxy.tunnels.length;
    const envs = await collect(listEnvironments(client));
    assert.equal(envs.length, 3);
    assert.ok(proxy.tunnels.length > before);
    assert.equal(proxy.tunnels.at(-1), new URL(emu.baseUrl).host);
    await client.close();
  });

  it('uses HTTPS_PROXY/HTTP_PROXY from the environment', async () => {
    const client = clientFor(emu, { proxy: { env: { HTTP_PROXY: proxy.url } } });
    const before = proxy.tunnels.length;
    await client.verify();
    assert.ok(proxy.tunnels.length > before);
    await client.close();
  });

  it('bypasses the proxy for NO_PROXY hosts (loopback)', async () => {
    const client = clientFor(emu, { proxy: { env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } } });
    const before = proxy.tunnels.length;
    await collect(listEnvironments(client));
    assert.equal(proxy.tunnels.length, before);
    const explicitBypass = clientFor(emu, { proxy: { proxyUrl: proxy.url, noProxy: '127.0.0.1', env: {} } });
    await explicitBypass.verify();
    assert.equal(proxy.tunnels.length, before);
    await client.close();
    await explicitBypass.close();
  });
});
