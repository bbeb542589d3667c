/**
 * The startup backfill of the 摘要 search grams (migration 0027, crypto/entry-search.ts): versions written
 * before it have none. Batches of 5,000 in their own transactions (a restart continues where it stopped);
 * a setting remembers that it is done, so later starts do not scan the ledger again.
 */
import type { Database } from '../db/client.ts';
import type { FieldCrypto } from '../crypto/keys.ts';
import { entryText } from '../crypto/entry-text.ts';
import { summaryGrams } from '../crypto/entry-search.ts';
import { fillSummaryGrams, versionsWithoutGrams } from '../repositories/entries.repository.ts';
import { readSetting, writeSetting } from '../repositories/settings.repository.ts';

const DONE_KEY = 'entry.summaryGrams.backfilled';
export const BACKFILL_BATCH = 5_000;

export async function backfillSummaryGrams(
  deps: { db: Database; crypto: FieldCrypto }, log: (line: string) => void = console.log, batch = BACKFILL_BATCH,
): Promise<number> {
  if (await deps.db.tx((tx) => readSetting<boolean>(tx, DONE_KEY))) return 0;
  let filled = 0;
  const started = Date.now();
  for (let after: string | null = null; ;) {
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
