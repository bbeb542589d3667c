/** Opening the platform: config → 国密 self-test → database (lock) → migrations → keys. Shared by the server and the CLI. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import { openDatabase, rows, type Database } from './db/client.ts';
import { FieldCrypto, loadOrCreateKeyFile } from './crypto/keys.ts';
import { loadAuditSigner, type AuditSigner } from './crypto/audit-key.ts';
import { hmacSm3, selfTest } from './crypto/sm.ts';
import { systemClock, type Clock } from './context.ts';
import type { AppDeps } from './app-types.ts';

export interface Runtime extends AppDeps {
  keyFileCreated: boolean;
  /** Signs the audit checkpoints (created beside the key file when missing). */
  auditSigner: AuditSigner;
  close(): Promise<void>;
}

const FINGERPRINT_KEY = 'keys.fingerprint';

/**
 * Ties the key file to the database: the first open records a fingerprint of the keys; a later open
 * with another key file is refused, so data encrypted with the old keys never becomes unreadable silently.
 */
async function checkKeyFingerprint(db: Database, fingerprint: string): Promise<'new' | 'match' | 'mismatch'> {
  return db.tx(async (tx) => {
    const [r] = await rows<{ value: unknown }>(tx, sql`select value from setting where key = ${FINGERPRINT_KEY}`);
    if (!r) {
      await tx.execute(sql`insert into setting (key, value) values (${FINGERPRINT_KEY}, ${JSON.stringify(fingerprint)}::jsonb)`);
      return 'new';
    }
    const stored = typeof r.value === 'string' && r.value.startsWith('"') ? (JSON.parse(r.value) as string) : r.value;
    return stored === fingerprint ? 'match' : 'mismatch';
  });
}

async function hasFingerprint(db: Database): Promise<boolean> {
  const r = await db.tx((tx) => rows(tx, sql`select 1 from setting where key = ${FINGERPRINT_KEY}`));
  return r.length > 0;
}

export async function openRuntime(config: Config, clock: Clock = systemClock): Promise<Runtime> {
  selfTest();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let keyCreated = false;
  try {
    await db.migrate();
    const existing = await hasFingerprint(db);
    const { provider, created } = loadOrCreateKeyFile(config.keyFile, { create: !existing });
    keyCreated = created;
    const fp = hmacSm3(provider.blindIndexKey(), 'jiandu-key-fingerprint').toString('hex').slice(0, 32);
    if ((await checkKeyFingerprint(db, fp)) === 'mismatch') {
      throw new Error(`密钥文件 ${config.keyFile} 与数据库不匹配：数据库中的敏感字段是用另一份密钥加密的。请使用原密钥文件（JIANDU_KEY_FILE）。`);
    }
    const auditSigner = loadAuditSigner(config.auditKeyFile, { create: true })!;
    const fieldCrypto = new FieldCrypto(provider);
    // 摘要 search grams of versions written before migration 0027: the server fills them in the background
    // once it listens (services/entry-search.ts, startSummaryGramsBackfill).
    return {
      db, clock, config, crypto: fieldCrypto, keyFileCreated: created, auditSigner,
      close: () => db.close(),
    };
  } catch (e) {
    await db.close().catch(() => {});
    // A first start that failed half-way (full disk, read-only folder) leaves nothing behind to trip the next one.
    if (db.fresh) {
      fs.rmSync(path.join(config.dataDir, 'pg'), { recursive: true, force: true });
      if (keyCreated) fs.rmSync(config.keyFile, { force: true });
    }
    throw e;
  }
}
