import path from 'node:path';
import { parseClamdAddress, type ClamdAddress } from './lib/clamd.ts';

export interface Config {
  /** postgres://… when set: server mode with a pool. Unset: embedded PGlite in `${dataDir}/pg`. */
  databaseUrl: string | null;
  dataDir: string;
  keyFile: string;
  port: number;
  host: string;
  /** PBKDF2-HMAC-SM3 iterations for new password hashes (older hashes are upgraded at login). */
  pbkdf2Iterations: number;
  /** Trust X-Forwarded-* from this proxy address list (comma-separated) — never from anyone else. */
  trustProxy: string | false;
  webDist: string;
  logLevel: string;
  /** SM2 key that signs the audit checkpoints (beside the SM4 key file; never in the database). */
  auditKeyFile: string;
  /** Where the signed audit checkpoints are appended — outside the database; copy it off the host. */
  auditCheckpointDir: string;
  auditCheckpointMinutes: number;
  /** JIANDU_CLAMD=host:port: every upload is scanned by clamd (INSTREAM) first; unset: no scan. */
  clamd: ClamdAddress | null;
  /** JIANDU_CLAMD_TIMEOUT_MS: the whole scan of one upload (default 30 s); over it the upload is refused. */
  clamdTimeoutMs: number;
  /**
   * Uploads kept for a preview (cadre imports) are deleted after this many days: JIANDU_STAGED_RETENTION_DAYS, else
   * JIANDU_IMPORT_RETENTION_DAYS (the sheet imports' retention, services/imports/limits.ts), else 7.
   */
  stagedRetentionDays: number;
}

const here = path.dirname(new URL(import.meta.url).pathname);

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(overrides.dataDir ?? env.JIANDU_DATA_DIR ?? 'data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效：${env.PORT}`);
  const iterations = Number(env.JIANDU_PBKDF2_ITERATIONS ?? 100_000);
  if (!Number.isInteger(iterations) || iterations < 1000) throw new Error('JIANDU_PBKDF2_ITERATIONS 至少为 1000');
  const keyFile = path.resolve(env.JIANDU_KEY_FILE ?? path.join(dataDir, 'jiandu.key'));
  const cpMinutes = Number(env.JIANDU_AUDIT_CHECKPOINT_MINUTES ?? 10);
  if (!Number.isFinite(cpMinutes) || cpMinutes <= 0) throw new Error('JIANDU_AUDIT_CHECKPOINT_MINUTES 必须是正数');
  const clamdTimeoutMs = Number(env.JIANDU_CLAMD_TIMEOUT_MS ?? 30_000);
  if (!Number.isInteger(clamdTimeoutMs) || clamdTimeoutMs < 100) throw new Error('JIANDU_CLAMD_TIMEOUT_MS 至少为 100');
  const sheetRetention = env.JIANDU_IMPORT_RETENTION_DAYS?.trim().replace(/_/gu, '');
  const retentionVar = env.JIANDU_STAGED_RETENTION_DAYS !== undefined || !sheetRetention ? 'JIANDU_STAGED_RETENTION_DAYS' : 'JIANDU_IMPORT_RETENTION_DAYS';
  const stagedRetentionDays = Number((retentionVar === 'JIANDU_IMPORT_RETENTION_DAYS' ? sheetRetention : env.JIANDU_STAGED_RETENTION_DAYS) ?? 7);
  if (!Number.isFinite(stagedRetentionDays) || stagedRetentionDays <= 0) throw new Error(`${retentionVar} 应为正数`);
  return {
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir,
    keyFile,
    port,
    host: env.HOST ?? '127.0.0.1',
    pbkdf2Iterations: iterations,
    trustProxy: env.JIANDU_TRUST_PROXY?.trim() || false,
    webDist: path.resolve(env.JIANDU_WEB_DIST ?? path.join(here, '../../web/dist')),
    logLevel: env.LOG_LEVEL ?? 'warn',
    auditKeyFile: path.resolve(env.JIANDU_AUDIT_KEY_FILE ?? path.join(path.dirname(keyFile), 'jiandu-audit-sm2.pem')),
    auditCheckpointDir: path.resolve(env.JIANDU_AUDIT_CHECKPOINT_DIR ?? path.join(dataDir, 'audit-checkpoints')),
    auditCheckpointMinutes: cpMinutes,
    clamd: parseClamdAddress(env.JIANDU_CLAMD),
    clamdTimeoutMs,
    stagedRetentionDays,
    ...overrides,
  };
}
