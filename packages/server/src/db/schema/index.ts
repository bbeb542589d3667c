export * from './registry.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './ledger.ts';
export * from './integration.ts';
export * from './cadre-record.ts';
export * from './rules.ts';
export * from './security.ts';
