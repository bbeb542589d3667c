/**
 * The rules' settings: the defaults live in the domain; an administrator's changes are stored in `setting`
 * ('rules.settings' for thresholds, 'ledger.impact' for impact periods, shared with the ledger).
 */
import { DEFAULT_IMPACT_SETTINGS, DEFAULT_RULE_SETTINGS, type RuleSettings } from '@jiandu/domain';
import type { Tx } from '../../db/client.ts';
import { lastSettingChange, readSetting } from '../../repositories/settings.repository.ts';
import { loadImpactSettings } from '../settings.ts';

export const RULE_SETTINGS_KEY = 'rules.settings';
export const IMPACT_SETTINGS_KEY = 'ledger.impact';
export const DICTIONARIES_KEY = 'ledger.dictionaries';

export async function loadRuleSettings(tx: Tx): Promise<RuleSettings> {
  const stored = ((await readSetting<Partial<RuleSettings>>(tx, RULE_SETTINGS_KEY)) ?? {}) as Partial<RuleSettings>;
  const impact = await loadImpactSettings(tx);
  return { ...DEFAULT_RULE_SETTINGS, ...stored, impact: { ...DEFAULT_IMPACT_SETTINGS, ...impact } };
}

/** When the rules' settings or the dictionaries last changed, and by whom. */
export const settingMeta = (tx: Tx) => lastSettingChange(tx, [RULE_SETTINGS_KEY, IMPACT_SETTINGS_KEY, DICTIONARIES_KEY]);
