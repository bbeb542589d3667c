/** Settings the rules use (dictionaries, impact periods): defaults in the domain, overrides in `setting`. */
import { sql } from 'drizzle-orm';
import { DEFAULT_DICTIONARIES, DEFAULT_IMPACT_SETTINGS, type Dictionaries, type ImpactSettings } from '@jiandu/domain';
import { rows, type Tx } from '../db/client.ts';

async function read<T extends object>(tx: Tx, key: string, fallback: T): Promise<T> {
  const [r] = await rows<{ value: unknown }>(tx, sql`select value from setting where key = ${key}`);
  if (!r) return fallback;
  const v = typeof r.value === 'string' ? (JSON.parse(r.value) as unknown) : r.value;
  return { ...fallback, ...(v as Partial<T>) };
}

export const loadDictionaries = (tx: Tx): Promise<Dictionaries> => read(tx, 'ledger.dictionaries', DEFAULT_DICTIONARIES);
export const loadImpactSettings = (tx: Tx): Promise<ImpactSettings> => read(tx, 'ledger.impact', DEFAULT_IMPACT_SETTINGS);
