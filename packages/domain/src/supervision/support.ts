/**
 * Internal helpers of the rules engine (not exported from the package): day arithmetic, windows, the
 * next-review horizon, narrowing entries by kind and reading stored details tolerantly (str, num, day), and the
 * Chinese names used in explanations.
 */
import { DEFAULT_DEPARTMENTS } from '../codes/departments.ts';
import { ENTRY_KINDS } from '../codes/entry-kinds.ts';
import type { EntryDetails, KindCode } from '../ledger/kinds.ts';
import { addMonths } from './impact.ts';
import type { Colour, FactEntry, FactEntryOf, FactTenure, RuleSettings, WarningFinding } from './types.ts';

/** ISO day + n days (n may be negative). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/**
 * A window of `months` counted from a fact's day: the fact counts from its day through the day before
 * addMonths(day, months) — the same convention as impact periods (it has left the window on that day).
 */
export function inWindow(day: string, months: number, asOf: string): boolean {
  return day <= asOf && asOf < addMonths(day, months);
}

/**
 * Collects the days on which re-running with the same facts could give another result; `next` is the
 * earliest strictly after asOf. Rules add every such day they depend on (conservative is safe, missing is not).
 */
export class Horizon {
  private best: string | null = null;
  constructor(readonly asOf: string) {}
  at(day: string | null | undefined): void {
    if (day && day > this.asOf && (this.best === null || day < this.best)) this.best = day;
  }
  get next(): string | null {
    return this.best;
  }
}

export function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;
export function day(v: unknown): string | null {
  return typeof v === 'string' && ISO_DAY.test(v) ? v : null;
}

export function byDateThenId(a: { occurredOn: string; id: string }, b: { occurredOn: string; id: string }): number {
  return a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function datesOf(entries: readonly FactEntry[]): string {
  return entries.map((e) => e.occurredOn).join('、');
}

export function kindName(kind: string): string {
  return ENTRY_KINDS.find((k) => k.code === kind)?.name ?? kind;
}

/** Narrows an entry to one kind, so its details read as that kind's (for filters: `entries.filter((e) => isKind(e, K))`). */
export function isKind<K extends KindCode>(e: FactEntry, kind: K): e is FactEntryOf<K> {
  return e.kind === kind;
}

export function deptName(code: string): string {
  return DEFAULT_DEPARTMENTS.find((d) => d.code === code)?.name ?? code;
}

/** A tenure counts as current on asOf when it has started and its end (if any) is after asOf. */
export function isCurrent(t: FactTenure, asOf: string): boolean {
  return t.startDate <= asOf && (t.endDate === null || t.endDate > asOf);
}

/** The first day in [from, to] on which one of the tenures is current, or null. */
export function firstCurrentDay(tenures: readonly FactTenure[], from: string, to: string): string | null {
  let best: string | null = null;
  for (const t of tenures) {
    if (t.startDate > to || (t.endDate !== null && t.endDate <= from)) continue;
    const d = t.startDate > from ? t.startDate : from;
    if (best === null || d < best) best = d;
  }
  return best;
}

/** Kinds whose details name the year they are about (考核, 个报查核, 一报告两评议). */
export type YearlyKind = { [K in KindCode]: EntryDetails<K> extends { year: number } ? K : never }[KindCode];

/** The entry of `kind` with the highest details.year (then latest day, then id), if its year ≥ asOf's year − 1. */
export function latestRecentYearly<K extends YearlyKind>(
  entries: readonly FactEntry[], kind: K, asOf: string,
): { entry: FactEntryOf<K>; year: number } | null {
  let best: { entry: FactEntryOf<K>; year: number } | null = null;
  for (const e of entries) {
    if (!isKind(e, kind)) continue;
    const yearly: FactEntryOf<YearlyKind> = e;
    const year = num(yearly.details.year);
    if (year === null) continue;
    if (!best || year > best.year || (year === best.year && byDateThenId(best.entry, e) < 0)) best = { entry: e, year };
  }
  return best && best.year >= yearOf(asOf) - 1 ? best : null;
}

/** What a rule sees: the subject's effective entries (oldest first), its tenures started by asOf, the settings. */
export interface RuleContext {
  subjectType: 'cadre' | 'team';
  subjectId: string;
  entries: readonly FactEntry[];
  tenures: readonly FactTenure[];
  s: RuleSettings;
  asOf: string;
  horizon: Horizon;
}

export function finding(
  ctx: RuleContext, rule: string, colour: Colour, key: string, evidence: string[], explanation: string, until: string | null,
): WarningFinding {
  return { rule, colour, subjectType: ctx.subjectType, subjectId: ctx.subjectId, key, evidence, explanation, until };
}

export function fractionText(f: number): string {
  const named: Array<[number, string]> = [[1 / 2, '二分之一'], [1 / 3, '三分之一'], [1 / 4, '四分之一'], [1 / 5, '五分之一'], [1 / 10, '十分之一']];
  const hit = named.find(([v]) => Math.abs(v - f) < 1e-9);
  return hit ? hit[1] : `${Math.round(f * 1000) / 10}%`;
}
