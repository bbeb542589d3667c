/**
 * Which facts count (PRODUCT §4.8, §4.10, §5): accepted entries dated by asOf, minus those a 容错纠错
 * 免责 decision exempted and petitions found 失实 / 查无实据 / 诬告 — listed, with the reason, as discounted.
 */
import { ENTRY_KIND } from '../codes/entry-kinds.ts';
import { byDateThenId, day, num, str } from './support.ts';
import type { FactEntry } from './types.ts';

/** 信访 results that clear the cadre, and how the discount reads. */
const PETITION_CLEARED: Readonly<Record<string, string>> = {
  失实: '信访核查结果为失实',
  查无实据: '信访核查结果为查无实据',
  诬告: '信访核查结果为诬告，另行处理诬告者',
};

/** Is this 信访 cleared (失实 / 查无实据 / 诬告)? */
export function isPetitionCleared(e: FactEntry): boolean {
  return e.kind === ENTRY_KIND.petition && Object.hasOwn(PETITION_CLEARED, str(e.details.result));
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
    if (e.kind !== ENTRY_KIND.faultTolerance || str(e.details.decision) !== '免责') continue;
    const target = str(e.details.targetEntryId);
    if (target && target !== e.id && !exemptedOn.has(target)) exemptedOn.set(target, e.occurredOn);
  }
  const effective: FactEntry[] = [];
  const discounted: Array<{ entryId: string; why: string }> = [];
  for (const e of visible) {
    const exempted = exemptedOn.get(e.id);
    if (exempted !== undefined) {
      discounted.push({ entryId: e.id, why: `容错纠错免责（${exempted}）` });
    } else if (e.kind === ENTRY_KIND.petition && isPetitionCleared(e)) {
      discounted.push({ entryId: e.id, why: PETITION_CLEARED[str(e.details.result)]! });
    } else {
      effective.push(e);
    }
  }
  return { effective, discounted };
}

/** Is a 外出报备 filed after the departure day? */
export function isLateFiling(e: FactEntry): boolean {
  if (e.kind !== ENTRY_KIND.travelReport) return false;
  const depart = day(e.details.departOn);
  const filed = day(e.details.filedOn);
  return depart !== null && filed !== null && filed > depart;
}

/** A negative finding about its subject (多源印证; marked in the UI). Does not look at status or discounts. */
export function isNegativeEntry(e: FactEntry): boolean {
  switch (e.kind) {
    case ENTRY_KIND.petition: return !isPetitionCleared(e);
    case ENTRY_KIND.discipline:
    case ENTRY_KIND.admonition:
    case ENTRY_KIND.judicialRecord:
    case ENTRY_KIND.inspection:
      return true;
    case ENTRY_KIND.personalReportCheck: return ['漏报', '瞒报'].includes(str(e.details.result));
    case ENTRY_KIND.economicAudit: {
      const d = e.details;
      return d.serious === true || ['一般', '较差'].includes(str(d.conclusion)) || (num(d.findingsCount) ?? 0) > 0;
    }
    case ENTRY_KIND.annualAssessment: return ['基本称职', '不称职', '一般', '较差'].includes(str(e.details.grade));
    case ENTRY_KIND.integrityAssessment: return ['一般', '差'].includes(str(e.details.grade));
    case ENTRY_KIND.majorDecision: return e.details.collective === false || e.details.principalSpokeLast === false;
    case ENTRY_KIND.travelReport: return isLateFiling(e);
    default: return false;
  }
}
