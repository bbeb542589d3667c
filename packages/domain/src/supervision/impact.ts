/**
 * Impact periods (影响期, PRODUCT §5, reference/domain.md §2.3–2.4): how long an entry restricts a cadre's
 * use, counted from the decision date. Pure; the months are settings an administrator may change.
 */
import { ENTRY_KIND } from '../codes/entry-kinds.ts';
import { kindedDetails } from '../ledger/kinds.ts';

export interface ImpactSettings {
  /** 政务处分 (《政务处分法》第八条). */
  government: Readonly<Record<string, number>>;
  /** 党纪处分 (2023 年《纪律处分条例》第十条). */
  party: Readonly<Record<string, number>>;
  /** 组织处理 / 能上能下 adjustments. */
  organizational: Readonly<Record<string, number>>;
  /** 诫勉 (no central standard; 6 months is common). */
  admonitionMonths: number;
}

export const DEFAULT_IMPACT_SETTINGS: ImpactSettings = {
  government: { 警告: 6, 记过: 12, 记大过: 18, 降级: 24, 撤职: 24 },
  party: { 警告: 12, 严重警告: 18, 撤销党内职务: 24, 留党察看一年: 12, 留党察看二年: 24, 开除党籍: 60 },
  organizational: { 调离岗位: 12, 免职: 24, 责令辞职: 24, 降职: 24 },
  admonitionMonths: 6,
};

/** Adds whole months to an ISO date; the 31st clamps to the month's last day (2025-08-31 + 6 → 2026-02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = (m - 1) + months;
  const year = y + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** An entry as stored or just checked (a FactEntry fits): its details are read as its kind's (kindedDetails). */
export interface ImpactInput {
  kind: string;
  occurredOn: string;
  details: Record<string, unknown>;
}

export interface Impact {
  /** Last day the effect runs (inclusive is the day before `until`; we store the end date itself). */
  until: string;
  months: number;
  /** Why: e.g. '党纪处分·严重警告 18个月'. */
  basis: string;
}

function measureMonths(category: string, measure: string, s: ImpactSettings): number | null {
  switch (category) {
    case '政务处分': return s.government[measure] ?? null;
    case '党纪处分': return s.party[measure] ?? null;
    case '组织处理': return s.organizational[measure] ?? null;
    case '问责':
      if (measure === '诫勉') return s.admonitionMonths;
      return null; // 组织调整 / 纪律处分 are recorded as their own entries with the measure actually taken
    default: return null;
  }
}

/** The impact period an entry carries, or null when it has none (e.g. 谈话提醒, 表彰, 一般记录). */
export function impactOf(e: ImpactInput, s: ImpactSettings = DEFAULT_IMPACT_SETTINGS): Impact | null {
  const k = kindedDetails(e.kind, e.details);
  if (k.kind === ENTRY_KIND.discipline) {
    const category = String(k.details.category ?? '');
    const measure = String(k.details.measure ?? '');
    const months = measureMonths(category, measure, s);
    if (months === null || months <= 0) return null;
    const from = typeof k.details.decisionDate === 'string' ? k.details.decisionDate : e.occurredOn;
    return { until: addMonths(from, months), months, basis: `${category}·${measure} ${months}个月` };
  }
  if (k.kind === ENTRY_KIND.admonition) {
    const form = String(k.details.form ?? '');
    const explicit = typeof k.details.impactMonths === 'number' ? k.details.impactMonths : null;
    const months = explicit ?? (form === '诫勉' ? s.admonitionMonths : null);
    if (months === null || months <= 0) return null;
    return { until: addMonths(e.occurredOn, months), months, basis: `${form} ${months}个月${explicit !== null ? '（录入值）' : ''}` };
  }
  return null;
}

/** Several periods: the latest end wins (PRODUCT §5). */
export function latestImpact(impacts: ReadonlyArray<Impact | null>): Impact | null {
  let best: Impact | null = null;
  for (const i of impacts) if (i && (!best || i.until > best.until)) best = i;
  return best;
}

/** Is the period running on `day` (ISO)? The effect ends on `until`. */
export function impactRunning(impact: Impact | null, day: string): boolean {
  return !!impact && day < impact.until;
}
