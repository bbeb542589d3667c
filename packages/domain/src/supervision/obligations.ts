/**
 * Obligations (PRODUCT §4.1–4.3, §5, §6): 谈心谈话 after a trigger, the 一把手's yearly systematic training,
 * the team's yearly research, the convener's joint meeting per period, the 督办事项 a joint meeting gives. Triggers before
 * settings.obligationsStartOn raise nothing. Each builder adds the days its result may change on to `horizon`.
 */
import { ENTRY_KIND } from '../codes/entry-kinds.ts';
import { ruleName } from './catalog.ts';
import { addMonths } from './impact.ts';
import { addDays, day, firstCurrentDay, isCurrent, isKind, str, yearOf, type Horizon } from './support.ts';
import type { ConvenerFacts, FactEntry, FactMeetingTask, FactTenure, ObligationFinding, ObligationState, RuleSettings, TalkFollowup } from './types.ts';

export function obligationState(o: Pick<ObligationFinding, 'dueOn' | 'doneOn'>, asOf: string): ObligationState {
  if (o.doneOn) return 'done';
  return asOf > o.dueOn ? 'overdue' : 'pending';
}

function watchState(o: ObligationFinding, horizon: Horizon): void {
  if (!o.doneOn) horizon.at(addDays(o.dueOn, 1));
}

interface Trigger { key: string; on: string; what: string; evidence: string[] }

/**
 * 谈心谈话: each change of post (a tenure's start, and its end once reached), each uncleared 信访 and each
 * 思想波动 mark, and each 谈话提醒 chosen as a warning's 处置 (from its day), asks for a talk within talkDueDays;
 * the first talk on or after the trigger fulfils it. `tenures` are those started by asOf, `entries` the
 * effective ones (oldest first).
 */
export function talkObligations(
  cadreId: string, tenures: readonly FactTenure[], entries: readonly FactEntry[], s: RuleSettings, asOf: string, horizon: Horizon,
  followups: readonly TalkFollowup[] = [],
): ObligationFinding[] {
  const triggers: Trigger[] = [];
  for (const t of tenures) {
    triggers.push({ key: `tenure:${t.id}:start`, on: t.startDate, what: `工作变动（任${t.title}，${t.startDate}）`, evidence: [] });
    if (t.endDate !== null && t.endDate <= asOf) {
      triggers.push({ key: `tenure:${t.id}:end`, on: t.endDate, what: `工作变动（不再担任${t.title}，${t.endDate}）`, evidence: [] });
    }
  }
  for (const e of entries) {
    if (e.kind === ENTRY_KIND.petition) {
      triggers.push({ key: `entry:${e.id}`, on: e.occurredOn, what: `群众反映（信访举报，${e.occurredOn}）`, evidence: [e.id] });
    } else if (e.kind === ENTRY_KIND.ideologicalWavering) {
      const situation = str(e.details.situation);
      triggers.push({ key: `entry:${e.id}`, on: e.occurredOn, what: `思想波动（${situation ? `${situation}，` : ''}${e.occurredOn}）`, evidence: [e.id] });
    }
  }
  for (const f of followups) {
    if (f.on > asOf) {
      horizon.at(f.on);
      continue;
    }
    triggers.push({ key: `followup:${f.id}`, on: f.on, what: `预警谈话提醒（${f.note?.trim() || ruleName(f.rule)}，${f.on}）`, evidence: [] });
  }
  const talks = entries.filter((e) => isKind(e, ENTRY_KIND.heartTalk));
  const out: ObligationFinding[] = [];
  for (const t of triggers.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.key < b.key ? -1 : 1))) {
    if (t.on < s.obligationsStartOn) continue;
    const talk = talks.find((e) => e.occurredOn >= t.on);
    const o: ObligationFinding = {
      type: 'talk', subjectType: 'cadre', subjectId: cadreId, key: t.key,
      title: `${t.what}后${s.talkDueDays}日内开展谈心谈话`,
      triggeredOn: t.on, dueOn: addDays(t.on, s.talkDueDays),
      doneBy: talk?.id ?? null, doneOn: talk?.occurredOn ?? null, evidence: t.evidence,
    };
    watchState(o, horizon);
    out.push(o);
  }
  return out;
}

/**
 * Calendar years from the start of obligations to asOf's year, with the first day (≥ obligationsStartOn,
 * ≤ asOf) in each on which one of `tenures` is current. While one is current, the next 1 January (and the
 * start of obligations, if still ahead) may add a year.
 */
function yearsHeld(tenures: readonly FactTenure[], s: RuleSettings, asOf: string, horizon: Horizon): Array<{ year: number; from: string }> {
  const out: Array<{ year: number; from: string }> = [];
  for (let year = yearOf(s.obligationsStartOn); year <= yearOf(asOf); year++) {
    const start = `${year}-01-01` > s.obligationsStartOn ? `${year}-01-01` : s.obligationsStartOn;
    const end = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
    if (start > end) continue;
    const from = firstCurrentDay(tenures, start, end);
    if (from) out.push({ year, from });
  }
  if (tenures.some((t) => isCurrent(t, asOf))) {
    horizon.at(`${yearOf(asOf) + 1}-01-01`);
    horizon.at(s.obligationsStartOn);
  }
  return out;
}

