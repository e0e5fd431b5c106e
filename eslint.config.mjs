// Lint is where the layering is enforced:
//   shared/   pure TypeScript: imports neither side, no Node built-ins, no DOM, no React, no Electron;
//   renderer/ never imports electron/ or Node;
//   electron/ imports the Electron runtime only in its two entry files (main.ts, preload.ts); elsewhere
//             `import type` only, because the runtime cannot load outside Electron.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'build/native/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'react', 'react-dom'].map((name) => ({ name, message: 'shared/ is pure domain code.' })),
          patterns: [
            { group: ['**/electron/**', '**/renderer/**', '../electron', '../renderer'], message: 'shared/ imports neither side.' },
            { group: ['@mantine/*', 'react-*', 'i18next'], message: 'shared/ is pure domain code.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'require', '__dirname', 'Buffer'],
    },
  },
  {
    files: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // In a test, a missing value should fail the test right there; `!` says exactly that.
    files: ['**/*.test.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron'].map((name) => ({ name, message: 'The renderer runs in a sandboxed page: no Node, no Electron.' })),
          patterns: [{ group: ['**/electron/**', '../electron', '../../electron'], message: 'The renderer never imports electron/: call the API instead.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', allowTypeImports: true, message: 'Only electron/main.ts and electron/preload.ts load the Electron runtime; use `import type` here.' }],
          patterns: [{ group: ['**/renderer/**', '../renderer'], message: 'The Node side never imports the renderer.' }],
        },
      ],
    },
  },
  {
    // Mail, dialogs and URL opening each have one module; nothing else may reach for them directly.
    files: ['electron/**/*.ts'],
    ignores: ['electron/external.ts', 'electron/main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='shell'][property.name='openExternal']", message: 'Open URLs through electron/external.ts.' },
      ],
    },
  },
);
