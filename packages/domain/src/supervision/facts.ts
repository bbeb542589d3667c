/**
 * Which facts count (PRODUCT §4.8, §4.10, §5): accepted entries dated by asOf, minus those a 容错纠错
 * 免责 decision exempted and petitions found 失实 / 查无实据 / 诬告 — listed, with the reason, as discounted.
 */
import { byDateThenId, day, num, str } from './support.ts';
import type { FactEntry } from './types.ts';

/** 信访 results that clear the cadre, and how the discount reads. */
const PETITION_CLEARED: Readonly<Record<string, string>> = {
  失实: '信访核查结果为失实',
  查无实据: '信访核查结果为查无实据',
  诬告: '信访核查结果为诬告，另行处理诬告者',
};

/** Is this 信访 cleared (失实 / 查无实据 / 诬告)? */
export function isPetitionCleared(e: Pick<FactEntry, 'kind' | 'details'>): boolean {
  return e.kind === 'xfjb' && Object.hasOwn(PETITION_CLEARED, str(e.details.result));
}

export interface EffectiveEntries {
  /** Entries that count, oldest first. */
  effective: FactEntry[];
  /** Entries whose effect was removed, and why (oldest first). Withdrawn, pending and returned ones are simply absent. */
  discounted: Array<{ entryId: string; why: string }>;
}

export function effectiveEntries(entries: readonly FactEntry[], asOf: string): EffectiveEntries {
  const visible = entries.filter((e) => e.status === 'accepted' && e.occurredOn <= asOf).sort(byDateThenId);
  const exemptedOn = new Map<string, string>();
  for (const e of visible) {
    if (e.kind !== 'rcjc' || str(e.details.decision) !== '免责') continue;
    const target = str(e.details.targetEntryId);
    if (target && target !== e.id && !exemptedOn.has(target)) exemptedOn.set(target, e.occurredOn);
  }
  const effective: FactEntry[] = [];
  const discounted: Array<{ entryId: string; why: string }> = [];
  for (const e of visible) {
    const exempted = exemptedOn.get(e.id);
    if (exempted !== undefined) {
      discounted.push({ entryId: e.id, why: `容错纠错免责（${exempted}）` });
    } else if (isPetitionCleared(e)) {
      discounted.push({ entryId: e.id, why: PETITION_CLEARED[str(e.details.result)]! });
    } else {
      effective.push(e);
    }
  }
  return { effective, discounted };
}

/** Is a 外出报备 filed after the departure day? */
export function isLateFiling(e: Pick<FactEntry, 'kind' | 'details'>): boolean {
  if (e.kind !== 'wcbb') return false;
  const depart = day(e.details.departOn);
  const filed = day(e.details.filedOn);
  return depart !== null && filed !== null && filed > depart;
}

/** A negative finding about its subject (多源印证; marked in the UI). Does not look at status or discounts. */
export function isNegativeEntry(e: FactEntry): boolean {
  const d = e.details;
  switch (e.kind) {
    case 'xfjb': return !isPetitionCleared(e);
    case 'cfwz':
    case 'ytjm':
    case 'sfjl':
    case 'xcxc':
      return true;
    case 'gbcc': return ['漏报', '瞒报'].includes(str(d.result));
    case 'jjzrsj': return d.serious === true || ['一般', '较差'].includes(str(d.conclusion)) || (num(d.findingsCount) ?? 0) > 0;
    case 'ndkh': return ['基本称职', '不称职', '一般', '较差'].includes(str(d.grade));
    case 'dflz': return ['一般', '差'].includes(str(d.grade));
    case 'szyd': return d.collective === false || d.principalSpokeLast === false;
    case 'wcbb': return isLateFiling(e);
    default: return false;
  }
}
