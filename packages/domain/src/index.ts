import { z } from 'zod';

// Validation messages in Chinese, on the server and in the browser alike.
z.config(z.locales.zhCN());

export * from './rules/id-number.ts';
export * from './rules/password-policy.ts';
export * from './codes/roles.ts';
export * from './codes/departments.ts';
export * from './codes/entry-kinds.ts';
export * from './codes/registry.ts';
export * from './contracts/common.ts';
export * from './contracts/auth.ts';
export * from './contracts/users.ts';
export * from './contracts/orgs.ts';
export * from './contracts/cadres.ts';
export * from './contracts/audit.ts';
export * from './contracts/security.ts';
export * from './rules/dates.ts';
export * from './rules/resume.ts';
export * from './codes/gbt/index.ts';
export * from './codes/dictionaries.ts';
export * from './rules/impact.ts';
export * from './ledger/kinds.ts';
export * from './ledger/entries.ts';
export * from './contracts/sheet.ts';
export * from './rules/cell-values.ts';
export * from './ledger/columns.ts';
export * from './contracts/api-tokens.ts';
export * from './contracts/exports.ts';
export * from './ledger/imports.ts';
export * from './codes/roster-columns.ts';
export * from './contracts/cadre-imports.ts';
export * from './rules/engine/types.ts';
export * from './contracts/rules.ts';
export * from './rules/engine/catalog.ts';
export * from './rules/engine/facts.ts';
export * from './rules/engine/obligations.ts';
export * from './rules/engine/evaluate.ts';
