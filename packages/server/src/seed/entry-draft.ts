/**
 * What the ledger generator's parts share (seed/entries.ts for cadres, seed/team-entries.ts for teams): the
 * entry as generated, the subjects, the per-subject PRNG salts, entry ids, and `finish` (a draft → an entry,
 * with its impact period, provenance, sensitivity and 文号). Pure.
 */
import { DEPARTMENT, ENTRY_KIND, composeSummary, impactOf, type Impact } from '@jiandu/domain';
import { Rng, WeightedTable, dayOfYmd, isoOf, yearOf } from './rng.ts';
import { T } from './entry-texts.ts';
import type { SeedData, SeedOrg } from './types.ts';

export interface SeedEntry {
  id: string;
  kind: string;
  sourceDept: string;
  cadreId: string | null;
  teamId: string | null;
  orgId: string;
  regionCode: string;
  occurredOn: string;
  refNo: string | null;
  summary: string;
  outcome: string | null;
  details: Record<string, unknown>;
  impactUntil: string | null;
  impactBasis: string | null;
  sensitivity: string;
  provenance: 'form' | 'excel';
  status: 'accepted' | 'pending';
  /** ISO timestamp with offset: when it was entered (after it happened, never after asOf). */
  createdAt: string;
}

/** The window of the ledger: six years before asOf. */
export const WINDOW_YEARS = 6;
/** Share of the entries about teams (the rest are about cadres): ≈45 per team at 100 per cadre. */
export const TEAM_PER_K = 0.45;

// ---- small deterministic helpers ----

