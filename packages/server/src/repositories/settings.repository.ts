/**
 * The `setting` table: one JSON value per key (the ledger's dictionaries and impact periods, the rules'
 * thresholds, the second-factor policy). The only reader and writer of settings; the defaults and the
 * merging with them live with the services that own each key.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.ts';

/** A setting's JSON value, or null when the key was never stored. */
export async function readSetting<T>(tx: Tx, key: string): Promise<T | null> {
  const [r] = await rows<{ value: unknown }>(tx, sql`select value from setting where key = ${key}`);
  if (!r) return null;
  return (typeof r.value === 'string' ? JSON.parse(r.value) : r.value) as T;
}

export async function writeSetting(tx: Tx, key: string, value: unknown, userId: string | null, at: Date): Promise<void> {
  await tx.execute(sql`
    insert into setting (key, value, updated_at, updated_by) values (${key}, ${JSON.stringify(value)}::jsonb, ${at.toISOString()}::timestamptz, ${userId})
    on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
}

/** When one of `keys` was last changed, and by whom (null when none was ever stored). */
export async function lastSettingChange(tx: Tx, keys: readonly string[]): Promise<{ updatedAt: string | null; updatedByLogin: string | null }> {
  const [r] = await rows<{ updated_at: Date | string; login: string | null }>(tx, sql`
    select s.updated_at, u.login from setting s left join app_user u on u.id = s.updated_by
    where s.key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) order by s.updated_at desc limit 1`);
  if (!r) return { updatedAt: null, updatedByLogin: null };
  return { updatedAt: new Date(r.updated_at).toISOString(), updatedByLogin: r.login };
}
