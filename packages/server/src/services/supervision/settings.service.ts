/** 规则设置: thresholds and dictionaries. Reading needs settings:read, changing settings:rules; every change is audited and re-evaluates everything. */
import { DEFAULT_DICTIONARIES, RuleSettingsBody, type DictionariesBody, type RuleJobView, type RuleSettingsView } from '@jiandu/domain';
import { recordAudit } from '../../repositories/audit.repository.ts';
import type { Actor } from '../../context.ts';
import { ServiceError } from '../../errors.ts';
import { loadDictionaries } from '../settings.ts';
import { startFullEvaluation } from './jobs.ts';
import { writeSetting } from '../../repositories/settings.repository.ts';
import { DICTIONARIES_KEY, IMPACT_SETTINGS_KEY, RULE_SETTINGS_KEY, loadRuleSettings, settingMeta } from './settings.ts';
import { ruleCatalog, type RulesDeps } from './warnings.service.ts';

export async function getRuleSettings(deps: RulesDeps): Promise<RuleSettingsView> {
  const { settings, dictionaries, meta } = await deps.db.tx(async (tx) => ({
    settings: await loadRuleSettings(tx), dictionaries: await loadDictionaries(tx), meta: await settingMeta(tx),
  }));
  return {
    settings: RuleSettingsBody.parse(settings), dictionaries: dictionaries as unknown as Record<string, unknown>,
    rules: await ruleCatalog(deps), ...meta,
  };
}

/** The settings' names as the 规则设置 page shows them (for the job's reason and the audit record). */
const SETTING_LABELS: Record<string, string> = {
  impact: '影响期', obligationsStartOn: '义务启用日期', disabledRules: '停用的规则', petition: '信访集中', personalReportMonths: '个报不实有效期',
  audit: '审计问题', rectificationDefaultMonths: '默认整改期限', decisionMonths: '决策程序有效期', travelMonths: '报备异常有效期',
  multiSource: '多源印证', longTenureYears: '任职过长', dueSoonDays: '即将到期天数', overdueGraceDays: '逾期宽限天数', talkDueDays: '谈话期限', reviewBottomFraction: '评议靠后比例',
  notDirectlyInCharge: '不直接分管领域', systematicTrainingTypes: '系统培训类型', jointMeetingMonths: '联席会议周期',
  yearEntryDate: '按年度记录的发生日期',
};

/** JSON with object keys sorted: the same settings in another key order are the same settings. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Which top-level keys changed, for the audit record and the job's reason. */
function changedKeys(before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return Object.keys(b).filter((k) => canonical(a[k]) !== canonical(b[k]));
}

export async function putRuleSettings(deps: RulesDeps, actor: Actor, body: RuleSettingsBody): Promise<RuleJobView> {
  const changed = await deps.db.tx(async (tx) => {
    const before = await loadRuleSettings(tx);
    const keys = changedKeys(before, body);
    if (!keys.length) return keys;
    const at = deps.clock.now();
    const { impact, ...rest } = body;
    await writeSetting(tx, RULE_SETTINGS_KEY, rest, actor.userId, at);
    await writeSetting(tx, IMPACT_SETTINGS_KEY, impact, actor.userId, at);
    await recordAudit(tx, actor, {
      action: 'settings.rules', objectType: 'setting', objectId: null,
      details: {
        changed: keys.join(','),
        before: JSON.stringify(Object.fromEntries(keys.map((k) => [k, (before as unknown as Record<string, unknown>)[k]]))),
        after: JSON.stringify(Object.fromEntries(keys.map((k) => [k, (body as Record<string, unknown>)[k]]))),
      },
    }, deps.clock);
    return keys;
  });
  return startFullEvaluation(deps, actor, changed.length ? `规则设置变更（${changed.map((k) => SETTING_LABELS[k] ?? k).join('、')}）` : '规则设置保存（无变化）');
}

export async function putDictionaries(deps: RulesDeps, actor: Actor, body: DictionariesBody): Promise<{ ok: true }> {
  const unknown = Object.keys(body).filter((k) => !(k in DEFAULT_DICTIONARIES));
  if (unknown.length) {
    throw new ServiceError('invalid', `未知的字典：${unknown.join('、')}`, 'invalid', unknown.map((k) => ({ path: k, message: '未知的字典' })));
  }
  const issues: Array<{ path: string; message: string }> = [];
  for (const [k, v] of Object.entries(body)) {
    const def = (DEFAULT_DICTIONARIES as unknown as Record<string, unknown>)[k];
    if (Array.isArray(def) !== Array.isArray(v)) issues.push({ path: k, message: '字典的形式不对（应为列表或分组列表）' });
    const values = Array.isArray(v) ? v : Object.values(v).flat();
    if (new Set(values).size !== values.length && Array.isArray(v)) issues.push({ path: k, message: '字典中有重复的值' });
  }
  if (issues.length) throw new ServiceError('invalid', `输入有误：${issues.map((i) => `${i.path}：${i.message}`).join('；')}`, 'invalid', issues);
  await deps.db.tx(async (tx) => {
    const before = await loadDictionaries(tx);
    const merged = { ...before, ...body };
    const keys = changedKeys(before, merged);
    await writeSetting(tx, DICTIONARIES_KEY, merged, actor.userId, deps.clock.now());
    await recordAudit(tx, actor, { action: 'settings.dictionaries', objectType: 'setting', objectId: null, details: { changed: keys.join(',') } }, deps.clock);
  });
  return { ok: true };
}
