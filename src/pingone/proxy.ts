/**
 * Chooses the undici dispatcher: direct, an explicit proxy (VS Code's
 * `http.proxy`), or the HTTPS_PROXY/HTTP_PROXY/NO_PROXY environment.
 * `strictSSL` mirrors `http.proxyStrictSSL`.
 */
import type { Dispatcher } from 'undici';
import { undici } from './undici';

export interface ProxySettings {
  /** Explicit proxy, e.g. `http://proxy.corp:3128`; wins over the environment. */
  proxyUrl?: string;
  /** Hosts that bypass the proxy (NO_PROXY syntax: `a.com,.b.com,127.0.0.1:8080`). */
  noProxy?: string;
  /** false accepts self-signed certificates (proxy and target). Default true. */
  strictSSL?: boolean;
  /** Environment to read proxy variables from (default `process.env`). */
  env?: Record<string, string | undefined>;
}

export type DispatcherPlan =
  | { mode: 'direct'; rejectUnauthorized: boolean }
  | {
      mode: 'proxy';
      source: 'explicit' | 'environment';
      httpProxy: string;
      httpsProxy: string;
      noProxy: string;
      rejectUnauthorized: boolean;
    };

/** Pure decision, so it can be tested without sockets. */
export function planDispatcher(settings: ProxySettings = {}): DispatcherPlan {
  const env = settings.env ?? process.env;
  const rejectUnauthorized = settings.strictSSL !== false;
  const envNoProxy = env.no_proxy ?? env.NO_PROXY ?? '';
  const noProxy = [settings.noProxy, envNoProxy].filter((s) => s && s.trim()).join(',');
  const explicit = settings.proxyUrl?.trim();
  if (explicit) {
    return { mode: 'proxy', source: 'explicit', httpProxy: explicit, httpsProxy: explicit, noProxy, rejectUnauthorized };
  }
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? '';
  if (httpProxy || httpsProxy) {
    return { mode: 'proxy', source: 'environment', httpProxy, httpsProxy: httpsProxy || httpProxy, noProxy, rejectUnauthorized };
  }
  // http.proxyStrictSSL is about the proxy path: a direct connection to PingOne always verifies its certificate.
  return { mode: 'direct', rejectUnauthorized: true };
}

export function createDispatcher(settings: ProxySettings = {}): Dispatcher {
  const plan = planDispatcher(settings);
  const tls = { rejectUnauthorized: plan.rejectUnauthorized };
  if (plan.mode === 'direct') return new (undici().Agent)({ connect: tls });
  // Every value is passed explicitly so undici never falls back to process.env behind our back.
  return new (undici().EnvHttpProxyAgent)({
    httpProxy: plan.httpProxy,
    httpsProxy: plan.httpsProxy,
    noProxy: plan.noProxy,
    connect: tls,
    requestTls: tls,
    proxyTls: tls,
  });
}
