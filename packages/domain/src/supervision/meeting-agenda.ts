/**
 * The agenda of a 干部监督联席会议 compiled from what is known (issue 13 point 2), pure: facts in, subjects out.
 * A subject (a cadre or a 领导班子) is on the agenda for one or more reasons —
 *  - `entries`: ledger entries accepted in the period [since, until] (grouped by their subject);
 *  - `warnings`: open 红 / 黄 warnings;
 *  - `team_problem` (teams only): the latest 年度综合考核 grade is 一般 / 较差, or negative entries (isNegativeEntry:
 *    信访 not cleared, 处分问责, 约谈诫勉, 司法公安记录, 巡视巡察, 个报漏报瞒报, 审计发现问题, 考核一般/较差, 三重一大
 *    违规, 外出报备逾期) about the team or its members came from ≥ 2 different departments in the period;
 *  - `proposed`: a member department's proposal or a 转联席会议 follow-up not yet taken up by a meeting.
 * What each subject carries is `MeetingSubjectContent`; the entries' summaries are composed from the details
 * (never from the sealed 摘要), and a restricted (敏感 / 重要) entry only says so: every reader of a meeting sees
 * the same snapshot. `diffAgenda` says what a re-compile changes.
 */
import { ENTRY_KINDS } from '../codes/entry-kinds.ts';
import { AGENDA_REASONS, type AgendaReason } from '../codes/meetings.ts';
import { SENSITIVE_PLACEHOLDER, isRestrictedLevel } from '../access/field-policy.ts';
import type { MeetingSubjectContent } from '../contracts/meetings.ts';
import { composeSummary } from '../ledger/columns.ts';
import { isNegativeEntry } from './facts.ts';
import { addMonths } from './impact.ts';
import { addDays } from './support.ts';
import type { FactEntry } from './types.ts';

export interface AgendaEntryFact {
  id: string;
  kind: string;
  sourceDept: string;
  cadreId: string | null;
  teamId: string | null;
  occurredOn: string;
  details: Record<string, unknown>;
  sensitivity: string;
}
export interface AgendaWarningFact {
  id: string; rule: string; ruleName: string; colour: 'red' | 'yellow'; explanation: string; cadreId: string | null; teamId: string | null;
}
export interface AgendaProposalFact {
  id: string; subjectType: 'cadre' | 'team'; cadreId: string | null; teamId: string | null;
  departmentCode: string | null; departmentName: string | null; reason: string; byLogin: string | null;
}
export interface AgendaFacts {
  /** Entries accepted in the period (current version, accepted, not withdrawn), about subjects of the jurisdiction. */
  entries: readonly AgendaEntryFact[];
  /** Open 红 / 黄 warnings of the jurisdiction. */
  warnings: readonly AgendaWarningFact[];
  /** The latest 年度综合考核 of each team of the jurisdiction (any grade; the test picks 一般 / 较差). */
  teamGrades: ReadonlyMap<string, { grade: string; year: string | null }>;
  /** Current members (open tenures) of the teams of the jurisdiction: cadre id → team ids. */
  memberships: ReadonlyMap<string, readonly string[]>;
  proposals: readonly AgendaProposalFact[];
  /** Department names by code (for the team-problem sentence). */
  departmentNames: ReadonlyMap<string, string>;
}

export interface CompiledSubject {
  /** `cadre:<id>` or `team:<id>`. */
  key: string;
  subjectType: 'cadre' | 'team';
  cadreId: string | null;
  teamId: string | null;
  reasons: AgendaReason[];
  content: MeetingSubjectContent;
  /** Red warnings first, then yellow, team problems, proposals, entries only. */
  sortOrder: number;
}

/**
 * The agenda's period start when the secretary gives none: the day after the convener's previous meeting
 * held (before this one), else `months` (the half-yearly cadence) before the meeting's day.
 */
export function defaultAgendaSince(previousHeldOn: string | null, heldOn: string, months: number): string {
  return previousHeldOn ? addDays(previousHeldOn, 1) : addMonths(heldOn, -Math.max(1, Math.floor(months)));
}

