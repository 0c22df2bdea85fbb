// ESLint (flat config): TypeScript's recommended rules and React's rules of hooks over the
// portal, its browser tests and the build configs. `make lint` runs it; `make test` needs it clean.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['frontend/dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['e2e/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // The desk reads and writes through TanStack Query; the member portal keeps its own tiny
    // loader (lib/useResource) so the library stays out of the members' bundle.
    files: ['frontend/src/pages/admin/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/lib/useResource'], message: 'The desk loads data with TanStack Query (pages/admin/queries).' }] },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // `_` marks a value left out on purpose (a rest destructuring, an unused callback argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
);
