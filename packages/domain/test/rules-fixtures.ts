/** A small builder of rule facts for the rules-*.test.ts files. */
import {
  DEFAULT_RULE_SETTINGS, kindedDetails, type CadreFacts, type FactEntry, type FactEntryBase, type FactTenure, type KindCode, type RuleSettings,
  type StoredDetails, type TeamFacts, type WarningFinding,
} from '../src/index.ts';

export const CADRE = 'cadre-1';
export const TEAM = 'team-1';

const DEPT: Record<string, string> = {
  xfjb: 'xf', cfwz: 'jw', ytjm: 'jw', sfjl: 'ga', jjzrsj: 'sj', xcxc: 'xc', dflz: 'jw',
};

function base(kind: string, occurredOn: string, over: Partial<FactEntryBase>): FactEntryBase {
  return {
    id: `${kind}@${occurredOn}`, sourceDept: DEPT[kind] ?? 'zzb', status: 'accepted', occurredOn,
    summary: `${kind} ${occurredOn}`, cadreId: CADRE, teamId: null, ...over,
  };
}

/** An accepted entry of the cadre; id defaults to `kind@day`. */
export function entry<K extends KindCode>(kind: K, occurredOn: string, details: StoredDetails<K> = {}, over: Partial<FactEntryBase> = {}): FactEntry {
  return { ...base(kind, occurredOn, over), ...kindedDetails(kind, details) };
}

/** The same from a loosely typed kind and details, read as the facts repository reads a database row. */
export function storedEntry(kind: string, occurredOn: string, details: Record<string, unknown> = {}): FactEntry {
  return { ...base(kind, occurredOn, {}), ...kindedDetails(kind, details) };
}

/** 信访举报: 办结 with a result, or 核查中 without. */
export function petition(occurredOn: string, result?: string, over: Partial<FactEntryBase> = {}): FactEntry {
  return entry('xfjb', occurredOn, { channel: '来信', realName: true, status: result ? '办结' : '核查中', ...(result ? { result } : {}) }, over);
}

export function tenure(id: string, startDate: string, endDate: string | null = null, over: Partial<FactTenure> = {}): FactTenure {
  return {
    id, cadreId: CADRE, cadreName: '张三', teamId: TEAM, teamName: '某县人民政府', title: '副县长',
    isPrincipal: false, domains: [], startDate, endDate, ...over,
  };
}

export function cadre(entries: FactEntry[], tenures: FactTenure[] = []): CadreFacts {
  return { cadre: { id: CADRE, name: '张三', orgId: 'org-1' }, tenures, entries };
}

export function team(entries: FactEntry[], tenures: FactTenure[] = []): TeamFacts {
  return {
    team: { id: TEAM, name: '某县人民政府领导班子', orgId: 'org-1' }, tenures,
    entries: entries.map((e) => ({ ...e, cadreId: null, teamId: TEAM })),
  };
}

export function settings(over: Partial<RuleSettings> = {}): RuleSettings {
  return { ...DEFAULT_RULE_SETTINGS, ...over };
}
export const S = DEFAULT_RULE_SETTINGS;

export function ofRule(warnings: readonly WarningFinding[], rule: string): WarningFinding[] {
  return warnings.filter((w) => w.rule === rule);
}

/** [colour, key] of a rule's warnings, for compact tables. */
export function brief(warnings: readonly WarningFinding[], rule: string): Array<[string, string]> {
  return ofRule(warnings, rule).map((w) => [w.colour, w.key]);
}

/** A 容错纠错 decision about an entry. */
export function rcjc(occurredOn: string, targetEntryId: string, decision = '免责', over: Partial<FactEntryBase> = {}): FactEntry {
  return entry('rcjc', occurredOn, { targetEntryId, distinction: '先行先试', decision }, over);
}