export const subjectKey = (type: 'cadre' | 'team', id: string): string => `${type}:${id}`;

/** The grades of 年度综合考核 that put a team on the agenda. */
export const TEAM_PROBLEM_GRADES: readonly string[] = ['一般', '较差'];
/** Negative entries from this many different departments in the period make a team problem. */
export const TEAM_PROBLEM_SOURCES = 2;

const kindName = (code: string) => ENTRY_KINDS.find((k) => k.code === code)?.name ?? code;

/** The one-line summary of an entry everybody reading the meeting may see. */
export function agendaEntrySummary(e: Pick<AgendaEntryFact, 'kind' | 'details' | 'sensitivity'>): string {
  return isRestrictedLevel(e.sensitivity) ? SENSITIVE_PLACEHOLDER : composeSummary(e.kind, e.details);
}

export const isNegativeAgendaEntry = (e: Pick<AgendaEntryFact, 'kind' | 'details'>): boolean =>
  isNegativeEntry({ kind: e.kind, details: e.details } as unknown as FactEntry);

/**
 * Why a team has problems (empty: it has none): the latest annual grade, and the departments that reported
 * negative entries about the team or its members in the period.
 */
export function teamProblems(
  grade: { grade: string; year: string | null } | undefined,
  negatives: ReadonlyArray<Pick<AgendaEntryFact, 'sourceDept'>>,
  departmentNames: ReadonlyMap<string, string>,
): string[] {
  const out: string[] = [];
  if (grade && TEAM_PROBLEM_GRADES.includes(grade.grade)) out.push(`最近一次年度综合考核${grade.year ? `（${grade.year}年度）` : ''}等次为${grade.grade}`);
  const depts = [...new Set(negatives.map((e) => e.sourceDept))].sort();
  if (depts.length >= TEAM_PROBLEM_SOURCES) {
    out.push(`期间有${depts.length}个单位报送了负面情况（${depts.map((d) => departmentNames.get(d) ?? d).join('、')}），共${negatives.length}条`);
  }
  return out;
}

interface Builder {
  subjectType: 'cadre' | 'team'; id: string; entries: AgendaEntryFact[]; warnings: AgendaWarningFact[];
  problems: string[]; proposals: AgendaProposalFact[];
}

