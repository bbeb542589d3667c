/**
 * Housekeeping of files at rest (DATA-02, DATA-05), for the hourly sweep (`runFileHousekeeping`) and the
 * CLI:
 * - uploads kept for a preview (cadre imports: 任免审批表 with 身份证号 and family) are deleted when an
 *   import is committed or cancelled (lrmx-import.service.ts) and, for imports left unfinished, after
 *   `config.stagedRetentionDays` (default 7; JIANDU_STAGED_RETENTION_DAYS): the import is marked
 *   cancelled with the reason, audited (`cadre-import.expire`);
 * - files written before encryption at rest (attachments, cadre photos, cadre-import uploads) are
 *   encrypted in place in batches (idempotent: only rows not starting with the blob magic are touched).
 *   PostgreSQL keeps the old tuple versions until VACUUM, and WAL segments until they are reused: see
 *   docs/operations.md (加密存储) for what an operator does after the first run on an older database.
 */
import type { Config } from '../config.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import type { Database } from '../db/client.ts';
import { sm3 } from '../crypto/sm.ts';
import * as attachmentsRepo from '../repositories/attachments.repository.ts';
import { recordAudit } from '../repositories/audit.repository.ts';
import { compactDashboardCounts, compactEntryAreaMonth } from '../repositories/dashboard.repository.ts';
import * as recs from '../repositories/cadre-records.repository.ts';
import { attachmentAad } from './attachments.service.ts';
import { importDataAad } from './cadre-imports/lrmx-import.service.ts';
import { photoAad } from './cadre-photos.ts';
import { systemActor, type Clock } from '../context.ts';

export interface HousekeepingDeps {
  db: Database;
  clock: Clock;
  crypto: FieldCrypto;
  config: Pick<Config, 'stagedRetentionDays'>;
}

const DAY = 24 * 60 * 60 * 1000;
const actor = () => systemActor('system:housekeeping');

/** Deletes the uploads of cadre imports left unfinished longer than the retention. Returns their ids. */
export async function expireStagedUploads(deps: HousekeepingDeps): Promise<string[]> {
  const now = deps.clock.now();
  const days = deps.config.stagedRetentionDays;
  const before = new Date(now.getTime() - days * DAY);
  return deps.db.tx(async (tx) => {
    const ids = await recs.expireImportUploads(tx, before, now, `上传的文件超过 ${days} 天未导入，已自动清除；如需导入请重新上传`);
    await recs.clearFinishedImportUploads(tx);
    for (const id of ids) {
      await recordAudit(tx, actor(), { action: 'cadre-import.expire', objectType: 'cadre_import', objectId: id, details: { days } }, deps.clock);
    }
    return ids;
  });
}

export interface LegacyCounts {
  attachments: number;
  photos: number;
  cadreImports: number;
}

/**
 * Encrypts files written before encryption at rest, `batch` rows per transaction. Idempotent; safe to run
 * while the server serves (a photo replaced meanwhile is not overwritten). Audited when it changed rows.
 */
export async function encryptLegacyFiles(deps: Pick<HousekeepingDeps, 'db' | 'clock' | 'crypto'>, batch = 50): Promise<LegacyCounts> {
  const counts: LegacyCounts = { attachments: 0, photos: 0, cadreImports: 0 };
  for (let after: string | null = null; ;) {
    const n: number = await deps.db.tx(async (tx) => {
      const list = await attachmentsRepo.plainAttachments(tx, after, batch);
      for (const a of list) {
        // Only a file whose bytes still match the SM3 recorded at upload is sealed (anything else is left for an operator).
        if (!sm3(a.data).equals(a.sm3)) continue;
        await attachmentsRepo.sealAttachmentData(tx, a.id, deps.crypto.encryptBytes(a.data, attachmentAad(a.id)));
        counts.attachments++;
      }
      after = list.at(-1)?.id ?? after;
      return list.length;
    });
    if (n < batch) break;
  }
  for (let after: string | null = null; ;) {
    const n: number = await deps.db.tx(async (tx) => {
      const list = await recs.plainPhotos(tx, after, batch);
      for (const p of list) {
        await recs.sealPhotoData(tx, p.cadreId, p.sm3, deps.crypto.encryptBytes(p.data, photoAad(p.cadreId)));
        counts.photos++;
      }
      after = list.at(-1)?.cadreId ?? after;
      return list.length;
    });
    if (n < batch) break;
  }
  for (let after: string | null = null; ;) {
    const n: number = await deps.db.tx(async (tx) => {
      const list = await recs.plainImportUploads(tx, after, Math.min(batch, 5));
      for (const u of list) {
        await recs.sealImportUpload(tx, u.id, deps.crypto.encryptBytes(u.data, importDataAad(u.id)));
        counts.cadreImports++;
      }
      after = list.at(-1)?.id ?? after;
      return list.length;
    });
    if (n < Math.min(batch, 5)) break;
  }
  if (counts.attachments + counts.photos + counts.cadreImports > 0) {
    await deps.db.tx((tx) => recordAudit(tx, actor(), {
      action: 'system.encrypt-legacy-files', objectType: 'system', details: { ...counts },
    }, deps.clock));
  }
  return counts;
}

/** The hourly sweep's part for files at rest: expiry of staged uploads, then legacy plaintext files. */
export async function runFileHousekeeping(deps: HousekeepingDeps): Promise<{ expired: number } & LegacyCounts> {
  const expired = await expireStagedUploads(deps);
  const legacy = await encryptLegacyFiles(deps);
  // Not files, but hourly too: the 工作台's summaries fold their deltas (migrations 0028, 0033).
  await deps.db.tx((tx) => compactEntryAreaMonth(tx));
  await deps.db.tx((tx) => compactDashboardCounts(tx));
  return { expired: expired.length, ...legacy };
}

/**
 * Runs `runFileHousekeeping` now and every `everyMs` (default hourly) in the server process. The lead
 * may fold the call into a common sweep instead. Failures are logged, never thrown.
 */
export function startFileHousekeeping(deps: HousekeepingDeps, everyMs = 60 * 60 * 1000, log: (e: unknown) => void = (e) => console.error('文件清理任务出错：', e)): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runFileHousekeeping(deps).then(() => undefined, log).finally(() => { running = null; });
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return {
    /** Stops the timer and waits for a run in progress (so the database is not closed under it). */
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
