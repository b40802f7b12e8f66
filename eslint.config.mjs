import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': [
    'error',
    { paths: [{ name: 'vscode', message: 'The pure layers (pingone, usernames, syncConfig, cli) must not depend on VS Code.' }] },
  ],
};

const baseConfig = tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.sandbox/**', 'reports/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      // Type-only imports say so (`import type`), so they vanish from the bundle and never create runtime cycles.
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  { files: ['src/pingone/**', 'src/usernames/**', 'src/syncConfig/**', 'src/cli/**'], rules: noVscode },
  { files: ['test/**', 'bench/**', 'emulator/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  }
);

// The shell's layers, lowest first (README, Architecture): a folder may import
// the pure folders and the layers below its own, never a layer above or a
// sibling in its own layer, so no import runs back up and no folder-level
// cycle can form. `npx madge --circular` (npm run lint) checks single files.
const SHELL_LAYERS = [
  ['util'],
  ['settings'],
  ['ui'],
  ['connections'],
  ['explorer', 'diagnostics', 'walkthrough'],
  ['services'],
  ['flows'],
  ['commands'],
  ['testApi'],
  ['extension'],
];
const ROOT_FILES = new Set(['services', 'extension', 'testApi']);
const filesOf = (name) => (ROOT_FILES.has(name) ? [`src/${name}.ts`] : [`src/${name}/**`]);
const importOf = (name) => (ROOT_FILES.has(name) ? `^(\\.\\.?/)+${name}$` : `^(\\.\\.?/)+${name}(/|$)`);
const layerRules = SHELL_LAYERS.flatMap((layer, i) =>
  layer.map((name) => {
    const forbidden = [...SHELL_LAYERS.slice(i + 1).flat(), ...layer.filter((other) => other !== name)];
    return {
      files: filesOf(name),
      ignores: ['src/diagnostics/scanWorker.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: forbidden.map((f) => ({
              regex: importOf(f),
              message: `src/${name} may not import src/${f}: it is above or beside it in the layering (README, Architecture). Move the shared code down instead.`,
            })),
          },
        ],
      },
    };
  })
);
const pureMustNotImportShell = {
  files: ['src/pingone/**', 'src/usernames/**', 'src/syncConfig/**', 'src/cli/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'vscode', message: 'The pure layers (pingone, usernames, syncConfig, cli) must not depend on VS Code.' }],
        patterns: SHELL_LAYERS.flat().map((f) => ({ regex: importOf(f), message: 'The pure layers must not import the VS Code shell.' })),
      },
    ],
  },
};
export default [...baseConfig, ...layerRules, pureMustNotImportShell];
