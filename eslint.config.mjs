// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbiddenInDomain = ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg/*', '@eventstore/*', '@electric-sql/*', 'express'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test-artifacts/**', 'test-results/**', 'apps/web/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // No deep imports into another lib: each lib's public surface is its src/index.ts.
      'no-restricted-imports': ['error', { patterns: [{ group: ['@casetrail/*/src/*', '**/libs/*/src/**'], message: 'Import a lib through its index (@casetrail/<lib>).' }] }],
    },
  },
  {
    // The layer rule, executable: pure domain code imports no framework, ORM or driver.
    files: ['**/domain/**/*.ts', 'libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: forbiddenInDomain, message: 'domain/ is pure TypeScript: no Nest, TypeORM, pg, PGlite or EventStoreDB.' }] }],
    },
  },
  {
    // The web workbench runs in the browser: React, Vite, the DOM; it imports no lib (the API is its only source).
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@casetrail/*', '**/libs/**', '**/apps/api/**'], message: 'The workbench talks to the API over HTTP only.' }] }],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
