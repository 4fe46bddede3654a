// Lint rules that CI enforces. Beyond the recommended sets, architecture rules:
// shared/ is pure (no server/ or client/ imports, no Node built-ins), only server/config.ts
// reads process.env, and the server's layers point one way: commands (domain actions) never
// import the HTTP layer (http/, routes/), presenters (present/) or pages (pages/); presenters
// never import pages.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const envRead = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through server/config.ts only.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-restricted-syntax': ['error', envRead],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/server', '**/client/**', '**/client'], message: 'shared/ may not import from server/ or client/.' },
            { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'os', 'child_process'], message: 'shared/ is pure: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    // Live documents run this code per keystroke. A namespace import of a CommonJS package compiles
    // (esbuild) to a copy of its exports as getters: one call and a megamorphic load per `Y.x`
    // (about 4 % of the server's CPU, bench:collab (a)). Named imports are plain property reads.
    files: ['server/collab/**/*.ts', 'server/cluster/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        envRead,
        { selector: 'ImportNamespaceSpecifier', message: 'Hot path: import what you use by name (a namespace import costs a getter per access once built).' },
      ],
    },
  },
  {
    files: ['server/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(http|routes|present|pages)(/|$)',
              message: 'Commands never import the HTTP layer, presenters or pages: move what they need to queries/, sql/ or shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/present/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)pages(/|$)', message: 'Presenters never import pages: share neutral helpers (server/html.ts) instead.' }] },
      ],
    },
  },
  {
    files: ['client/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/server'], message: 'client/ may not import from server/.' }] }],
    },
  },
  { files: ['server/config.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['scripts/**/*.mjs', 'eslint.config.mjs', 'jest.config.js'], languageOptions: { globals: { ...globals.node } } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
