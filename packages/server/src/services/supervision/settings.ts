/**
 * The rules' settings: the defaults live in the domain; an administrator's changes are stored in `setting`
 * ('rules.settings' for thresholds, 'ledger.impact' for impact periods, shared with the ledger).
 */
import { sql } from 'drizzle-orm';
import { DEFAULT_IMPACT_SETTINGS, DEFAULT_RULE_SETTINGS, type RuleSettings } from '@jiandu/domain';
import { rows, type Tx } from '../../db/client.ts';
import { loadImpactSettings } from '../settings.ts';

export const RULE_SETTINGS_KEY = 'rules.settings';
export const IMPACT_SETTINGS_KEY = 'ledger.impact';
export const DICTIONARIES_KEY = 'ledger.dictionaries';

export async function loadRuleSettings(tx: Tx): Promise<RuleSettings> {
  const [r] = await rows<{ value: unknown }>(tx, sql`select value from setting where key = ${RULE_SETTINGS_KEY}`);
  const stored = (r ? (typeof r.value === 'string' ? JSON.parse(r.value) : r.value) : {}) as Partial<RuleSettings>;
  const impact = await loadImpactSettings(tx);
  return { ...DEFAULT_RULE_SETTINGS, ...stored, impact: { ...DEFAULT_IMPACT_SETTINGS, ...impact } };
}

export async function settingMeta(tx: Tx): Promise<{ updatedAt: string | null; updatedByLogin: string | null }> {
  const [r] = await rows<{ updated_at: Date | string; login: string | null }>(tx, sql`
    select s.updated_at, u.login from setting s left join app_user u on u.id = s.updated_by
    where s.key in (${RULE_SETTINGS_KEY}, ${IMPACT_SETTINGS_KEY}, ${DICTIONARIES_KEY}) order by s.updated_at desc limit 1`);
  if (!r) return { updatedAt: null, updatedByLogin: null };
  return { updatedAt: new Date(r.updated_at).toISOString(), updatedByLogin: r.login };
}

export async function saveSetting(tx: Tx, key: string, value: unknown, userId: string | null, at: Date): Promise<void> {
  await tx.execute(sql`
    insert into setting (key, value, updated_at, updated_by) values (${key}, ${JSON.stringify(value)}::jsonb, ${at.toISOString()}::timestamptz, ${userId})
    on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
}
