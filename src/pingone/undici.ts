import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

/**
 * undici, loaded on the first request rather than when the extension
 * activates: the bundled library takes about 75 ms to initialise, most of the
 * extension's activation time, and users who only lint sync files never need
 * it. esbuild keeps a `require` inside a function lazy.
 */
export function undici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load (see above)
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
