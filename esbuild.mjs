// Bundles the extension, its worker and the CLI into dist/, and the
// integration suites into out/ (they run inside the VS Code extension host).
//   node esbuild.mjs               development build (source maps)
//   node esbuild.mjs --production  minified, no source maps (packaging)
//   node esbuild.mjs --tests       also bundle test/integration into out/
//   node esbuild.mjs --bench       also bundle the engine benchmark's measuring scripts into out/bench/,
//                                  so that they time the engine as the product's bundles run it
//   node esbuild.mjs --watch
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');
const withBench = process.argv.includes('--bench');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.PINGONE_BUILD_MODE': JSON.stringify(production ? 'production' : 'development') },
};

/** The product's bundles: the extension, the scan worker and the CLI (a missing entry is a build error). */
const PRODUCT_ENTRIES = [
  // The banner stamps the moment the bundle starts loading, for the activation benchmark.
  { in: 'src/extension.ts', out: 'extension', external: ['vscode'], banner: 'globalThis.__pingoneLoadStart = performance.now();' },
  { in: 'src/diagnostics/scanWorker.ts', out: 'scanWorker', external: [] },
  { in: 'src/cli/bin.ts', out: 'cli', external: [], banner: '#!/usr/bin/env node' },
];

function listFiles(dir, predicate) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full, predicate) : predicate(full) ? [full] : [];
  });
}

const contexts = [];
for (const e of PRODUCT_ENTRIES) {
  contexts.push(
    await esbuild.context({
      ...common,
      entryPoints: { [e.out]: e.in },
      outdir: 'dist',
      external: e.external,
      banner: e.banner ? { js: e.banner } : undefined,
    })
  );
}
if (withTests) {
  const testEntries = listFiles('test/integration', (f) => f.endsWith('.ts'));
  contexts.push(
    await esbuild.context({
      ...common,
      minify: false,
      sourcemap: 'inline',
      entryPoints: testEntries,
      outbase: '.',
      outdir: 'out',
      // mocha and vscode come from the host at run time; everything else (the
      // emulator, fixtures helpers) is bundled into each suite.
      external: ['vscode', 'mocha', 'playwright-core'],
    })
  );
}

if (withBench) {
  // The engine benchmark's in-process measurements (the editor model on adversarial shapes, scanFile in a
  // process of its own, what one kept object per row costs) run from a bundle like dist/. The TypeScript
  // sources run through tsx call every function of another module through an export getter, which made
  // the editor path 10–35 % slower than the same code bundled.
  contexts.push(
    await esbuild.context({
      ...common,
      entryPoints: {
        adversarial: 'bench/engine/adversarial.ts',
        contender: 'bench/engine/contender.ts',
        objectFloor: 'bench/engine/objectFloor.ts',
      },
      outdir: 'out/bench',
    })
  );
}

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  process.stderr.write('[esbuild] watching…\n');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
// The CLI is the package's `bin`: npm links it without making it executable when
// it did not exist at install time, so the build does.
if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
