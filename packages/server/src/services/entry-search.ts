/**
 * The backfill of the 摘要 search grams (migration 0027, crypto/entry-search.ts): versions written before it
 * have none. The server runs it in the background once it listens (`startSummaryGramsBackfill`), so a large
 * upgrade does not hold the start: batches of 5,000 in their own transactions, logged; a restart continues
 * with the versions still without grams; a setting remembers that it is done, so later starts do not scan
 * the ledger again. Until then a keyword search says its 摘要 matches may be incomplete (`summaryGramsComplete`).
 */
import type { Database, Tx } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { entryText } from '../crypto/entry-text.ts';
import { summaryGrams } from '../crypto/entry-search.ts';
import { fillSummaryGrams, versionsWithoutGrams } from '../repositories/entries.repository.ts';
import { readSetting, writeSetting } from '../repositories/settings.repository.ts';

const DONE_KEY = 'entry.summaryGrams.backfilled';
export const BACKFILL_BATCH = 5_000;

/** True once every version has its grams (the backfill recorded that it is done; one key lookup). */
export async function summaryGramsComplete(tx: Tx): Promise<boolean> {
  return Boolean(await readSetting<boolean>(tx, DONE_KEY));
}

export async function backfillSummaryGrams(
  deps: { db: Database; crypto: FieldCrypto }, log: (line: string) => void = console.log, batch = BACKFILL_BATCH,
  stopping: () => boolean = () => false,
): Promise<number> {
  if (await deps.db.tx((tx) => readSetting<boolean>(tx, DONE_KEY))) return 0;
  let filled = 0;
  const started = Date.now();
  for (let after: string | null = null; ;) {
    if (stopping()) {
      log(`台账摘要检索索引：已补建 ${filled} 条，服务停止，下次启动时继续`);
      return filled;
    }
    const from: string | null = after;
    const n: { count: number; last: string | null } = await deps.db.tx(async (tx) => {
      const found = await versionsWithoutGrams(tx, from, batch);
      await fillSummaryGrams(tx, found.map((v) => ({ id: v.id, grams: summaryGrams(deps.crypto, entryText(deps.crypto, v.entryId, 'summary', v.summary)) })));
      return { count: found.length, last: found[found.length - 1]?.id ?? null };
    });
    filled += n.count;
    if (n.count > 0) log(`台账摘要检索索引：已补建 ${filled} 条（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
    if (n.count < batch) break;
    after = n.last;
  }
  await deps.db.tx((tx) => writeSetting(tx, DONE_KEY, true, null, new Date()));
  return filled;
}

/**
 * Runs the backfill in the background (after the server listens). `stop()` ends it between batches and
 * waits for the batch in progress; a failure is logged, never thrown (the next start tries again).
 */
export function startSummaryGramsBackfill(
  deps: { db: Database; crypto: FieldCrypto }, log: (line: string) => void = console.log, batch = BACKFILL_BATCH,
): { done: Promise<number>; stop(): Promise<void> } {
  let stopping = false;
  const done = backfillSummaryGrams(deps, log, batch, () => stopping).catch((e: unknown) => {
    log(`台账摘要检索索引补建失败（下次启动时重试）：${e instanceof Error ? e.message : String(e)}`);
    return 0;
  });
  return {
    done,
    async stop() {
      stopping = true;
      await done;
    },
  };
}