/** 一把手年度系统培训: for each year in which the cadre held a 一把手 post, one systematic training in that year. */
export function trainingObligations(
  cadreId: string, tenures: readonly FactTenure[], entries: readonly FactEntry[], s: RuleSettings, asOf: string, horizon: Horizon,
): ObligationFinding[] {
  const principal = tenures.filter((t) => t.isPrincipal);
  const trainings = entries.filter((e) => isKind(e, ENTRY_KIND.training))
    .filter((e) => s.systematicTrainingTypes.includes(str(e.details.trainingType)));
  return yearsHeld(principal, s, asOf, horizon).map(({ year, from }) => {
    const done = trainings.find((e) => yearOf(e.occurredOn) === year);
    const o: ObligationFinding = {
      type: 'training', subjectType: 'cadre', subjectId: cadreId, key: String(year),
      title: `${year}年度一把手至少参加1次系统培训（${s.systematicTrainingTypes.join('、')}）`,
      triggeredOn: from, dueOn: `${year}-12-31`, doneBy: done?.id ?? null, doneOn: done?.occurredOn ?? null, evidence: [],
    };
    watchState(o, horizon);
    return o;
  });
}

/** 年度调研全覆盖: for each year in which the team had a member, at least one 调研 of the team in that year. */
export function researchObligations(
  teamId: string, teamName: string, tenures: readonly FactTenure[], entries: readonly FactEntry[], s: RuleSettings, asOf: string, horizon: Horizon,
): ObligationFinding[] {
  const research = entries.filter((e) => isKind(e, ENTRY_KIND.research));
  return yearsHeld(tenures, s, asOf, horizon).map(({ year, from }) => {
    const done = research.find((e) => yearOf(e.occurredOn) === year);
    const o: ObligationFinding = {
      type: 'research', subjectType: 'team', subjectId: teamId, key: String(year),
      title: `${year}年度对${teamName}至少开展1次调研（全覆盖综合调研）`,
      triggeredOn: from, dueOn: `${year}-12-31`, doneBy: done?.id ?? null, doneOn: done?.occurredOn ?? null, evidence: [],
    };
    watchState(o, horizon);
    return o;
  });
}

const QUARTERS = ['一', '二', '三', '四'];

/** Key and title of a joint-meeting period starting on `start` (periods are aligned to 1 January). */
function periodName(start: string, end: string, months: number): { key: string; title: string } {
  const year = yearOf(start);
  const index = Math.floor((Number(start.slice(5, 7)) - 1) / months) + 1;
  if (12 % months !== 0) return { key: `${start}~${end}`, title: `${start}至${end}期间` };
  if (months === 12) return { key: String(year), title: `${year}年度` };
  if (months === 6) return { key: `${year}H${index}`, title: `${year}年${index === 1 ? '上' : '下'}半年` };
  if (months === 3) return { key: `${year}Q${index}`, title: `${year}年第${QUARTERS[index - 1]}季度` };
  if (months === 1) return { key: start.slice(0, 7), title: `${year}年${index}月` };
  return { key: `${year}P${index}`, title: `${start}至${end}期间` };
}

/**
 * 干部监督联席会议: one meeting per period of jointMeetingMonths (6 → 上半年 / 下半年), for the periods that
 * overlap [obligationsStartOn, asOf]; a meeting held within the period fulfils it.
 */
export function jointMeetingObligations(f: ConvenerFacts, s: RuleSettings, asOf: string, horizon: Horizon): ObligationFinding[] {
  const months = Math.max(1, Math.floor(s.jointMeetingMonths));
  const base = `${yearOf(s.obligationsStartOn)}-01-01`;
  const meetings = f.meetings.filter((m) => day(m.heldOn) !== null && m.heldOn <= asOf)
    .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : a.id < b.id ? -1 : 1));
  const out: ObligationFinding[] = [];
  for (let k = 0; ; k++) {
    const start = addMonths(base, k * months);
    if (start > asOf) {
      horizon.at(start);
      break;
    }
    const end = addDays(addMonths(base, (k + 1) * months), -1);
    if (end < s.obligationsStartOn) continue;
    const held = meetings.find((m) => m.heldOn >= start && m.heldOn <= end);
    const name = periodName(start, end, months);
    const o: ObligationFinding = {
      type: 'joint_meeting', subjectType: 'convener', subjectId: f.convener.id, key: name.key,
      title: `${name.title}召开干部监督联席会议`,
      triggeredOn: start > s.obligationsStartOn ? start : s.obligationsStartOn, dueOn: end,
      doneBy: held?.id ?? null, doneOn: held?.heldOn ?? null, evidence: [],
    };
    watchState(o, horizon);
    out.push(o);
  }
  return out;
}

/**
 * 联席会议督办事项 (PRODUCT §6): each task about the subject is due on its deadline; it is done when 销号 (its
 * closed day) or when the ledger record linked to it fulfils it (that record's day), whichever comes first.
 * Its start is the meeting's day; obligationsStartOn does not apply (the meeting itself decided it).
 */
export function meetingTaskObligations(
  subjectType: 'cadre' | 'team', subjectId: string, tasks: readonly FactMeetingTask[], horizon: Horizon,
): ObligationFinding[] {
  return tasks.map((t) => {
    const done = [t.closedOn ? { by: t.id, on: t.closedOn } : null, t.fulfilledBy && t.fulfilledOn ? { by: t.fulfilledBy, on: t.fulfilledOn } : null]
      .filter((x): x is { by: string; on: string } => x !== null)
      .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))[0];
    const o: ObligationFinding = {
      type: 'meeting_task', subjectType, subjectId, key: `task:${t.id}`,
      title: `${t.meetingTitle}（${t.heldOn}）督办事项：${t.conclusionName}，由${t.departmentName}于${t.deadline}前办结`,
      triggeredOn: t.heldOn < t.deadline ? t.heldOn : t.deadline, dueOn: t.deadline,
      doneBy: done?.by ?? null, doneOn: done?.on ?? null, evidence: t.fulfilledBy ? [t.fulfilledBy] : [],
    };
    watchState(o, horizon);
    return o;
  });
}
