/**
 * Limits of the import job (FILE-01, INP-01), from the environment, settable per installation:
 *   JIANDU_IMPORT_MAX_BYTES       largest upload (bytes; default 200 MB) — larger is refused with 413 while it streams in
 *   JIANDU_IMPORT_MAX_ROWS        most data rows of a sheet (default 1,000,000) — refused at upload, before any check
 *   JIANDU_IMPORT_CONCURRENCY     checks running at once in one app process (default 2; one per account), the rest queued
 *   JIANDU_IMPORT_RETENTION_DAYS  days an unfinished import's file (and any import's rejected rows) is kept (default 7)
 *   JIANDU_IMPORT_INLINE_SUBJECTS most cadres and teams a ledger import re-evaluates inside its commit (default 300); more:
 *                                 a background job after the commit (services/supervision/import-jobs.ts)
 */
export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
  concurrency: number;
  retentionDays: number;
  inlineSubjects: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 200 * 1024 * 1024, maxRows: 1_000_000, concurrency: 2, retentionDays: 7, inlineSubjects: 300 };

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw.replace(/_/gu, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} 应为正数：${raw}`);
  return Math.floor(n);
}

export function importLimitsFrom(env: NodeJS.ProcessEnv): ImportLimits {
  return {
    maxBytes: positive(env, 'JIANDU_IMPORT_MAX_BYTES', DEFAULT_IMPORT_LIMITS.maxBytes),
    maxRows: positive(env, 'JIANDU_IMPORT_MAX_ROWS', DEFAULT_IMPORT_LIMITS.maxRows),
    concurrency: positive(env, 'JIANDU_IMPORT_CONCURRENCY', DEFAULT_IMPORT_LIMITS.concurrency),
    retentionDays: positive(env, 'JIANDU_IMPORT_RETENTION_DAYS', DEFAULT_IMPORT_LIMITS.retentionDays),
    inlineSubjects: positive(env, 'JIANDU_IMPORT_INLINE_SUBJECTS', DEFAULT_IMPORT_LIMITS.inlineSubjects),
  };
}

let current: ImportLimits | null = null;

export function importLimits(): ImportLimits {
  current ??= importLimitsFrom(process.env);
  return current;
}

/** Tests (and embedders): override some limits; `null` goes back to the environment's. */
export function setImportLimits(patch: Partial<ImportLimits> | null): void {
  current = patch === null ? null : { ...importLimits(), ...patch };
}

/** 1,000,000 → 1,000,000 (digits grouped, as the messages show them). */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

export function bytesText(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`;
}