/** The subjects of the agenda, in their order. */
export function compileAgenda(f: AgendaFacts): CompiledSubject[] {
  const subjects = new Map<string, Builder>();
  const of = (type: 'cadre' | 'team', id: string): Builder => {
    const k = subjectKey(type, id);
    let b = subjects.get(k);
    if (!b) subjects.set(k, (b = { subjectType: type, id, entries: [], warnings: [], problems: [], proposals: [] }));
    return b;
  };
  for (const e of f.entries) {
    if (e.cadreId) of('cadre', e.cadreId).entries.push(e);
    else if (e.teamId) of('team', e.teamId).entries.push(e);
  }
  for (const w of f.warnings) {
    if (w.cadreId) of('cadre', w.cadreId).warnings.push(w);
    else if (w.teamId) of('team', w.teamId).warnings.push(w);
  }
  // Teams with problems: the grade, or negative entries about the team or its current members from ≥ 2 departments.
  const negativesByTeam = new Map<string, AgendaEntryFact[]>();
  const addNegative = (teamId: string, e: AgendaEntryFact) => {
    const list = negativesByTeam.get(teamId) ?? [];
    if (!list.includes(e)) list.push(e);
    negativesByTeam.set(teamId, list);
  };
  for (const e of f.entries) {
    if (!isNegativeAgendaEntry(e)) continue;
    if (e.teamId && !e.cadreId) addNegative(e.teamId, e);
    if (e.cadreId) for (const t of f.memberships.get(e.cadreId) ?? []) addNegative(t, e);
  }
  for (const teamId of new Set([...f.teamGrades.keys(), ...negativesByTeam.keys()])) {
    const problems = teamProblems(f.teamGrades.get(teamId), negativesByTeam.get(teamId) ?? [], f.departmentNames);
    if (problems.length) of('team', teamId).problems.push(...problems);
  }
  for (const p of f.proposals) {
    const id = p.subjectType === 'cadre' ? p.cadreId : p.teamId;
    if (id) of(p.subjectType, id).proposals.push(p);
  }
  const out: CompiledSubject[] = [];
  for (const [key, b] of subjects) {
    const reasons = AGENDA_REASONS.filter((r) =>
      r === 'entries' ? b.entries.length > 0 : r === 'warnings' ? b.warnings.length > 0 : r === 'team_problem' ? b.problems.length > 0 : b.proposals.length > 0);
    const entries = [...b.entries].sort((x, y) => x.occurredOn.localeCompare(y.occurredOn) || x.id.localeCompare(y.id));
    const warnings = [...b.warnings].sort((x, y) => (x.colour === y.colour ? 0 : x.colour === 'red' ? -1 : 1) || x.rule.localeCompare(y.rule) || x.id.localeCompare(y.id));
    const proposals = [...b.proposals].sort((x, y) => x.id.localeCompare(y.id));
    const content: MeetingSubjectContent = {
      entries: entries.map((e) => ({ id: e.id, kind: e.kind, kindName: kindName(e.kind), date: e.occurredOn, summary: agendaEntrySummary(e), departmentCode: e.sourceDept })),
      warnings: warnings.map((w) => ({ id: w.id, rule: w.rule, ruleName: w.ruleName, colour: w.colour, explanation: w.explanation })),
      teamProblems: b.problems,
      proposals: proposals.map((p) => ({ id: p.id, departmentCode: p.departmentCode, departmentName: p.departmentName, reason: p.reason, byLogin: p.byLogin })),
    };
    const sortOrder = warnings.some((w) => w.colour === 'red') ? 0 : warnings.length ? 1 : b.problems.length ? 2 : proposals.length ? 3 : 4;
    out.push({ key, subjectType: b.subjectType, cadreId: b.subjectType === 'cadre' ? b.id : null, teamId: b.subjectType === 'team' ? b.id : null, reasons, content, sortOrder });
  }
  return out.sort((a, b) => a.sortOrder - b.sortOrder || a.key.localeCompare(b.key));
}

/** JSON with object keys sorted (a jsonb column gives keys back in its own order). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** A subject as the previous compile left it. */
export interface StoredSubject {
  id: string;
  key: string;
  reasons: readonly string[];
  content: unknown;
  droppedVersion: number | null;
  removed: boolean;
}

export interface AgendaDiff {
  /** New subjects, and dropped ones that qualify again. */
  insert: CompiledSubject[];
  requalified: Array<{ id: string; next: CompiledSubject }>;
  changed: Array<{ id: string; next: CompiledSubject }>;
  /** Subjects that no longer qualify (kept, marked dropped). */
  dropped: StoredSubject[];
  /** Keys for the names of the diff (the secretary's removed subjects are not counted). */
  addedKeys: string[];
  changedKeys: string[];
  droppedKeys: string[];
}

/** What a re-compile changes against the stored agenda. */
export function diffAgenda(stored: readonly StoredSubject[], next: readonly CompiledSubject[]): AgendaDiff {
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const nextKeys = new Set(next.map((n) => n.key));
  const d: AgendaDiff = { insert: [], requalified: [], changed: [], dropped: [], addedKeys: [], changedKeys: [], droppedKeys: [] };
  for (const n of next) {
    const s = byKey.get(n.key);
    if (!s) {
      d.insert.push(n);
      d.addedKeys.push(n.key);
    } else if (s.droppedVersion !== null) {
      d.requalified.push({ id: s.id, next: n });
      if (!s.removed) d.addedKeys.push(n.key);
    } else if (canonicalJson(s.content) !== canonicalJson(n.content) || canonicalJson([...s.reasons].sort()) !== canonicalJson([...n.reasons].sort())) {
      d.changed.push({ id: s.id, next: n });
      if (!s.removed) d.changedKeys.push(n.key);
    }
  }
  for (const s of stored) {
    if (s.droppedVersion === null && !nextKeys.has(s.key)) {
      d.dropped.push(s);
      if (!s.removed) d.droppedKeys.push(s.key);
    }
  }
  return d;
}
