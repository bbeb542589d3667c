/** Settings the rules use (dictionaries, impact periods): defaults in the domain, overrides in `setting`. */
import { DEFAULT_DICTIONARIES, DEFAULT_IMPACT_SETTINGS, type Dictionaries, type ImpactSettings } from '@jiandu/domain';
import type { Tx } from '../db/client.ts';
import { readSetting } from '../repositories/settings.repository.ts';

async function read<T extends object>(tx: Tx, key: string, fallback: T): Promise<T> {
  const v = await readSetting<Partial<T>>(tx, key);
  if (v === null) return fallback;
  return { ...fallback, ...v };
}

export const loadDictionaries = (tx: Tx): Promise<Dictionaries> => read(tx, 'ledger.dictionaries', DEFAULT_DICTIONARIES);
export const loadImpactSettings = (tx: Tx): Promise<ImpactSettings> => read(tx, 'ledger.impact', DEFAULT_IMPACT_SETTINGS);
