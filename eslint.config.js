import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** SQL lives in repositories only: no query builder, no tables, outside packages/server/src/repositories (and db/, seed/, …). */
const SQL_IMPORTS = [
  { group: ['drizzle-orm', 'drizzle-orm/*'], message: 'SQL lives in repositories only (packages/server/src/repositories): call a repository function.' },
  { group: ['**/db/schema', '**/db/schema/*'], message: 'Tables are used in repositories only (packages/server/src/repositories): call a repository function.' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'data-demo/**', 'packages/server/src/db/migrations/**', '.test-tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.object.name='sql'][callee.property.name='raw']",
        message: 'sql.raw builds SQL from strings; use the sql`` template with parameters (INP-02).',
      }],
    },
  },
  {
    files: ['packages/domain/src/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'drizzle-orm*', 'fastify*', 'pg', '@electric-sql/*'], message: 'packages/domain is pure: zod only, no I/O.' }] }],
    },
  },
  // Layering (docs/architecture.md): SQL lives in repositories; services, routes and the CLI reach the database through them,
  // and routes through services only. Routes may still name a repository's row type (`import type`).
  {
    files: ['packages/server/src/services/**', 'packages/server/src/cli/**', 'packages/server/src/cli.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: SQL_IMPORTS }] },
  },
  {
    files: ['packages/server/src/routes/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [...SQL_IMPORTS, { group: ['**/repositories/*'], allowTypeImports: true, message: 'Routes call services, never repositories (a type-only import of a row type is allowed).' }],
      }],
    },
  },
  {
    files: ['packages/server/src/repositories/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/services/*', '**/services/**'], message: 'Repositories sit below services: they never import from services/.' }] }] },
  },
  {
    files: ['packages/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