export function mix32(a: number, b: number, c: number): number {
  let h = (a ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = (h ^ Math.imul(c + 0x9e3779b9, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0x297a2d39) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
export const unit = (a: number, b: number, c: number) => mix32(a, b, c) / 4294967296;
export const SALT_CADRE = 1;
export const SALT_TEAM = 2;
export const SALT_COUNT = 3;

export const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export const round2 = (v: number) => Math.round(v * 100) / 100;

export const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
export const hex8 = (v: number) => HEX[v >>> 24]! + HEX[(v >>> 16) & 255]! + HEX[(v >>> 8) & 255]! + HEX[v & 255]!;

/** Entry ids: time-ordered (UUID version 7 layout) from a counter, so the bulk insert appends to each uuid index. */
export class EntryIds {
  private seq = 0;
  constructor(private readonly baseMs: number) {}
  next(rng: Rng): string {
    const ms = this.baseMs + this.seq++;
    const a = rng.u32();
    const b = rng.u32();
    const mid = hex8((((ms & 0xffff) << 16) | 0x7000 | (a & 0xfff)) >>> 0);
    const variant = ((a >>> 12) & 0x3fff) | 0x8000;
    return `${hex8(Math.floor(ms / 65536))}-${mid.slice(0, 4)}-${mid.slice(4)}-${HEX[variant >>> 8]}${HEX[variant & 255]}-${hex8(b)}${HEX[a >>> 26]}${HEX[(a >>> 18) & 255]}`;
  }
}

/** ISO dates of day numbers, cached (the entries of a run span a few thousand days). */
const isoCache = new Map<number, string>();
export function iso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    if (isoCache.size > 100_000) isoCache.clear();
    isoCache.set(day, (s = isoOf(day)));
  }
  return s;
}

// ---- the subjects ----

export interface CadreInfo {
  idx: number;
  id: string;
  name: string;
  orgId: string;
  regionCode: string;
  status: string;
  /** Active in the window: first and last day. */
  from: number;
  to: number;
  weight: number;
  principal: boolean;
  leader: boolean;
  /** Start days of tenures inside the window (工作变动). */
  moves: number[];
  /** Principal years (calendar years with a principal tenure) inside the window. */
  principalYears: number[];
  /** The team of the current principal post, for the acting person of a 外出报备. */
  teamId: string | null;
  /** Someone to talk to them: their team's 一把手 (name), when not themselves. */
  talker: string | null;
}

export interface TeamSubject {
  idx: number;
  id: string;
  org: SeedOrg;
  /** Current deputies (names) of the team. */
  deputies: string[];
}

// ---- making entries ----

export interface Ctx {
  data: SeedData;
  asOf: number;
  windowStart: number;
  ids: EntryIds;
  abbr: Map<string, string>;
  /** Current deputies (names) by team: the acting person of a principal's 外出报备. */
  deputies: Map<string, string[]>;
}

export interface Draft {
  kind: string;
  sourceDept: string;
  day: number;
  details: Record<string, unknown>;
  summary?: string;
  outcome?: string | null;
  refNo?: string | null;
  sensitivity?: string;
  /** Chance that it came in a spreadsheet (default by kind). */
  excel?: number;
}

const SENSITIVE: Record<string, WeightedTable<string>> = {
  [ENTRY_KIND.petition]: T([['敏感', 70], ['一般', 25], ['重要', 5]]),
  [ENTRY_KIND.discipline]: T([['敏感', 60], ['重要', 20], ['一般', 20]]),
  [ENTRY_KIND.personalReportCheck]: T([['敏感', 80], ['重要', 10], ['一般', 10]]),
  [ENTRY_KIND.ideologicalWavering]: T([['敏感', 90], ['一般', 10]]),
  [ENTRY_KIND.admonition]: T([['敏感', 50], ['一般', 50]]),
  [ENTRY_KIND.faultTolerance]: T([['敏感', 60], ['一般', 40]]),
};
/** Kinds usually arriving as a department's spreadsheet. */
const EXCEL_SHARE: Record<string, number> = { [ENTRY_KIND.annualAssessment]: 0.75, [ENTRY_KIND.integrityAssessment]: 0.7, [ENTRY_KIND.personalReportCheck]: 0.6, [ENTRY_KIND.economicAudit]: 0.6, [ENTRY_KIND.inspection]: 0.5, [ENTRY_KIND.selectionReview]: 0.7, [ENTRY_KIND.training]: 0.35, [ENTRY_KIND.judicialRecord]: 0.5 };

export function finish(ctx: Ctx, rng: Rng, d: Draft, subject: { cadreId: string | null; teamId: string | null; orgId: string; regionCode: string }): SeedEntry {
  const occurredOn = iso(d.day);
  const impact: Impact | null = impactOf({ kind: d.kind, occurredOn, details: d.details });
  const excel = rng.chance(d.excel ?? EXCEL_SHARE[d.kind] ?? 0.08);
  const created = Math.min(ctx.asOf, d.day + (excel ? rng.int(7, 40) : rng.int(0, 6)));
  const pending = d.sourceDept !== DEPARTMENT.organization && ctx.asOf - d.day <= 60 && rng.chance(0.4);
  const sens = SENSITIVE[d.kind];
  return {
    id: ctx.ids.next(rng),
    kind: d.kind, sourceDept: d.sourceDept, ...subject, occurredOn,
    refNo: d.refNo ?? null,
    summary: d.summary ?? composeSummary(d.kind, d.details),
    outcome: d.outcome ?? null,
    details: d.details,
    impactUntil: impact?.until ?? null,
    impactBasis: impact?.basis ?? null,
    sensitivity: d.sensitivity ?? (sens ? sens.pick(rng) : '一般'),
    provenance: excel ? 'excel' : 'form',
    status: pending ? 'pending' : 'accepted',
    createdAt: `${iso(created)}T${pad(rng.int(8, 17))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}+08:00`,
  };
}

/** A 文号 like 东纪处〔2024〕12号. */
export const refNo = (ctx: Ctx, rng: Rng, regionCode: string, word: string, day: number) =>
  `${ctx.abbr.get(regionCode) ?? '青'}${word}〔${yearOf(day)}〕${rng.int(1, 180)}号`;

export function rectification(rng: Rng, asOf: number, deadline: number): string {
  if (deadline < asOf) return rng.weighted([['已整改', 80], ['整改中', 13], ['未整改', 7]] as const);
  return rng.weighted([['未整改', 55], ['整改中', 45]] as const);
}

/** Years y whose annual record (held early in y + 1) falls in [from, to], newest first. */
export function annualYears(from: number, to: number, asOf: number): number[] {
  const out: number[] = [];
  for (let y = yearOf(asOf) - 1; y >= yearOf(asOf) - WINDOW_YEARS; y--) {
    const held = dayOfYmd(y + 1, 2, 15);
    if (held >= from && held <= to && dayOfYmd(y, 12, 31) >= from) out.push(y);
  }
  return out;
}

export type Add = (d: Draft) => SeedEntry | null;
